package audio

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// TestDbgFormats compares the beats of copies of a song (DBG_FMT: WAV first,
// then its copies, space separated): per beat of the WAV, the DP frame and
// the refined time of every copy.
func TestDbgFormats(t *testing.T) {
	v := os.Getenv("DBG_FMT")
	if v == "" {
		t.Skip()
	}
	type res struct {
		frames []int
		beats  []float64
		ok     []bool
	}
	var rs []res
	for _, p := range strings.Fields(v) {
		_, x, rate, o := dbgLoad(t, p)
		det := o.detection()
		per, _ := periodTrack(det, o.fps)
		fr := trackBeats(det, per)
		r := newRefiner(x, rate)
		var q res
		q.frames = fr
		for _, f := range fr {
			q.beats = append(q.beats, r.refine(float64(f)/o.fps))
		}
		for _, f := range fr {
			t0 := float64(f) / o.fps
			q.ok = append(q.ok, r.refine(t0) != t0)
		}
		rs = append(rs, q)
	}
	w := rs[0]
	// Kinds of beats more than 2 ms off: the same frame (refine moved),
	// a frame one off, both unrefined; the refine decision differs; the
	// tracker's frame more than one off.
	var same, flip, decided, path int
	for i, b := range w.beats {
		line := fmt.Sprintf("%3d f%5d %8.4f %v", i, w.frames[i], b, w.ok[i])
		bad := false
		for _, q := range rs[1:] {
			j := 0
			for k := range q.beats {
				if math.Abs(q.beats[k]-b) < math.Abs(q.beats[j]-b) {
					j = k
				}
			}
			d := (q.beats[j] - b) * 1000
			if math.Abs(d) > 2 {
				bad = true
				switch df := abs(q.frames[j] - w.frames[i]); {
				case df > 1:
					path++
				case q.ok[j] != w.ok[i]:
					decided++
				case df == 1:
					flip++
				default:
					same++
				}
			}
			line += fmt.Sprintf(" | f%+d %+6.1fms %v", q.frames[j]-w.frames[i], d, q.ok[j])
		}
		if bad || os.Getenv("DBG_ALL") != "" {
			fmt.Println(line)
		}
	}
	fmt.Printf("off by > 2 ms: tracker frame > 1 off %d, refine decision differs %d, one frame off %d, same frame %d\n", path, decided, flip, same)
}
