package storyboard

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"

	"github.com/google/uuid"
)

// ProjectFields are a project's settings other than its cards and
// soundtrack, as SetProjectFields sets them.
type ProjectFields struct {
	Title      string
	Author     string
	Client     string
	Format     Format
	Platform   string // a Platform ID
	Rate       Rate
	Aspect     Aspect
	StyleNotes string
	// StartTimecode is the timecode of the reel's first frame (see
	// Project.StartTimecode).
	StartTimecode Time
}

// Fields returns p's settings, to change some and pass to SetProjectFields.
func (p *Project) Fields() ProjectFields {
	return ProjectFields{p.Title, p.Author, p.Client, p.Format, p.Platform, p.Rate, p.Aspect, p.StyleNotes, p.StartTimecode}
}

func (p *Project) setFields(f ProjectFields) {
	p.Title, p.Author, p.Client, p.Format, p.Platform, p.Rate, p.Aspect, p.StyleNotes, p.StartTimecode =
		f.Title, f.Author, f.Client, f.Format, f.Platform, f.Rate, f.Aspect, f.StyleNotes, f.StartTimecode
}

// Clone returns a deep copy of s (nil for nil).
func (s *Soundtrack) Clone() *Soundtrack {
	if s == nil {
		return nil
	}
	c := *s
	c.Analysis = s.Analysis.Clone()
	return &c
}

// Clone returns a deep copy of a (nil for nil).
func (a *Analysis) Clone() *Analysis {
	if a == nil {
		return nil
	}
	c := *a
	c.Beats = cloneTimes(a.Beats)
	c.Downbeats = cloneTimes(a.Downbeats)
	c.Extrapolated = cloneTimes(a.Extrapolated)
	c.Phrases = cloneTimes(a.Phrases)
	if a.Sections != nil {
		c.Sections = append(make([]Section, 0, len(a.Sections)), a.Sections...)
	}
	if a.EnergyPerBeat != nil {
		c.EnergyPerBeat = append(make([]float64, 0, len(a.EnergyPerBeat)), a.EnergyPerBeat...)
	}
	return &c
}

// cloneTimes copies ts, keeping nil and empty apart.
func cloneTimes(ts []Time) []Time {
	if ts == nil {
		return nil
	}
	return append(make([]Time, 0, len(ts)), ts...)
}

// errOutside reports an undo or redo on a project that was changed outside
// the history.
var errOutside = errors.New("storyboard: the project was changed outside the edit history; cannot undo or redo")

// record is what a command changed, enough to undo and redo it: the old and
// new settings and soundtrack when they changed, and the cards that were
// removed and added. It never holds a copy of the whole project.
type record struct {
	done  bool
	head  *[2]ProjectFields
	sound *[2]*Soundtrack
	cards *cardDiff
}

// do runs edit on a working copy of p, validates the result, records the
// difference and makes p the result. When the record is already done (a
// redo), it replays the recorded change instead.
func (r *record) do(p *Project, name string, edit func(q *Project) error) error {
	if r.done {
		return r.apply(p, true)
	}
	// The edits replace cards or change their plain fields, never a field
	// behind a card's Media pointer, and replace the soundtrack rather than
	// change it, so a shallow copy will do.
	q := *p
	q.Cards = slices.Clone(p.Cards)
	if err := edit(&q); err != nil {
		return fmt.Errorf("storyboard: %s: %w", name, err)
	}
	if err := q.Validate(); err != nil {
		return fmt.Errorf("storyboard: %s: %w", name, err)
	}
	if fo, fn := p.Fields(), q.Fields(); fo != fn {
		r.head = &[2]ProjectFields{fo, fn}
	}
	if !reflect.DeepEqual(p.Soundtrack, q.Soundtrack) {
		o, n := p.Soundtrack.Clone(), q.Soundtrack.Clone()
		if o != nil && n != nil && reflect.DeepEqual(o.Analysis, n.Analysis) {
			n.Analysis = o.Analysis // stored values are never changed: share
		}
		r.sound = &[2]*Soundtrack{o, n}
	}
	r.cards = diffCards(p.Cards, q.Cards)
	r.done = true
	*p = q
	return nil
}

// undo reverts the recorded change.
func (r *record) undo(p *Project) error {
	if !r.done {
		return errors.New("storyboard: undo of an edit that was not done")
	}
	return r.apply(p, false)
}

// noop reports whether the command changed nothing.
func (r *record) noop() bool { return r.done && r.head == nil && r.sound == nil && r.cards == nil }

// apply moves p forward (redo) or backward (undo) along the record.
func (r *record) apply(p *Project, forward bool) error {
	from, to := 0, 1
	if !forward {
		from, to = 1, 0
	}
	if r.head != nil && p.Fields() != r.head[from] {
		return errOutside
	}
	var cards []Card
	if r.cards != nil {
		var err error
		if cards, err = r.cards.apply(p.Cards, forward); err != nil {
			return err
		}
		p.Cards = cards
	}
	if r.head != nil {
		p.setFields(r.head[to])
	}
	if r.sound != nil {
		p.Soundtrack = r.sound[to].Clone()
	}
	return nil
}

// indexedCard is a card and its index in the old or new card list.
type indexedCard struct {
	i int
	c Card
}

// cardDiff turns one card list into another: remove the cards at the
// removed indices (in the old list), then insert the added cards at their
// indices (in the new list). The cards kept are a longest common subsequence
// found by ID, so a move stores the moved cards only.
type cardDiff struct {
	removed, added []indexedCard // by ascending index
	oldLen, newLen int
	oldNil, newNil bool
}

// diffCards returns the change from old to new, or nil when they are equal.
func diffCards(old, new []Card) *cardDiff {
	d := &cardDiff{oldLen: len(old), newLen: len(new), oldNil: old == nil, newNil: new == nil}
	// Common prefix and suffix.
	lo := 0
	for lo < len(old) && lo < len(new) && cardEqual(old[lo], new[lo]) {
		lo++
	}
	ho, hn := len(old), len(new)
	for ho > lo && hn > lo && cardEqual(old[ho-1], new[hn-1]) {
		ho--
		hn--
	}
	if lo == ho && lo == hn {
		if d.oldNil != d.newNil {
			return d
		}
		return nil
	}
	// Among the middle, the new cards equal to an old card, in new order,
	// keyed by their old index; keep the longest increasing run of those.
	at := make(map[uuid.UUID]int, ho-lo)
	for i := lo; i < ho; i++ {
		at[old[i].ID] = i
	}
	type pair struct{ o, n int }
	var cand []pair
	for j := lo; j < hn; j++ {
		if i, ok := at[new[j].ID]; ok && cardEqual(old[i], new[j]) {
			cand = append(cand, pair{i, j})
		}
	}
	keptOld := make(map[int]bool)
	keptNew := make(map[int]bool)
	for _, k := range longestIncreasing(len(cand), func(a, b int) bool { return cand[a].o < cand[b].o }) {
		keptOld[cand[k].o] = true
		keptNew[cand[k].n] = true
	}
	for i := lo; i < ho; i++ {
		if !keptOld[i] {
			d.removed = append(d.removed, indexedCard{i, old[i].Clone()})
		}
	}
	for j := lo; j < hn; j++ {
		if !keptNew[j] {
			d.added = append(d.added, indexedCard{j, new[j].Clone()})
		}
	}
	return d
}

// longestIncreasing returns the indices (ascending) of a longest strictly
// increasing subsequence of n items ordered by less.
func longestIncreasing(n int, less func(a, b int) bool) []int {
	var tails []int // tails[l]: item ending the best run of length l+1
	prev := make([]int, n)
	for k := range n {
		l := sort.Search(len(tails), func(t int) bool { return !less(tails[t], k) })
		if l > 0 {
			prev[k] = tails[l-1]
		} else {
			prev[k] = -1
		}
		if l == len(tails) {
			tails = append(tails, k)
		} else {
			tails[l] = k
		}
	}
	if len(tails) == 0 {
		return nil
	}
	out := make([]int, len(tails))
	for i, k := len(tails)-1, tails[len(tails)-1]; i >= 0; i-- {
		out[i] = k
		k = prev[k]
	}
	return out
}

// apply turns cards into the new list (forward) or back into the old one.
func (d *cardDiff) apply(cards []Card, forward bool) ([]Card, error) {
	rem, add, fromLen, toLen, toNil := d.removed, d.added, d.oldLen, d.newLen, d.newNil
	if !forward {
		rem, add, fromLen, toLen, toNil = d.added, d.removed, d.newLen, d.oldLen, d.oldNil
	}
	if len(cards) != fromLen {
		return nil, errOutside
	}
	if toLen == 0 {
		if toNil {
			return nil, nil
		}
		return []Card{}, nil
	}
	out := make([]Card, 0, toLen)
	r, a := 0, 0
	for i := 0; ; i++ {
		for a < len(add) && add[a].i == len(out) {
			out = append(out, add[a].c.Clone())
			a++
		}
		if i == len(cards) {
			break
		}
		if r < len(rem) && rem[r].i == i {
			if cards[i].ID != rem[r].c.ID {
				return nil, errOutside
			}
			r++
			continue
		}
		out = append(out, cards[i])
	}
	if len(out) != toLen || r != len(rem) || a != len(add) {
		return nil, errOutside
	}
	return out, nil
}

// cardEqual reports whether a and b are equal in every field.
func cardEqual(a, b Card) bool {
	am, bm := a.Media, b.Media
	a.Media, b.Media = nil, nil
	if a != b || (am == nil) != (bm == nil) {
		return false
	}
	return am == nil || *am == *bm
}
