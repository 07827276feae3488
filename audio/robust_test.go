package audio

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reelboard/reelboard/internal/crafted"
)

// TestLoadRefusesCraftedHeaders: every file of the crafted family (headers
// claiming 2^36-1 samples, 0 Hz, 255 channels, 4 GiB of data, truncated
// pages…) is refused with one sentence naming the file, never a panic or
// an allocation sized by the claim.
func TestLoadRefusesCraftedHeaders(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	cases, err := crafted.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			tr, err := Load(context.Background(), c.Path, nil)
			if err == nil {
				t.Fatalf("Load(%s, %s) = %d frames at %d Hz, nil error; want a refusal", c.Name, c.Lie, tr.Frames(), tr.Info().SampleRate)
			}
			msg := err.Error()
			if !strings.Contains(msg, filepath.Base(c.Path)) || strings.Contains(msg, "\n") {
				t.Errorf("Load(%s) error %q; want one line naming the file", c.Name, msg)
			}
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLong) {
				t.Errorf("Load(%s) error %q; want ErrCorrupt or ErrTooLong", c.Name, msg)
			}
			t.Logf("%s (%s): %v", c.Name, c.Lie, err)
		})
	}
}

// flipBytes returns count copies of src, each with one bit flipped in its
// first within bytes, chosen by a fixed seed.
func flipBytes(src []byte, within, count int, seed uint64) [][]byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([][]byte, count)
	for i := range out {
		b := bytes.Clone(src)
		b[rng.IntN(min(within, len(b)))] ^= 1 << rng.IntN(8)
		out[i] = b
	}
	return out
}

// TestLoadSurvivesByteFlips flips single bits in the first 8 KB of files
// large enough for the parallel Vorbis decoder (≥ 256 KiB), a 13 s FLAC and
// an 11 s MP3: each load decodes (or is still decoding when the
// test stops it) or fails with one sentence naming the file; a panic in any decoder goroutine would end the test binary.
// Before the recovery covered header parsing and the parallel set-up, 9 of
// 60 flips in the first 8 KB of real Wesnoth OGGs crashed the process.
func TestLoadSurvivesByteFlips(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := t.TempDir()
	tests := []struct {
		name    string
		seconds float64
		within  int // flips land in the first within bytes
		flips   int
		par     func(b []byte) bool
	}{
		// The first 8 KB of a Vorbis file are its headers: codebooks,
		// floors, residues, where jfreymuth/vorbis (the decoder before
		// libvorbis) panicked.
		{"big.ogg", 12, 8192, 48, func(b []byte) bool { return newVorbisParallel(b) != nil }},
		// STREAMINFO and the first frame headers.
		{"big.flac", 13, 512, 16, nil},
		// ID3v2, the Xing/LAME frame and the first audio frames.
		{"big.mp3", 11, 2048, 16, nil},
		{"big.wav", 1, 64, 12, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := crafted.Source(dir, tt.name, 44100, 2, tt.seconds)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if tt.par != nil && !tt.par(data) {
				t.Fatalf("%s (%d bytes) does not reach the parallel decoder", tt.name, len(data))
			}
			decoded, refused := 0, 0
			flips := tt.flips
			if raceEnabled {
				flips = max(4, flips/4)
			}
			for i, b := range flipBytes(data, tt.within, flips, uint64(len(tt.name))) {
				p := filepath.Join(dir, fmt.Sprintf("flip%02d-%s", i, tt.name))
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
				// The flips are in the headers and first packets: stop
				// each decode at its first progress report (~50 ms in),
				// after the header parsing and the parallel set-up.
				ctx, cancel := context.WithCancel(context.Background())
				tr, err := Load(ctx, p, func(Progress) { cancel() })
				cancel()
				switch {
				case errors.Is(err, context.Canceled):
					decoded++
				case err == nil && tr.Frames() == 0:
					t.Errorf("Load(%s) = empty track, nil error", p)
				case err == nil:
					decoded++
				default:
					refused++
					if msg := err.Error(); !strings.Contains(msg, filepath.Base(p)) || strings.Contains(msg, "\n") {
						t.Errorf("Load(%s) error %q; want one line naming the file", p, msg)
					}
				}
				os.Remove(p)
			}
			t.Logf("%s (%d bytes): %d flips decoded, %d refused", tt.name, len(data), decoded, refused)
		})
	}
}

// TestLoadRefusesNonRegularFiles: devices and FIFOs are refused at once
// with ErrNotRegular (no hang on open, no endless read), by Load and by
// Analyze (which hashes the file first).
func TestLoadRefusesNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.wav")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "zero.mp3")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	SetCacheDir(t.TempDir())
	for _, p := range []string{"/dev/zero", "/dev/urandom", fifo, link} {
		for _, fn := range []struct {
			name string
			run  func() error
		}{
			{"Load", func() error { _, err := Load(context.Background(), p, nil); return err }},
			{"Analyze", func() error { _, err := Analyze(context.Background(), p, nil); return err }},
		} {
			done := make(chan error, 1)
			go func() { done <- fn.run() }()
			select {
			case err := <-done:
				if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), p) {
					t.Errorf("%s(%s) error = %v; want ErrNotRegular naming the file", fn.name, p, err)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s(%s) still runs after 10 s; want an immediate refusal", fn.name, p)
			}
		}
	}
}

// TestVorbisCommentCountBounded: a comment header whose count claims
// hundreds of millions of comments (found by FuzzOgg: jfreymuth/vorbis
// allocated 7.9 GB for its table from an 85 KB file) is refused with one
// sentence naming the file, allocating little.
func TestVorbisCommentCountBounded(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := t.TempDir()
	src, err := crafted.Source(dir, "c.ogg", 44100, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// The comment header follows "\x03vorbis": vendor length, vendor, count.
	i := bytes.Index(data, []byte("\x03vorbis"))
	if i < 0 {
		t.Fatal("no comment header in the seed")
	}
	h := data[i+7:]
	vendor := int(h[0]) | int(h[1])<<8 | int(h[2])<<16 | int(h[3])<<24
	count := h[4+vendor:]
	copy(count, []byte{0x00, 0x00, 0x00, 0x20}) // 2^29 comments
	bad := filepath.Join(dir, "bad.ogg")
	if err := os.WriteFile(bad, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := checkVorbisComments(h); err == nil {
		t.Errorf("checkVorbisComments accepted a count of 2^29 in a %d-byte header", len(h))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = Load(context.Background(), bad, nil)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), bad) || strings.Contains(err.Error(), "\n") {
		t.Errorf("Load(comment count 2^29) = %v; want one sentence naming the file", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("Load(comment count 2^29) allocated %d MB; want little (the file is %d bytes)", got>>20, len(data))
	}
}

// TestVorbisSetupBounded: a setup header whose first codebook claims 2^24
// entries of 65535 dimensions (FuzzOgg: 18 GB allocated from 4,719 bytes)
// is refused before jfreymuth/vorbis sizes its tables from it; the real
// setup headers of encoded files pass.
func TestVorbisSetupBounded(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := t.TempDir()
	for _, s := range []struct {
		name     string
		rate, ch int
	}{{"a.ogg", 8000, 1}, {"b.ogg", 44100, 2}, {"c.ogg", 48000, 2}} {
		src, err := crafted.Source(dir, s.name, s.rate, s.ch, 1)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(data, []byte("\x05vorbis"))
		if i < 0 {
			t.Fatalf("%s: no setup header", s.name)
		}
		// The setup header runs to the end of its page, at most: checking
		// from its start reads only the codebooks.
		if err := checkVorbisSetup(data[i+7:]); err != nil {
			t.Errorf("%s (%d Hz, %d channels): the real setup header is refused: %v", s.name, s.rate, s.ch, err)
		}
		// Claim 2^24-1 entries and 65535 dimensions in the first codebook:
		// its sync pattern "BCV" follows the codebook count byte.
		h := append([]byte(nil), data[i+7:]...)
		if string(h[1:4]) != "BCV" {
			t.Fatalf("%s: no codebook sync after the count", s.name)
		}
		h[4], h[5] = 0xff, 0xff             // dimensions
		h[6], h[7], h[8] = 0xff, 0xff, 0xff // entries
		if err := checkVorbisSetup(h); err == nil {
			t.Errorf("%s: a codebook of 2^24 entries × 65535 dimensions passes", s.name)
		}
	}
	// The input FuzzOgg found.
	data, err := os.ReadFile("testdata/fuzz/FuzzOgg/f1ba0818d350e364")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "found.ogg")
	raw, err := fuzzCorpusBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = Load(context.Background(), p, nil)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), p) {
		t.Errorf("Load(the found setup header) = %v; want an error naming the file", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("Load(the found setup header) allocated %d MB; want little", got>>20)
	}
}

// fuzzCorpusBytes decodes a one-value []byte corpus file of go test's fuzzer.
func fuzzCorpusBytes(data []byte) ([]byte, error) {
	_, lit, ok := strings.Cut(string(data), "\n")
	lit = strings.TrimSpace(lit)
	if !ok || !strings.HasPrefix(lit, "[]byte(") || !strings.HasSuffix(lit, ")") {
		return nil, fmt.Errorf("not a []byte fuzz corpus file")
	}
	s, err := strconv.Unquote(lit[len("[]byte(") : len(lit)-1])
	return []byte(s), err
}
