package audio

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"slices"

	"github.com/mewkiz/flac"
	"github.com/mewkiz/flac/frame"
)

// Parallel FLAC decoding: FLAC frames are independent, each starting with
// a sync code and a CRC-8-checked header that carries its first sample
// number. The file is cut at frame starts found near equal byte offsets
// (a candidate must parse with both CRCs right), one run per core, and the
// runs decode concurrently into one int16 buffer, handed out in order.

// flacRunBytes is the size of one parallel run of a FLAC file.
const flacRunBytes = 1 << 20

type flacParallel struct {
	runs *orderedRuns[float32]
}

// flacSyncAfter finds the first frame start at or after off whose frame
// parses cleanly, returning its byte offset and first sample.
func flacSyncAfter(r io.ReaderAt, size, off int64, info *flac.Stream) (int64, uint64, bool) {
	const window = 1 << 16
	buf := make([]byte, window+1)
	for base := off; base < size; base += window {
		n, _ := r.ReadAt(buf, base)
		for i := 0; i+1 < n; i++ {
			if buf[i] != 0xFF || buf[i+1]&0xFE != 0xF8 {
				continue
			}
			pos := base + int64(i)
			f, err := frame.Parse(bufio.NewReaderSize(io.NewSectionReader(r, pos, size-pos), 1<<14))
			if err != nil || f.SampleRate != info.Info.SampleRate || f.BitsPerSample != info.Info.BitsPerSample ||
				f.Channels.Count() != int(info.Info.NChannels) {
				continue
			}
			return pos, f.SampleNumber(), true
		}
	}
	return 0, 0, false
}

// newFLACParallel starts the runs, or returns nil when the stream is too
// small, of unknown length, or has no clean cut points. s must be at its
// first frame: it decodes the first run.
func newFLACParallel(r io.ReaderAt, size int64, s *flac.Stream) *flacParallel {
	total := uint64(s.Info.NSamples)
	ch := int(s.Info.NChannels)
	if runtime.NumCPU() < 2 || size < 2*flacRunBytes || total == 0 {
		return nil
	}
	starts := []uint64{0}
	offs := []int64{-1}
	for off := int64(flacRunBytes); off < size-flacRunBytes/4; off += flacRunBytes {
		pos, smp, ok := flacSyncAfter(r, size, off, s)
		if !ok || smp >= total {
			break
		}
		if smp <= starts[len(starts)-1] {
			return nil
		}
		starts = append(starts, smp)
		offs = append(offs, pos)
	}
	if len(starts) < 2 {
		return nil
	}
	scale := 1 / float32(int64(1)<<(s.Info.BitsPerSample-1))
	decode := func(i int, buf []float32) ([]float32, error) {
		end := total
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		var next func() (*frame.Frame, error)
		if i == 0 {
			next = s.ParseNext
		} else {
			br := bufio.NewReaderSize(io.NewSectionReader(r, offs[i], size-offs[i]), 1<<16)
			next = func() (*frame.Frame, error) { return frame.Parse(br) }
		}
		// The run holds end-starts[i] frames by the frame headers, which
		// a damaged file may overstate: the buffer grows as frames really
		// decode, from what the run's bytes can plausibly hold.
		need := int(end-starts[i]) * ch
		runBytes := size - offs[i]
		if i+1 < len(offs) {
			runBytes = offs[i+1] - max(offs[i], 0)
		}
		out := buf[:0]
		if first := int(min(int64(need), plausibleFrames("flac", runBytes, ch)*int64(ch))); cap(out) < first {
			out = make([]float32, 0, first)
		}
		filled := 0
		for filled < need {
			f, err := next()
			if err == io.EOF {
				return out[:filled], fmt.Errorf("flac: %w", io.ErrUnexpectedEOF)
			}
			if err != nil {
				return out[:filled], fmt.Errorf("flac: %w", err)
			}
			if len(f.Subframes) != ch {
				return nil, fmt.Errorf("flac: frame with %d channels in a %d-channel stream", len(f.Subframes), ch)
			}
			n := min(int(f.BlockSize), (need-filled)/ch)
			out = slices.Grow(out, n*ch)[:filled+n*ch]
			for c, sf := range f.Subframes {
				if len(sf.Samples) < n {
					return nil, fmt.Errorf("flac: short subframe")
				}
				for k := 0; k < n; k++ {
					out[filled+k*ch+c] = float32(sf.Samples[k]) * scale
				}
			}
			filled += n * ch
		}
		return out, nil
	}
	return &flacParallel{runs: newOrderedRuns(len(starts), decode)}
}

func (p *flacParallel) read(buf []float32) (int, error) {
	return p.runs.read(buf)
}
