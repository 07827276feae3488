package audio

import (
	"math"
	"sort"
)

// beatFeat is what the meter and section analysis know about one beat.
type beatFeat struct {
	t      float64
	low    float64 // low-band (kick, bass) onset at the beat
	lowUp  float64 // rise of the energy below 150 Hz at the beat
	all    float64 // whole-band onset at the beat
	change float64 // harmonic change from the previous beat, 0..2
	chroma [12]float64
	timbre [nTimbre]float64
	salien float64 // how much the beat's onset stands out around it, 0..1
	tonal  float64 // how peaked the chroma is: 0 for noise, towards 1 for chords
}

// beatFeatures summarises the onset features beat by beat.
func beatFeatures(o onsets, beats []float64) []beatFeat {
	n := len(o.all)
	bf := make([]beatFeat, len(beats))
	frame := func(t float64) int { return min(n-1, max(0, int(math.Round(t*o.fps)))) }
	for i, b := range beats {
		c := frame(b)
		f := &bf[i]
		f.t = b
		for k := max(0, c-2); k <= min(n-1, c+2); k++ {
			f.low = max(f.low, o.low[k])
			f.all = max(f.all, o.all[k])
		}
		end := b + 0.5
		if i+1 < len(beats) {
			end = beats[i+1]
		} else if i > 0 {
			end = b + (b - beats[i-1])
		}
		a, z := c, max(c+1, frame(end))
		before, after := 0.0, 0.0
		for k := max(0, c-4); k < c; k++ {
			before += math.Expm1(float64(o.lowE[k])) / 4
		}
		for k := c; k < min(n, c+8, z); k++ {
			after = max(after, math.Expm1(float64(o.lowE[k])))
		}
		f.lowUp = max(0, after-before)
		// Harmonic content over the beat, skipping its attack.
		for k := a + (z-a)/8; k < z; k++ {
			for p := range f.chroma {
				f.chroma[p] += float64(o.chroma[k][p])
			}
			for p := range f.timbre {
				f.timbre[p] += float64(o.timbre[k][p])
			}
		}
		cnt := float64(max(1, z-a-(z-a)/8))
		for p := range f.timbre {
			f.timbre[p] /= cnt
		}
		// Tonality: 1 - geometric/arithmetic mean of the chroma.
		ar, ge := 0.0, 0.0
		for _, v := range f.chroma {
			ar += v / 12
			ge += math.Log(v+1e-12) / 12
		}
		if ar > 0 {
			f.tonal = 1 - math.Exp(ge)/ar
		}
		normalise(f.chroma[:])
		// Salience: the detection function at the beat against its best
		// within half a beat either side.
		h := max(2, (z-a)/2)
		at, best := 0.0, 0.0
		for k := max(0, c-h); k <= min(n-1, c+h); k++ {
			v := o.all[k] + 0.5*o.low[k]
			best = max(best, v)
			if k >= c-2 && k <= c+2 {
				at = max(at, v)
			}
		}
		if best > 0 {
			f.salien = at / best
		}
	}
	for i := 1; i < len(bf); i++ {
		bf[i].change = 1 - dot(bf[i].chroma[:], bf[i-1].chroma[:])
	}
	if len(bf) > 1 {
		bf[0].change = bf[1].change
	}
	return bf
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// normalise scales v to unit length (leaves zero alone).
func normalise(v []float64) {
	s := math.Sqrt(dot(v, v))
	if s > 0 {
		for i := range v {
			v[i] /= s
		}
	}
}

// zscores standardises v (robustly: median and mean absolute deviation,
// the deviation at least floor so that a flat feature stays flat).
func zscores(v []float64, floor float64) []float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	med := s[len(s)/2]
	mad := 0.0
	for _, x := range v {
		mad += math.Abs(x - med)
	}
	mad /= float64(len(v))
	mad = max(mad, floor, 1e-9)
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = (x - med) / mad
	}
	return out
}

// barFit is the best bar interpretation of a run of beats.
type barFit struct {
	meter, phase int // beats per bar; index (in the run) of the first downbeat
	score        float64
}

// fitBars chooses the beats per bar (2–6) and the phase of the downbeats
// of bf[from:to] from accents: low-band onsets (kick, bass), harmonic
// change (chords change on the bar) and whole-band onsets.
//
// sub is the tatums per beat (0 when unknown): in compound time (3) a bar of
// two beats is as likely as one of four.
func fitBars(bf []beatFeat, from, to, sub int) barFit {
	n := to - from
	if n < 4 {
		return barFit{}
	}
	d := accents(bf[from:to])
	var fits [7]barFit
	for m := 2; m <= 6; m++ {
		fits[m] = fitMeter(d, m)
	}
	best := barFit{score: math.Inf(-1)}
	for m := 2; m <= 6; m++ {
		if fits[m].meter != 0 && fits[m].score > best.score {
			best = fits[m]
		}
	}
	// A bar of twice the length when its accent pattern holds nearly as
	// well: 4 rather than 2 (kick on 1 and 3), 6 rather than 3 only when
	// clearly so.
	two := 0.6
	if sub == 3 {
		two = 0.9
	}
	for _, c := range [][3]float64{{2, 4, two}, {3, 6, 0.9}} {
		a, b := int(c[0]), int(c[1])
		if best.meter == a && fits[b].meter != 0 && fits[b].score >= c[2]*fits[a].score {
			best = fits[b]
		}
	}
	return best
}

// accents is the downbeat evidence of each beat: low-band onset, harmonic
// change and whole-band onset, each standardised.
func accents(bf []beatFeat) []float64 {
	n := len(bf)
	low, chg, all, up := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, f := range bf {
		low[i], chg[i], all[i], up[i] = f.low, f.change, f.all, f.lowUp
	}
	med := func(v []float64) float64 {
		s := append([]float64(nil), v...)
		sort.Float64s(s)
		return s[len(s)/2]
	}
	fl := 0.1*med(all) + 1e-6
	zl, zc, za, zu := zscores(low, fl), zscores(chg, 0.03), zscores(all, fl), zscores(up, 0.1*med(up)+1e-6)
	// Harmonic change counts as far as the music is tonal (not for drums).
	tonal := 0.0
	for _, f := range bf {
		tonal += f.tonal / float64(n)
	}
	wc := 1.2 * min(1, max(0, (tonal-0.25)/0.25))
	d := make([]float64, n)
	for i := range d {
		d[i] = zu[i] + 0.5*zl[i] + wc*zc[i] + 0.3*za[i]
	}
	return d
}

// fitMeter is the best phase of an m-beat bar on the accents d: the mean
// accent on the downbeats minus that elsewhere.
func fitMeter(d []float64, m int) barFit {
	best := barFit{score: math.Inf(-1)}
	if len(d) < 2*m || m < 2 {
		return barFit{}
	}
	for ph := 0; ph < m; ph++ {
		on, off, non, noff := 0.0, 0.0, 0, 0
		for i, v := range d {
			if (i-ph)%m == 0 {
				on += v
				non++
			} else {
				off += v
				noff++
			}
		}
		if s := on/float64(non) - off/float64(noff); s > best.score {
			best = barFit{m, ph, s}
		}
	}
	return best
}

// barsOf returns the meter and the downbeats of bf[from:to].
func barsOf(bf []beatFeat, from, to, sub int) (int, []float64) {
	fit := fitBars(bf, from, to, sub)
	out := []float64{}
	if fit.meter == 0 {
		return 0, out
	}
	for i := from + fit.phase; i < to; i += fit.meter {
		out = append(out, bf[i].t)
	}
	return fit.meter, out
}
