package export

import (
	"fmt"
	"strings"

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

// ParseStartTimecode reads a typed start timecode, "01:00:00:00" (or with
// ";" before the frames), as the value of storyboard.Project.StartTimecode:
// a time on the timecode clock, the frames counted at r's nominal rate.
func ParseStartTimecode(s string, r storyboard.Rate) (storyboard.Time, error) {
	if !r.Valid() {
		return 0, fmt.Errorf("export: %w %d/%d", ErrBadRate, r.Num, r.Den)
	}
	var h, m, sec, ff int64
	norm := strings.NewReplacer(";", ":", ".", ":", ",", ":").Replace(strings.TrimSpace(s))
	n, err := fmt.Sscanf(norm, "%d:%d:%d:%d", &h, &m, &sec, &ff)
	tb := r.Timebase()
	if err != nil || n != 4 || strings.Count(norm, ":") != 3 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 || ff < 0 || ff >= tb {
		return 0, fmt.Errorf("export: %w %q: want HH:MM:SS:FF with frames below %d", ErrBadTimecode, s, tb)
	}
	secs := storyboard.Time((h*60+m)*60+sec) * storyboard.Second
	return secs + storyboard.Time(ff*int64(storyboard.Second)/tb), nil
}

// FormatStartTimecode writes a start timecode as HH:MM:SS:FF at r.
func FormatStartTimecode(t storyboard.Time, r storyboard.Rate) string {
	return timecode(startFrames(t, r, false), r, false)
}
