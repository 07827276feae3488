package storyboard

import (
	"fmt"
	"math"
	"sort"
)

// Excerpt is a stretch of the song proposed as the reel's music. Start and
// End are song times (from the start of the audio file, with the beat phase
// nudge applied), both on beats of the grid; Start is on a downbeat.
type Excerpt struct {
	Start Time
	End   Time
	// Score ranks the candidates, higher is better; it is only meaningful
	// between excerpts of the same song and length.
	Score float64
	// StartOn and EndOn say what the music does there: "section",
	// "phrase", "downbeat", "half bar", "beat"; EndOn may also be
	// "song end".
	StartOn, EndOn string
	// Section is the label of the section the excerpt starts, or "".
	Section string
	// Hook is the mean energy (0..1) of the excerpt's first two bars.
	Hook float64
	// Fade is set when the end is not a musical end (a phrase or section
	// boundary, or the song's end): fade the music out over the last bar.
	Fade bool
	// Reasons say why, in short English phrases for the status line.
	Reasons []string
}

// Length returns the excerpt's length.
func (e Excerpt) Length() Time { return e.End - e.Start }

// String describes e as "1:02.250–1:32.100 (starts on section B; ends on a
// downbeat, fade out)".
func (e Excerpt) String() string {
	s := e.Start.String() + "–" + e.End.String()
	if len(e.Reasons) > 0 {
		s += " (" + joinReasons(e.Reasons) + ")"
	}
	return s
}

func joinReasons(rs []string) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += "; "
		}
		s += r
	}
	return s
}

// Excerpts proposes up to n places in the song for a reel of the given
// length, best first: each starts on a downbeat (preferring a section or
// phrase start whose first bars carry energy, the hook) and ends on the last
// beat at or before start+length, so it is never longer than length and
// short of it by less than a beat. Candidates start at least a phrase apart.
// When the whole song is shorter, the one candidate is the song from its
// first downbeat to its last beat. Errors: ErrNoSoundtrack, ErrNoBeats, and
// ErrInvalid for a length that is not positive.
func (p *Project) Excerpts(length Time, n int) ([]Excerpt, error) {
	if length <= 0 || length > MaxTime {
		return nil, fmt.Errorf("%w: the reel's length %s must be positive and under 24 hours", ErrInvalid, length)
	}
	m, err := p.readMusic()
	if err != nil {
		return nil, err
	}
	return m.excerpts(length, n), nil
}

// ExcerptAt is the excerpt of the given length starting at the downbeat
// nearest to start (song time).
func (p *Project) ExcerptAt(start, length Time) (Excerpt, error) {
	if length <= 0 || length > MaxTime {
		return Excerpt{}, fmt.Errorf("%w: the reel's length %s must be positive and under 24 hours", ErrInvalid, length)
	}
	m, err := p.readMusic()
	if err != nil {
		return Excerpt{}, err
	}
	return m.excerptAt(start, length)
}

func (m *music) excerpts(length Time, n int) []Excerpt {
	var cands []Excerpt
	var starts []int
	for i := range m.beats {
		if m.strength[i] < strengthDownbeat {
			continue
		}
		j, ok := m.endFor(i, length)
		if !ok {
			break // later starts leave even less song
		}
		cands = append(cands, m.score(i, j))
		starts = append(starts, i)
	}
	if len(cands) == 0 {
		i := m.firstDownbeat()
		e := m.score(i, len(m.beats)-1)
		e.Reasons = append(e.Reasons, "the song lasts only "+(e.End-e.Start).String()+" from its first downbeat")
		return []Excerpt{e}
	}
	order := make([]int, len(cands))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return cands[order[a]].Score > cands[order[b]].Score })
	gap := phraseBars * m.meter // beats between candidate starts
	var out []Excerpt
	var picked []int
	for _, k := range order {
		if len(out) == n {
			break
		}
		near := false
		for _, q := range picked {
			if d := starts[k] - q; d < gap && d > -gap {
				near = true
				break
			}
		}
		if !near {
			out = append(out, cands[k])
			picked = append(picked, starts[k])
		}
	}
	return out
}

func (m *music) excerptAt(start, length Time) (Excerpt, error) {
	i := nearestIndex(m.beats, start)
	// The nearest downbeat: search both ways.
	lo, hi := i, i
	for lo >= 0 && m.strength[lo] < strengthDownbeat {
		lo--
	}
	for hi < len(m.beats) && m.strength[hi] < strengthDownbeat {
		hi++
	}
	switch {
	case lo < 0 && hi == len(m.beats):
		// no downbeat at all: cannot happen (readMusic makes bars)
	case lo < 0:
		i = hi
	case hi == len(m.beats):
		i = lo
	case m.beats[hi]-start < start-m.beats[lo]:
		i = hi
	default:
		i = lo
	}
	j, ok := m.endFor(i, length)
	if !ok {
		return Excerpt{}, fmt.Errorf("%w: from %s the song has only %s left, less than the %s asked for: start earlier", ErrInvalid, m.beats[i], m.beats[len(m.beats)-1]-m.beats[i], length)
	}
	e := m.score(i, j)
	if m.beats[i] != start {
		e.Reasons = append(e.Reasons, "moved from "+start.String()+" to the nearest downbeat")
	}
	return e, nil
}

// firstDownbeat returns the index of the first downbeat (0 when none).
func (m *music) firstDownbeat() int {
	for i, s := range m.strength {
		if s >= strengthDownbeat {
			return i
		}
	}
	return 0
}

// endFor returns the last beat at or before beats[i]+length, when the song
// reaches that far (within one beat of it) and it comes after i.
func (m *music) endFor(i int, length Time) (int, bool) {
	t := m.beats[i] + length
	j := sort.Search(len(m.beats), func(k int) bool { return m.beats[k] > t }) - 1
	if j <= i {
		return 0, false
	}
	if j == len(m.beats)-1 && t-m.beats[j] >= m.period(j) {
		return 0, false // the song ends more than a beat before t
	}
	return j, true
}

// Weights of the excerpt score.
var startWeight = [...]float64{strengthDownbeat: 0.2, strengthPhrase: 0.6, strengthSection: 1.0}

// score rates the excerpt from beat i to beat j.
func (m *music) score(i, j int) Excerpt {
	e := Excerpt{Start: m.beats[i], End: m.beats[j], StartOn: strengthNames[m.strength[i]], Section: m.section[i]}
	bar := m.meter
	e.Hook = m.meanEnergy(i, i+2*bar)
	before := m.meanEnergy(i-bar, i)
	if i == 0 {
		before = 0 // the song's own start
	}
	score := startWeight[m.strength[i]] + 2*e.Hook + max(e.Hook-before, 0) + 0.5*m.meanEnergy(i, j)
	switch m.strength[i] {
	case strengthSection:
		label := "a section"
		if e.Section != "" {
			label = "section " + e.Section
		}
		e.Reasons = append(e.Reasons, "starts on "+label)
	case strengthPhrase:
		e.Reasons = append(e.Reasons, "starts on a phrase")
	default:
		e.Reasons = append(e.Reasons, "starts on a downbeat")
	}
	if m.hasEnergy {
		e.Reasons = append(e.Reasons, fmt.Sprintf("opens at %d%% energy", int(math.Round(100*e.Hook))))
	}
	switch {
	case j == len(m.beats)-1:
		e.EndOn = "song end"
		score += 0.8
		e.Reasons = append(e.Reasons, "ends with the song")
	case m.strength[j] >= strengthPhrase:
		e.EndOn = strengthNames[m.strength[j]]
		score += 0.6
		if m.strength[j] == strengthSection {
			score += 0.2
		}
		e.Reasons = append(e.Reasons, "ends where a "+e.EndOn+" ends")
	case m.strength[j] == strengthDownbeat:
		e.EndOn, e.Fade = "downbeat", true
		score += 0.3
		e.Reasons = append(e.Reasons, "ends on a downbeat, fade out")
	default:
		e.EndOn, e.Fade = strengthNames[m.strength[j]], true
		e.Reasons = append(e.Reasons, "ends mid-bar, fade out")
	}
	e.Score = math.Round(score*1000) / 1000
	return e
}
