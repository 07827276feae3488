package timeline

import (
	"math"
	"sort"
	"strconv"

	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
)

// beatPeriod returns the grid's mean beat length, 0 with fewer than two
// beats.
func beatPeriod(grid []storyboard.Time) storyboard.Time {
	n := len(grid)
	if n < 2 {
		return 0
	}
	return (grid[n-1] - grid[0]) / storyboard.Time(n-1)
}

// NextBeat returns the first beat of grid (ascending) strictly after at. Past
// the grid's last beat it continues the grid at its mean beat length, so a
// cut at the end of the reel still reaches the next beat. It reports false
// with fewer than two beats.
func NextBeat(grid []storyboard.Time, at storyboard.Time) (storyboard.Time, bool) {
	p := beatPeriod(grid)
	if p <= 0 {
		return 0, false
	}
	i := sort.Search(len(grid), func(i int) bool { return grid[i] > at })
	if i < len(grid) {
		if i == 0 && at < grid[0]-p { // well before the grid: continue it backwards
			k := (grid[0] - at - 1) / p
			return grid[0] - k*p, true
		}
		return grid[i], true
	}
	last := grid[len(grid)-1]
	k := (at-last)/p + 1
	return last + k*p, true
}

// PrevBeat returns the last beat of grid (ascending) strictly before at,
// continuing the grid at its mean beat length before its first beat and
// after its last. It reports false with fewer than two beats.
func PrevBeat(grid []storyboard.Time, at storyboard.Time) (storyboard.Time, bool) {
	p := beatPeriod(grid)
	if p <= 0 {
		return 0, false
	}
	i := sort.Search(len(grid), func(i int) bool { return grid[i] >= at })
	if i > 0 {
		if i == len(grid) && at > grid[i-1]+p {
			last := grid[i-1]
			k := (at - last - 1) / p
			return last + k*p, true
		}
		return grid[i-1], true
	}
	k := (grid[0]-at)/p + 1
	return grid[0] - k*p, true
}

// BeatStep returns the duration that card id takes when the cut at its end
// moves to the next beat (dir > 0) or the previous one (dir < 0): the ↑ and ↓
// keys. With snapping off or without a beat grid it moves by one frame. It
// reports false for an unknown card, or when the card would be left with
// less than a frame.
func (t *Timeline) BeatStep(id uuid.UUID, dir int) (storyboard.Time, bool) {
	k := t.index(id)
	if k < 0 || dir == 0 {
		return 0, false
	}
	c := t.cards[k]
	end := c.start + c.dur
	frame := t.rate.FrameDuration()
	to := end + storyboard.Time(sign(dir))*frame
	if t.snap {
		var ok bool
		if dir > 0 {
			to, ok = NextBeat(t.beats, end)
		} else {
			to, ok = PrevBeat(t.beats, end)
		}
		if !ok {
			to = end + storyboard.Time(sign(dir))*frame
		}
	}
	if to-c.start < frame {
		return 0, false
	}
	return to - c.start, true
}

func sign(n int) int {
	if n < 0 {
		return -1
	}
	return 1
}

// BeatPos returns the position of reel time at on the beat grid, in beats
// from its first beat (storyboard.BeatPosition): fractional between beats,
// and continued at the mean beat length outside the grid. ok is false with
// fewer than two beats.
func BeatPos(grid []storyboard.Time, at storyboard.Time) (float64, bool) {
	return storyboard.BeatPosition(grid, at)
}

// beatCount returns the length of [from, to) in beats of the grid, and
// false without one.
func (t *Timeline) beatCount(from, to storyboard.Time) (float64, bool) {
	a, ok := BeatPos(t.beats, from)
	if !ok {
		return 0, false
	}
	b, _ := BeatPos(t.beats, to)
	return b - a, true
}

// WholeBeats writes a whole count of beats in the language in use, with
// its plural form ("1 доля", "3 доли", "5 долей"); the window sets it. Nil
// uses the translations "timeline.one_beat" and "timeline.beats".
var WholeBeats func(n int) string

// beatsLabel writes a count of beats: whole counts as "4 beats", others
// with two decimals. Labels are cached until the next SetProject
// (translating is slow next to drawing a frame).
func (t *Timeline) beatsLabel(n float64) string {
	num := numfmt.Fixed(n, 2)
	r := math.Round(n)
	whole := math.Abs(n-r) < 0.005
	if whole {
		num = strconv.Itoa(int(r))
	}
	if s, ok := t.labels[num]; ok {
		return s
	}
	var s string
	switch {
	case whole && WholeBeats != nil:
		s = WholeBeats(int(r))
	case whole && r == 1:
		s = lang.X("timeline.one_beat", "1 beat")
	case whole:
		s = lang.X("timeline.beats", "{{.N}} beats", map[string]any{"N": int(r)})
	default:
		s = lang.X("timeline.beats_fraction", "{{.N}} beats", map[string]any{"N": num})
	}
	if t.labels == nil || len(t.labels) > 1000 {
		t.labels = map[string]string{}
	}
	t.labels[num] = s
	return s
}
