package storyboard

import (
	"reflect"
	"testing"
)

func TestBeatGrid(t *testing.T) {
	ms := Millisecond
	cards := func(n int, d Time) []Card {
		cs := make([]Card, n)
		for i := range cs {
			cs[i] = Card{Duration: d}
		}
		return cs
	}
	an := &Analysis{
		TempoBPM:  120,
		Beats:     []Time{1000 * ms, 1500 * ms, 2000 * ms, 2500 * ms, 3000 * ms, 3500 * ms, 4000 * ms, 4500 * ms, 5000 * ms},
		Downbeats: []Time{1500 * ms, 3500 * ms},
	}
	tests := []struct {
		name                string
		p                   Project
		wantBeats, wantDown []Time
	}{
		{"no soundtrack", Project{Cards: cards(2, Second)}, nil, nil},
		{"no analysis", Project{Soundtrack: &Soundtrack{Path: "a"}, Cards: cards(2, Second)}, nil, nil},
		{
			"offset and window by cards",
			Project{Soundtrack: &Soundtrack{Offset: 1500 * ms, Analysis: an}, Cards: cards(2, Second)},
			[]Time{0, 500 * ms, 1000 * ms, 1500 * ms, 2000 * ms, 2500 * ms}, []Time{0, 2000 * ms}, // and the beat after the end
		},
		{
			"window by soundtrack length, nudge",
			Project{Soundtrack: &Soundtrack{Offset: 1500 * ms, Length: 3 * Second, PhaseNudge: 10 * ms, Analysis: an}, Cards: cards(1, Second)},
			[]Time{10 * ms, 510 * ms, 1010 * ms, 1510 * ms, 2010 * ms, 2510 * ms, 3010 * ms}, []Time{10 * ms, 2010 * ms},
		},
		{
			"tempo override",
			Project{Soundtrack: &Soundtrack{Offset: 0, Length: 3 * Second, TempoOverride: 60, Analysis: an}, Cards: cards(1, Second)},
			[]Time{1000 * ms, 2000 * ms, 3000 * ms, 4000 * ms}, []Time{2000 * ms},
		},
		{
			"tempo override, offset past the anchor",
			Project{Soundtrack: &Soundtrack{Offset: 1750 * ms, Length: 5 * Second, TempoOverride: 240, Analysis: an}, Cards: cards(1, Second)},
			// Grid at 250 ms from song time 1.0 s; downbeat index 2 (1.5 s), every 4.
			seq(0, 250*ms, 22), []Time{750 * ms, 1750 * ms, 2750 * ms, 3750 * ms, 4750 * ms},
		},
		{
			"tempo override without analysis",
			Project{Soundtrack: &Soundtrack{Offset: 0, Length: Second, TempoOverride: 120}},
			[]Time{0, 500 * ms, 1000 * ms, 1500 * ms}, nil,
		},
	}
	for _, tt := range tests {
		b, d := tt.p.BeatGrid()
		if !reflect.DeepEqual(b, tt.wantBeats) || !reflect.DeepEqual(d, tt.wantDown) {
			t.Errorf("BeatGrid(%s) = %v, %v; want %v, %v", tt.name, b, d, tt.wantBeats, tt.wantDown)
		}
	}
}

// seq returns n times from start, step apart.
func seq(start, step Time, n int) []Time {
	out := make([]Time, n)
	for i := range out {
		out[i] = start + Time(i)*step
	}
	return out
}

func TestBeatGridNoDrift(t *testing.T) {
	// A regular grid at 128 BPM over an hour: beat k is at exactly
	// round(k * 60/128 s), never accumulating error.
	p := Project{Soundtrack: &Soundtrack{Length: 60 * Minute, TempoOverride: 128}}
	b, _ := p.BeatGrid()
	if len(b) != 7682 { // 0 to 60 min, and the first after
		t.Fatalf("BeatGrid over an hour at 128 BPM has %d beats; want 7682", len(b))
	}
	for k, got := range b {
		// 60/128 s = 330,750,000 flicks exactly.
		if want := Time(k) * 330_750_000; got != want {
			t.Fatalf("beat %d = %d; want %d", k, got, want)
		}
	}
}

func TestSnapTime(t *testing.T) {
	grid := []Time{10, 20, 30}
	tests := []struct{ t, want Time }{{0, 10}, {14, 10}, {15, 10}, {16, 20}, {29, 30}, {99, 30}, {-5, 10}}
	for _, tt := range tests {
		if got := SnapTime(tt.t, grid); got != tt.want {
			t.Errorf("SnapTime(%d) = %d; want %d", tt.t, got, tt.want)
		}
	}
	if got := SnapTime(7, nil); got != 7 {
		t.Errorf("SnapTime(7, nil) = %d; want 7", got)
	}
}

func TestCuts(t *testing.T) {
	p := Project{Cards: []Card{{Duration: 2}, {Duration: 3}, {Duration: 4}}}
	if got, want := p.Cuts(), []Time{2, 5, 9}; !reflect.DeepEqual(got, want) {
		t.Errorf("Cuts() = %v; want %v", got, want)
	}
	if got := (&Project{}).Cuts(); got != nil {
		t.Errorf("Cuts() of no cards = %v; want nil", got)
	}
}

func TestBeatGridExtrapolated(t *testing.T) {
	ms := Millisecond
	an := &Analysis{
		Beats:        []Time{2000 * ms, 2500 * ms, 3000 * ms},
		Extrapolated: []Time{0, 500 * ms, 1000 * ms, 1500 * ms, 3500 * ms, 4000 * ms},
		Downbeats:    []Time{2000 * ms},
	}
	p := Project{Soundtrack: &Soundtrack{Length: 4 * Second, Analysis: an}}
	b, d := p.BeatGrid()
	if want := seq(0, 500*ms, 9); !reflect.DeepEqual(b, want) || !reflect.DeepEqual(d, []Time{2000 * ms}) {
		t.Errorf("BeatGrid(extrapolated) = %v, %v; want %v, [2s]", b, d, want)
	}
	// With the meter known, the bars go on over the extrapolated beats: the
	// quiet intro's bar at 0 and the one at 4 s after the last detected beat.
	an.Meter = 4
	if _, d := p.BeatGrid(); !reflect.DeepEqual(d, []Time{0, 2000 * ms, 4000 * ms}) {
		t.Errorf("BeatGrid(extrapolated, meter 4) downbeats = %v; want [0 2s 4s]", d)
	}
	an.Meter = 3 // 2 s is beat 4 of the grid: 0.5 s is the bar before it
	if _, d := p.BeatGrid(); !reflect.DeepEqual(d, []Time{500 * ms, 2000 * ms, 3500 * ms}) {
		t.Errorf("BeatGrid(extrapolated, meter 3) downbeats = %v; want [0.5s 2s 3.5s]", d)
	}
}
