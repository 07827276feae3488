package storyboard

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// Errors of fitting, besides ErrNoBeats and ErrInvalid. Test with errors.Is.
var (
	// ErrNoSoundtrack means the project has no soundtrack to fit to.
	ErrNoSoundtrack = errors.New("the project has no soundtrack")
	// ErrTooManyCards means the reel's length cannot hold every card at the
	// platform's shortest shot.
	ErrTooManyCards = errors.New("too many cards for the length")
)

// FitOptions say what FitPlan fits the plan to.
type FitOptions struct {
	// Length is the reel's length; 0 takes the length of the last fit
	// (Soundtrack.FitLength), else the music region's (Soundtrack.Length),
	// else the platform's recommended length, no longer than three
	// quarters of what the cards fill at the longest comfortable shot nor
	// than the platform's maximum.
	Length Time
	// Start, when FixedStart is set, is where the music starts (song time);
	// the fit moves it to the nearest downbeat. Otherwise the best excerpt
	// (see Project.Excerpts) is chosen.
	Start      Time
	FixedStart bool
	// optionalWeight scales the share of optional cards (variants shorten
	// them); 0 means 1.
	optionalWeight float64
}

// ActFit is how the fit placed one act.
type ActFit struct {
	Act    Act
	Cards  int
	Start  Time // reel time
	Length Time
	// Share is the act's share of the reel in whole percent, Target the
	// template's, Tolerance its allowance in points.
	Share, Target, Tolerance int
	// On is what the music does where the act starts: "section", "phrase",
	// "downbeat", "half bar" or "beat".
	On string
}

// FitReport is the account of a fit, for the status line (String) and
// `reelboard fit --json` (MarshalJSON).
type FitReport struct {
	Excerpt  Excerpt
	Target   Time // the length asked for
	Length   Time // the fitted length (the excerpt's)
	Cards    int
	Beats    int // beats in the excerpt
	Cuts     int // cuts between cards
	OnBars   int // cuts on a downbeat
	Acts     []ActFit
	Shortest Time
	Longest  Time
	// Tempo is the mean tempo of the excerpt in beats per minute.
	Tempo float64
	// Grid says where the structure came from: "sections", "phrases" or
	// "downbeats" (phrases every 4 bars), or "beats" (bars every 4 beats).
	Grid string
	// Notes are what the fit could not do as asked, in English sentences.
	Notes []string
}

// String summarises r in one line for the status bar.
func (r FitReport) String() string {
	var shares []string
	for _, a := range r.Acts {
		shares = append(shares, fmt.Sprint(a.Share))
	}
	s := fmt.Sprintf("Fitted %d cards to %s of music from %s (%s): acts %s%%, %d of %d cuts on a bar",
		r.Cards, r.Length, r.Excerpt.Start, joinReasons(r.Excerpt.Reasons), strings.Join(shares, "/"), r.OnBars, r.Cuts)
	s += "."
	for _, n := range r.Notes {
		s += " " + n
	}
	return s
}

// MarshalJSON encodes r with times in seconds (see README, `reelboard fit --json`).
func (r FitReport) MarshalJSON() ([]byte, error) {
	type act struct {
		Act       string  `json:"act"`
		Cards     int     `json:"cards"`
		Start     float64 `json:"start_s"`
		Length    float64 `json:"length_s"`
		Share     int     `json:"share_pct"`
		Target    int     `json:"target_pct"`
		Tolerance int     `json:"tolerance_pct"`
		On        string  `json:"on"`
	}
	type excerpt struct {
		Start   float64  `json:"start_s"`
		End     float64  `json:"end_s"`
		Score   float64  `json:"score"`
		StartOn string   `json:"start_on"`
		EndOn   string   `json:"end_on"`
		Section string   `json:"section,omitempty"`
		Hook    float64  `json:"hook_energy"`
		Fade    bool     `json:"fade"`
		Reasons []string `json:"reasons"`
	}
	acts := make([]act, len(r.Acts))
	for i, a := range r.Acts {
		acts[i] = act{a.Act.String(), a.Cards, a.Start.Seconds(), a.Length.Seconds(), a.Share, a.Target, a.Tolerance, a.On}
	}
	e := r.Excerpt
	notes := r.Notes
	if notes == nil {
		notes = []string{}
	}
	return json.Marshal(struct {
		Summary  string   `json:"summary"`
		Excerpt  excerpt  `json:"excerpt"`
		Target   float64  `json:"target_s"`
		Length   float64  `json:"length_s"`
		Cards    int      `json:"cards"`
		Beats    int      `json:"beats"`
		Cuts     int      `json:"cuts"`
		OnBars   int      `json:"cuts_on_bars"`
		Tempo    float64  `json:"tempo_bpm"`
		Grid     string   `json:"grid"`
		Acts     []act    `json:"acts"`
		Shortest float64  `json:"shortest_s"`
		Longest  float64  `json:"longest_s"`
		Notes    []string `json:"notes"`
	}{
		r.String(),
		excerpt{e.Start.Seconds(), e.End.Seconds(), e.Score, e.StartOn, e.EndOn, e.Section, math.Round(e.Hook*1000) / 1000, e.Fade, e.Reasons},
		r.Target.Seconds(), r.Length.Seconds(), r.Cards, r.Beats, r.Cuts, r.OnBars,
		math.Round(r.Tempo*100) / 100, r.Grid, acts, r.Shortest.Seconds(), r.Longest.Seconds(), notes,
	})
}

// fitPlan is the result of planning a fit: where the music starts and how
// long each card lasts.
type fitPlan struct {
	offset, length Time
	durations      []Time
	report         FitReport
}

// apply sets q's soundtrack region and card durations to the plan's.
func (f *fitPlan) apply(q *Project) {
	s := q.Soundtrack.Clone()
	s.Offset, s.Length, s.FitLength = f.offset, f.length, f.report.Target
	q.Soundtrack = s
	for i, d := range f.durations {
		q.Cards[i].Duration = d
	}
}

// shotLimits returns the shortest and longest comfortable shot for p, as
// the pacing check counts them (0 for no longest).
func (p *Project) shotLimits() (minShot, maxShot Time) {
	pl, t := p.PlatformPreset(), p.Template()
	minShot, maxShot = pl.MinShot, pl.MaxShot
	if minShot <= 0 {
		minShot = Second / 2
	}
	if t.MaxShot > 0 {
		maxShot = t.MaxShot
	}
	return minShot, maxShot
}

// fitLength is the length FitPlan fits to (see FitOptions.Length).
func (p *Project) fitLength(opt FitOptions) Time {
	if opt.Length > 0 {
		return opt.Length
	}
	if s := p.Soundtrack; s != nil && s.FitLength > 0 {
		return s.FitLength
	}
	if s := p.Soundtrack; s != nil && s.Length > 0 {
		return s.Length
	}
	pl := p.PlatformPreset()
	l := pl.Recommended
	if l <= 0 {
		l = Minute
	}
	if _, maxShot := p.shotLimits(); maxShot > 0 && len(p.Cards) > 0 {
		// Room for the acts' shares to move without a shot dragging.
		l = min(l, Time(len(p.Cards))*maxShot*3/4)
	}
	if pl.Max > 0 {
		l = min(l, pl.Max)
	}
	return l
}

// planFit works out the fit of p's cards to its music (see FitPlan).
func (p *Project) planFit(opt FitOptions) (*fitPlan, error) {
	if len(p.Cards) == 0 {
		return nil, fmt.Errorf("%w: there are no cards to fit", ErrInvalid)
	}
	m, err := p.readMusic()
	if err != nil {
		return nil, err
	}
	length := p.fitLength(opt)
	if length > MaxTime {
		return nil, fmt.Errorf("%w: the reel's length %s is over 24 hours", ErrInvalid, length)
	}
	minShot, maxShot := p.shotLimits()
	if need := Time(len(p.Cards)) * minShot; need > length {
		return nil, fmt.Errorf("%w: %s of music cannot hold %d cards of at least %s each (%s): lengthen the reel or mark cards optional for a variant", ErrTooManyCards, length, len(p.Cards), minShot, need)
	}
	var e Excerpt
	if opt.FixedStart {
		if e, err = m.excerptAt(opt.Start, length); err != nil {
			return nil, err
		}
	} else {
		e = m.excerpts(length, 1)[0]
	}
	i0, j0 := nearestIndex(m.beats, e.Start), nearestIndex(m.beats, e.End)
	f := &fitter{m: m, p: p, i0: i0, j0: j0, minShot: minShot, maxShot: maxShot, opt: opt}
	plan, err := f.fit()
	if err != nil {
		return nil, err
	}
	r := &plan.report
	r.Excerpt, r.Target = e, length
	if e.Length() < length-m.period(j0) {
		r.Notes = append(r.Notes, fmt.Sprintf("The song is too short for %s: the reel lasts %s.", length, e.Length()))
	}
	switch {
	case m.hasSections:
		r.Grid = "sections"
	case m.hasPhrases:
		r.Grid = "phrases"
	case m.hasDownbeats:
		r.Grid = "downbeats"
	default:
		r.Grid = "beats"
	}
	return plan, nil
}

// fitter places the cards of p on the beats i0..j0 of m.
type fitter struct {
	m                *music
	p                *Project
	i0, j0           int
	minShot, maxShot Time
	opt              FitOptions
}

// minEnd returns the first beat at which k cards starting at beat x can all
// end at least minShot long, or a beat past j0 when they cannot.
func (f *fitter) minEnd(x, k int) int {
	b := f.m.beats
	for ; k > 0; k-- {
		t := b[x] + f.minShot
		x = sort.Search(len(b), func(i int) bool { return b[i] >= t })
		if x > f.j0 {
			return f.j0 + 1
		}
	}
	return x
}

func (f *fitter) fit() (*fitPlan, error) {
	p, m := f.p, f.m
	if f.minEnd(f.i0, len(p.Cards)) > f.j0 {
		return nil, fmt.Errorf("%w: the %s of music from %s cannot hold %d cards of at least %s on the beats: lengthen the reel or remove cards", ErrTooManyCards, m.beats[f.j0]-m.beats[f.i0], m.beats[f.i0], len(p.Cards), f.minShot)
	}
	t := p.Template()
	// The non-empty acts and their card ranges.
	type span struct {
		act      Act
		from, to int // cards
		share    float64
	}
	var spans []span
	var shareSum float64
	for _, a := range Acts {
		from, to := p.ActSpan(a)
		if from < to {
			spans = append(spans, span{a, from, to, float64(t.Shares[a])})
			shareSum += float64(t.Shares[a])
		}
	}
	if shareSum <= 0 {
		shareSum = float64(len(spans))
		for i := range spans {
			spans[i].share = 1
		}
	}
	bounds := f.actBounds(func(k int) (cards int, share float64) {
		return spans[k].to - spans[k].from, spans[k].share / shareSum
	}, len(spans), t.Tolerance)

	plan := &fitPlan{offset: m.beats[f.i0], length: m.beats[f.j0] - m.beats[f.i0], durations: make([]Time, len(p.Cards))}
	r := &plan.report
	relaxed := false
	for k, sp := range spans {
		x, y := bounds[k], bounds[k+1]
		ends, ok := f.placeCards(sp.from, sp.to, x, y, true)
		if !ok {
			ends, _ = f.placeCards(sp.from, sp.to, x, y, false)
			relaxed = true
		}
		prev := x
		for c, e := range ends {
			plan.durations[sp.from+c] = m.beats[e] - m.beats[prev]
			prev = e
		}
		total := m.beats[f.j0] - m.beats[f.i0]
		l := m.beats[y] - m.beats[x]
		r.Acts = append(r.Acts, ActFit{
			Act: sp.act, Cards: sp.to - sp.from, Start: m.beats[x] - m.beats[f.i0], Length: l,
			Share:  int((int64(l)*200/int64(total) + 1) / 2),
			Target: t.Shares[sp.act], Tolerance: t.Tolerance, On: strengthNames[m.strength[x]],
		})
	}
	// The account.
	r.Cards, r.Beats, r.Length = len(p.Cards), f.j0-f.i0, plan.length
	r.Tempo = 60 * float64(r.Beats) / plan.length.Seconds()
	r.Shortest, r.Longest = MaxTime, 0
	at := f.i0
	for i, d := range plan.durations {
		r.Shortest, r.Longest = min(r.Shortest, d), max(r.Longest, d)
		at = nearestIndex(m.beats, m.beats[at]+d)
		if i < len(plan.durations)-1 {
			r.Cuts++
			if m.strength[at] >= strengthDownbeat {
				r.OnBars++
			}
		}
	}
	if relaxed {
		r.Notes = append(r.Notes, fmt.Sprintf("Some shots last over %s: the reel needs more cards for its length.", f.maxShot))
	}
	for _, a := range r.Acts {
		if a.Share < a.Target-a.Tolerance || a.Share > a.Target+a.Tolerance {
			r.Notes = append(r.Notes, fmt.Sprintf("The %s act takes %d%%, outside %d%% ± %d: its cards cannot fill it otherwise.", a.Act, a.Share, a.Target, a.Tolerance))
		}
	}
	return plan, nil
}

// boundaryWeight is what an act boundary on a beat of each strength is worth.
var boundaryWeight = [...]float64{0, 0.2, 1, 2, 3}

// actBounds returns the beat indices where the n acts start, then j0:
// boundaries on the strongest places of the music near the target shares,
// within the tolerance when the cards allow, each act long enough for its
// cards at the shortest shot.
func (f *fitter) actBounds(act func(k int) (cards int, share float64), n, tol int) []int {
	m := f.m
	total := m.beats[f.j0] - m.beats[f.i0]
	shareOf := func(x, y int) int { return int((int64(m.beats[y]-m.beats[x])*200/int64(total) + 1) / 2) }
	cards := make([]int, n)
	targets := make([]float64, n) // percent
	for k := range n {
		c, s := act(k)
		cards[k], targets[k] = c, 100*s
	}
	bounds := make([]int, n+1)
	bounds[0], bounds[n] = f.i0, f.j0
	if n == 1 {
		return bounds
	}
	// Candidates for each inner boundary: beats within the tolerance window
	// (one point inside it, against rounding) around the cumulative target.
	margin := max(float64(tol)-1, 0.5)
	cands := make([][]int, n-1)
	cum := 0.0
	for q := range n - 1 {
		cum += targets[q]
		lo := m.beats[f.i0] + Time(float64(total)*(cum-margin)/100)
		hi := m.beats[f.i0] + Time(float64(total)*(cum+margin)/100)
		for i := f.i0 + 1; i < f.j0; i++ {
			if m.beats[i] >= lo && m.beats[i] <= hi {
				cands[q] = append(cands[q], i)
			}
		}
	}
	score := func(b []int) (float64, bool) {
		s := 0.0
		for k := range n {
			x, y := b[k], b[k+1]
			if y <= x || f.minEnd(x, cards[k]) > y {
				return 0, false
			}
			if d := math.Abs(float64(shareOf(x, y)) - targets[k]); d > margin {
				return 0, false
			} else {
				s -= d / max(float64(tol), 1)
			}
			if cap := Time(cards[k]) * f.maxShot; f.maxShot > 0 && m.beats[y]-m.beats[x] > cap {
				// The act's shots would drag: worse than any boundary
				// is good.
				s -= 4 + 4*float64(m.beats[y]-m.beats[x]-cap)/float64(cap)
			}
			if k > 0 {
				s += boundaryWeight[m.strength[x]]
			}
		}
		return s, true
	}
	best, bestScore, found := make([]int, n+1), 0.0, false
	try := func(b []int) {
		if s, ok := score(b); ok && (!found || s > bestScore) {
			copy(best, b)
			bestScore, found = s, true
		}
	}
	switch n {
	case 2:
		for _, b1 := range cands[0] {
			try([]int{f.i0, b1, f.j0})
		}
	case 3:
		for _, b1 := range cands[0] {
			for _, b2 := range cands[1] {
				if b2 > b1 {
					try([]int{f.i0, b1, b2, f.j0})
				}
			}
		}
	}
	if found {
		return best
	}
	// The cards cannot fill the acts within the tolerance: place each
	// boundary on the beat nearest its target that leaves the acts before
	// and after it room for their cards.
	cum = 0
	for q := 1; q < n; q++ {
		cum += targets[q-1]
		want := m.beats[f.i0] + Time(float64(total)*cum/100)
		lo := f.minEnd(bounds[q-1], cards[q-1])
		rest := 0
		for k := q; k < n; k++ {
			rest += cards[k]
		}
		hi := lo
		for i := lo; i <= f.j0; i++ {
			if f.minEnd(i, rest) <= f.j0 {
				hi = i
			} else {
				break
			}
		}
		b := min(max(nearestIndex(m.beats, want), lo), hi)
		bounds[q] = b
	}
	return bounds
}

// cutPenalty is what a cut on a beat of each strength costs, against the
// squared distance in beats from where the energy wants the cut.
var cutPenalty = [...]float64{1.5, 0.6, 0, 0, 0}

// placeCards places the cards [from, to) of the project between beats x and
// y: it returns the beat index where each ends (the last at y). Each card
// lasts at least the shortest shot and, when capped, at most the longest;
// cuts fall where the energy wants them (denser where the music is
// intense), on bars
// where that costs little. It reports false when the cap cannot be met.
func (f *fitter) placeCards(from, to, x, y int, capped bool) ([]int, bool) {
	m, cards := f.m, f.p.Cards[from:to]
	k := len(cards)
	// Cumulative weighted music: a beat counts more where energy is high,
	// so the same share of it spans fewer beats there.
	w := make([]float64, y-x+1)
	for i := x; i < y; i++ {
		w[i-x+1] = w[i-x] + 0.5 + m.energy[i]
	}
	// Every card weighs the same (optional ones less in a variant): the
	// durations before the fit do not count, so a fit is the same however
	// often it is done.
	weights := make([]float64, k)
	var sum float64
	for c, card := range cards {
		weights[c] = 1
		if card.Optional && f.opt.optionalWeight > 0 {
			weights[c] *= f.opt.optionalWeight
		}
		sum += weights[c]
	}
	// Target end of each card, in beats from x (fractional).
	target := make([]float64, k)
	acc := 0.0
	for c := range k {
		acc += weights[c]
		goal := acc / sum * w[y-x]
		i := sort.SearchFloat64s(w, goal)
		switch {
		case i == 0:
			target[c] = 0
		case i >= len(w):
			target[c] = float64(y - x)
		default:
			target[c] = float64(i-1) + (goal-w[i-1])/(w[i]-w[i-1])
		}
	}
	scale := max(1, float64(y-x)/float64(k)/4)
	inf := math.Inf(1)
	n := y - x + 1
	// cost[c][b]: best cost with card c ending at beat x+b; from[c][b] the
	// beat where it starts.
	cost := make([][]float64, k)
	prev := make([][]int32, k)
	for c := range k {
		cost[c] = make([]float64, n)
		prev[c] = make([]int32, n)
		for b := range n {
			cost[c][b] = inf
		}
	}
	for c := range k {
		for b := 1; b < n; b++ {
			if c == k-1 && b != n-1 {
				continue
			}
			d := target[c] - float64(b)
			pen := d*d/scale + cutPenalty[m.strength[x+b]]
			if c == k-1 {
				pen = 0
			}
			best, arg := inf, int32(-1)
			if c == 0 {
				if dur := m.beats[x+b] - m.beats[x]; dur >= f.minShot && (!capped || f.maxShot <= 0 || dur <= f.maxShot) {
					best, arg = 0, 0
				}
			} else {
				for a := b - 1; a >= 1; a-- {
					dur := m.beats[x+b] - m.beats[x+a]
					if dur < f.minShot {
						continue
					}
					if capped && f.maxShot > 0 && dur > f.maxShot {
						break
					}
					if base := cost[c-1][a]; base < best {
						best, arg = base, int32(a)
					}
				}
			}
			if best < inf {
				cost[c][b], prev[c][b] = best+pen, arg
			}
		}
	}
	if cost[k-1][n-1] == inf {
		if capped {
			return nil, false
		}
		// Cannot happen: actBounds leaves every act room at the shortest
		// shot. Fall back to equal beats rather than fail.
		ends := make([]int, k)
		for c := range k {
			ends[c] = x + (c+1)*(y-x)/k
		}
		return ends, true
	}
	ends := make([]int, k)
	b := n - 1
	for c := k - 1; c >= 0; c-- {
		ends[c] = x + b
		b = int(prev[c][b])
	}
	return ends, true
}
