package audio

import (
	"encoding/binary"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// Parallel Vorbis decoding. A Vorbis packet's output depends only on the
// previous packet (the window overlap), so a run of packets decodes on a
// restarted decoder primed with the packet before it, bit-identical to a
// sequential decode (tested). The start and end trims are the same as
// vorbisDecoder's: settled from the first granule page, capped at the last
// granule. Decoders (their unpacked codebooks) are reused from run to run.

const vorbisRunPackets = 256

type vorbisParallel struct {
	runs     *orderedRuns[int16]
	codecs   codecPool
	ch, sr   int
	sizes    []int32 // output frames of each packet of run 0, set by its worker
	settle   int     // packets through the first granule page
	settleGr int64
	settleEO bool
	lastGr   int64
	settled  bool
	skip     int64
	total    int64
	emitted  int64
	est      int64
}

// newVorbisParallel parses every page; nil when the stream is small,
// chained or unusual (the sequential decoder then runs).
func newVorbisParallel(data []byte) *vorbisParallel {
	if runtime.NumCPU() < 2 || len(data) < 1<<18 {
		return nil
	}
	var (
		packets [][]byte
		pkt     []byte
		serial  uint32
		headers [][]byte
		settle  = -1
		p       = &vorbisParallel{total: -1}
	)
	for off := 0; off < len(data); {
		b := data[off:]
		if len(b) < 27 || string(b[:4]) != "OggS" || b[4] != 0 {
			return nil
		}
		nseg := int(b[26])
		if len(b) < 27+nseg {
			return nil
		}
		segs := b[27 : 27+nseg]
		size := 0
		for _, s := range segs {
			size += int(s)
		}
		if len(b) < 27+nseg+size {
			return nil
		}
		s := binary.LittleEndian.Uint32(b[14:])
		if off == 0 {
			serial = s
		} else if s != serial {
			return nil // chained or multiplexed
		}
		gr := int64(binary.LittleEndian.Uint64(b[6:]))
		eos := b[5]&4 != 0
		if b[5]&1 == 0 {
			pkt = nil
		}
		body := b[27+nseg : 27+nseg+size]
		q := 0
		for _, sg := range segs {
			pkt = append(pkt, body[q:q+int(sg)]...)
			q += int(sg)
			if sg < 255 {
				if len(headers) < 3 {
					headers = append(headers, pkt)
				} else if len(pkt) > 0 {
					packets = append(packets, pkt)
				}
				pkt = nil
			}
		}
		if len(headers) == 3 && settle < 0 && gr != -1 && len(packets) >= 2 {
			settle, p.settleGr, p.settleEO = len(packets), gr, eos
		}
		if gr > 0 {
			p.lastGr = gr
		}
		off += 27 + nseg + size
	}
	if len(headers) < 3 || settle < 0 || len(packets) < 2*vorbisRunPackets {
		return nil
	}
	p.codecs.headers = headers
	probe, err := p.codecs.get()
	if err != nil {
		p.codecs.close()
		return nil
	}
	p.ch, p.sr, p.settle, p.est = probe.Channels(), probe.SampleRate(), settle, p.lastGr
	p.codecs.put(probe)
	if p.lastGr > maxFrames(p.sr) {
		p.codecs.close()
		return nil // refused by decodeAll: start no workers for it
	}
	runLen := max(vorbisRunPackets, settle)
	n := (len(packets) + runLen - 1) / runLen
	decode := func(i int, recycled []int16) ([]int16, error) {
		d, err := p.codecs.get()
		if err != nil {
			return nil, fmt.Errorf("ogg vorbis: %w", err)
		}
		defer p.codecs.put(d)
		a := i * runLen
		b := min(a+runLen, len(packets))
		buf := make([]int16, d.BufferSize())
		if a > 0 {
			if _, err := d.DecodeInto(packets[a-1], buf); err != nil {
				return nil, fmt.Errorf("ogg vorbis: %w", err)
			}
		}
		out := recycled[:0]
		var sizes []int32
		for k := a; k < b; k++ {
			s, err := d.DecodeInto(packets[k], buf)
			if err != nil {
				return nil, fmt.Errorf("ogg vorbis: %w", err)
			}
			out = append(out, s...)
			if i == 0 {
				sizes = append(sizes, int32(len(s)/p.ch))
			}
		}
		if i == 0 {
			p.sizes = sizes
		}
		return out, nil
	}
	p.runs = newOrderedRuns(n, decode)
	return p
}

func (p *vorbisParallel) rate() int        { return p.sr }
func (p *vorbisParallel) channels() int    { return p.ch }
func (p *vorbisParallel) estFrames() int64 { return p.est }

// Close stops the workers (each frees its codec once its run is done).
func (p *vorbisParallel) Close() error {
	p.runs.stop()
	p.codecs.close()
	return nil
}

// codecPool keeps decoders that have read the stream's headers, restarted
// for each run.
type codecPool struct {
	headers [][]byte
	mu      sync.Mutex
	free    []*vorbisCodec
	closed  bool
}

func (cp *codecPool) get() (*vorbisCodec, error) {
	cp.mu.Lock()
	if k := len(cp.free); k > 0 {
		c := cp.free[k-1]
		cp.free = cp.free[:k-1]
		cp.mu.Unlock()
		return c, c.Restart()
	}
	cp.mu.Unlock()
	c, err := newVorbisCodec()
	if err != nil {
		return nil, err
	}
	for _, h := range cp.headers {
		if err := readVorbisHeader(c, h); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

func (cp *codecPool) put(c *vorbisCodec) {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	if cp.closed {
		c.Close()
		return
	}
	cp.free = append(cp.free, c)
}

func (cp *codecPool) close() {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	cp.closed = true
	for _, c := range cp.free {
		c.Close()
	}
	cp.free = nil
}

func (p *vorbisParallel) read(buf []int16) (int, error) {
	for {
		if p.total >= 0 && p.emitted >= p.total {
			return 0, io.EOF
		}
		n, err := p.runs.read(buf)
		if err != nil {
			return 0, err
		}
		if !p.settled {
			// Run 0 is ready now: settle the trims as vorbisDecoder does.
			p.settled = true
			var produced int64
			for _, s := range p.sizes[:p.settle] {
				produced += int64(s)
			}
			g0 := int64(0)
			if produced > p.settleGr && !p.settleEO {
				p.skip = produced - p.settleGr
			} else {
				g0 = p.settleGr - produced
			}
			if p.lastGr > g0 {
				p.total = p.lastGr - g0
			}
		}
		frames := int64(n / p.ch)
		start := int64(0)
		if p.skip > 0 {
			start = min(p.skip, frames)
			p.skip -= start
		}
		if start > 0 {
			copy(buf, buf[start*int64(p.ch):n])
			frames -= start
		}
		if p.total >= 0 && p.emitted+frames > p.total {
			frames = p.total - p.emitted
		}
		p.emitted += frames
		if frames > 0 {
			return int(frames) * p.ch, nil
		}
	}
}
