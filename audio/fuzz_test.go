package audio

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds damaged files of every format to Load: it must return a
// Track or an error, never panic or hang.
func FuzzLoad(f *testing.F) {
	dir := f.TempDir()
	x := make([]float32, 8000)
	for i := range x {
		x[i] = float32(0.5 * math.Sin(float64(i)/10))
	}
	wav := filepath.Join(dir, "s.wav")
	writeWAV(f, wav, 8000, 1, x)
	for _, ext := range []string{"wav", "mp3", "ogg", "flac"} {
		p := wav
		if ext != "wav" {
			p = encode(f, wav, ext)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 3000)], ext)
	}
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		if len(ext) > 5 {
			return
		}
		for _, c := range ext {
			if c < 'a' || c > 'z' {
				return
			}
		}
		p := filepath.Join(t.TempDir(), "f."+ext)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tr, err := Load(context.Background(), p, nil)
		if err == nil && tr.Frames() == 0 {
			t.Errorf("Load gave an empty track and no error")
		}
	})
}
