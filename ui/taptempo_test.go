package ui

import (
	"math"
	"testing"
	"time"
)

func TestTapTempo(t *testing.T) {
	var tt tapTempo
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	// 120 BPM with a little human jitter, and one late tap.
	times := []float64{0, 0.51, 0.99, 1.50, 2.02, 2.49, 3.12, 3.50}
	var bpm float64
	var ok bool
	for i, s := range times {
		bpm, ok = tt.tap(at(s))
		if i < 3 && ok {
			t.Errorf("tap %d gave a tempo; want one from the fourth tap on", i+1)
		}
	}
	if !ok || math.Abs(bpm-120) > 3 {
		t.Errorf("taps at about 0.5 s: %.1f BPM (%v); want about 120", bpm, ok)
	}
	// A pause starts a new count.
	if _, ok := tt.tap(at(7)); ok || tt.count() != 1 {
		t.Errorf("a tap after a 3.5 s pause: count %d, tempo given %v; want a new count of 1", tt.count(), ok)
	}
	for _, s := range []float64{7.75, 8.5, 9.25} {
		bpm, ok = tt.tap(at(s))
	}
	if !ok || math.Abs(bpm-80) > 0.5 {
		t.Errorf("taps every 0.75 s: %.1f BPM; want 80", bpm)
	}
}
