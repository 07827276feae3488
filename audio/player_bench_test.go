package audio

import "testing"

// The Player's own latency: from Play or Seek to the first buffer of samples
// the device pulls (a 50 ms buffer at 44.1 kHz, what the speaker asks for).
// What a listener hears adds the speaker's buffer (50 ms) on top; decoding
// is not in the path, the whole track is in memory.

func benchTrack() *Track {
	const sr = 44100
	x := make([]float32, 2*sr*240) // four minutes of stereo
	for i := range x {
		x[i] = float32(i%200) / 400
	}
	return testTrack(sr, 2, x)
}

func BenchmarkPlayerStart(b *testing.B) {
	tr := benchTrack()
	out := &fakeOutput{}
	p := newPlayer(out)
	defer p.Close()
	p.Load(tr)
	p.Play()
	for b.Loop() {
		p.Pause()
		p.Seek(120)
		p.Play()
		out.pull(2205)
	}
}

func BenchmarkPlayerSeek(b *testing.B) {
	tr := benchTrack()
	out := &fakeOutput{}
	p := newPlayer(out)
	defer p.Close()
	p.Load(tr)
	p.SetMetronome(true, []float64{0.5, 1, 1.5, 2})
	p.Play()
	at := 0.0
	for b.Loop() {
		at += 7.3
		if at > 230 {
			at = 0
		}
		p.Seek(at)
		out.pull(2205)
	}
}
