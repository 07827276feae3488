package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	gomp3 "github.com/hajimehoshi/go-mp3"
)

// mp3Gapless is what the first frame's Xing/Info + LAME tag says.
type mp3Gapless struct {
	hasInfo        bool // first frame is a Xing/Info frame (decodes as silence)
	frames         int64
	delay, padding int
	spf            int // samples per frame
	channels       int
	rate           int
}

// mp3DecoderDelay is the MP3 decoder's own delay in samples (ffmpeg and
// LAME's convention: 528 + 1).
const mp3DecoderDelay = 529

var mp3Rates = [4][3]int{
	{11025, 12000, 8000},  // MPEG 2.5
	{0, 0, 0},             // reserved
	{22050, 24000, 16000}, // MPEG 2
	{44100, 48000, 32000}, // MPEG 1
}

// id3v2Size returns the size of a leading ID3v2 tag, 0 when there is none.
func id3v2Size(b []byte) int {
	if len(b) < 10 || string(b[:3]) != "ID3" {
		return 0
	}
	n := int(b[6]&0x7f)<<21 | int(b[7]&0x7f)<<14 | int(b[8]&0x7f)<<7 | int(b[9]&0x7f)
	n += 10
	if b[5]&0x10 != 0 {
		n += 10
	}
	return n
}

// parseMP3Header finds the first Layer III frame and reads its gapless tags.
func parseMP3Header(data []byte) (g mp3Gapless, err error) {
	off := id3v2Size(data)
	for ; off+4 <= len(data); off++ {
		b := data[off:]
		if b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
			continue
		}
		ver := int(b[1]>>3) & 3
		layer := int(b[1]>>1) & 3
		brIdx := int(b[2] >> 4)
		srIdx := int(b[2]>>2) & 3
		if ver == 1 || layer != 1 || brIdx == 0 || brIdx == 15 || srIdx == 3 {
			continue
		}
		g.rate = mp3Rates[ver][srIdx]
		g.channels = 2
		if b[3]>>6 == 3 {
			g.channels = 1
		}
		g.spf = 576
		side := 17
		if g.channels == 1 {
			side = 9
		}
		if ver == 3 {
			g.spf = 1152
			side = 32
			if g.channels == 1 {
				side = 17
			}
		}
		x := 4 + side
		if b[1]&1 == 0 {
			x += 2 // CRC
		}
		if len(b) >= x+8 && (string(b[x:x+4]) == "Xing" || string(b[x:x+4]) == "Info") {
			g.hasInfo = true
			flags := binary.BigEndian.Uint32(b[x+4:])
			p := x + 8
			if flags&1 != 0 && len(b) >= p+4 {
				g.frames = int64(binary.BigEndian.Uint32(b[p:]))
				p += 4
			}
			if flags&2 != 0 {
				p += 4
			}
			if flags&4 != 0 {
				p += 100
			}
			if flags&8 != 0 {
				p += 4
			}
			// LAME extension: 9-byte encoder string, then the delays at +21.
			if len(b) >= p+24 {
				d := b[p+21:]
				g.delay = int(d[0])<<4 | int(d[1])>>4
				g.padding = int(d[1]&0x0F)<<8 | int(d[2])
			}
		}
		return g, nil
	}
	return g, errors.New("mp3: no MPEG audio frame found")
}

// mp3Decoder decodes with go-mp3 and applies the gapless trim that go-mp3
// ignores: the Info frame, the encoder delay + 529 decoder delay at the
// start, and the padding at the end, so the audio lines up with ffmpeg's.
type mp3Decoder struct {
	d     io.Reader // go-mp3's output: stereo int16 little-endian
	g     mp3Gapless
	skip  int64 // frames still to drop at the start
	left  int64 // frames still to hand out, -1 when unknown
	est   int64
	raw   []byte
	ended bool
}

func newMP3Decoder(data []byte) (*mp3Decoder, error) {
	g, err := parseMP3Header(data)
	if err != nil {
		return nil, err
	}
	d, err := gomp3.NewDecoder(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("mp3: %w", err)
	}
	if d.SampleRate() != g.rate && g.rate != 0 {
		g.rate = d.SampleRate()
	}
	m := &mp3Decoder{d: d, g: g, left: -1}
	total := d.Length() / 4
	if par := newMP3Parallel(data, g.spf); par != nil {
		m.d = par
	}
	if g.hasInfo {
		m.skip = int64(g.spf + g.delay + mp3DecoderDelay)
		if g.frames > 0 {
			m.left = g.frames*int64(g.spf) - int64(g.delay) - int64(g.padding)
		}
	}
	m.est = total - m.skip
	if m.left >= 0 && m.left < m.est {
		m.est = m.left
	}
	if m.est < 0 {
		m.est = 0
	}
	return m, nil
}

func (m *mp3Decoder) rate() int        { return m.g.rate }
func (m *mp3Decoder) channels() int    { return m.g.channels }
func (m *mp3Decoder) estFrames() int64 { return m.est }

func (m *mp3Decoder) read(buf []float32) (int, error) {
	ch := m.g.channels
	for {
		if m.ended || m.left == 0 {
			return 0, io.EOF
		}
		frames := len(buf) / ch
		if m.left >= 0 && int64(frames) > m.left {
			frames = int(m.left)
		}
		if cap(m.raw) < frames*4 {
			m.raw = make([]byte, frames*4)
		}
		raw := m.raw[:frames*4]
		got, err := io.ReadFull(m.d, raw)
		got -= got % 4
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			m.ended, err = true, nil
		}
		if err != nil {
			return 0, fmt.Errorf("mp3: %w", err)
		}
		n := int64(got / 4)
		start := int64(0)
		if m.skip > 0 {
			start = min(m.skip, n)
			m.skip -= start
		}
		out := 0
		for i := start; i < n; i++ {
			l := int16(binary.LittleEndian.Uint16(raw[4*i:]))
			if ch == 1 {
				buf[out] = float32(l) / 32768
				out++
				continue
			}
			r := int16(binary.LittleEndian.Uint16(raw[4*i+2:]))
			buf[out] = float32(l) / 32768
			buf[out+1] = float32(r) / 32768
			out += 2
		}
		if m.left > 0 {
			m.left -= int64(out / ch)
		}
		if out > 0 {
			return out, nil
		}
	}
}

// Close stops parallel workers, if any.
func (m *mp3Decoder) Close() error {
	if c, ok := m.d.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
