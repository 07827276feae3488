package audio

import (
	"math"
	"sort"
)

// The tempo model: a tempogram (local autocorrelation of the onset
// envelope), a metrical structure chosen for the whole song (tatums of a
// half or a third of the beat, beats per bar), and a Viterbi path through
// the tempogram that may go anywhere from 40 to 220 BPM, moving smoothly
// (accelerando, ritardando) or in steps, but not hopping to another
// metrical level.

const (
	tgWin    = 8.0  // seconds per tempogram column
	tgHop    = 0.5  // seconds between columns
	tgMaxLag = 4.5  // longest lag kept (bar-level periodicity), seconds
	minBPM   = 40.0 // slowest beat followed
	maxBPM   = 220.0
	nTempi   = 160 // log-spaced tempo states from minBPM to maxBPM
)

// tempogram holds the normalised autocorrelation of the onset envelope in
// windows of tgWin seconds every tgHop seconds.
type tempogram struct {
	fps    float64
	centre []int       // frame at the centre of each column
	acf    [][]float64 // acf[c][lag], 1 at lag 0
}

func newTempogram(o []float64, fps float64) tempogram {
	tg := tempogram{fps: fps}
	win := int(tgWin * fps)
	hop := max(1, int(tgHop*fps))
	maxLag := int(tgMaxLag * fps)
	if len(o) < int(2*fps) {
		return tg
	}
	win = min(win, len(o))
	maxLag = min(maxLag, win-2)
	hann := make([]float64, win)
	for i := range hann {
		hann[i] = 0.5 - 0.5*math.Cos(2*math.Pi*(float64(i)+0.5)/float64(win))
	}
	last := max(0, len(o)-win)
	for start := 0; ; start += hop {
		start = min(start, last)
		tg.centre = append(tg.centre, start+win/2)
		if start == last {
			break
		}
	}
	tg.acf = make([][]float64, len(tg.centre))
	parallel(len(tg.acf), 32, func(lo, hi int) error {
		seg := make([]float64, win)
		for c := lo; c < hi; c++ {
			start := tg.centre[c] - win/2
			mean := 0.0
			for i := range seg {
				mean += o[start+i]
			}
			mean /= float64(win)
			for i := range seg {
				seg[i] = (o[start+i] - mean) * hann[i]
			}
			a := make([]float64, maxLag+1)
			autocorr(seg, a)
			for l := range a {
				a[l] *= float64(win) / float64(win-l)
			}
			if a[0] > 0 {
				inv := 1 / a[0]
				for l := range a {
					a[l] *= inv
				}
			}
			tg.acf[c] = a
		}
		return nil
	})
	return tg
}

// autocorr sets a[l] to the sum over i of x[i]·x[i-l], for every lag l
// below len(a) (< len(x)). Four lags run together as four independent sums
// (the floating-point unit pipelines them); each is still added up in
// order of i, so the result is that of one loop per lag.
func autocorr(x, a []float64) {
	n := len(x)
	l := 0
	for ; l+3 < len(a); l += 4 {
		var s0, s1, s2, s3 float64
		// The first terms of the shorter lags' sums.
		for i := l; i < l+3; i++ {
			s0 += x[i] * x[i-l]
		}
		for i := l + 1; i < l+3; i++ {
			s1 += x[i] * x[i-l-1]
		}
		s2 += x[l+2] * x[0]
		y := x[l+3 : n]
		y0, y1, y2, y3 := x[3:n-l], x[2:n-l-1], x[1:n-l-2], x[0:n-l-3]
		_, _, _, _ = y0[len(y)-1], y1[len(y)-1], y2[len(y)-1], y3[len(y)-1]
		for i, v := range y {
			s0 += v * y0[i]
			s1 += v * y1[i]
			s2 += v * y2[i]
			s3 += v * y3[i]
		}
		a[l], a[l+1], a[l+2], a[l+3] = s0, s1, s2, s3
	}
	for ; l < len(a); l++ {
		s := 0.0
		for i := l; i < n; i++ {
			s += x[i] * x[i-l]
		}
		a[l] = s
	}
}

// at returns column c's autocorrelation at the fractional lag l (frames),
// or 0 beyond the longest lag.
func (tg *tempogram) at(c int, l float64) float64 {
	a := tg.acf[c]
	if l < 0 || l >= float64(len(a)-1) {
		return 0
	}
	i := int(l)
	f := l - float64(i)
	// The peak of a smeared pulse: the best of the neighbourhood, so that a
	// lag between two frames still sees its peak.
	v := a[i]*(1-f) + a[i+1]*f
	if i > 0 {
		v = max(v, a[i-1]*(1-f)+a[i]*f)
	}
	if i+2 < len(a) {
		v = max(v, a[i+1]*(1-f)+a[i+2]*f)
	}
	return v
}

// tempoState returns the beat period in frames of tempo state j.
func tempoState(j int, fps float64) float64 {
	bpm := minBPM * math.Pow(maxBPM/minBPM, float64(j)/float64(nTempi-1))
	return 60 * fps / bpm
}

// metre is the metrical structure of a song.
type metre struct {
	sub   int // tatums per beat: 2 (simple) or 3 (compound)
	meter int // beats per bar as the tempogram sees it
}

// salience scores the beat period l (frames) in column c under structure m:
// the periodicity at the beat, at its tatum (half weight) and at its bar
// (barWeight).
func (tg *tempogram) salience(c int, l float64, m metre) float64 {
	pos := func(l float64) float64 { return max(0, tg.at(c, l)) }
	s := pos(l) + 0.5*pos(l/float64(m.sub))
	if bl := l * float64(m.meter); bl < float64(len(tg.acf[c])-1) {
		s += barWeight * pos(bl)
	} else {
		s += barWeight * pos(2*l) // a bar beyond the window: its half
	}
	// A slow pulse (under 100 BPM) with one as strong at half its period is
	// a half-note: the beat is the faster one.
	bpm := 60 * tg.fps / l
	w := min(1, max(0, (100-bpm)/20))
	return s - w*max(0, pos(l/2)-0.9*pos(l))
}

// barWeight is the weight of the bar's periodicity in a beat's salience,
// as much as the beat's own: a loop or a riff repeats exactly every bar, and
// a pulse that does not divide the bar (a dotted quarter, three sixteenths)
// finds little periodicity at its would-be bar (0.5 before: a 126 BPM
// breakbeat at 48 kHz was beaten at 2/3 of its tempo).
const barWeight = 1.0

// listenerPrior weighs a beat tempo as listeners tap: a broad log-normal
// around 130 BPM, 1.2 octave wide (Moelants, "Preferred tempo reconsidered",
// 2002, puts the preferred tempo between 120 and 130 BPM). It was 115 BPM
// and 0.9 octave: it put fast rock (160–200 BPM) at half its tempo although
// the salience, bar included, said otherwise; on make eval-beats' corpus
// 125–140 BPM with 1.2 octave do as well.
func listenerPrior(bpm float64) float64 {
	l := math.Log2(bpm / 130)
	return math.Exp(-0.5 * l * l / (1.2 * 1.2))
}

// chooseMetre picks the structure and the typical tempo state of the song:
// the best mean salience over the columns, prior-weighted.
func (tg *tempogram) chooseMetre() (metre, int) {
	vs := tg.metreScores()
	best, bestJ, bestV := metre{2, 4}, -1, math.Inf(-1)
	for i, v := range vs {
		if v > bestV {
			best, bestJ, bestV = metres[i/nTempi], i%nTempi, v
		}
	}
	return best, bestJ
}

// metres are the structures chooseMetre weighs, in its order.
var metres = []metre{{2, 2}, {2, 3}, {2, 4}, {3, 2}, {3, 3}, {3, 4}}

// metreScores is the prior-weighted mean salience of every structure and
// tempo state (metres[i/nTempi], state i%nTempi). A column's
// autocorrelation is read once per tempo state at the six lags any
// structure asks for; the sums are salience's, term for term.
func (tg *tempogram) metreScores() []float64 {
	ms := metres
	vs := make([]float64, len(ms)*nTempi)
	parallel(nTempi, 8, func(lo, hi int) error {
		sum := make([]float64, len(ms))
		for j := lo; j < hi; j++ {
			l := tempoState(j, tg.fps)
			clear(sum)
			for c := range tg.acf {
				pos := func(l float64) float64 { return max(0, tg.at(c, l)) }
				p1, pHalf, pThird := pos(l), pos(l/2), pos(l/3)
				pMul := [5]float64{2: pos(l * 2), 3: pos(l * 3), 4: pos(l * 4)}
				lim := float64(len(tg.acf[c]) - 1)
				bpm := 60 * tg.fps / l
				w := min(1, max(0, (100-bpm)/20))
				half := w * max(0, pHalf-0.9*p1)
				for k, m := range ms {
					s := p1 + 0.5*pHalf
					if m.sub == 3 {
						s = p1 + 0.5*pThird
					}
					if l*float64(m.meter) < lim {
						s += barWeight * pMul[m.meter]
					} else {
						s += barWeight * pMul[2] // a bar beyond the window: its half
					}
					sum[k] += s - half
				}
			}
			for k := range ms {
				v := sum[k] / float64(len(tg.acf))
				vs[k*nTempi+j] = v * listenerPrior(60*tg.fps/l)
			}
		}
		return nil
	})
	return vs
}

// tempoPath is the Viterbi path of tempo states over the tempogram's
// columns under structure m: observation the salience (sharpened), a
// transition that favours small changes of log-tempo and allows steps, and
// a soft pull towards the song's metrical level so the path does not hop to
// another level of the same pulse.
func (tg *tempogram) tempoPath(m metre, typical int) []float64 {
	nc := len(tg.acf)
	if nc == 0 {
		return nil
	}
	periods := make([]float64, nTempi)
	for j := range periods {
		periods[j] = tempoState(j, tg.fps)
	}
	stepOct := math.Log2(maxBPM/minBPM) / float64(nTempi-1)
	// Transition log-probabilities by the distance in states: Laplacian
	// (0.04 octave per column) with a floor for steps.
	maxD := nTempi
	trans := make([]float64, maxD)
	for d := range trans {
		oct := float64(d) * stepOct
		trans[d] = math.Log(math.Exp(-oct/0.04) + 0.002*math.Exp(-oct/0.6))
	}
	prior := make([]float64, nTempi)
	for j := range prior {
		prior[j] = listenerPrior(60 * tg.fps / periods[j])
	}
	obs := func(c int, dst []float64) {
		mx := 0.0
		for j := range dst {
			v := max(tg.salience(c, periods[j], m), 0) * prior[j]
			dst[j] = v
			mx = max(mx, v)
		}
		for j := range dst {
			// Sharpen: the best states dominate, weak columns stay flat.
			dst[j] = 8 * (dst[j] - mx)
		}
	}
	// Prior on the level: log-distance to the typical tempo beyond a fifth
	// up or down costs, an octave away costs a lot.
	level := make([]float64, nTempi)
	for j := range level {
		oct := math.Abs(float64(j-typical)) * stepOct
		level[j] = -2 * max(0, oct-0.6) * max(0, oct-0.6) * 4
	}
	score := make([]float64, nTempi)
	ob := make([]float64, nTempi)
	back := make([][]int16, nc)
	obs(0, ob)
	for j := range score {
		score[j] = ob[j] + level[j]
	}
	next := make([]float64, nTempi)
	for c := 1; c < nc; c++ {
		obs(c, ob)
		back[c] = make([]int16, nTempi)
		for j := 0; j < nTempi; j++ {
			bv, bk := math.Inf(-1), 0
			// k ascending, as one loop over |j-k| would go.
			for k, sc := range score[:j] {
				if v := sc + trans[j-k]; v > bv {
					bv, bk = v, k
				}
			}
			for k := j; k < nTempi; k++ {
				if v := score[k] + trans[k-j]; v > bv {
					bv, bk = v, k
				}
			}
			next[j] = bv + ob[j] + level[j]
			back[c][j] = int16(bk)
		}
		score, next = next, score
	}
	j := 0
	for k := range score {
		if score[k] > score[j] {
			j = k
		}
	}
	path := make([]float64, nc)
	for c := nc - 1; c >= 0; c-- {
		path[c] = periods[j]
		if c > 0 {
			j = int(back[c][j])
		}
	}
	return path
}

// periodTrack estimates the beat period (frames) for every onset frame and
// the song's metrical structure.
func periodTrack(o []float64, fps float64) ([]float64, metre) {
	tg := newTempogram(o, fps)
	if len(tg.acf) == 0 {
		return nil, metre{}
	}
	m, typical := tg.chooseMetre()
	path := tg.tempoPath(m, typical)
	per := make([]float64, len(o))
	for i := range per {
		c := sort.SearchInts(tg.centre, i)
		switch {
		case c == 0:
			per[i] = path[0]
		case c >= len(path):
			per[i] = path[len(path)-1]
		default:
			f := float64(i-tg.centre[c-1]) / float64(tg.centre[c]-tg.centre[c-1])
			per[i] = path[c-1]*(1-f) + path[c]*f
		}
	}
	return per, m
}
