package storyboard

import (
	"fmt"
	"math"
)

// Time is an exact instant or duration in flicks: 1/705,600,000 of a second.
//
// Every common frame rate (23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60) and
// sample rate (44.1 kHz, 48 kHz) divides a second of flicks exactly, so frames,
// samples and beats convert without drift. The model never stores float seconds.
type Time int64

// Time units.
const (
	Flick       Time = 1
	Millisecond Time = 705_600
	Second      Time = 705_600_000
	Minute      Time = 60 * Second
)

// Seconds returns the time nearest to s seconds.
func Seconds(s float64) Time {
	return Time(math.Round(s * float64(Second)))
}

// Seconds returns t in seconds, for display and for interchange formats that
// use floating-point seconds.
func (t Time) Seconds() float64 { return float64(t) / float64(Second) }

// String formats t as m:ss.mmm, or h:mm:ss.mmm from one hour on (with a
// leading "-" when negative), rounded to the millisecond. Every Time
// formats, math.MinInt64 and math.MaxInt64 included.
func (t Time) String() string {
	sign := ""
	u := uint64(t)
	if t < 0 {
		sign = "-"
		u = uint64(-(t + 1)) + 1 // no overflow at math.MinInt64
	}
	ms := (u + uint64(Millisecond)/2) / uint64(Millisecond)
	if ms < 3_600_000 {
		return fmt.Sprintf("%s%d:%02d.%03d", sign, ms/60000, ms/1000%60, ms%1000)
	}
	return fmt.Sprintf("%s%d:%02d:%02d.%03d", sign, ms/3_600_000, ms/60000%60, ms/1000%60, ms%1000)
}

// Samples converts a sample count at sampleRate into a Time, rounding to the
// nearest flick (exact for 8, 16, 22.05, 32, 44.1, 48, 88.2, 96 kHz...).
func Samples(n int64, sampleRate int) Time {
	return Time(divRound(n*int64(Second), int64(sampleRate)))
}

// Rate is a frame rate as an exact fraction of frames per second,
// for example {24000, 1001} for 23.976 fps.
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// The frame rates Reelboard supports.
var (
	Rate23976 = Rate{24000, 1001}
	Rate24    = Rate{24, 1}
	Rate25    = Rate{25, 1}
	Rate2997  = Rate{30000, 1001}
	Rate30    = Rate{30, 1}
	Rate48    = Rate{48, 1}
	Rate50    = Rate{50, 1}
	Rate5994  = Rate{60000, 1001}
	Rate60    = Rate{60, 1}
)

// Rates lists the supported frame rates, slowest first.
var Rates = []Rate{Rate23976, Rate24, Rate25, Rate2997, Rate30, Rate48, Rate50, Rate5994, Rate60}

// Valid reports whether r is a positive rate.
func (r Rate) Valid() bool { return r.Num > 0 && r.Den > 0 }

// FPS returns r as a float, for display only.
func (r Rate) FPS() float64 { return float64(r.Num) / float64(r.Den) }

// NTSC reports whether r is one of the 1000/1001 rates (23.976, 29.97, 59.94).
func (r Rate) NTSC() bool { return r.Den == 1001 }

// Timebase returns the integer nominal rate (24 for 23.976, 30 for 29.97).
func (r Rate) Timebase() int64 { return divRound(r.Num, r.Den) }

// String formats r as "24", "29.97" or "23.976".
func (r Rate) String() string {
	if r.Den == 1 {
		return fmt.Sprintf("%d", r.Num)
	}
	s := fmt.Sprintf("%.3f", r.FPS())
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

// FrameDuration returns the exact length of one frame. It is exact for every
// rate in Rates.
func (r Rate) FrameDuration() Time { return Time(divRound(int64(Second)*r.Den, r.Num)) }

// FrameTime returns the start time of frame n.
func (r Rate) FrameTime(n int64) Time {
	return Time(divRound(n*int64(Second)*r.Den, r.Num))
}

// Frames converts t to a frame count, rounding to the nearest frame (halves
// away from zero). This is the one place where time is rounded to frames.
func (r Rate) Frames(t Time) int64 {
	return divRound(int64(t)*r.Num, int64(Second)*r.Den)
}

// SnapToFrame returns the frame boundary nearest to t.
func (r Rate) SnapToFrame(t Time) Time { return r.FrameTime(r.Frames(t)) }

// divRound divides a by b (b > 0), rounding halves away from zero.
func divRound(a, b int64) int64 {
	if a >= 0 {
		return (a + b/2) / b
	}
	return -((-a + b/2) / b)
}

// Samples converts t to a sample count at sampleRate, rounding to the
// nearest sample (halves away from zero).
func (t Time) Samples(sampleRate int) int64 {
	q, r := int64(t)/int64(Second), int64(t)%int64(Second)
	return q*int64(sampleRate) + divRound(r*int64(sampleRate), int64(Second))
}
