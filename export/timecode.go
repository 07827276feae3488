package export

import (
	"fmt"

	"github.com/reelboard/reelboard/storyboard"
)

// timecode formats frame n as SMPTE timecode HH:MM:SS:FF at r's nominal rate,
// or drop-frame HH:MM:SS;FF when drop is set and r is 29.97 or 59.94.
func timecode(n int64, r storyboard.Rate, drop bool) string {
	tb := r.Timebase()
	sep := ":"
	if drop && r.NTSC() && tb%30 == 0 {
		sep = ";"
		d := tb / 15 // frames dropped per minute: 2 at 29.97, 4 at 59.94
		per10 := tb*600 - 9*d
		perMin := tb*60 - d
		tens, rem := n/per10, n%per10
		n += 9 * d * tens
		if rem > d {
			n += d * ((rem - d) / perMin)
		}
	}
	neg := ""
	if n < 0 {
		neg, n = "-", -n
	}
	ff := n % tb
	s := n / tb
	return fmt.Sprintf("%s%02d:%02d:%02d%s%02d", neg, s/3600%24, s/60%60, s%60, sep, ff)
}
