package audio

import (
	"testing"

	"github.com/gopxl/beep/v2"
)

// assertStreamContract checks beep's three legal Stream return patterns
// (gopxl/beep interface.go) on a finite streamer of exactly want frames:
//  1. n == len(samples) && ok while frames remain,
//  2. 0 < n < len(samples) && ok when the rest is shorter than the buffer,
//  3. n == 0 && !ok once drained, forever, with Err() == nil.
func assertStreamContract(t *testing.T, s beep.Streamer, want int) {
	t.Helper()
	const leave = 50
	if want < leave+1 {
		t.Fatalf("assertStreamContract needs at least %d frames", leave+1)
	}
	buf := make([][2]float64, 512)
	left := want - leave
	for left > 0 {
		n, ok := s.Stream(buf[:min(left, len(buf))])
		if !ok || n != min(left, len(buf)) {
			t.Fatalf("Stream(%d) = %d, %v with %d left; want %d, true", min(left, len(buf)), n, ok, left, min(left, len(buf)))
		}
		if s.Err() != nil {
			t.Fatalf("Err() = %v; want nil", s.Err())
		}
		left -= n
	}
	if n, ok := s.Stream(buf); n != leave || !ok {
		t.Fatalf("Stream(512) with %d left = %d, %v; want %d, true", leave, n, ok, leave)
	}
	for i := 0; i < 2; i++ {
		if n, ok := s.Stream(buf); n != 0 || ok {
			t.Fatalf("Stream(512) when drained = %d, %v; want 0, false", n, ok)
		}
	}
	if s.Err() != nil {
		t.Fatalf("Err() = %v; want nil", s.Err())
	}
}

// testTrack builds a Track from mono or stereo samples without a file.
func testTrack(sr, ch int, x []float32) *Track {
	t := &Track{info: Info{Path: "test", Format: "wav", SampleRate: sr, Channels: ch}, ch: ch, wave: newWaveform(sr, int64(len(x)/ch))}
	for _, v := range x {
		t.pcm = append(t.pcm, int16(v*32767))
	}
	t.info.Duration = float64(len(x)/ch) / float64(sr)
	return t
}

func TestStreamersContract(t *testing.T) {
	for _, ch := range []int{1, 2} {
		tr := testTrack(8000, ch, make([]float32, 1234*ch))
		assertStreamContract(t, tr.Streamer(), 1234)
		s := tr.Streamer()
		if err := s.Seek(1000); err != nil {
			t.Fatal(err)
		}
		assertStreamContract(t, s, 234)
		if err := s.Seek(5000); err == nil {
			t.Errorf("Seek(5000) on 1234 frames = nil; want an error")
		}
	}
}
