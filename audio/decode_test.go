package audio

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

// grooveFile writes a 12 s stereo groove WAV and returns its path.
func grooveFile(t testing.TB, dir string, sr int) string {
	x := make([]float32, 12*sr)
	rng := rand.New(rand.NewPCG(1, 2))
	beats := beatTimes(0.5, []segment{{120, 11}})
	addGroove(x, sr, beats, rng)
	addBed(x, sr, beats, 0.15)
	p := filepath.Join(dir, "groove.wav")
	writeWAV(t, p, sr, 2, x)
	return p
}

// bestLag finds the lag (in samples, |lag| ≤ maxLag) that best aligns a to b.
func bestLag(a, b []float32, maxLag int) (int, float64) {
	best, bestC := 0, math.Inf(-1)
	n := min(len(a), len(b)) - 2*maxLag
	for lag := -maxLag; lag <= maxLag; lag++ {
		c := 0.0
		for i := maxLag; i < min(n, maxLag+4*44100); i += 5 {
			c += float64(a[i]) * float64(b[i+lag])
		}
		if c > bestC {
			best, bestC = lag, c
		}
	}
	return best, bestC
}

// TestDecodeMatchesFFmpeg checks length and alignment against ffmpeg's decode.
func TestDecodeMatchesFFmpeg(t *testing.T) {
	dir := t.TempDir()
	wav := grooveFile(t, dir, 44100)
	for _, ext := range []string{"wav", "mp3", "ogg", "flac"} {
		path := wav
		if ext != "wav" {
			path = encode(t, wav, ext)
		}
		tr, err := Load(context.Background(), path, nil)
		if err != nil {
			t.Fatalf("Load(%s) error: %v", ext, err)
		}
		ref := ffmpegDecode(t, path)
		got := make([]float32, tr.Frames())
		for i := range got {
			got[i] = float32(tr.pcm[i*tr.ch]) / 32767
		}
		if d := len(got) - len(ref); d < -1 || d > 1 {
			t.Errorf("Load(%s) frames = %d; want %d (ffmpeg)", ext, len(got), len(ref))
		}
		lag, _ := bestLag(ref, got, 3000)
		if lag != 0 {
			t.Errorf("Load(%s) offset against ffmpeg = %d samples; want 0", ext, lag)
		}
		if tr.Info().Format != ext {
			t.Errorf("Load(%s).Info().Format = %q", ext, tr.Info().Format)
		}
	}
}
