package storyboard

import (
	"math"
	"sort"
)

// BeatGrid returns the soundtrack's beats and downbeats on the reel's
// timeline (0 is the soundtrack's Offset into the song), keeping those within
// [0, max(reel length, Soundtrack.Length)] and the first beat after it, in
// ascending order.
//
// Beats come from Soundtrack.Analysis, shifted by PhaseNudge: the detected
// beats together with the extrapolated ones before and after them, so that
// every instant of the song has a nearest beat. When
// TempoOverride is set (within MinTempo to MaxTempo), the beats form a regular grid at that tempo starting
// at the first analysed beat (or the song's start without an analysis), and
// the downbeats fall every 4 grid beats from the grid beat nearest the first
// analysed downbeat. Without a soundtrack, analysis or override, both are
// empty.
func (p *Project) BeatGrid() (beats, downbeats []Time) {
	if p.Soundtrack == nil {
		return nil, nil
	}
	return p.Soundtrack.grid(max(p.Length(), p.Soundtrack.Length))
}

// grid returns the beats and downbeats of s in reel time within [0, end].
func (s *Soundtrack) grid(end Time) (beats, downbeats []Time) {
	if s == nil {
		return nil, nil
	}
	shift := s.PhaseNudge - s.Offset // song time to reel time
	var a Analysis
	if s.Analysis != nil {
		a = *s.Analysis
	}
	if !(s.TempoOverride >= MinTempo && s.TempoOverride <= MaxTempo) {
		all := merge(a.Beats, a.Extrapolated)
		beats = window(all, shift, end)
		// The first beat after the end too: the last cut has a beat on
		// either side (a cut 1 ms before a beat is not half a beat off).
		if i := sort.Search(len(all), func(i int) bool { return all[i]+shift > end }); i < len(all) && all[i]+shift >= 0 {
			beats = append(beats, all[i]+shift)
		}
		return beats, window(extendBars(all, a.Downbeats, a.Meter), shift, end)
	}

	var anchor Time
	if len(a.Beats) > 0 {
		anchor = a.Beats[0]
	}
	period := 60 * float64(Second) / s.TempoOverride
	at := func(k int) Time { return anchor + Time(math.Round(float64(k)*period)) + shift }
	// First grid beat at or after reel time 0.
	k0 := 0
	if at(0) < 0 {
		k0 = int(math.Floor(float64(-at(0)) / period))
		for at(k0) < 0 {
			k0++
		}
	}
	k := k0
	for ; at(k) <= end; k++ {
		beats = append(beats, at(k))
	}
	beats = append(beats, at(k)) // the first after the end, as above
	if len(a.Downbeats) > 0 {
		j := int(math.Round(float64(a.Downbeats[0]-anchor) / period))
		if j < 0 {
			j = 0 // a downbeat before the first beat: start the bars on it
		}
		if j < k0 {
			j += (k0 - j + 3) / 4 * 4
		}
		for k := j; at(k) <= end; k += 4 {
			downbeats = append(downbeats, at(k))
		}
	}
	return beats, downbeats
}

// SongGrid returns the soundtrack's beats over the whole song, in song
// time: what BeatGrid gives on the reel, before the offset and beyond the
// reel's ends, so that moving the music's start can land on a beat of the
// song. It is empty without a soundtrack or beats.
func (p *Project) SongGrid() []Time {
	if p.Soundtrack == nil {
		return nil
	}
	song := *p.Soundtrack
	song.Offset = 0
	beats, _ := song.grid(p.songEnd())
	return beats
}

// extendBars continues the downbeats before the first and after the last
// one every meter beats of beats (the detected and extrapolated beats), so
// that a quiet intro or a fade-out has its bars too. Without downbeats or a
// meter it returns downs.
func extendBars(beats, downs []Time, meter int) []Time {
	if len(downs) == 0 || meter < 2 || len(beats) == 0 {
		return downs
	}
	first, last := nearestIndex(beats, downs[0]), nearestIndex(beats, downs[len(downs)-1])
	var out []Time
	for i := first % meter; i < first; i += meter {
		out = append(out, beats[i])
	}
	out = append(out, downs...)
	for i := last + meter; i < len(beats); i += meter {
		out = append(out, beats[i])
	}
	return out
}

// merge returns the ascending union of two ascending lists.
func merge(a, b []Time) []Time {
	if len(b) == 0 {
		return a
	}
	out := make([]Time, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] <= b[j]):
			out = append(out, a[i])
			i++
		default:
			out = append(out, b[j])
			j++
		}
	}
	return out
}

// window shifts the song times ts by shift and keeps those in [0, end].
func window(ts []Time, shift, end Time) []Time {
	var out []Time
	for _, t := range ts {
		if t += shift; t >= 0 && t <= end {
			out = append(out, t)
		}
	}
	return out
}

// SnapTime returns the time of grid nearest to t (the earlier one on a tie),
// or t when grid is empty. grid must be in ascending order.
func SnapTime(t Time, grid []Time) Time {
	if len(grid) == 0 {
		return t
	}
	i := sort.Search(len(grid), func(i int) bool { return grid[i] >= t })
	switch {
	case i == 0:
		return grid[0]
	case i == len(grid):
		return grid[i-1]
	case grid[i]-t < t-grid[i-1]:
		return grid[i]
	}
	return grid[i-1]
}

// Cuts returns the reel times of the cuts: the start of every card after the
// first, then the end of the last card. It is empty without cards.
func (p *Project) Cuts() []Time {
	if len(p.Cards) == 0 {
		return nil
	}
	cuts := make([]Time, 0, len(p.Cards))
	var t Time
	for _, c := range p.Cards {
		t += c.Duration
		cuts = append(cuts, t)
	}
	return cuts
}

// BeatPosition returns the position of reel time at on the beat grid (in
// ascending order), in beats from its first beat: fractional between beats,
// and continued at the mean beat length outside the grid. ok is false with
// fewer than two beats. A card from a to b lasts BeatPosition(b) -
// BeatPosition(a) beats: 4 on a fitted plan, whatever the tempo drift.
func BeatPosition(grid []Time, at Time) (pos float64, ok bool) {
	n := len(grid)
	if n < 2 {
		return 0, false
	}
	p := (grid[n-1] - grid[0]) / Time(n-1)
	if p <= 0 {
		return 0, false
	}
	i := sort.Search(n, func(i int) bool { return grid[i] > at })
	switch {
	case i == 0:
		return float64(at-grid[0]) / float64(p), true
	case i == n:
		return float64(n-1) + float64(at-grid[n-1])/float64(p), true
	}
	a, b := grid[i-1], grid[i]
	return float64(i-1) + float64(at-a)/float64(b-a), true
}
