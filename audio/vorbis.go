package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
)

// vorbisDecoder reads Ogg pages itself and decodes packets with libvorbis
// (vorbisCodec). The trims follow the granule positions as libvorbisfile
// does: the first audio page's granule says how much of the first decoded
// audio to drop, the last page's granule says where the stream ends.
type vorbisDecoder struct {
	data   []byte
	off    int // next page
	serial uint32
	dec    *vorbisCodec
	ch, sr int

	pkt     []byte   // packet being assembled across pages
	queue   [][]byte // complete packets of the current page
	pageGr  int64    // granule of the current page
	pageEOS bool

	started   bool  // first audio page seen (start trim settled)
	produced  int64 // frames decoded so far (before trims)
	emitted   int64 // frames handed out
	total     int64 // frames to hand out, -1 until the last page is known
	skip      int64 // frames still to drop at the start
	pend      []int16
	pendPages [][]int16 // decoded output held back until the first granule
	pkBuf     []int16   // DecodeInto's buffer, reused
	outBuf    []int16   // one page's output, reused
	pendBuf   []int16   // backing of pend, reused
	est       int64
	lastGr    int64 // granule of the stream's last page, 0 when unknown
	g0        int64 // granule of the first emitted frame
	done      bool
}

var errOggPage = errors.New("ogg: bad page")

// nextPage parses the page at d.off into d.queue, assembling packets.
func (d *vorbisDecoder) nextPage() error {
	b := d.data[d.off:]
	if len(b) == 0 {
		return io.EOF
	}
	if len(b) < 27 || string(b[:4]) != "OggS" || b[4] != 0 {
		return errOggPage
	}
	nseg := int(b[26])
	if len(b) < 27+nseg {
		return io.ErrUnexpectedEOF
	}
	segs := b[27 : 27+nseg]
	size := 0
	for _, s := range segs {
		size += int(s)
	}
	if len(b) < 27+nseg+size {
		return io.ErrUnexpectedEOF
	}
	serial := binary.LittleEndian.Uint32(b[14:])
	body := b[27+nseg : 27+nseg+size]
	d.off += 27 + nseg + size
	if d.serial != 0 && serial != d.serial {
		return nil // another logical stream: skip
	}
	d.serial = serial
	d.pageGr = int64(binary.LittleEndian.Uint64(b[6:]))
	d.pageEOS = b[5]&4 != 0
	if b[5]&1 == 0 {
		d.pkt = d.pkt[:0] // not a continuation: drop any dangling packet
	}
	p := 0
	for _, s := range segs {
		d.pkt = append(d.pkt, body[p:p+int(s)]...)
		p += int(s)
		if s < 255 {
			d.queue = append(d.queue, d.pkt)
			d.pkt = nil
		}
	}
	return nil
}

// lastGranule finds the granule of the stream's last page.
func lastGranule(data []byte, serial uint32) int64 {
	for i := len(data) - 27; i >= 0 && i > len(data)-1<<17; i-- {
		if data[i] == 'O' && string(data[i:i+4]) == "OggS" && data[i+4] == 0 && binary.LittleEndian.Uint32(data[i+14:]) == serial {
			g := int64(binary.LittleEndian.Uint64(data[i+6:]))
			if g > 0 {
				return g
			}
		}
	}
	return 0
}

func newVorbisDecoder(data []byte) (d *vorbisDecoder, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("ogg vorbis: decoder failed on the headers: %v", p)
		}
	}()
	codec, err := newVorbisCodec()
	if err != nil {
		return nil, err
	}
	d = &vorbisDecoder{data: data, total: -1, dec: codec}
	defer func() {
		if err != nil {
			codec.Close()
		}
	}()
	for h := 0; h < 3; {
		if len(d.queue) == 0 {
			if err := d.nextPage(); err != nil {
				return nil, fmt.Errorf("ogg vorbis: reading headers: %w", err)
			}
			continue
		}
		pk := d.queue[0]
		d.queue = d.queue[1:]
		if err := readVorbisHeader(d.dec, pk); err != nil {
			return nil, fmt.Errorf("ogg vorbis: %w", err)
		}
		h++
	}
	d.ch, d.sr = d.dec.Channels(), d.dec.SampleRate()
	if d.ch < 1 || d.sr < 1 {
		return nil, fmt.Errorf("ogg vorbis: bad stream header")
	}
	d.queue = d.queue[:0] // audio starts on a fresh page
	d.lastGr = lastGranule(data, d.serial)
	d.est = d.lastGr
	return d, nil
}

// readVorbisHeader gives header packet pk to dec after checking what the
// decoder would otherwise trust: a count or a length the packet cannot hold
// is refused here (see checkVorbisSetup). jfreymuth/vorbis, the decoder
// before libvorbis, allocated a comment table as long as the comment
// header's count claimed and codebook tables as large as the setup header's
// counts; libvorbis checks them itself, and these checks stay in front of it
// as one sentence for such a file, whatever decoder reads it.
func readVorbisHeader(dec *vorbisCodec, pk []byte) error {
	if len(pk) >= 7 && string(pk[1:7]) == "vorbis" {
		switch pk[0] {
		case 3:
			if err := checkVorbisComments(pk[7:]); err != nil {
				return err
			}
		case 5:
			if err := checkVorbisSetup(pk[7:]); err != nil {
				return err
			}
		}
	}
	return dec.ReadHeader(pk)
}

// errVorbisComments reports a comment header whose lengths overrun it.
var errVorbisComments = errors.New("vorbis: the comment header claims more than it holds")

// checkVorbisComments checks that every length in the comment header body
// h (vendor string, comment count, comments) fits in h.
func checkVorbisComments(h []byte) error {
	le := binary.LittleEndian
	if len(h) < 4 {
		return errVorbisComments
	}
	n := uint64(le.Uint32(h))
	h = h[4:]
	if n > uint64(len(h)) {
		return errVorbisComments
	}
	h = h[n:]
	if len(h) < 4 {
		return errVorbisComments
	}
	count := uint64(le.Uint32(h))
	h = h[4:]
	if count > uint64(len(h))/4 {
		return errVorbisComments
	}
	for range count {
		if len(h) < 4 {
			return errVorbisComments
		}
		n := uint64(le.Uint32(h))
		h = h[4:]
		if n > uint64(len(h)) {
			return errVorbisComments
		}
		h = h[n:]
	}
	return nil
}

// Close frees the codec.
func (d *vorbisDecoder) Close() error {
	d.dec.Close()
	return nil
}

func (d *vorbisDecoder) rate() int        { return d.sr }
func (d *vorbisDecoder) channels() int    { return d.ch }
func (d *vorbisDecoder) estFrames() int64 { return d.est }

// errDecoderPanic marks a recovered decoder panic.
type errDecoderPanic struct{ v any }

func (e errDecoderPanic) Error() string {
	return fmt.Sprintf("the decoder failed on damaged data: %v", e.v)
}

// decodePage decodes every packet of the next page and settles the trims.
func (d *vorbisDecoder) decodePage() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errDecoderPanic{p}
		}
	}()
	if err := d.nextPage(); err != nil {
		return err
	}
	if d.pkBuf == nil {
		d.pkBuf = make([]int16, d.dec.BufferSize())
	}
	out := d.outBuf[:0]
	for _, pk := range d.queue {
		if len(pk) == 0 {
			continue
		}
		s, err := d.dec.DecodeInto(pk, d.pkBuf)
		if err != nil {
			return fmt.Errorf("ogg vorbis: %w", err)
		}
		out = append(out, s...)
	}
	d.outBuf = out
	d.queue = d.queue[:0]
	d.produced += int64(len(out) / d.ch)
	if !d.started {
		d.pendPages = append(d.pendPages, slices.Clone(out))
		if d.pageGr == -1 || d.produced == 0 {
			return nil
		}
		d.started = true
		if d.produced > d.pageGr && !d.pageEOS {
			d.skip = d.produced - d.pageGr // start trim, as libvorbis
		} else {
			d.g0 = d.pageGr - d.produced
		}
		if d.lastGr > d.g0 {
			d.total = d.lastGr - d.g0
		}
		for _, p := range d.pendPages {
			d.emit(p)
		}
		d.pendPages = nil
	} else {
		d.emit(out)
	}
	// Some real files mark several trailing pages end-of-stream: the
	// stream ends at the last page of this serial number.
	if d.off >= len(d.data) || (d.pageEOS && !d.morePagesOfSerial()) {
		d.finish()
	}
	return nil
}

// morePagesOfSerial reports whether the next page belongs to this stream.
func (d *vorbisDecoder) morePagesOfSerial() bool {
	b := d.data[d.off:]
	return len(b) >= 27 && string(b[:4]) == "OggS" && binary.LittleEndian.Uint32(b[14:]) == d.serial
}

// emit queues decoded frames after the start trim.
func (d *vorbisDecoder) emit(s []int16) {
	n := int64(len(s) / d.ch)
	if d.skip > 0 {
		k := min(d.skip, n)
		s = s[k*int64(d.ch):]
		d.skip -= k
	}
	if len(d.pend) == 0 {
		d.pend = d.pendBuf[:0]
	}
	d.pend = append(d.pend, s...)
	d.pendBuf = d.pend
}

// finish ends the stream at its last granule (the cap in read does the
// cutting, known from the start since the file is in memory).
func (d *vorbisDecoder) finish() { d.done = true }

func (d *vorbisDecoder) read(buf []int16) (int, error) {
	for len(d.pend) == 0 {
		if d.done {
			return 0, io.EOF
		}
		if err := d.decodePage(); err != nil {
			if err == io.EOF {
				if !d.started {
					for _, p := range d.pendPages {
						d.emit(p)
					}
					d.pendPages = nil
					d.started = true
				}
				d.done = true
				continue
			}
			return 0, err
		}
	}
	n := copy(buf, d.pend)
	n -= n % d.ch
	if d.total >= 0 && d.emitted+int64(n/d.ch) >= d.total {
		// The stream ends at its last granule: drop what lies beyond.
		n = int(max(0, d.total-d.emitted)) * d.ch
		d.pend = nil
		d.done = true
		d.emitted += int64(n / d.ch)
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
	d.pend = d.pend[n:]
	d.emitted += int64(n / d.ch)
	return n, nil
}
