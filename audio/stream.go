package audio

import (
	"fmt"
	"math"

	"github.com/gopxl/beep/v2"
)

// Streamer returns a finite, seekable beep streamer over the track's PCM
// at its own sample rate (Format().SampleRate).
func (t *Track) Streamer() beep.StreamSeeker { return &pcmStreamer{t: t} }

// Format is the beep format of the track's PCM.
func (t *Track) Format() beep.Format {
	return beep.Format{SampleRate: beep.SampleRate(t.info.SampleRate), NumChannels: t.ch, Precision: 2}
}

// pcmStreamer streams a Track's int16 PCM.
type pcmStreamer struct {
	t   *Track
	pos int
}

func (s *pcmStreamer) Stream(samples [][2]float64) (int, bool) {
	n := s.t.fill(samples, s.pos)
	s.pos += n
	return n, n > 0
}

func (s *pcmStreamer) Err() error    { return nil }
func (s *pcmStreamer) Len() int      { return s.t.Frames() }
func (s *pcmStreamer) Position() int { return s.pos }
func (s *pcmStreamer) Seek(p int) error {
	if p < 0 || p > s.t.Frames() {
		return fmt.Errorf("audio: seek to frame %d out of range [0, %d]", p, s.t.Frames())
	}
	s.pos = p
	return nil
}

// fill copies frames from pos into samples and returns how many.
func (t *Track) fill(samples [][2]float64, pos int) int {
	frames := t.Frames()
	if pos < 0 || pos >= frames {
		return 0
	}
	n := min(len(samples), frames-pos)
	const k = 1.0 / 32767
	if t.ch == 1 {
		for i, v := range t.pcm[pos : pos+n] {
			f := float64(v) * k
			samples[i] = [2]float64{f, f}
		}
		return n
	}
	src := t.pcm[2*pos : 2*(pos+n)]
	for i := 0; i < n; i++ {
		samples[i] = [2]float64{float64(src[2*i]) * k, float64(src[2*i+1]) * k}
	}
	return n
}

// clickSound is the metronome click at rate: 30 ms of a decaying 1.8 kHz tone.
func clickSound(rate int) []float64 {
	n := rate * 30 / 1000
	c := make([]float64, n)
	for i := range c {
		t := float64(i) / float64(rate)
		c[i] = 0.5 * math.Sin(2*math.Pi*1800*t) * math.Exp(-t*150)
	}
	return c
}
