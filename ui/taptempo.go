package ui

import (
	"sort"
	"time"
)

// tapGap is the pause after which a tap starts a new count.
const tapGap = 2500 * time.Millisecond

// tapTempo is the tap-tempo control's memory: the times of the taps of the
// current count.
type tapTempo struct {
	taps []time.Time
}

// tap records a tap at t and returns the tempo it gives in beats per
// minute: 60 over the median interval of the last eight taps, once there
// are four (three intervals). A pause longer than tapGap starts again.
func (tt *tapTempo) tap(t time.Time) (bpm float64, ok bool) {
	if n := len(tt.taps); n > 0 && (t.Sub(tt.taps[n-1]) > tapGap || !t.After(tt.taps[n-1])) {
		tt.taps = tt.taps[:0]
	}
	tt.taps = append(tt.taps, t)
	if len(tt.taps) > 8 {
		tt.taps = tt.taps[len(tt.taps)-8:]
	}
	if len(tt.taps) < 4 {
		return 0, false
	}
	var iv []float64
	for i := 1; i < len(tt.taps); i++ {
		iv = append(iv, tt.taps[i].Sub(tt.taps[i-1]).Seconds())
	}
	sort.Float64s(iv)
	med := iv[len(iv)/2]
	if len(iv)%2 == 0 {
		med = (iv[len(iv)/2-1] + iv[len(iv)/2]) / 2
	}
	if med <= 0 {
		return 0, false
	}
	return 60 / med, true
}

// count is the number of taps of the current count.
func (tt *tapTempo) count() int { return len(tt.taps) }
