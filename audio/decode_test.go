package audio

import (
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"

	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
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

// TestFLACIsLossless wants a FLAC (16 and 24 bits, mono and stereo, made
// by ffmpeg from a WAV) to load to exactly the WAV's PCM.
func TestFLACIsLossless(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := t.TempDir()
	x := make([]float32, 20*44100)
	rng := rand.New(rand.NewPCG(13, 14))
	b := beatTimes(0.2, []segment{{99, 19}})
	addGroove(x, 44100, b, rng)
	addNoise(x, 0.05, rng)
	for _, tt := range []struct {
		ch     int
		sample string // ffmpeg's sample format for both files
	}{{2, "s16"}, {1, "s16"}, {2, "s32"}} {
		wav := filepath.Join(dir, "g.wav")
		writeWAV(t, wav, 44100, tt.ch, x)
		// Both files through ffmpeg, so a 24-bit one is the same samples.
		same := filepath.Join(dir, "same.wav")
		flac := filepath.Join(dir, "g.flac")
		codec := map[string]string{"s16": "pcm_s16le", "s32": "pcm_s24le"}[tt.sample]
		for _, c := range [][]string{
			{"-i", wav, "-c:a", codec, same},
			{"-i", same, "-sample_fmt", tt.sample, "-c:a", "flac", flac},
		} {
			args := append([]string{"-nostdin", "-loglevel", "error", "-y"}, c...)
			if out, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
				t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
			}
		}
		want, err := Load(context.Background(), same, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Load(context.Background(), flac, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.pcm) != len(want.pcm) {
			t.Fatalf("Load(%d-channel %s FLAC) = %d values; want %d as the WAV", tt.ch, tt.sample, len(got.pcm), len(want.pcm))
		}
		for i := range got.pcm {
			if got.pcm[i] != want.pcm[i] {
				t.Fatalf("Load(%d-channel %s FLAC) differs from the WAV at value %d: %d vs %d", tt.ch, tt.sample, i, got.pcm[i], want.pcm[i])
			}
		}
	}
}

// TestFFmpegFallback decodes AIFF and M4A through ffmpeg, and refuses them
// with a clear sentence when ffmpeg is missing.
func TestFFmpegFallback(t *testing.T) {
	dir := t.TempDir()
	wav := grooveFile(t, dir, 48000)
	for _, ext := range []string{"aiff", "m4a"} {
		p := encode(t, wav, ext)
		tr, err := Load(context.Background(), p, nil)
		if err != nil {
			t.Fatalf("Load(%s) error: %v", ext, err)
		}
		in := tr.Info()
		if in.SampleRate != 48000 || in.Channels != 2 || math.Abs(in.Duration-12) > 0.05 {
			t.Errorf("Load(%s).Info() = %+v; want 48000 Hz stereo, 12 s", ext, in)
		}
	}
	p := filepath.Join(dir, "groove.aiff")
	t.Setenv("PATH", "")
	_, err := Load(context.Background(), p, nil)
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "ffmpeg") {
		t.Errorf("Load(aiff) without ffmpeg = %v; want ErrUnsupported naming ffmpeg", err)
	}
}

// TestVorbisParallelMatchesSequential wants the parallel Vorbis decode
// identical to the sequential one, trims included.
func TestVorbisParallelMatchesSequential(t *testing.T) {
	dir := t.TempDir()
	x := make([]float32, 70*44100)
	rng := rand.New(rand.NewPCG(15, 16))
	b := beatTimes(0.3, []segment{{131, 69}})
	addGroove(x, 44100, b, rng)
	addNoise(x, 0.05, rng)
	wav := filepath.Join(dir, "g.wav")
	writeWAV(t, wav, 44100, 2, x)
	data, err := os.ReadFile(encode(t, wav, "ogg"))
	if err != nil {
		t.Fatal(err)
	}
	par := newVorbisParallel(data)
	if par == nil {
		t.Fatalf("newVorbisParallel(%d bytes) = nil; want a parallel decoder", len(data))
	}
	seq, err := newVorbisDecoder(data)
	if err != nil {
		t.Fatal(err)
	}
	readAll := func(d decoder) []int16 {
		var out []int16
		buf := make([]int16, 4096)
		for {
			n, err := d.read(buf)
			out = append(out, buf[:n]...)
			if err == io.EOF {
				return out
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	a, c := readAll(par), readAll(seq)
	par.Close()
	seq.Close()
	if len(a) != len(c) {
		t.Fatalf("parallel Vorbis decode = %d values; want %d", len(a), len(c))
	}
	for i := range a {
		if a[i] != c[i] {
			t.Fatalf("parallel Vorbis decode differs at value %d: %v vs %v", i, a[i], c[i])
		}
	}
}

// TestPCMIsSymmetric: full-scale negative samples (-32768 in 16 bits, 0
// in 8 bits, as WAV and as FLAC) load as -32767, so the Track's samples are
// -1..1 at its scale of 32767.
func TestPCMIsSymmetric(t *testing.T) {
	dir := t.TempDir()
	wav16 := filepath.Join(dir, "full16.wav")
	x := make([]float32, 44100)
	for i := range x {
		x[i] = -1.5 // writeWAV clamps to -1: -32767; patched to -32768 below
		if i%2 == 1 {
			x[i] = 1
		}
	}
	writeWAV(t, wav16, 44100, 1, x)
	b, err := os.ReadFile(wav16)
	if err != nil {
		t.Fatal(err)
	}
	for i := 44; i+1 < len(b); i += 4 {
		b[i], b[i+1] = 0x00, 0x80 // -32768
	}
	if err := os.WriteFile(wav16, b, 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{wav16}
	if _, err := exec.LookPath("ffmpeg"); err == nil {
		for _, c := range [][]string{{"-c:a", "pcm_u8"}, {"-c:a", "flac"}} {
			p := filepath.Join(dir, "full."+map[string]string{"pcm_u8": "u8.wav", "flac": "flac"}[c[1]])
			args := append(append([]string{"-nostdin", "-loglevel", "error", "-y", "-i", wav16}, c...), p)
			if out, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
				t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
			}
			files = append(files, p)
		}
	}
	for _, p := range files {
		tr, err := Load(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := slices.Min(tr.pcm), slices.Max(tr.pcm)
		if lo != -32767 || hi < 32000 {
			t.Errorf("Load(%s) samples %d..%d; want -32767..about 32767", filepath.Base(p), lo, hi)
		}
	}
}
