package audio

import (
	"fmt"
	"io"

	"github.com/jfreymuth/oggvorbis"
)

// vorbisDecoder wraps jfreymuth/oggvorbis. That decoder can panic on the last
// packet of some real files (its end trim goes negative); read recovers,
// and Load trims the result to the stream's last granule position.
type vorbisDecoder struct {
	r *oggvorbis.Reader
}

func newVorbisDecoder(r io.Reader) (d *vorbisDecoder, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("ogg vorbis: decoder failed on the headers: %v", p)
		}
	}()
	vr, err := oggvorbis.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ogg vorbis: %w", err)
	}
	if vr.Channels() < 1 || vr.SampleRate() < 1 {
		return nil, fmt.Errorf("ogg vorbis: bad stream header")
	}
	return &vorbisDecoder{r: vr}, nil
}

func (d *vorbisDecoder) rate() int        { return d.r.SampleRate() }
func (d *vorbisDecoder) channels() int    { return d.r.Channels() }
func (d *vorbisDecoder) estFrames() int64 { return d.r.Length() }

// errDecoderPanic marks a recovered decoder panic: what was decoded before is kept.
type errDecoderPanic struct{ v any }

func (e errDecoderPanic) Error() string { return fmt.Sprintf("decoder failed: %v", e.v) }

func (d *vorbisDecoder) read(buf []float32) (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = 0, errDecoderPanic{p}
		}
	}()
	n, err = d.r.Read(buf)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("ogg vorbis: %w", err)
	}
	return n, err
}
