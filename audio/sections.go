package audio

import (
	"math"
	"sort"
	"strings"
)

// extrapolate continues the beat grid before the first and after the last
// detected beat to the ends of the song (0..dur), at the local period of
// the first and last few beats.
func extrapolate(beats []float64, dur float64) []float64 {
	out := []float64{}
	n := len(beats)
	if n < 2 {
		return out
	}
	period := func(a, b int) float64 { // median interval of beats[a:b]
		var d []float64
		for i := a + 1; i < b; i++ {
			d = append(d, beats[i]-beats[i-1])
		}
		sort.Float64s(d)
		return d[len(d)/2]
	}
	p0 := period(0, min(n, 5))
	if p0 > 0.2 {
		// A beat a few milliseconds before the file's first sample is the
		// song's first beat: a song trimmed to start on the one.
		early := min(0.05, 0.1*p0)
		var pre []float64
		for t := beats[0] - p0; t >= -early; t -= p0 {
			pre = append(pre, max(0, t))
		}
		for i := len(pre) - 1; i >= 0; i-- {
			out = append(out, pre[i])
		}
	}
	p1 := period(max(0, n-5), n)
	if p1 > 0.2 {
		for t := beats[n-1] + p1; t <= dur+1e-9; t += p1 {
			out = append(out, t)
		}
	}
	return out
}

// beatEnergy is the loudness of each beat (RMS from the beat to the next),
// 0..1 on a 40 dB scale under the loudest beat.
func beatEnergy(x []float32, rate float64, beats []float64) []float64 {
	out := make([]float64, len(beats))
	if len(beats) == 0 {
		return out
	}
	db := make([]float64, len(beats))
	top := math.Inf(-1)
	for i, b := range beats {
		end := b + 0.5
		if i+1 < len(beats) {
			end = beats[i+1]
		} else if i > 0 {
			end = b + (b - beats[i-1])
		}
		a, z := int(b*rate), min(len(x), int(end*rate))
		s := 0.0
		for _, v := range x[min(a, z):z] {
			s += float64(v) * float64(v)
		}
		ms := s / float64(max(1, z-a))
		db[i] = 10 * math.Log10(ms+1e-12)
		top = max(top, db[i])
	}
	for i, v := range db {
		out[i] = min(1, max(0, 1+(v-top)/40))
	}
	return out
}

// sections divides the song at downbeats where the harmony and timbre
// change (novelty along the diagonal of the bars' self-similarity), labels
// the parts by repetition, and gives each its energy, confidence and meter.
// It may refine res.Downbeats where a section's meter differs from the song's.
func sections(bf []beatFeat, res *Beats, dur float64, sub int) []Section {
	out := []Section{}
	beats := res.Beats
	if len(beats) == 0 || dur <= 0 {
		return out
	}
	// Bars: index of the first beat of each bar.
	var barBeat []int
	j := 0
	for _, d := range res.Downbeats {
		for j < len(beats) && beats[j] < d-1e-9 {
			j++
		}
		if j < len(beats) {
			barBeat = append(barBeat, j)
		}
	}
	nb := len(barBeat)
	if nb == 0 {
		return []Section{summarise(Section{Start: 0, End: dur, Label: "A", Meter: res.Meter}, bf, res, 0, len(beats), dur)}
	}
	barEnd := func(k int) int {
		if k+1 < nb {
			return barBeat[k+1]
		}
		return len(beats)
	}
	// Bar features: chroma and timbre, centred over the song, unit length.
	const dim = 12 + nTimbre
	feat := make([][dim]float64, nb)
	var mean [dim]float64
	for k := range nb {
		for i := barBeat[k]; i < barEnd(k); i++ {
			for p := 0; p < 12; p++ {
				feat[k][p] += bf[i].chroma[p]
			}
			for p := 0; p < nTimbre; p++ {
				feat[k][12+p] += bf[i].timbre[p]
			}
		}
		cnt := float64(max(1, barEnd(k)-barBeat[k]))
		normalise(feat[k][:12])
		for p := 12; p < dim; p++ {
			feat[k][p] /= cnt
		}
		for p := range mean {
			mean[p] += feat[k][p] / float64(nb)
		}
	}
	for k := range feat {
		for p := range mean {
			feat[k][p] -= mean[p]
		}
		normalise(feat[k][:12])
		normalise(feat[k][12:])
	}
	sim := func(a, b int) float64 {
		return 0.5 * (dot(feat[a][:12], feat[b][:12]) + dot(feat[a][12:], feat[b][12:]))
	}
	// Novelty at the start of each bar: checkerboard kernel of K bars.
	K := min(4, max(1, nb/4))
	nov := make([]float64, nb)
	for k := 1; k < nb; k++ {
		var within, across, nw, na float64
		for a := k - K; a < k+K; a++ {
			for b := k - K; b < k+K; b++ {
				if a < 0 || b < 0 || a >= nb || b >= nb || a == b {
					continue
				}
				if (a < k) == (b < k) {
					within += sim(a, b)
					nw++
				} else {
					across += sim(a, b)
					na++
				}
			}
		}
		if nw > 0 && na > 0 {
			nov[k] = within/nw - across/na
		}
	}
	mu, sd := 0.0, 0.0
	for _, v := range nov {
		mu += v
	}
	mu /= float64(nb)
	for _, v := range nov {
		sd += (v - mu) * (v - mu)
	}
	sd = math.Sqrt(sd / float64(nb))
	// Boundaries: novelty peaks above the mean + half a deviation, at least
	// 4 bars apart, strongest first; a small bonus on 4-bar multiples.
	type cand struct {
		k int
		v float64
	}
	var cands []cand
	for k := 2; k < nb-1; k++ {
		v := nov[k]
		if (k-0)%4 == 0 {
			v += 0.15 * sd
		}
		if v > mu+0.5*sd && v > 0.05 && nov[k] >= nov[k-1] && nov[k] >= nov[k+1] {
			cands = append(cands, cand{k, v})
		}
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a].v > cands[b].v })
	// The whole bars before the first detected downbeat (an intro the
	// tracker locked onto late) count towards the first section's length.
	pre := 0
	if nb > 1 {
		bar := (beats[barBeat[nb-1]] - beats[barBeat[0]]) / float64(nb-1)
		pre = int(beats[barBeat[0]]/bar + 0.1)
	}
	var cuts []int
	for _, c := range cands {
		ok := c.k+pre >= 4 && nb-c.k >= 4
		for _, x := range cuts {
			if abs(x-c.k) < 4 {
				ok = false
			}
		}
		if ok {
			cuts = append(cuts, c.k)
		}
	}
	sort.Ints(cuts)
	bounds := append(append([]int{0}, cuts...), nb)
	// Labels by repetition: the mean similarity of aligned bars.
	segSim := func(a0, a1, b0, b1 int) float64 {
		n := min(a1-a0, b1-b0)
		s := 0.0
		for k := 0; k < n; k++ {
			s += sim(a0+k, b0+k)
		}
		return s / float64(max(1, n))
	}
	labels := make([]string, len(bounds)-1)
	next := 'A'
	for s := range labels {
		bestS, bestV := -1, math.Inf(-1)
		for r := 0; r < s; r++ {
			if v := segSim(bounds[s], bounds[s+1], bounds[r], bounds[r+1]); v > bestV {
				bestS, bestV = r, v
			}
		}
		base := func(l string) string { return strings.TrimRight(l, "′") }
		switch {
		case bestS >= 0 && bestV >= 0.6:
			labels[s] = base(labels[bestS])
		case bestS >= 0 && bestV >= 0.35:
			labels[s] = base(labels[bestS]) + "′"
		default:
			labels[s] = string(next)
			if next < 'Z' {
				next++
			}
		}
	}
	for s := range labels {
		a, z := barBeat[bounds[s]], len(beats)
		if bounds[s+1] < nb {
			z = barBeat[bounds[s+1]]
		}
		sec := Section{Start: beats[a], End: dur, Label: labels[s], Meter: res.Meter}
		if s == 0 {
			sec.Start = 0
			a = 0
		}
		if s+1 < len(labels) {
			sec.End = beats[z]
		}
		out = append(out, summarise(sec, bf, res, a, z, dur))
	}
	refineMeter(bf, res, out, sub)
	return out
}

// refineMeter re-fits the bars of every section long enough to tell, and
// where a section clearly has another meter than the song, takes its own
// downbeats there.
func refineMeter(bf []beatFeat, res *Beats, secs []Section, sub int) {
	if len(secs) < 2 {
		return
	}
	beats := res.Beats
	idx := func(t float64) int { return sort.SearchFloat64s(beats, t-1e-9) }
	var downs []float64
	changed := false
	for s := range secs {
		a, z := idx(secs[s].Start), idx(secs[s].End)
		if s+1 == len(secs) {
			z = len(beats)
		}
		var sd []float64
		for _, d := range res.Downbeats {
			if d >= beats[a]-1e-9 && (z >= len(beats) || d < beats[z]-1e-9) {
				sd = append(sd, d)
			}
		}
		if z-a >= 24 {
			// The section's own fit against the song's meter in it.
			own := fitBars(bf, a, z, sub)
			if own.meter != 0 && own.meter != res.Meter && segScore(bf, a, z, res.Meter)+0.25 < own.score {
				secs[s].Meter = own.meter
				sd = sd[:0]
				for i := a + own.phase; i < z; i += own.meter {
					sd = append(sd, beats[i])
				}
				changed = true
			}
		}
		downs = append(downs, sd...)
	}
	if changed {
		res.Downbeats = downs
	}
}

// segScore is the best bar fit of bf[from:to] with the meter fixed to m.
func segScore(bf []beatFeat, from, to, m int) float64 {
	f := fitMeter(accents(bf[from:to]), m)
	if f.meter == 0 {
		return math.Inf(-1)
	}
	return f.score
}

// summarise fills a section's energy and confidence from beats a..z-1.
func summarise(s Section, bf []beatFeat, res *Beats, a, z int, dur float64) Section {
	e, c, n := 0.0, 0.0, 0
	for i := a; i < z && i < len(bf); i++ {
		e += res.EnergyPerBeat[i]
		c += bf[i].salien
		n++
	}
	if n > 0 {
		s.Energy = e / float64(n)
		c /= float64(n)
		// Only the detected part of the section counts as sure.
		first, last := res.Beats[a], res.Beats[min(z, len(res.Beats))-1]
		if span := s.End - s.Start; span > 0 {
			c *= min(1, max(0, (last-first)/span+0.1))
		}
		s.Confidence = math.Round(min(1, max(0, c))*1000) / 1000
		s.Energy = math.Round(s.Energy*1000) / 1000
	}
	_ = dur
	return s
}

// phrases are the section starts' downbeats and every 4 bars after them (8
// when bars are short), within each section.
func phrases(downs []float64, secs []Section) []float64 {
	out := []float64{}
	if len(downs) == 0 {
		return out
	}
	for _, s := range secs {
		var in []float64
		for _, d := range downs {
			if d >= s.Start-1e-9 && d < s.End-1e-9 {
				in = append(in, d)
			}
		}
		if len(in) == 0 {
			continue
		}
		step := 4
		if len(in) > 1 && (in[len(in)-1]-in[0])/float64(len(in)-1) < 1.2 {
			step = 8
		}
		for i := 0; i < len(in); i += step {
			out = append(out, in[i])
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
