package audio

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// fMeasure scores beats against the truth as beat trackers are scored:
// ±70 ms window, one-to-one matches, the first 5 s ignored. It also returns
// the median absolute error of the matched beats.
func fMeasure(est, truth []float64) (f, medErr float64) {
	cut := func(x []float64) []float64 {
		var o []float64
		for _, v := range x {
			if v >= 5 {
				o = append(o, v)
			}
		}
		return o
	}
	est, truth = cut(est), cut(truth)
	if len(est) == 0 || len(truth) == 0 {
		return 0, math.Inf(1)
	}
	used := make([]bool, len(est))
	var errs []float64
	for _, tv := range truth {
		best, bestD := -1, 0.07
		for i, e := range est {
			if d := math.Abs(e - tv); !used[i] && d <= bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 {
			used[best] = true
			errs = append(errs, bestD)
		}
	}
	m := float64(len(errs))
	if m == 0 {
		return 0, math.Inf(1)
	}
	p, r := m/float64(len(est)), m/float64(len(truth))
	sort.Float64s(errs)
	return 2 * p * r / (p + r), errs[len(errs)/2]
}

// material is a generated test signal with its true beats.
type material struct {
	name  string
	x     []float32
	sr    int
	beats []float64
	min   float64 // required F-measure
	bars  bool    // the first beat of every 4 is accented: check downbeats
}

func makeMaterial() []material {
	const sr = 44100
	rng := rand.New(rand.NewPCG(7, 8))
	var out []material
	{ // click track, 120 BPM, digital silence between clicks
		x := make([]float32, 30*sr)
		b := beatTimes(1.0, []segment{{120, 28}})
		for i, t := range b {
			amp := float32(0.5)
			if i%4 == 0 {
				amp = 0.8
			}
			addClick(x, sr, t, amp)
		}
		out = append(out, material{"clicks 120", x, sr, b, 0.95, true})
	}
	{ // click track at 97 BPM
		x := make([]float32, 30*sr)
		b := beatTimes(0.3, []segment{{97, 29}})
		for _, t := range b {
			addClick(x, sr, t, 0.6)
		}
		out = append(out, material{"clicks 97", x, sr, b, 0.95, false})
	}
	{ // drum loop
		x := make([]float32, 30*sr)
		b := beatTimes(0.5, []segment{{112, 29}})
		addGroove(x, sr, b, rng)
		out = append(out, material{"drums 112", x, sr, b, 0.95, true})
	}
	{ // drum loop mixed with noise
		x := make([]float32, 30*sr)
		b := beatTimes(0.5, []segment{{126, 29}})
		addGroove(x, sr, b, rng)
		addNoise(x, 0.08, rng)
		out = append(out, material{"drums+noise 126", x, sr, b, 0.95, true})
	}
	{ // groove under a music bed
		x := make([]float32, 30*sr)
		b := beatTimes(0.5, []segment{{104, 29}})
		addGroove(x, sr, b, rng)
		addBed(x, sr, b, 0.3)
		out = append(out, material{"groove+bed 104", x, sr, b, 0.95, true})
	}
	{ // click track changing tempo 100 → 130 BPM
		x := make([]float32, 50*sr)
		b := beatTimes(0.5, []segment{{100, 24}, {130, 25}})
		for _, t := range b {
			addClick(x, sr, t, 0.6)
		}
		out = append(out, material{"clicks 100→130", x, sr, b, 0.90, false})
	}
	return out
}

func TestBeatAccuracy(t *testing.T) {
	dir := t.TempDir()
	for _, m := range makeMaterial() {
		t.Run(m.name, func(t *testing.T) {
			p := filepath.Join(dir, "m.wav")
			writeWAV(t, p, m.sr, 1, m.x)
			tr, err := Load(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			b, err := tr.Analyze(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			f, med := fMeasure(b.Beats, m.beats)
			t.Logf("%s: F=%.3f median error %.1f ms, tempo %.1f BPM, %d beats (truth %d), %d downbeats",
				m.name, f, med*1000, b.TempoBPM, len(b.Beats), len(m.beats), len(b.Downbeats))
			if f < m.min {
				t.Errorf("Analyze(%s) F-measure = %.3f; want ≥ %.2f", m.name, f, m.min)
			}
			if med > 0.015 {
				t.Errorf("Analyze(%s) median error = %.1f ms; want ≤ 15 ms", m.name, med*1000)
			}
			if m.bars {
				var bars []float64
				for i := 0; i < len(m.beats); i += 4 {
					bars = append(bars, m.beats[i])
				}
				if f, _ := fMeasure(b.Downbeats, bars); f < 0.9 {
					t.Errorf("Analyze(%s) downbeat F-measure = %.3f; want ≥ 0.9", m.name, f)
				}
			}
		})
	}
}

// TestBeatsAgreeAcrossFormats encodes one groove as WAV, MP3, OGG and FLAC
// (ffmpeg) and wants the same beats within 5 ms.
func TestBeatsAgreeAcrossFormats(t *testing.T) {
	const sr = 44100
	rng := rand.New(rand.NewPCG(9, 10))
	x := make([]float32, 30*sr)
	truth := beatTimes(0.5, []segment{{118, 29}})
	addGroove(x, sr, truth, rng)
	addBed(x, sr, truth, 0.3)
	wav := filepath.Join(t.TempDir(), "groove.wav")
	writeWAV(t, wav, sr, 2, x)
	var ref []float64
	for _, ext := range []string{"wav", "mp3", "ogg", "flac"} {
		p := wav
		if ext != "wav" {
			p = encode(t, wav, ext)
		}
		tr, err := Load(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := tr.Analyze(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if ext == "wav" {
			ref = b.Beats
			continue
		}
		if len(b.Beats) != len(ref) {
			t.Errorf("Analyze(%s) found %d beats; want %d as in the WAV", ext, len(b.Beats), len(ref))
			continue
		}
		worst := 0.0
		for i := range ref {
			worst = max(worst, math.Abs(b.Beats[i]-ref[i]))
		}
		for i := range ref {
			if d := math.Abs(b.Beats[i] - ref[i]); d > 0.003 {
				t.Logf("%s beat %d at %.3f: %.2f ms", ext, i, ref[i], d*1000)
			}
		}
		t.Logf("%s: worst beat difference to WAV %.2f ms", ext, worst*1000)
		if worst > 0.005 {
			t.Errorf("Analyze(%s) beats differ from the WAV's by up to %.1f ms; want ≤ 5 ms", ext, worst*1000)
		}
	}
}

// TestTrackBeatsTail: a strong hit an eighth after the last beat (a final
// stab, a cut loop) must not bend the last beats off the grid to reach it.
// Before the backward run the chain ended on the stab and its last two
// beats fell at 1943 and 1987 (grid 1935, 1970); loop_compus lost six.
func TestTrackBeatsTail(t *testing.T) {
	const p = 35
	n := 2100
	o := make([]float64, n)
	var grid []int
	for f := 10; f < 2000; f += p {
		grid = append(grid, f)
		o[f] += 1
		o[f+p/2] += 0.6 // eighths
	}
	o[grid[len(grid)-1]+p/2] += 3
	per := make([]float64, n)
	for i := range per {
		per[i] = float64(p)
	}
	b := trackBeats(o, per)
	if len(b) < 5 || !slices.Equal(b[len(b)-5:], grid[len(grid)-5:]) {
		t.Errorf("trackBeats(grid + stab) ends %v; want %v", b[max(0, len(b)-5):], grid[len(grid)-5:])
	}
}

// TestAnchorPhase: beats on the off-beats that hold about as much onset
// strength as the beats move to the beats when the song's first onset is
// one of them; not when the off-beats are clearly stronger, nor when the
// first onset is an off-beat.
func TestAnchorPhase(t *testing.T) {
	const per = 40
	envelope := func(on, off float64, first int) []float64 {
		local := make([]float64, 40*per)
		for f := first; f < len(local); f += per / 2 {
			v := on
			if (f-first)%per != 0 {
				v = off
			}
			local[f] += v
			if f > 0 {
				local[f-1] += v / 2
			}
			if f+1 < len(local) {
				local[f+1] += v / 2
			}
		}
		return local
	}
	chain := func(from int) []int {
		var b []int
		for f := from; f < 40*per; f += per {
			b = append(b, f)
		}
		return b
	}
	for _, c := range []struct {
		name        string
		on, off     float64
		first, want int // the first onset's frame, the first beat wanted
	}{
		{"tie, the song starts on a beat", 1, 1.05, 0, 0},
		{"the first onset is on the tracked beats", 1.05, 1, per / 2, per / 2},
		{"off-beats clearly stronger", 1, 1.3, 0, per / 2},
	} {
		local := envelope(c.on, c.off, c.first)
		got := anchorPhase(chain(per/2), local)
		if got[0]%per != c.want%per || len(got) < 30 {
			t.Errorf("%s: anchorPhase starts at frame %d (%d beats); want a beat at %d mod %d", c.name, got[0], len(got), c.want, per)
		}
		for k := 1; k < len(got); k++ {
			if got[k]-got[k-1] != per {
				t.Errorf("%s: beats %d and %d are %d frames apart; want %d", c.name, got[k-1], got[k], got[k]-got[k-1], per)
				break
			}
		}
	}
}
