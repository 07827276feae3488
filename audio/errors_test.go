package audio

import (
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadRefusesBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	wav := grooveFile(t, dir, 44100)
	truncate := func(src, name string, keep float64) string {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b[:int(float64(len(b))*keep)], 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	garbage := make([]byte, 50000)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range garbage {
		garbage[i] = byte(rng.IntN(256))
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		path string
		want error
	}{
		{"truncated wav", truncate(wav, "cut.wav", 0.6), ErrCorrupt},
		{"truncated mp3", truncate(encode(t, wav, "mp3"), "cut.mp3", 0.6), ErrCorrupt},
		{"truncated ogg", truncate(encode(t, wav, "ogg"), "cut.ogg", 0.6), ErrCorrupt},
		{"truncated flac", truncate(encode(t, wav, "flac"), "cut.flac", 0.6), ErrCorrupt},
		{"header only wav", truncate(wav, "head.wav", 0.0002), ErrCorrupt},
		{"garbage", write("noise.bin", garbage), ErrUnsupported},
		{"garbage named mp3", write("noise.mp3", garbage), nil},
		{"garbage after RIFF", write("bad.wav", append([]byte("RIFF\x00\x00\x00\x00WAVE"), garbage...)), ErrCorrupt},
		{"garbage after fLaC", write("bad.flac", append([]byte("fLaC"), garbage...)), ErrCorrupt},
		{"garbage after OggS", write("bad.ogg", append([]byte("OggS"), garbage...)), ErrCorrupt},
		{"empty", write("empty.wav", nil), ErrEmpty},
		{"missing", filepath.Join(dir, "nope.wav"), fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, err := Load(context.Background(), tt.path, nil)
			if err == nil {
				t.Fatalf("Load(%s) = %v frames, nil error; want an error", tt.name, tr.Frames())
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Load(%s) error = %v; want %v", tt.name, err, tt.want)
			}
			if !strings.Contains(err.Error(), filepath.Base(tt.path)) {
				t.Errorf("Load(%s) error %q does not name the file", tt.name, err)
			}
			t.Logf("%s: %v", tt.name, err)
		})
	}
}
