package audio

import (
	"context"
	"math"
	"slices"
	"sort"
)

// Beats is the result of the rhythm analysis, in seconds from the start.
type Beats struct {
	TempoBPM  float64   // from the median beat interval
	Beats     []float64 // detected beats, ascending
	Downbeats []float64 // bar starts, a subset of Beats, ascending

	// Meter is the number of beats per bar over most of the song (0 when
	// unknown); a section may say otherwise.
	Meter int
	// Extrapolated are beats before the first and after the last detected
	// one, continued from the tempo model so that every instant of the song
	// has a nearest beat. Ascending, disjoint from Beats.
	Extrapolated []float64
	// Phrases are the starts of phrase groupings (usually 4 or 8 bars), a
	// subset of Downbeats, ascending.
	Phrases []float64
	// Sections are the song's parts in order, covering it without gaps.
	Sections []Section
	// EnergyPerBeat is a loudness value per entry of Beats, 0..1.
	EnergyPerBeat []float64
}

// Section is a part of a song (intro, verse, chorus…), found by novelty and
// labelled by repetition: parts that sound alike share a letter (A, B, A′…).
type Section struct {
	Start, End float64 // seconds; Start on a downbeat
	Label      string
	Energy     float64 // mean loudness, 0..1
	Confidence float64 // 0..1: how sure the beat grid is here
	Meter      int     // beats per bar in this section, 0 when unknown
}

// Onset analysis geometry at the analysis rate (~11025 Hz).
const (
	odfWin = 512 // ~46 ms
	odfHop = 128 // ~11.6 ms
)

// Analyze finds the tempo, beats and downbeats of the track. The analysis
// signal is made from the track's PCM for the time of the call (as
// audio.Analyze makes it while decoding: same PCM, same beats).
func (t *Track) Analyze(ctx context.Context) (Beats, error) {
	x, rate := t.analysisSignal()
	return analyzeSignal(ctx, x, rate)
}

// analysisSignal is the mono signal the analysis runs on.
func (t *Track) analysisSignal() ([]float32, float64) {
	if t.ana != nil || t.pcm == nil {
		return t.ana, t.anaRate
	}
	a := newAnaBuilder(t.info.SampleRate, t.ch, int64(t.Frames()))
	a.add(t.pcm)
	return a.x, a.rate
}

// onsets is the onset-strength envelope of a signal.
type onsets struct {
	fps  float64   // frames per second
	all  []float64 // whole-band spectral flux, one value per hop
	low  []float64 // flux below ~200 Hz (kick, bass) for downbeats
	rate float64
	// Per-frame features for meter and sections.
	lowE   []float32          // log energy below 150 Hz
	chroma [][12]float32      // pitch-class energy (sqrt power), 250 Hz–4 kHz
	timbre [][nTimbre]float32 // log energy in broad bands, low to high
}

// detection is the envelope the tempo and the beat tracker follow: the
// whole band with the low band (kick, bass) weighed in, for beats fall on
// the bass more often than on a swung eighth.
func (o onsets) detection() []float64 {
	det := make([]float64, len(o.all))
	for i := range det {
		det[i] = o.all[i] + 0.5*o.low[i]
	}
	return det
}

// nTimbre is the number of broad bands of the timbre feature.
const nTimbre = 8

// onsetStrength computes band-wise log spectral flux (half-wave rectified).
func onsetStrength(ctx context.Context, x []float32, rate float64) (onsets, error) {
	nFrames := len(x)/odfHop + 1
	o := onsets{fps: rate / odfHop, rate: rate, all: make([]float64, nFrames), low: make([]float64, nFrames),
		lowE: make([]float32, nFrames), chroma: make([][12]float32, nFrames), timbre: make([][nTimbre]float32, nFrames)}
	// Log-spaced bands from 30 Hz up to 5 kHz (or Nyquist).
	binHz := rate / odfWin
	top := min(5000, rate/2*0.95)
	var edges []int
	for f := 30.0; f < top; f *= math.Pow(2, 1.0/6) {
		b := int(math.Round(f / binHz))
		if len(edges) == 0 || b > edges[len(edges)-1] {
			edges = append(edges, b)
		}
	}
	edges = append(edges, int(top/binHz))
	nb := len(edges) - 1
	lowBands := 0
	for lowBands < nb && float64(edges[lowBands+1])*binHz <= 200 {
		lowBands++
	}
	lowBands = max(lowBands, 1)
	// The FFT bins from 250 Hz to 4 kHz and their pitch classes.
	var chromaK, chromaC []int
	for k := 0; k <= odfWin/2; k++ {
		if f := float64(k) * binHz; f >= 250 && f <= min(4000, top) {
			chromaK = append(chromaK, k)
			chromaC = append(chromaC, (int(math.Round(12*math.Log2(f/440)))%12+12+9)%12)
		}
	}
	// Bins 1.. below 150 Hz (low energy), and the timbre band of each band.
	lowEnd := 1
	for float64(lowEnd)*binHz < 150 {
		lowEnd++
	}
	timbreOf := make([]int, nb)
	for b := range timbreOf {
		timbreOf[b] = b * nTimbre / nb
	}
	win := make([]float64, odfWin)
	wsum := 0.0
	for i := range win {
		win[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/odfWin)
		wsum += win[i]
	}
	const gamma = 1000.0
	norm := 1 / (wsum * wsum)
	// Frames are independent but for the flux, which needs the previous
	// frame's bands: each range of frames starts by computing those.
	err := parallel(nFrames, 2048, func(lo, hi int) error {
		pw := make([]float64, odfWin/2+1)
		prev := make([]float64, nb)
		cur := make([]float64, nb)
		rf := newRealFFT(odfWin)
		re, im := rf.input()
		for t := max(0, lo-1); t < hi; t++ {
			if (t-lo)%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			// The windowed frame, even samples in re, odd ones in im.
			s := t*odfHop - odfWin/2
			if s >= 0 && s+odfWin <= len(x) {
				f := x[s : s+odfWin]
				for i := range re {
					re[i], im[i] = float64(f[2*i])*win[2*i], float64(f[2*i+1])*win[2*i+1]
				}
			} else {
				for i := range re {
					re[i], im[i] = 0, 0
					if j := s + 2*i; j >= 0 && j < len(x) {
						re[i] = float64(x[j]) * win[2*i]
					}
					if j := s + 2*i + 1; j >= 0 && j < len(x) {
						im[i] = float64(x[j]) * win[2*i+1]
					}
				}
			}
			rf.spectrum(pw)
			for b := 0; b < nb; b++ {
				e := 0.0
				for _, v := range pw[edges[b]:edges[b+1]] {
					e += v
				}
				cur[b] = math.Log1p(gamma * math.Sqrt(e*norm))
			}
			if t < lo { // the previous range's last frame
				prev, cur = cur, prev
				continue
			}
			var fluxAll, fluxLow float64
			if t > 0 {
				for b := 0; b < nb; b++ {
					if d := cur[b] - prev[b]; d > 0 {
						fluxAll += d
						if b < lowBands {
							fluxLow += d
						}
					}
				}
			}
			o.all[t] = fluxAll / float64(nb)
			o.low[t] = fluxLow / float64(lowBands)
			le := 0.0
			for _, v := range pw[1:lowEnd] {
				le += v
			}
			o.lowE[t] = float32(math.Log1p(gamma * math.Sqrt(le*norm)))
			ch := &o.chroma[t]
			for i, k := range chromaK {
				ch[chromaC[i]] += float32(math.Sqrt(pw[k] * norm))
			}
			tb := &o.timbre[t]
			for b, v := range cur {
				tb[timbreOf[b]&(nTimbre-1)] += float32(v)
			}
			prev, cur = cur, prev
		}
		return nil
	})
	return o, err
}

// trackBeats is the dynamic-programming tracker (Ellis 2007) with a period
// that may change over time. It returns beat frames.
func trackBeats(o []float64, per []float64) []int {
	n := len(o)
	if n == 0 || per == nil {
		return nil
	}
	// Normalise and smooth with a Gaussian of std period/32.
	sd := 0.0
	for _, v := range o {
		sd += v * v
	}
	sd = math.Sqrt(sd / float64(n))
	if sd == 0 {
		return nil
	}
	medP := slices.Clone(per)
	sort.Float64s(medP)
	sigma := max(medP[len(medP)/2]/32, 0.5)
	half := int(math.Ceil(3 * sigma))
	ker := make([]float64, 2*half+1)
	for i := range ker {
		d := float64(i-half) / sigma
		ker[i] = math.Exp(-0.5 * d * d)
	}
	local := make([]float64, n)
	for i := range local {
		s := 0.0
		for k, w := range ker {
			j := i + k - half
			if j >= 0 && j < n {
				s += w * o[j]
			}
		}
		local[i] = s / sd
	}
	beats := chain(local, per)
	if beats == nil {
		return nil
	}
	// The chain's last beats are only as good as its choice of a last beat,
	// its first ones are held by all that follows. The same tracker run
	// backwards over the last 16 beats holds the last ones: from the latest
	// beat the two share on, the beats are the better of the two tails.
	from := max(0, n-int(16*medP[len(medP)/2]))
	rl, rp := slices.Clone(local[from:]), slices.Clone(per[from:])
	slices.Reverse(rl)
	slices.Reverse(rp)
	if bw := chain(rl, rp); bw != nil {
		for k := range bw {
			bw[k] = n - 1 - bw[k]
		}
		slices.Reverse(bw)
		beats = joinChains(beats, bw, local, per)
	}
	// Trim weak leading and trailing beats (onsets in silence or fades).
	if len(beats) > 2 {
		sm := make([]float64, len(beats))
		rms := 0.0
		for k, b := range beats {
			sm[k] = local[b]
			rms += sm[k] * sm[k]
		}
		th := 0.5 * math.Sqrt(rms/float64(len(beats)))
		a, z := 0, len(beats)
		for a < z && sm[a] < th {
			a++
		}
		for z > a && sm[z-1] < th {
			z--
		}
		beats = beats[a:z]
	}
	return anchorPhase(beats, local)
}

// phaseTie is how close (a fraction of the chain's mean onset strength) a
// shifted chain must come to the tracked one for the first onset to decide.
const phaseTie = 0.08

// anchorPhase settles a tie between phases: when the beats shifted by half
// a beat (or a quarter) hold as much onset strength as the tracked ones
// (within phaseTie) and only the shifted ones fall on the song's first
// onset, the shifted ones are the beats. Syncopation can give the
// off-beats as much energy as the beats (the amen break's kicks on the
// "and", a 3+3+2 figure), and a song most often starts on a beat; the
// first onset decides nothing when the phases are not that close.
func anchorPhase(beats []int, local []float64) []int {
	if len(beats) < 8 {
		return beats
	}
	n := len(local)
	at := func(f float64) float64 {
		c := int(math.Round(f))
		v := 0.0
		for k := max(0, c-1); k <= min(n-1, c+1); k++ {
			v = max(v, local[k])
		}
		return v
	}
	shifted := func(d float64) []float64 {
		s := make([]float64, len(beats))
		for k, b := range beats {
			ibi := 0
			if k+1 < len(beats) {
				ibi = beats[k+1] - b
			} else {
				ibi = b - beats[k-1]
			}
			s[k] = float64(b) + d*float64(ibi)
		}
		return s
	}
	mean := func(s []float64) float64 {
		v := 0.0
		for _, f := range s {
			v += at(f)
		}
		return v / float64(len(s))
	}
	// The first onset: the first local maximum as strong as half the
	// chain's typical beat.
	strong := make([]float64, len(beats))
	for k, b := range beats {
		strong[k] = local[b]
	}
	sort.Float64s(strong)
	med := strong[len(strong)/2]
	f0 := -1
	for i := 0; i+1 < n; i++ {
		// Half a typical beat, but a tenth in the first frames, which see
		// only part of an attack on the file's first sample; not a quiet
		// start's codec noise or dither.
		th := 0.5 * med
		if i <= 3 {
			th = 0.1 * med
		}
		if local[i] >= th && (i == 0 || local[i] >= local[i-1]) && local[i] >= local[i+1] {
			f0 = i
			break
		}
	}
	if f0 < 0 || f0 > beats[len(beats)-1] {
		return beats
	}
	// The phase of the first onset against a chain (0 on a beat, ±0.5
	// between two), extrapolated from its first beats when it starts later.
	phase := func(s []float64) float64 {
		p := (s[6] - s[2]) / 4
		x := (float64(f0) - s[2]) / p
		return x - math.Round(x)
	}
	if math.Abs(phase(shifted(0))) <= 0.125 {
		return beats
	}
	base := mean(shifted(0))
	for _, d := range []float64{0.5, 0.25, 0.75} {
		s := shifted(d)
		if math.Abs(phase(s)) <= 0.125 && mean(s) >= (1-phaseTie)*base {
			out := make([]int, 0, len(s))
			for _, f := range s {
				if c := int(math.Round(f)); c < n && (len(out) == 0 || c > out[len(out)-1]) {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return beats
}

// tightness is how much the tracker's objective costs a beat spacing away
// from the period (squared log ratio).
const tightness = 100.0

// chain is the dynamic programme of trackBeats over the smoothed, normalised
// onset envelope local: the best chain of beats, their spacing near the
// period, as frames.
func chain(local, per []float64) []int {
	n := len(local)
	score := make([]float64, n)
	back := make([]int, n)
	maxLocal := slices.Max(local)
	first := true
	for i := 0; i < n; i++ {
		p := per[i]
		lo := i - int(math.Round(2*p))
		hi := i - int(math.Round(p/2))
		best, bestJ := math.Inf(-1), -1
		for j := max(lo, 0); j <= hi; j++ {
			d := math.Log(float64(i-j) / p)
			if v := score[j] - tightness*d*d; v > best {
				best, bestJ = v, j
			}
		}
		if bestJ < 0 {
			score[i], back[i] = local[i], -1
		} else {
			score[i], back[i] = local[i]+best, bestJ
		}
		// Before the first real onset, do not chain beats through silence.
		if first && local[i] < 0.01*maxLocal {
			score[i], back[i] = local[i], -1
		} else {
			first = false
		}
	}
	// Last beat: the latest local maximum of the score above half the
	// median of the score's local maxima.
	var peaks []float64
	for i := 1; i+1 < n; i++ {
		if score[i] > score[i-1] && score[i] >= score[i+1] {
			peaks = append(peaks, score[i])
		}
	}
	if len(peaks) == 0 {
		return nil
	}
	sort.Float64s(peaks)
	thr := 0.5 * peaks[len(peaks)/2]
	last := -1
	for i := n - 2; i >= 1; i-- {
		if score[i] > score[i-1] && score[i] >= score[i+1] && score[i] >= thr {
			last = i
			break
		}
	}
	if last < 0 {
		return nil
	}
	var beats []int
	for i := last; i >= 0; i = back[i] {
		beats = append(beats, i)
	}
	slices.Reverse(beats)
	return beats
}

// joinChains returns fw with its tail after the latest beat (in its second
// half) that bw has too, within two frames, replaced by bw's when that one
// scores better on the tracker's objective; fw alone when they share none
// there (another phase: fw's choice stands).
func joinChains(fw, bw []int, local, per []float64) []int {
	j := len(bw) - 1
	for k := len(fw) - 1; k >= len(fw)/2; k-- {
		for j > 0 && bw[j] > fw[k]+2 {
			j--
		}
		if j >= 0 && abs(bw[j]-fw[k]) <= 2 {
			if tailScore(fw[k:], local, per) >= tailScore(bw[j:], local, per) {
				return fw
			}
			return append(slices.Clip(fw[:k+1]), bw[j+1:]...)
		}
	}
	return fw
}

// tailScore is the dynamic programme's objective over the beats b, per
// beat (tails of different lengths compare): their onset strength, less
// the cost of spacings away from the period.
func tailScore(b []int, local, per []float64) float64 {
	if len(b) < 2 {
		return math.Inf(-1)
	}
	s := 0.0
	for k := 1; k < len(b); k++ {
		d := math.Log(float64(b[k]-b[k-1]) / per[b[k]])
		s += local[b[k]] - tightness*d*d
	}
	return s / float64(len(b)-1)
}

// refiner places beats on the precise start of the sound near them, using
// a ~1.5 ms energy envelope of the analysis signal.
type refiner struct {
	env   []float64
	block int
	rate  float64
}

func newRefiner(x []float32, rate float64) *refiner {
	block := max(1, int(math.Round(rate*0.0015)))
	r := &refiner{block: block, rate: rate, env: make([]float64, len(x)/block)}
	for k := range r.env {
		s := 0.0
		for _, v := range x[k*block : (k+1)*block] {
			s += float64(v) * float64(v)
		}
		r.env[k] = s
	}
	return r
}

// refine returns the onset time near t (within ±50 ms): the block where
// the energy of the next ~10 ms most exceeds that of the previous ~10 ms
// (log ratio, floored 30 dB under the loudest block near t so that codec
// pre-echo and dither do not count). It returns t when there is no clear onset.
func (r *refiner) refine(t float64) float64 {
	bs := float64(r.block) / r.rate
	const m = 7 // blocks on each side, ~10 ms
	a := int(math.Round((t - 0.05) / bs))
	b := int(math.Round((t + 0.05) / bs))
	a, b = max(a, m), min(b, len(r.env)-m)
	if a >= b {
		return t
	}
	peak := 0.0
	for k := a - m; k < b+m; k++ {
		peak = max(peak, r.env[k])
	}
	if peak == 0 {
		return t
	}
	eps := 1e-3 * peak * m
	before, after := 0.0, 0.0
	for k := a - m; k < a; k++ {
		before += r.env[k]
	}
	for k := a; k < a+m; k++ {
		after += r.env[k]
	}
	best, bestK := math.Inf(-1), -1
	for k := a; k < b; k++ {
		if d := math.Log((after + eps) / (before + eps)); d > best {
			best, bestK = d, k
		}
		before += r.env[k] - r.env[k-m]
		after += r.env[k+m] - r.env[k]
	}
	if bestK < 0 || best < math.Log(3) {
		return t
	}
	return float64(bestK) * bs
}

// analyzeSignal runs the whole rhythm analysis on a mono signal.
func analyzeSignal(ctx context.Context, x []float32, rate float64) (Beats, error) {
	o, err := onsetStrength(ctx, x, rate)
	if err != nil {
		return Beats{}, err
	}
	if err := ctx.Err(); err != nil {
		return Beats{}, err
	}
	dur := float64(len(x)) / rate
	// The tracker follows the whole band with the low band (kick, bass)
	// weighed in: beats fall on the bass more often than on a swung eighth.
	det := o.detection()
	per, mt := periodTrack(det, o.fps)
	if err := ctx.Err(); err != nil {
		return Beats{}, err
	}
	frames := trackBeats(det, per)
	res := Beats{Beats: []float64{}, Downbeats: []float64{}}
	if len(frames) < 2 {
		return res, nil
	}
	r := newRefiner(x, rate)
	beats := make([]float64, 0, len(frames))
	for _, f := range frames {
		t := r.refine(float64(f) / o.fps)
		if t < 0 {
			t = 0
		}
		if len(beats) > 0 && t <= beats[len(beats)-1]+0.05 {
			continue
		}
		beats = append(beats, t)
	}
	res.Beats = beats
	if len(beats) >= 2 {
		// Median beat period over spans of up to 8 beats, which averages
		// out the onset quantisation yet follows tempo changes.
		k := min(8, len(beats)-1)
		ibi := make([]float64, len(beats)-k)
		for i := range ibi {
			ibi[i] = (beats[i+k] - beats[i]) / float64(k)
		}
		sort.Float64s(ibi)
		res.TempoBPM = 60 / ibi[len(ibi)/2]
	}
	res.Extrapolated = extrapolate(beats, dur)
	res.EnergyPerBeat = beatEnergy(x, rate, beats)
	bf := beatFeatures(o, beats)
	res.Meter, res.Downbeats = barsOf(bf, 0, len(beats), mt.sub)
	res.Sections = sections(bf, &res, dur, mt.sub)
	res.Phrases = phrases(res.Downbeats, res.Sections)
	return res, nil
}
