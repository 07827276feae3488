package timeline_test

import (
	"fmt"
	"time"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/timeline"
)

// A shot kind dropped from the palette 3 s into the backstage template
// (2 s cards) lands on the second half of the second card: after it, in the
// arrival act.
func ExampleInsertionPoint() {
	p, _ := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Now())
	index, act := timeline.InsertionPoint(p, 3*storyboard.Second)
	fmt.Println(index, act)
	// Output: 2 arrival
}

// On a 135.1 BPM grid a cut at 6.000 s (off the beat) moves with ↑ to the
// next beat and with ↓ to the previous one, not by a fixed 0.444 s.
func ExampleNextBeat() {
	var grid []storyboard.Time
	for k := range 32 {
		grid = append(grid, storyboard.Time(k)*storyboard.Seconds(60/135.1))
	}
	cut := 6 * storyboard.Second
	next, _ := timeline.NextBeat(grid, cut)
	prev, _ := timeline.PrevBeat(grid, cut)
	fmt.Println(prev, next)
	// Output: 0:05.774 0:06.218
}

func ExampleFormatTime() {
	at := storyboard.Seconds(4.445)
	fmt.Println(timeline.FormatTime(at, storyboard.Rate25, timeline.Timecode))
	fmt.Println(timeline.FormatTime(at, storyboard.Rate25, timeline.MinSec))
	// Output:
	// 00:00:04:11
	// 0:04.45
}
