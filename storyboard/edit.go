package storyboard

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/google/uuid"
)

// Command is one undoable edit of a project, applied through a History.
//
// Do applies the edit; when it returns an error the project is unchanged.
// Undo reverts it exactly (the project is deep-equal to what it was before
// Do). After an Undo, Do replays the same change (same new IDs): that is how
// History redoes. A command records only what it changed, never a copy of
// the whole project. A Command value belongs to one project.
type Command interface {
	Do(p *Project) error
	Undo(p *Project) error
	// Name is a short English name for the Edit menu, like "Split card".
	Name() string
}

// Errors of edit commands, besides ErrInvalid for an edit that would make the
// project invalid. Test with errors.Is.
var (
	// ErrNoCard means a command names a card the project does not have.
	ErrNoCard = errors.New("no such card")
	// ErrNoBeats means a beat command found no beat grid: the soundtrack is
	// not analysed and has no tempo override.
	ErrNoBeats = errors.New("the soundtrack has no beats (analyse it or set a tempo)")
)

// DefaultDuration is the duration AddCard gives a card that has none.
const DefaultDuration = 2 * Second

// edit is a Command made of a function that changes a working copy of the
// project, and the record of what it changed.
type edit struct {
	name string
	fn   func(q *Project) error
	rec  record
}

func (e *edit) Do(p *Project) error   { return e.rec.do(p, strings.ToLower(e.name), e.fn) }
func (e *edit) Undo(p *Project) error { return e.rec.undo(p) }
func (e *edit) Name() string          { return e.name }
func (e *edit) noop() bool            { return e.rec.noop() }

// find returns the index of the card with the given ID.
func (p *Project) find(id uuid.UUID) (int, error) {
	if i := p.Index(id); i >= 0 {
		return i, nil
	}
	return -1, fmt.Errorf("%w: there is no card with id %s", ErrNoCard, id)
}

// idSet returns ids as a set, checking that each names a card of p.
func (p *Project) idSet(ids []uuid.UUID) (map[uuid.UUID]bool, error) {
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: no cards given", ErrNoCard)
	}
	set := make(map[uuid.UUID]bool, len(ids))
	for _, id := range ids {
		if _, err := p.find(id); err != nil {
			return nil, err
		}
		set[id] = true
	}
	return set, nil
}

// AddCard inserts c at index (0 to the number of cards). A zero ID gets a
// fresh one, a zero Duration becomes DefaultDuration. When c's act does not
// fit between its neighbours' acts, it takes the act of the position (the
// previous card's when c's act comes earlier, the next card's when later).
func AddCard(index int, c Card) Command {
	c = c.Clone()
	return &edit{name: "Add card", fn: func(q *Project) error {
		if index < 0 || index > len(q.Cards) {
			return fmt.Errorf("%w: position %d is outside the timeline (0 to %d)", ErrInvalid, index, len(q.Cards))
		}
		if c.ID == uuid.Nil {
			c.ID = uuid.New()
		}
		if c.Duration == 0 {
			c.Duration = DefaultDuration
		}
		lo, hi := Arrival, Fulfilment
		if index > 0 {
			lo = q.Cards[index-1].Act
		}
		if index < len(q.Cards) {
			hi = q.Cards[index].Act
		}
		c.Act = min(max(c.Act, lo), hi)
		q.Cards = slices.Insert(q.Cards, index, c.Clone())
		return nil
	}}
}

// DeleteCards removes the cards with the given IDs.
func DeleteCards(ids ...uuid.UUID) Command {
	ids = slices.Clone(ids)
	name := "Delete card"
	if len(ids) > 1 {
		name = "Delete cards"
	}
	return &edit{name: name, fn: func(q *Project) error {
		set, err := q.idSet(ids)
		if err != nil {
			return err
		}
		q.Cards = slices.DeleteFunc(q.Cards, func(c Card) bool { return set[c.ID] })
		return nil
	}}
}

// DuplicateCards places a copy of each given card, with a new ID, right
// after it.
func DuplicateCards(ids ...uuid.UUID) Command {
	ids = slices.Clone(ids)
	name := "Duplicate card"
	if len(ids) > 1 {
		name = "Duplicate cards"
	}
	return &edit{name: name, fn: func(q *Project) error {
		set, err := q.idSet(ids)
		if err != nil {
			return err
		}
		out := make([]Card, 0, len(q.Cards)+len(set))
		for _, c := range q.Cards {
			out = append(out, c)
			if set[c.ID] {
				d := c.Clone()
				d.ID = uuid.New()
				out = append(out, d)
			}
		}
		q.Cards = out
		return nil
	}}
}

// MoveCards moves the given cards, keeping their order, to the gap before
// the card now at toIndex (the number of cards for the end), into act toAct,
// which becomes their act. The gap must lie in toAct's band or at its edge,
// so acts stay contiguous.
func MoveCards(ids []uuid.UUID, toIndex int, toAct Act) Command {
	ids = slices.Clone(ids)
	name := "Move card"
	if len(ids) > 1 {
		name = "Move cards"
	}
	return &edit{name: name, fn: func(q *Project) error {
		set, err := q.idSet(ids)
		if err != nil {
			return err
		}
		if toIndex < 0 || toIndex > len(q.Cards) {
			return fmt.Errorf("%w: position %d is outside the timeline (0 to %d)", ErrInvalid, toIndex, len(q.Cards))
		}
		if !toAct.Valid() {
			return fmt.Errorf("%w: unknown act %d", ErrInvalid, int(toAct))
		}
		var moved, rest []Card
		at := 0
		for i, c := range q.Cards {
			if set[c.ID] {
				c.Act = toAct
				moved = append(moved, c)
				continue
			}
			if i < toIndex {
				at++
			}
			rest = append(rest, c)
		}
		if at > 0 && rest[at-1].Act > toAct || at < len(rest) && rest[at].Act < toAct {
			return fmt.Errorf("%w: cards cannot go into the %s act at position %d, which is in another act's band", ErrInvalid, toAct, toIndex)
		}
		q.Cards = slices.Insert(rest, at, moved...)
		return nil
	}}
}

// SetDuration trims the card with the given ID to d, which must be at least
// one frame.
func SetDuration(id uuid.UUID, d Time) Command {
	return &edit{name: "Set duration", fn: func(q *Project) error {
		i, err := q.find(id)
		if err != nil {
			return err
		}
		if f := q.Rate.FrameDuration(); d < f {
			return fmt.Errorf("%w: %s would last %s, shorter than one frame (%s)", ErrInvalid, cardName(i, q.Cards[i]), d, f)
		}
		q.Cards[i].Duration = d
		return nil
	}}
}

// MoveCut moves the cut at the end of the card with the given ID to reel
// time at (a roll edit): the card grows or shrinks and the next card does the
// opposite, so every other card stays in place. Both must keep at least one
// frame. For the last card it sets the card's end, like SetDuration.
func MoveCut(id uuid.UUID, at Time) Command {
	return &edit{name: "Move cut", fn: func(q *Project) error {
		i, err := q.find(id)
		if err != nil {
			return err
		}
		start, f := q.Start(i), q.Rate.FrameDuration()
		d := at - start
		end := start + q.Cards[i].Duration
		if i+1 < len(q.Cards) {
			end += q.Cards[i+1].Duration
		} else {
			end = MaxTime
		}
		if d < f || end-at < f {
			return fmt.Errorf("%w: the cut after %s cannot move to %s: each side must keep at least one frame", ErrInvalid, cardName(i, q.Cards[i]), at)
		}
		if i+1 < len(q.Cards) {
			q.Cards[i+1].Duration = end - at
		}
		q.Cards[i].Duration = d
		return nil
	}}
}

// Split cuts the card with the given ID in two at reel time at, which must
// leave at least one frame on each side. The first part keeps the ID; the
// second is a copy with a new ID whose linked media in-point moves on by the
// first part's length.
func Split(id uuid.UUID, at Time) Command {
	return &edit{name: "Split card", fn: func(q *Project) error {
		i, err := q.find(id)
		if err != nil {
			return err
		}
		c := q.Cards[i]
		off, f := at-q.Start(i), q.Rate.FrameDuration()
		if off < f || c.Duration-off < f {
			return fmt.Errorf("%w: %s cannot be split at %s: the cut must fall inside it, at least one frame from each end", ErrInvalid, cardName(i, c), at)
		}
		second := c.Clone()
		second.ID = uuid.New()
		second.Duration = c.Duration - off
		if second.Media != nil {
			second.Media.In += off
		}
		q.Cards[i].Duration = off
		q.Cards = slices.Insert(q.Cards, i+1, second)
		return nil
	}}
}

// UpdateCard replaces every field of the card with the given ID by those of
// c (c's ID is ignored). Read the card, change it, pass it here.
func UpdateCard(id uuid.UUID, c Card) Command {
	c = c.Clone()
	return &edit{name: "Edit card", fn: func(q *Project) error {
		i, err := q.find(id)
		if err != nil {
			return err
		}
		c.ID = id
		q.Cards[i] = c.Clone()
		return nil
	}}
}

// SetProjectFields sets the project's settings (see Project.Fields).
func SetProjectFields(f ProjectFields) Command {
	return &edit{name: "Project settings", fn: func(q *Project) error {
		q.setFields(f)
		return nil
	}}
}

// SetSoundtrack replaces the soundtrack (path, offset, length, analysis,
// tempo override, phase nudge); nil removes it. The cards do not move.
func SetSoundtrack(s *Soundtrack) Command {
	s = s.Clone()
	return &edit{name: "Set soundtrack", fn: func(q *Project) error {
		q.Soundtrack = s.Clone()
		return nil
	}}
}

// SnapToBeats moves every cut (see Project.Cuts) to the nearest beat of the
// beat grid, moving a cut to a later beat, or leaving it, when the nearest
// beat would make a card shorter than one frame.
func SnapToBeats() Command {
	return &edit{name: "Snap to beats", fn: func(q *Project) error {
		beats, _ := q.BeatGrid()
		if len(beats) == 0 {
			return ErrNoBeats
		}
		q.snapCuts(beats)
		return nil
	}}
}

// snapCuts moves each cut to the beat nearest to it that leaves the card
// before it at least one frame long.
func (p *Project) snapCuts(beats []Time) {
	f := p.Rate.FrameDuration()
	var prev Time
	for i, cut := range p.Cuts() {
		lo := prev + f
		g := beats[sort.Search(len(beats), func(k int) bool { return beats[k] >= lo }):]
		next := max(cut, lo)
		if len(g) > 0 {
			next = SnapTime(cut, g)
		}
		p.Cards[i].Duration = next - prev
		prev = next
	}
}

// RefitToBeats replaces the soundtrack by s and rescales the cards so that
// each keeps its length in beats on the new beat grid, then snaps the cuts
// to the new beats. Both the old and the new soundtrack need at least two
// beats.
func RefitToBeats(s *Soundtrack) Command {
	s = s.Clone()
	return &edit{name: "Refit to beats", fn: func(q *Project) error {
		if len(q.Cards) == 0 {
			q.Soundtrack = s.Clone()
			return nil
		}
		end := min(4*max(q.Length(), q.Soundtrack.length(), s.length())+Minute, MaxTime)
		oldGrid, _ := q.Soundtrack.grid(end)
		newGrid, _ := s.grid(end)
		if len(oldGrid) < 2 {
			return fmt.Errorf("the current soundtrack: %w", ErrNoBeats)
		}
		if len(newGrid) < 2 {
			return fmt.Errorf("the new soundtrack: %w", ErrNoBeats)
		}
		base, newBase := beatPos(oldGrid, 0), beatPos(newGrid, 0)
		f := q.Rate.FrameDuration()
		var prev Time
		for i, cut := range q.Cuts() {
			next := max(beatTime(newGrid, newBase+beatPos(oldGrid, cut)-base), prev+f)
			q.Cards[i].Duration = min(next-prev, MaxTime)
			prev = next
		}
		q.Soundtrack = s.Clone()
		beats, _ := q.BeatGrid()
		q.snapCuts(beats)
		return nil
	}}
}

func (s *Soundtrack) length() Time {
	if s == nil {
		return 0
	}
	return s.Length
}

// beatPos returns t's position in beats on grid (at least two ascending
// times): 0 at grid[0], 1 at grid[1], interpolated between beats and
// extrapolated at the first or last interval's tempo outside.
func beatPos(grid []Time, t Time) float64 {
	n := len(grid)
	i := sort.Search(n, func(k int) bool { return grid[k] > t }) - 1
	i = min(max(i, 0), n-2)
	return float64(i) + float64(t-grid[i])/float64(grid[i+1]-grid[i])
}

// beatTime is the inverse of beatPos.
func beatTime(grid []Time, pos float64) Time {
	n := len(grid)
	i := min(max(int(math.Floor(pos)), 0), n-2)
	return grid[i] + Time(math.Round((pos-float64(i))*float64(grid[i+1]-grid[i])))
}

// Batch groups commands into one undoable step with the given name. Do runs
// them in order; if one fails, those done are undone and the error returned.
func Batch(name string, cmds ...Command) Command {
	return &batch{name: name, cmds: slices.Clone(cmds)}
}

type batch struct {
	name string
	cmds []Command
}

func (b *batch) Name() string { return b.name }

func (b *batch) Do(p *Project) error {
	for i, c := range b.cmds {
		if err := c.Do(p); err != nil {
			for j := i - 1; j >= 0; j-- {
				b.cmds[j].Undo(p)
			}
			return err
		}
	}
	return nil
}

func (b *batch) Undo(p *Project) error {
	for i := len(b.cmds) - 1; i >= 0; i-- {
		if err := b.cmds[i].Undo(p); err != nil {
			return err
		}
	}
	return nil
}

func (b *batch) noop() bool {
	for _, c := range b.cmds {
		if n, ok := c.(interface{ noop() bool }); !ok || !n.noop() {
			return false
		}
	}
	return true
}

// FitCommand is the command FitPlan returns. After Do, Report tells what
// the fit did.
type FitCommand struct {
	edit
	Report FitReport
	// refit, when set, fits the variants again after the edit.
	refit bool
	vars  variantChange
}

func (c *FitCommand) Do(p *Project) error {
	if err := c.edit.Do(p); err != nil || !c.refit {
		return err
	}
	if err := c.vars.do(p, refitVariants); err != nil {
		c.edit.Undo(p)
		return err
	}
	return nil
}

func (c *FitCommand) Undo(p *Project) error {
	if c.refit {
		if err := c.vars.undo(p); err != nil {
			return err
		}
	}
	return c.edit.Undo(p)
}

func (c *FitCommand) noop() bool { return c.edit.noop() && (!c.refit || c.vars.noop()) }

// FitPlan fits the plan to its music in one undoable edit: it chooses the
// excerpt of the song (see Project.Excerpts, or opt.Start), sets the
// soundtrack's offset and length to it, and gives every card a whole number
// of beats so that the acts start on section or phrase boundaries near the
// template's shares (within its tolerance when the cards allow), cuts fall
// on bars where that reads well and come faster where the music is more
// intense, and no card is shorter than the platform's shortest shot (nor,
// when the length allows, longer than its longest). The cards keep their
// order, IDs, acts and contents; only their durations change. Errors wrap
// ErrNoSoundtrack, ErrNoBeats, ErrTooManyCards or ErrInvalid.
func FitPlan(opt FitOptions) *FitCommand {
	c := &FitCommand{}
	c.edit = edit{name: "Fit plan to music", fn: func(q *Project) error {
		plan, err := q.planFit(opt)
		if err != nil {
			return err
		}
		plan.apply(q)
		c.Report = plan.report
		return nil
	}}
	return c
}

// TapCut marks a cut at reel time at, as a tap of a key during playback
// does. The tap snaps to the nearest beat b of the beat grid (without a
// grid, to the nearest frame). Then:
//   - when b is already a cut (the start of a card after the first, within
//     a frame), nothing changes;
//   - when the inner cut nearest to b lies less than one beat interval
//     from it (the interval between b and its neighbouring beat on the
//     cut's side), that cut moves to b, a roll edit as MoveCut: the cards
//     on either side trade the time, every other card stays in place;
//   - otherwise the card playing at b is split at b, as Split.
//
// A tap that snaps to the reel's start or end, or beyond, is refused with
// ErrInvalid.
func TapCut(at Time) Command {
	return &edit{name: "Tap cut", fn: func(q *Project) error {
		beats, _ := q.BeatGrid()
		frame := q.Rate.FrameDuration()
		b := q.Rate.SnapToFrame(at)
		if len(beats) > 0 {
			b = SnapTime(at, beats)
		}
		if b <= 0 || b >= q.Length() {
			return fmt.Errorf("%w: the tap at %s falls outside the cards (0:00.000 to %s)", ErrInvalid, b, q.Length())
		}
		cuts := q.Cuts()
		cuts = cuts[:len(cuts)-1] // inner cuts: cuts[i] is the end of card i
		near := -1
		for i, c := range cuts {
			if near < 0 || absTime(c-b) < absTime(cuts[near]-b) {
				near = i
			}
		}
		if near >= 0 && absTime(cuts[near]-b) <= frame {
			return nil
		}
		if near >= 0 && len(beats) > 0 {
			k := nearestIndex(beats, b)
			var interval Time
			if cuts[near] > b && k+1 < len(beats) {
				interval = beats[k+1] - b
			} else if cuts[near] < b && k > 0 {
				interval = b - beats[k-1]
			}
			if absTime(cuts[near]-b) < interval {
				return MoveCut(q.Cards[near].ID, b).(*edit).fn(q)
			}
		}
		i := sort.Search(len(q.Cards), func(i int) bool { return q.Start(i+1) > b })
		return Split(q.Cards[i].ID, b).(*edit).fn(q)
	}}
}

// ChangeSoundtrack replaces the soundtrack by s, as choosing another song
// does. With keepTimings the cards and the variants keep their durations
// (the music slides under them). Otherwise the plan is fitted to the new
// song as FitPlan does with opt (when neither opt nor s gives a length, the
// reel keeps the length it was fitted to, or its current length), and so is
// every variant. One undoable edit; the report is in the returned command's
// Report after Do (zero with keepTimings).
func ChangeSoundtrack(s *Soundtrack, keepTimings bool, opt FitOptions) *FitCommand {
	s = s.Clone()
	c := &FitCommand{refit: !keepTimings}
	c.edit = edit{name: "Change soundtrack", fn: func(q *Project) error {
		if s == nil {
			return fmt.Errorf("%w: no soundtrack given", ErrNoSoundtrack)
		}
		old := q.Length() // the reel's length as the user chose it
		if was := q.Soundtrack; was != nil && was.FitLength > 0 {
			old = was.FitLength
		} else if was != nil && was.Length > 0 {
			old = was.Length
		}
		q.Soundtrack = s.Clone()
		if keepTimings {
			c.Report = FitReport{}
			return nil
		}
		if opt.Length == 0 && s.Length == 0 && s.FitLength == 0 {
			opt.Length = old
		}
		plan, err := q.planFit(opt)
		if err != nil {
			return err
		}
		plan.apply(q)
		c.Report = plan.report
		return nil
	}}
	return c
}
