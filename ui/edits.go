package ui

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/timeline"
)

// errNoSelection is returned by edits that need a selected card.
var errNoSelection = errors.New("no card is selected")

// defaultAct returns the act a shot kind usually belongs to.
func defaultAct(k storyboard.ShotKind) storyboard.Act {
	switch k {
	case storyboard.ShotArrival:
		return storyboard.Arrival
	case storyboard.ShotReveal, storyboard.ShotWrap:
		return storyboard.Fulfilment
	}
	return storyboard.Work
}

// beatLength returns the length of one beat of p's soundtrack, or 0 when the
// tempo is unknown.
func beatLength(p *storyboard.Project) storyboard.Time {
	beats, _ := p.BeatGrid()
	if len(beats) >= 2 {
		return (beats[len(beats)-1] - beats[0]) / storyboard.Time(len(beats)-1)
	}
	s := p.Soundtrack
	if s != nil && s.TempoOverride > 0 {
		return storyboard.Seconds(60 / s.TempoOverride)
	}
	return 0
}

// newCardDuration is the length of a new card: the default rounded to whole
// beats when the tempo is known.
func newCardDuration(p *storyboard.Project) storyboard.Time {
	d := storyboard.DefaultDuration
	if b := beatLength(p); b > 0 {
		d = b * max(1, (d+b/2)/b)
	}
	return d
}

// insertPoint returns where a new card goes: after the selected card in its
// act, or at the end of act a.
func (e *Editor) insertPoint(a storyboard.Act) (int, storyboard.Act) {
	if i := e.Selected(); i >= 0 {
		return i + 1, e.Project.Cards[i].Act
	}
	_, to := e.Project.ActSpan(a)
	return to, a
}

// AddCard adds a card of kind k after the selected card (or at the end of the
// kind's usual act) and selects it.
func (e *Editor) AddCard(k storyboard.ShotKind) error {
	if _, ok := storyboard.KindInfo(k); !ok {
		return fmt.Errorf("%w: unknown shot kind %q", storyboard.ErrInvalid, k)
	}
	at, act := e.insertPoint(defaultAct(k))
	start := e.Project.Start(at)
	d := e.beatTrue(start, newCardDuration(e.Project))
	c := storyboard.Card{ID: uuid.New(), Title: kindName(k), Kind: k, Act: act, Duration: d}
	return e.Do(storyboard.AddCard(at, c))
}

// beatTrue returns the duration of a card starting at start that ends on
// the song's beat nearest start+d (and at least one beat after start), when
// snapping is on and the song has a beat grid there; else d.
func (e *Editor) beatTrue(start, d storyboard.Time) storyboard.Time {
	if !e.Snap {
		return d
	}
	beats, _ := e.Project.BeatGrid()
	if end, ok := beatEnd(beats, start, d); ok && start+d <= beats[len(beats)-1] {
		return end - start
	}
	return d
}

// beatEnd returns the beat of the ascending grid beats nearest start+d, and
// at least the first beat after start; ok is false when there is none.
func beatEnd(beats []storyboard.Time, start, d storyboard.Time) (storyboard.Time, bool) {
	if len(beats) == 0 {
		return 0, false
	}
	end := storyboard.SnapTime(start+d, beats)
	if end <= start {
		i := sort.Search(len(beats), func(i int) bool { return beats[i] > start })
		if i == len(beats) {
			return 0, false
		}
		end = beats[i]
	}
	return end, true
}

// AddCardAt adds a card of kind k at reel time t: after the card playing at t,
// in that card's act.
func (e *Editor) AddCardAt(k storyboard.ShotKind, t storyboard.Time) error {
	if i := cardAt(e.Project, t); i >= 0 {
		e.Select(e.Project.Cards[i].ID)
	} else {
		e.Select()
	}
	return e.AddCard(k)
}

// cardAt returns the index of the card playing at reel time t, or -1.
func cardAt(p *storyboard.Project, t storyboard.Time) int {
	var start storyboard.Time
	for i, c := range p.Cards {
		if t >= start && t < start+c.Duration {
			return i
		}
		start += c.Duration
	}
	return -1
}

// DeleteSelected deletes the selected cards and selects the card after them.
func (e *Editor) DeleteSelected() error {
	sel := e.Selection()
	if len(sel) == 0 {
		return errNoSelection
	}
	next := e.Selected()
	if err := e.Do(storyboard.DeleteCards(sel...)); err != nil {
		return err
	}
	if n := len(e.Project.Cards); n > 0 {
		e.Select(e.Project.Cards[min(next, n-1)].ID)
	}
	return nil
}

// DuplicateSelected places a copy after each selected card and selects the
// copies. With snapping on, each copy ends on the song's beat nearest to
// where its original's length would take it.
func (e *Editor) DuplicateSelected() error {
	sel := e.Selection()
	if len(sel) == 0 {
		return errNoSelection
	}
	beats, _ := e.Project.BeatGrid()
	if !e.Snap || len(beats) == 0 {
		return e.Do(storyboard.DuplicateCards(sel...))
	}
	var cmds []storyboard.Command
	var at storyboard.Time // in the reel as it will be, copies included
	added := 0
	for i, c := range e.Project.Cards {
		at += c.Duration
		if !e.IsSelected(c.ID) {
			continue
		}
		d := c.Clone()
		d.ID = uuid.New()
		if end, ok := beatEnd(beats, at, c.Duration); ok && at+c.Duration <= beats[len(beats)-1] {
			d.Duration = end - at
		}
		cmds = append(cmds, storyboard.AddCard(i+1+added, d))
		added++
		at += d.Duration
	}
	name := "Duplicate card"
	if len(cmds) > 1 {
		name = "Duplicate cards"
	}
	return e.Do(storyboard.Batch(name, cmds...))
}

// SplitAt splits the card playing at reel time t into two cards at t.
func (e *Editor) SplitAt(t storyboard.Time) error {
	i := cardAt(e.Project, t)
	if i < 0 {
		return errNotOverCard
	}
	if e.Snap {
		// On the beat nearest t, when that beat is inside the card.
		beats, _ := e.Project.BeatGrid()
		from := e.Project.Start(i)
		if b := storyboard.SnapTime(t, beats); len(beats) > 0 && b > from && b < from+e.Project.Cards[i].Duration {
			t = b
		}
	}
	return e.Do(storyboard.Split(e.Project.Cards[i].ID, t))
}

// SetDuration sets the duration of card id; repeated changes of the same
// card merge into one undo step.
func (e *Editor) SetDuration(id uuid.UUID, d storyboard.Time) error {
	return e.do("duration/"+id.String(), storyboard.SetDuration(id, d))
}

// MoveSelected moves the selected card one place earlier (dir < 0) or later.
// Past the first or last card of its act it moves into the neighbouring act.
func (e *Editor) MoveSelected(dir int) error {
	i := e.Selected()
	if i < 0 {
		return errNoSelection
	}
	p := e.Project
	c := p.Cards[i]
	from, to := p.ActSpan(c.Act)
	var cmd storyboard.Command
	switch {
	case dir < 0 && i > from:
		cmd = storyboard.MoveCards([]uuid.UUID{c.ID}, i-1, c.Act)
	case dir < 0 && c.Act > storyboard.Arrival:
		cmd = storyboard.MoveCards([]uuid.UUID{c.ID}, i, c.Act-1)
	case dir > 0 && i < to-1:
		cmd = storyboard.MoveCards([]uuid.UUID{c.ID}, i+2, c.Act)
	case dir > 0 && c.Act < storyboard.Fulfilment:
		cmd = storyboard.MoveCards([]uuid.UUID{c.ID}, i+1, c.Act+1)
	default:
		return errAtEdge
	}
	return e.Do(cmd)
}

// MoveCards moves the cards ids to the gap before the card at toIndex, into
// act toAct.
func (e *Editor) MoveCards(ids []uuid.UUID, toIndex int, toAct storyboard.Act) error {
	if len(ids) == 0 {
		return errNoSelection
	}
	return e.Do(storyboard.MoveCards(ids, toIndex, toAct))
}

// UpdateCard applies change to the card id as an undoable edit; field names
// the edited field so that typing in it merges into one step. A change of
// act moves the card to the end of its new act.
func (e *Editor) UpdateCard(id uuid.UUID, field string, change func(c *storyboard.Card)) error {
	i := e.Project.Index(id)
	if i < 0 {
		return fmt.Errorf("%w: the card no longer exists", storyboard.ErrNoCard)
	}
	c := e.Project.Cards[i].Clone()
	change(&c)
	if c.Act == e.Project.Cards[i].Act {
		return e.do(field+"/"+id.String(), storyboard.UpdateCard(id, c))
	}
	// Move it into the new act first, then apply the other fields.
	to := c.Act
	_, end := e.Project.ActSpan(to)
	return e.Do(storyboard.Batch("Change act",
		storyboard.MoveCards([]uuid.UUID{id}, end, to),
		storyboard.UpdateCard(id, c)))
}

// Trim sets the duration of card id as an edit of its own (a trim gesture):
// it never merges with typing in the inspector.
func (e *Editor) Trim(id uuid.UUID, d storyboard.Time) error {
	e.mergeKey = ""
	err := e.SetDuration(id, d)
	e.mergeKey = ""
	return err
}

// SetSoundtrack replaces the soundtrack (nil removes it); key merges
// repeated edits of one soundtrack field.
func (e *Editor) SetSoundtrack(key string, s *storyboard.Soundtrack) error {
	return e.do(key, storyboard.SetSoundtrack(s))
}

// MoveSelectedToAct moves the selected cards, in their order, to the end of
// act a: one undoable step.
func (e *Editor) MoveSelectedToAct(a storyboard.Act) error {
	sel := e.orderedSelection()
	if len(sel) == 0 {
		return errNoSelection
	}
	_, end := e.Project.ActSpan(a)
	return e.Do(storyboard.MoveCards(sel, end, a))
}

// SetTagSelected gives the selected cards colour tag tag ("" removes it):
// one undoable step.
func (e *Editor) SetTagSelected(tag string) error {
	return e.updateSelected("Colour tag", func(c *storyboard.Card) { c.Color = tag })
}

// ToggleCapturedSelected marks the selected cards captured on set, or not
// captured when all of them already are: one undoable step.
func (e *Editor) ToggleCapturedSelected() error {
	all := true
	for _, id := range e.selection {
		if i := e.Project.Index(id); i >= 0 && !e.Project.Cards[i].Captured {
			all = false
		}
	}
	return e.updateSelected("Captured on set", func(c *storyboard.Card) { c.Captured = !all })
}

// updateSelected applies change to every selected card as one step named name.
func (e *Editor) updateSelected(name string, change func(c *storyboard.Card)) error {
	sel := e.orderedSelection()
	if len(sel) == 0 {
		return errNoSelection
	}
	var cmds []storyboard.Command
	for _, id := range sel {
		c := e.Project.Cards[e.Project.Index(id)].Clone()
		change(&c)
		cmds = append(cmds, storyboard.UpdateCard(id, c))
	}
	return e.Do(storyboard.Batch(name, cmds...))
}

// orderedSelection is the selected cards that exist, in reel order.
func (e *Editor) orderedSelection() []uuid.UUID {
	var ids []uuid.UUID
	for _, c := range e.Project.Cards {
		if e.IsSelected(c.ID) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// SnapCut moves the cut at the end of card id to the song's beat nearest
// it: one undoable step.
func (e *Editor) SnapCut(id uuid.UUID) error {
	p := e.Project
	i := p.Index(id)
	if i < 0 {
		return fmt.Errorf("%w: the card no longer exists", storyboard.ErrNoCard)
	}
	beats, _ := p.BeatGrid()
	start := p.Start(i)
	end, ok := beatEnd(beats, start, p.Cards[i].Duration)
	if !ok {
		return storyboard.ErrNoBeats
	}
	return e.Do(storyboard.SetDuration(id, end-start))
}

// AddCardIn adds a card of kind k at the end of act a and selects it.
func (e *Editor) AddCardIn(k storyboard.ShotKind, a storyboard.Act) error {
	if _, ok := storyboard.KindInfo(k); !ok {
		return fmt.Errorf("%w: unknown shot kind %q", storyboard.ErrInvalid, k)
	}
	_, at := e.Project.ActSpan(a)
	d := e.beatTrue(e.Project.Start(at), newCardDuration(e.Project))
	c := storyboard.Card{ID: uuid.New(), Title: kindName(k), Kind: k, Act: a, Duration: d}
	return e.Do(storyboard.AddCard(at, c))
}

// ShortenTo makes the reel last at most max: with a song's beats it fits
// the plan to the music at that length (whole beats per card); without, it
// shortens every card in proportion, on whole frames. One undoable step.
// ShortenCard shortens card id to at most max, ending on the last beat
// within it when snapping and the song has beats, as one undoable edit.
func (e *Editor) ShortenCard(id uuid.UUID, max storyboard.Time) error {
	p := e.Project
	i := p.Index(id)
	if i < 0 {
		return storyboard.ErrNoCard
	}
	if max <= 0 || p.Cards[i].Duration <= max {
		return nil
	}
	start := p.Start(i)
	d := p.Rate.SnapToFrame(max)
	if d > max {
		d -= p.Rate.FrameDuration()
	}
	if beats, _ := p.BeatGrid(); e.Snap && len(beats) > 1 {
		if end, ok := timeline.PrevBeat(beats, start+max+1); ok && end > start {
			d = end - start
		}
	}
	return e.SetDuration(id, d)
}

func (e *Editor) ShortenTo(max storyboard.Time) error {
	p := e.Project
	if max <= 0 || p.Length() <= max {
		return nil
	}
	if beats, _ := p.BeatGrid(); len(beats) > 0 {
		return e.Do(storyboard.FitPlan(storyboard.FitOptions{Length: max}))
	}
	frame := p.Rate.FrameDuration()
	total := p.Length()
	var cmds []storyboard.Command
	var sum storyboard.Time
	for _, c := range p.Cards {
		d := storyboard.Time(float64(c.Duration) * float64(max) / float64(total))
		d = d / frame * frame // down to a whole frame, so the sum stays within max
		d = storyboard.Time(math.Max(float64(d), float64(frame)))
		sum += d
		cmds = append(cmds, storyboard.SetDuration(c.ID, d))
	}
	if sum > max {
		return fmt.Errorf("%w: %d cards of a frame each last longer than %s", storyboard.ErrInvalid, len(p.Cards), max)
	}
	return e.Do(storyboard.Batch("Shorten the reel", cmds...))
}

// gridTime is the inverse of timeline.BeatPos: the reel time at beat position pos.
func gridTime(grid []storyboard.Time, pos float64) storyboard.Time {
	n := len(grid)
	mean := float64(grid[n-1]-grid[0]) / float64(n-1)
	switch {
	case pos < 0:
		return grid[0] + storyboard.Time(pos*mean)
	case pos >= float64(n-1):
		return grid[n-1] + storyboard.Time((pos-float64(n-1))*mean)
	}
	k := int(pos)
	return grid[k] + storyboard.Time((pos-float64(k))*float64(grid[k+1]-grid[k]))
}

// cardBeats is the length of card i in beats of the song's grid, counted on
// the beats it spans (a tempo that drifts does not make 4 beats read 3.96).
func cardBeats(p *storyboard.Project, i int) (float64, bool) {
	grid, _ := p.BeatGrid()
	start := p.Start(i)
	a, ok := timeline.BeatPos(grid, start)
	if !ok {
		return 0, false
	}
	b, _ := timeline.BeatPos(grid, start+p.Cards[i].Duration)
	return b - a, true
}

// songTempo is the song's tempo as the project knows it: the tempo typed
// over the analysis, else the analysed one; 0 when unknown.
func songTempo(p *storyboard.Project) float64 {
	s := p.Soundtrack
	switch {
	case s == nil:
		return 0
	case s.TempoOverride > 0:
		return s.TempoOverride
	case s.Analysis != nil:
		return s.Analysis.TempoBPM
	}
	return 0
}
