package audio

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/reelboard/reelboard/internal/crafted"
)

// Fuzzing: one target per decoder. Seeds are whole real encodings made
// with ffmpeg — small ones, and ones large enough for the parallel
// decoders (Vorbis ≥ 256 KiB, FLAC ≥ 2 MiB) and a 12 s MP3, never cut
// short — plus the crafted-header family (huge sample counts, 0 Hz or
// absurd rates, 0 or 255 channels, truncated pages and frames). Crashers
// found are kept under testdata/fuzz/FuzzX and run with every `go test`.
// `make fuzz` runs each target for FUZZTIME.

var (
	seedOnce  sync.Once
	seedFiles map[string][][]byte // by extension
	seedErr   error
)

// fuzzSeeds makes the seed files once per test binary.
func fuzzSeeds(f *testing.F, ext string) [][]byte {
	f.Helper()
	needTool(f, "ffmpeg", "ffmpeg")
	seedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "reelboard-fuzz-seeds")
		if err != nil {
			seedErr = err
			return
		}
		defer os.RemoveAll(dir)
		seedFiles = map[string][][]byte{}
		read := func(p string) {
			b, err := os.ReadFile(p)
			if err != nil {
				seedErr = err
				return
			}
			e := strings.TrimPrefix(filepath.Ext(p), ".")
			seedFiles[e] = append(seedFiles[e], b)
		}
		for _, s := range []struct {
			name     string
			rate, ch int
			seconds  float64
		}{
			{"tiny.wav", 8000, 1, 0.2}, {"tiny.flac", 8000, 1, 0.5}, {"tiny.ogg", 8000, 1, 0.5}, {"tiny.mp3", 8000, 1, 0.5},
			{"stereo.wav", 44100, 2, 0.3}, {"stereo.mp3", 44100, 2, 1}, {"stereo.ogg", 44100, 2, 1},
			// Large enough for the parallel decoders.
			{"par.ogg", 44100, 2, 14}, {"par.flac", 44100, 2, 14}, {"par.mp3", 44100, 2, 12},
		} {
			p, err := crafted.Source(dir, s.name, s.rate, s.ch, s.seconds)
			if err != nil {
				seedErr = err
				return
			}
			read(p)
		}
		cases, err := crafted.Write(dir)
		if err != nil {
			seedErr = err
			return
		}
		for _, c := range cases {
			read(c.Path)
		}
	})
	if seedErr != nil {
		f.Fatal(seedErr)
	}
	return seedFiles[ext]
}

// fuzzDecoder is the body of every decoder's fuzz target: Load must give a
// non-empty Track or one line of error naming the file, never a panic (in
// any goroutine), a hang or an allocation sized by a header's claim.
func fuzzDecoder(f *testing.F, ext string) {
	for _, b := range fuzzSeeds(f, ext) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f."+ext)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		tr, err := Load(context.Background(), p, nil)
		runtime.ReadMemStats(&after)
		// What a decode allocates follows what the file holds, never what
		// its headers claim: a few hundred bytes per byte of file at most.
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(256<<20+400*len(data)); got > limit {
			t.Errorf("Load(%d bytes) allocated %d MB; want at most %d MB", len(data), got>>20, limit>>20)
		}
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, p) || strings.Contains(msg, "\n") {
				t.Errorf("Load(%d bytes) error %q; want one line naming the file", len(data), msg)
			}
			return
		}
		if tr.Frames() == 0 {
			t.Errorf("Load(%d bytes) gave an empty track and no error", len(data))
		}
		if in := tr.Info(); checkFormat(in.SampleRate, in.Channels) != nil || in.Duration > MaxDuration.Seconds() {
			t.Errorf("Load(%d bytes).Info() = %+v; outside the ceiling", len(data), in)
		}
	})
}

func FuzzWAV(f *testing.F)  { fuzzDecoder(f, "wav") }
func FuzzMP3(f *testing.F)  { fuzzDecoder(f, "mp3") }
func FuzzOgg(f *testing.F)  { fuzzDecoder(f, "ogg") }
func FuzzFLAC(f *testing.F) { fuzzDecoder(f, "flac") }

// FuzzLoad feeds any bytes under any extension to Load (sniffing, the
// ffmpeg fallback): it must return a Track or an error, never panic or hang.
func FuzzLoad(f *testing.F) {
	for _, ext := range []string{"wav", "mp3", "ogg", "flac"} {
		for _, b := range fuzzSeeds(f, ext) {
			if len(b) < 1<<16 {
				f.Add(b, ext)
			}
		}
	}
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVE"), "mp3")
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
