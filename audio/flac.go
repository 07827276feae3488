package audio

import (
	"fmt"
	"io"

	"github.com/mewkiz/flac"
)

// flacDecoder decodes FLAC frame by frame into a buffer (no seeking, so
// mewkiz/flac never scans the file for a missing SEEKTABLE).
type flacDecoder struct {
	par   *flacParallel // nil: sequential
	s     *flac.Stream
	ch    int
	scale float32
	pend  []float32 // decoded samples not yet handed out
}

// newFLACDecoder decodes from r; with r an io.ReaderAt of size bytes it
// decodes runs of frames in parallel when the file is large enough.
func newFLACDecoder(r io.Reader, size int64) (*flacDecoder, error) {
	s, err := flac.New(r)
	if err != nil {
		return nil, fmt.Errorf("flac: %w", err)
	}
	if s.Info == nil || s.Info.NChannels == 0 || s.Info.SampleRate == 0 || s.Info.BitsPerSample == 0 {
		return nil, fmt.Errorf("flac: missing stream info")
	}
	if err := checkFormat(int(s.Info.SampleRate), int(s.Info.NChannels)); err != nil {
		return nil, fmt.Errorf("flac: %w", err)
	}
	if s.Info.BitsPerSample > 32 {
		return nil, fmt.Errorf("flac: %d-bit samples", s.Info.BitsPerSample)
	}
	d := &flacDecoder{s: s, ch: int(s.Info.NChannels), scale: 1 / float32(int64(1)<<(s.Info.BitsPerSample-1))}
	// A header claiming more than MaxDuration is refused by decodeAll
	// before anything decodes: start no workers for it.
	if ra, ok := r.(io.ReaderAt); ok && int64(s.Info.NSamples) <= maxFrames(int(s.Info.SampleRate)) {
		d.par = newFLACParallel(ra, size, s)
	}
	return d, nil
}

// Close stops parallel workers.
func (d *flacDecoder) Close() error {
	if d.par != nil {
		d.par.runs.stop()
	}
	return nil
}

func (d *flacDecoder) rate() int        { return int(d.s.Info.SampleRate) }
func (d *flacDecoder) channels() int    { return d.ch }
func (d *flacDecoder) estFrames() int64 { return int64(d.s.Info.NSamples) }

func (d *flacDecoder) read(buf []float32) (int, error) {
	if d.par != nil {
		return d.par.read(buf)
	}
	if len(d.pend) == 0 {
		f, err := d.s.ParseNext()
		if err == io.EOF {
			return 0, io.EOF
		}
		if err != nil {
			return 0, fmt.Errorf("flac: %w", err)
		}
		if len(f.Subframes) != d.ch {
			return 0, fmt.Errorf("flac: frame with %d channels in a %d-channel stream", len(f.Subframes), d.ch)
		}
		n := int(f.BlockSize)
		need := n * d.ch
		if cap(d.pend) < need {
			d.pend = make([]float32, need)
		}
		p := d.pend[:need]
		for c, sf := range f.Subframes {
			if len(sf.Samples) < n {
				return 0, fmt.Errorf("flac: short subframe")
			}
			for i := 0; i < n; i++ {
				p[i*d.ch+c] = float32(sf.Samples[i]) * d.scale
			}
		}
		d.pend = p
	}
	n := copy(buf, d.pend)
	n -= n % d.ch
	d.pend = d.pend[n:]
	return n, nil
}
