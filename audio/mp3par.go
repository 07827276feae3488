package audio

import (
	"bytes"
	"io"
	"runtime"

	gomp3 "github.com/hajimehoshi/go-mp3"
)

// Parallel MP3 decoding. MPEG audio frames are independent once the bit
// reservoir (main_data_begin, at most 511 bytes back), the IMDCT overlap
// and the synthesis filterbank (one frame of history each) are primed, so
// the file is cut into one run of frames per core; each run starts
// mp3Overlap frames early and throws their output away. The result is
// bit-identical to a sequential decode (tested).

const mp3Overlap = 8

var mp3Bitrates = [2][16]int{
	{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}, // MPEG 1
	{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},     // MPEG 2, 2.5
}

// mp3FrameOffsets lists the byte offsets of the Layer III frames from the
// first one, stopping at the first byte run that is not a frame (tags,
// garbage). It also returns the end of the last frame.
func mp3FrameOffsets(data []byte) ([]int, int) {
	var offs []int
	off := id3v2Size(data)
	// Find the first frame the same way parseMP3Header does.
	for ; off+4 <= len(data); off++ {
		if _, ok := mp3FrameLen(data[off:]); ok {
			break
		}
	}
	for off+4 <= len(data) {
		n, ok := mp3FrameLen(data[off:])
		if !ok || off+n > len(data) {
			break
		}
		offs = append(offs, off)
		off += n
	}
	return offs, off
}

// mp3FrameLen returns the length in bytes of the frame whose header starts b.
func mp3FrameLen(b []byte) (int, bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return 0, false
	}
	ver := int(b[1]>>3) & 3
	layer := int(b[1]>>1) & 3
	brIdx := int(b[2] >> 4)
	srIdx := int(b[2]>>2) & 3
	if ver == 1 || layer != 1 || brIdx == 0 || brIdx == 15 || srIdx == 3 {
		return 0, false
	}
	sr := mp3Rates[ver][srIdx]
	pad := int(b[2]>>1) & 1
	if ver == 3 {
		return 144000*mp3Bitrates[0][brIdx]/sr + pad, true
	}
	return 72000*mp3Bitrates[1][brIdx]/sr + pad, true
}

// mp3RunFrames is the length of one parallel run (~5 s at 44.1 kHz).
const mp3RunFrames = 192

// mp3Parallel is an io.Reader of go-mp3's output (stereo int16 LE) decoded
// in parallel runs.
type mp3Parallel struct {
	runs *orderedRuns[byte]
}

// newMP3Parallel starts the decoders; nil when the file is not worth it or
// its frames cannot be listed cleanly (the caller then decodes sequentially).
func newMP3Parallel(data []byte, spf int) *mp3Parallel {
	offs, end := mp3FrameOffsets(data)
	if runtime.NumCPU() < 2 || len(offs) < 2*mp3RunFrames || end < len(data)*9/10 {
		return nil
	}
	n := (len(offs) + mp3RunFrames - 1) / mp3RunFrames
	decode := func(i int, buf []byte) ([]byte, error) {
		a := i * mp3RunFrames
		b := min(a+mp3RunFrames, len(offs))
		from := max(0, a-mp3Overlap)
		stop := end
		if b < len(offs) {
			stop = offs[b]
		}
		d, err := gomp3.NewDecoder(bytes.NewReader(data[offs[from]:stop]))
		if err != nil {
			return nil, err
		}
		if skip := (a - from) * spf * 4; skip > 0 {
			if _, err := io.CopyN(io.Discard, d, int64(skip)); err != nil {
				return nil, err
			}
		}
		out := buf[:0]
		if need := (b - a) * spf * 4; cap(out) >= need {
			out = out[:need]
		} else {
			out = make([]byte, need)
		}
		got, err := io.ReadFull(d, out)
		if err == io.ErrUnexpectedEOF && got >= len(out)-spf*4 {
			err = nil // a damaged last frame
		}
		return out[:got], err
	}
	return &mp3Parallel{runs: newOrderedRuns(n, decode)}
}

func (p *mp3Parallel) Read(buf []byte) (int, error) { return p.runs.read(buf) }

// Close stops the workers early (on cancel or error).
func (p *mp3Parallel) Close() error {
	p.runs.stop()
	return nil
}
