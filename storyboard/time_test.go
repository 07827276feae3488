package storyboard

import (
	"math"
	"testing"
)

func TestFramesNoDrift(t *testing.T) {
	// Every frame of an hour at every rate: FrameTime is exactly n frame
	// durations, and Frames gives n back, also from anywhere inside the
	// frame's rounding window.
	for _, r := range Rates {
		fd := r.FrameDuration()
		if Time(int64(fd)*r.Num) != Time(int64(Second)*r.Den) {
			t.Errorf("%s: FrameDuration() = %d is not exact", r, fd)
		}
		hour := r.Frames(60 * Minute)
		if want := 3600 * r.Num / r.Den; r.Den == 1 && hour != want {
			t.Errorf("%s: Frames(1 h) = %d; want %d", r, hour, want)
		}
		for n := int64(0); n <= hour; n++ {
			ft := r.FrameTime(n)
			if ft != Time(n)*fd {
				t.Fatalf("%s: FrameTime(%d) = %d; want %d (no drift)", r, n, ft, Time(n)*fd)
			}
			if got := r.Frames(ft); got != n {
				t.Fatalf("%s: Frames(FrameTime(%d)) = %d", r, n, got)
			}
			if got := r.Frames(ft + fd/2 - 1); got != n {
				t.Fatalf("%s: Frames(FrameTime(%d)+half-1) = %d; want %d", r, n, got, n)
			}
			if got := r.Frames(ft + fd/2); got != n+1 {
				t.Fatalf("%s: Frames(FrameTime(%d)+half) = %d; want %d (halves round up)", r, n, got, n+1)
			}
		}
	}
}

func TestFramesTable(t *testing.T) {
	tests := []struct {
		r    Rate
		t    Time
		want int64
	}{
		{Rate24, Second, 24},
		{Rate25, Minute, 1500},
		{Rate2997, 60 * Minute, 107892}, // 3600 * 29.97 = 107892
		{Rate23976, 60 * Minute, 86314}, // 86313.686... rounds up
		{Rate5994, 60 * Minute, 215784},
		{Rate30, -Second, -30},
		{Rate30, Second / 60, 1}, // half a frame rounds away from zero
		{Rate30, -Second / 60, -1},
	}
	for _, tt := range tests {
		if got := tt.r.Frames(tt.t); got != tt.want {
			t.Errorf("Rate(%s).Frames(%s) = %d; want %d", tt.r, tt.t, got, tt.want)
		}
	}
}

func TestSamplesNoDrift(t *testing.T) {
	for _, sr := range []int{44100, 48000} {
		per := Second / Time(sr) // exact: 16000 or 14700 flicks
		if per*Time(sr) != Second {
			t.Fatalf("%d Hz does not divide a second of flicks", sr)
		}
		last := int64(sr) * 3600
		for n := int64(0); n <= last; n += 997 { // a prime stride over an hour
			tm := Samples(n, sr)
			if tm != Time(n)*per {
				t.Fatalf("Samples(%d, %d) = %d; want %d", n, sr, tm, Time(n)*per)
			}
			if got := tm.Samples(sr); got != n {
				t.Fatalf("Samples(%d, %d).Samples() = %d", n, sr, got)
			}
		}
		if got := Samples(last, sr); got != 60*Minute {
			t.Errorf("Samples(one hour at %d) = %s; want exactly 60:00.000", sr, got)
		}
		if got := (60 * Minute).Samples(sr); got != last {
			t.Errorf("(1 h).Samples(%d) = %d; want %d", sr, got, last)
		}
	}
	// Across rates: an hour of 44.1 kHz samples is an hour of 48 kHz ones.
	if Samples(44100*3600, 44100) != Samples(48000*3600, 48000) {
		t.Errorf("an hour at 44.1 kHz and at 48 kHz differ")
	}
	if got := (Second / 3).Samples(44100); got != 14700 {
		t.Errorf("(1/3 s).Samples(44100) = %d; want 14700", got)
	}
}

func TestTimeString(t *testing.T) {
	tests := []struct {
		t    Time
		want string
	}{
		{0, "0:00.000"},
		{Second + 500*Millisecond, "0:01.500"},
		{61 * Second, "1:01.000"},
		{-Second / 2, "-0:00.500"},
		{Millisecond / 2, "0:00.001"},
		{60*Minute - Millisecond, "59:59.999"},
		{60*Minute - Millisecond/3, "1:00:00.000"}, // rounds up into the hours
		{60 * Minute, "1:00:00.000"},
		{25*60*Minute + 61*Second + 7*Millisecond, "25:01:01.007"},
		{-(2*60*Minute + Second), "-2:00:01.000"},
		{math.MaxInt64, "3631020:06:27.833"},
		{math.MinInt64, "-3631020:06:27.833"},
		{math.MinInt64 + 1, "-3631020:06:27.833"},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.want {
			t.Errorf("Time(%d).String() = %q; want %q", int64(tt.t), got, tt.want)
		}
	}
}

func TestRateString(t *testing.T) {
	want := []string{"23.976", "24", "25", "29.97", "30", "48", "50", "59.94", "60"}
	for i, r := range Rates {
		if got := r.String(); got != want[i] {
			t.Errorf("Rate%v.String() = %q; want %q", r, got, want[i])
		}
	}
}
