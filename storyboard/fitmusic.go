package storyboard

import (
	"sort"
)

// Beat strengths, weakest first: how strong a place in the music a beat is
// for a cut, an act boundary or the start of the reel.
const (
	strengthBeat     = iota // any beat
	strengthHalfBar         // the middle of a bar (beat 3 of 4)
	strengthDownbeat        // the first beat of a bar
	strengthPhrase          // the first beat of a phrase (4 or 8 bars)
	strengthSection         // the first beat of a section of the song
)

var strengthNames = [...]string{"beat", "half bar", "downbeat", "phrase", "section"}

// phraseBars is the phrase length, in bars, assumed when the analysis gives
// no phrases.
const phraseBars = 4

// music is a soundtrack's rhythm in song time as the fitter reads it: the
// beat grid with PhaseNudge and TempoOverride applied but not the Offset.
type music struct {
	beats    []Time    // ascending, at least two
	strength []int     // per beat
	energy   []float64 // per beat, 0..1; flat 0.5 when unknown
	section  []string  // per beat: the label of the section starting on it, or ""
	meter    int       // beats per bar
	// What the analysis gave, for the account.
	hasPhrases, hasSections, hasEnergy, hasDownbeats bool
	mean                                             float64 // mean energy
	cum                                              []float64
}

// songEnd returns how far into the song the fitter may look: the song's
// duration, or without one, far enough for the plan.
func (p *Project) songEnd() Time {
	s := p.Soundtrack
	end := max(s.Offset+max(s.Length, p.Length()), s.Offset+Minute)
	if a := s.Analysis; a != nil {
		if a.Duration > 0 {
			return a.Duration
		}
		if n := len(a.Beats); n > 0 {
			end = max(end, a.Beats[n-1])
		}
	}
	return min(end, MaxTime)
}

// readMusic returns the rhythm of p's soundtrack, or ErrNoBeats.
func (p *Project) readMusic() (*music, error) {
	s := p.Soundtrack
	if s == nil {
		return nil, ErrNoSoundtrack
	}
	song := *s
	song.Offset = 0
	beats, downs := song.grid(p.songEnd())
	if len(beats) < 2 {
		return nil, ErrNoBeats
	}
	var a Analysis
	if s.Analysis != nil {
		a = *s.Analysis
	}
	m := &music{
		beats:    beats,
		strength: make([]int, len(beats)),
		energy:   make([]float64, len(beats)),
		section:  make([]string, len(beats)),
		meter:    a.Meter,
	}
	if m.meter < 2 || m.meter > 16 {
		m.meter = 4
	}
	// Downbeats, or a bar every meter beats from the first beat.
	var downIdx []int
	for _, d := range downs {
		downIdx = append(downIdx, nearestIndex(beats, d))
	}
	downIdx = uniqueSorted(downIdx)
	m.hasDownbeats = len(downIdx) > 0
	if !m.hasDownbeats {
		for i := 0; i < len(beats); i += m.meter {
			downIdx = append(downIdx, i)
		}
	}
	for k, i := range downIdx {
		m.strength[i] = strengthDownbeat
		// The middle of the bar, when the bar has an even number of beats.
		next := len(beats)
		if k+1 < len(downIdx) {
			next = downIdx[k+1]
		} else if k > 0 {
			next = i + (i - downIdx[k-1])
		}
		if n := next - i; n >= 4 && n%2 == 0 && i+n/2 < len(beats) {
			m.strength[i+n/2] = max(m.strength[i+n/2], strengthHalfBar)
		}
	}
	// Phrases from the analysis, or every phraseBars bars.
	shift := s.PhaseNudge
	if len(a.Phrases) > 0 {
		m.hasPhrases = true
		for _, t := range a.Phrases {
			if i := nearestIndex(beats, t+shift); absTime(beats[i]-t-shift) <= m.period(i) {
				m.strength[i] = max(m.strength[i], strengthPhrase)
			}
		}
	} else {
		for k := 0; k < len(downIdx); k += phraseBars {
			m.strength[downIdx[k]] = strengthPhrase
		}
	}
	for _, sec := range a.Sections {
		m.hasSections = true
		if i := nearestIndex(beats, sec.Start+shift); absTime(beats[i]-sec.Start-shift) <= m.period(i) {
			m.strength[i] = strengthSection
			m.section[i] = sec.Label
		}
	}
	// Energy: per analysed beat, else per section, else flat.
	switch {
	case len(a.EnergyPerBeat) > 0 && len(a.EnergyPerBeat) == len(a.Beats):
		m.hasEnergy = true
		for i, b := range beats {
			m.energy[i] = clamp01(a.EnergyPerBeat[nearestIndexShifted(a.Beats, b, shift)])
		}
	case len(a.Sections) > 0:
		m.hasEnergy = true
		for i, b := range beats {
			m.energy[i] = 0.5
			for _, sec := range a.Sections {
				if b >= sec.Start+shift && b < sec.End+shift {
					m.energy[i] = clamp01(sec.Energy)
					break
				}
			}
		}
	default:
		for i := range m.energy {
			m.energy[i] = 0.5
		}
	}
	m.cum = make([]float64, len(beats)+1)
	for i, e := range m.energy {
		m.cum[i+1] = m.cum[i] + e
	}
	m.mean = m.cum[len(beats)] / float64(len(beats))
	return m, nil
}

// period returns the beat interval at beat i.
func (m *music) period(i int) Time {
	if i+1 < len(m.beats) {
		return m.beats[i+1] - m.beats[i]
	}
	return m.beats[i] - m.beats[i-1]
}

// meanEnergy returns the mean energy of beats [i, j).
func (m *music) meanEnergy(i, j int) float64 {
	i, j = max(i, 0), min(j, len(m.beats))
	if j <= i {
		return m.mean
	}
	return (m.cum[j] - m.cum[i]) / float64(j-i)
}

// nearestIndex returns the index of the time of ts (ascending, non-empty)
// nearest to t, the earlier on a tie.
func nearestIndex(ts []Time, t Time) int {
	i := sort.Search(len(ts), func(i int) bool { return ts[i] >= t })
	switch {
	case i == 0:
		return 0
	case i == len(ts):
		return i - 1
	case ts[i]-t < t-ts[i-1]:
		return i
	}
	return i - 1
}

// nearestIndexShifted is nearestIndex on ts shifted by shift.
func nearestIndexShifted(ts []Time, t, shift Time) int { return nearestIndex(ts, t-shift) }

func uniqueSorted(xs []int) []int {
	sort.Ints(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func absTime(t Time) Time {
	if t < 0 {
		return -t
	}
	return t
}

func clamp01(x float64) float64 {
	if !(x > 0) {
		return 0
	}
	return min(x, 1)
}
