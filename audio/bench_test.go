package audio

import (
	"context"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// benchSignal is 60 s of groove under a bed at the analysis rate.
func benchSignal(b testing.TB) ([]float32, float64) {
	b.Helper()
	const sr = 11025
	x := make([]float32, 60*sr)
	rng := rand.New(rand.NewPCG(1, 1))
	beats := beatTimes(0.5, []segment{{120, 59}})
	addGroove(x, sr, beats, rng)
	addBed(x, sr, beats, 0.3)
	return x, sr
}

func BenchmarkOnsetStrength(b *testing.B) {
	x, sr := benchSignal(b)
	for b.Loop() {
		if _, err := onsetStrength(context.Background(), x, sr); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(x))/sr, "audio-s/op")
}

func BenchmarkTempoAndTracker(b *testing.B) {
	x, sr := benchSignal(b)
	o, _ := onsetStrength(context.Background(), x, sr)
	for b.Loop() {
		per, _ := periodTrack(o.all, o.fps)
		trackBeats(o.all, per)
	}
}

func BenchmarkAnalyzeSignal(b *testing.B) {
	x, sr := benchSignal(b)
	for b.Loop() {
		if _, err := analyzeSignal(context.Background(), x, sr); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWaveformAdd(b *testing.B) {
	x := make([]int16, 2*44100*10)
	for i := range x {
		x[i] = int16(i%200*300 - 30000)
	}
	b.SetBytes(int64(len(x) * 2))
	for b.Loop() {
		w := newWaveform(44100, int64(len(x)/2))
		for i := 0; i < len(x); i += 16384 {
			w.add(x[i:min(len(x), i+16384)], 2)
		}
	}
}

func BenchmarkWaveformBins(b *testing.B) {
	x := make([]int16, 44100*240)
	w := newWaveform(44100, int64(len(x)))
	w.add(x, 1)
	w.finish()
	dst := make([]float32, 0, 2*2000)
	for b.Loop() {
		dst = w.Bins(0, 240, 2000, dst)
		dst = w.Bins(100, 101, 2000, dst)
	}
}

// mp3Bench is a 30 s stereo MP3 made by ffmpeg.
func mp3Bench(b *testing.B) []byte {
	b.Helper()
	dir := b.TempDir()
	x := make([]float32, 30*44100)
	rng := rand.New(rand.NewPCG(2, 2))
	beats := beatTimes(0.5, []segment{{120, 29}})
	addGroove(x, 44100, beats, rng)
	addBed(x, 44100, beats, 0.3)
	wav := filepath.Join(dir, "b.wav")
	writeWAV(b, wav, 44100, 2, x)
	data, err := os.ReadFile(encode(b, wav, "mp3"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkMP3Decode is libmpg123 with the gapless trim.
func BenchmarkMP3Decode(b *testing.B) {
	data := mp3Bench(b)
	b.SetBytes(int64(len(data)))
	buf := make([]int16, 8192*2)
	for b.Loop() {
		d, err := newMP3Decoder(data)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := d.read(buf); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		d.Close()
	}
}

func BenchmarkLoadMP3(b *testing.B) {
	data := mp3Bench(b)
	p := filepath.Join(b.TempDir(), "b.mp3")
	os.WriteFile(p, data, 0o644)
	for b.Loop() {
		if _, err := Load(context.Background(), p, nil); err != nil {
			b.Fatal(err)
		}
	}
}
