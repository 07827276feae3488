package audio

import (
	"context"
	"sync"
	"testing"
)

func TestWaveformBins(t *testing.T) {
	const sr = 1024 // seconds align with pyramid bins
	const h = 0.5
	x := make([]int16, 10*sr)
	for i := 2 * sr; i < 3*sr; i++ { // a 1 s block of ±0.5 at 2..3 s
		x[i] = sample16(h)
		if i%2 == 1 {
			x[i] = sample16(-h)
		}
	}
	// What Bins gives for the int16 peaks of ±0.5.
	lo, hi := float32(sample16(-h))/32767, float32(sample16(h))/32767
	w := newWaveform(sr, int64(len(x)))
	w.add(x[:5*sr], 1)
	tests := []struct {
		start, end float64
		n          int
		want       []float32
	}{
		{0, 10, 5, []float32{0, 0, lo, hi, 0, 0, 0, 0, 0, 0}}, // 6..10 s not decoded yet
		{2, 3, 2, []float32{lo, hi, lo, hi}},
		{0, 2, 1, []float32{0, 0}},
	}
	for _, tt := range tests {
		got := w.Bins(tt.start, tt.end, tt.n, nil)
		for i := range tt.want {
			if got[i] != tt.want[i] {
				t.Errorf("Bins(%v, %v, %d) = %v; want %v", tt.start, tt.end, tt.n, got, tt.want)
				break
			}
		}
	}
	if got := w.Decoded(); got != 5 {
		t.Errorf("Decoded() = %v; want 5", got)
	}
	w.add(x[5*sr:], 1)
	w.finish()
	if got := w.Duration(); got != 10 {
		t.Errorf("Duration() = %v; want 10", got)
	}
	// Every level agrees on the block's extent.
	for _, n := range []int{3, 10, 100, 1000, 5000} {
		b := w.Bins(0, 10, n, nil)
		var mn, mx float32
		for i := 0; i < n; i++ {
			mn, mx = min(mn, b[2*i]), max(mx, b[2*i+1])
		}
		if mn != lo || mx != hi {
			t.Errorf("Bins(0, 10, %d) extent = %v..%v; want %v..%v", n, mn, mx, lo, hi)
		}
	}
}

func TestLoadProgressGrowsWaveform(t *testing.T) {
	wav := grooveFile(t, t.TempDir(), 44100)
	var mu sync.Mutex
	var fr []float64
	tr, err := Load(context.Background(), wav, func(p Progress) {
		mu.Lock()
		fr = append(fr, p.Fraction)
		mu.Unlock()
		p.Waveform.Bins(0, 12, 100, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(fr) == 0 || fr[len(fr)-1] != 1 {
		t.Errorf("Load progress = %v; want it to end at 1", fr)
	}
	for i := 1; i < len(fr); i++ {
		if fr[i] < fr[i-1] {
			t.Errorf("Load progress = %v; want non-decreasing", fr)
		}
	}
	if got, want := tr.Info(), (Info{Path: wav, Format: "wav", SampleRate: 44100, Channels: 2, Duration: 12}); got != want {
		t.Errorf("Info() = %+v; want %+v", got, want)
	}
	if d := tr.Waveform().Decoded(); d != 12 {
		t.Errorf("Waveform().Decoded() = %v; want 12", d)
	}
}
