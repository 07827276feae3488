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
