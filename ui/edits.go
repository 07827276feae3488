package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// defaultCardDuration is the length of a new card when no tempo is known.
const defaultCardDuration = 2 * storyboard.Second

// errNoSelection is returned by edits that need a selected card.
var errNoSelection = errors.New("no card is selected")

// sameProject reports whether a and b hold the same content, ignoring the
// modification time.
func sameProject(a, b *storyboard.Project) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := *a, *b
	x.Modified, y.Modified = time.Time{}, time.Time{}
	ja, err1 := json.Marshal(&x)
	jb, err2 := json.Marshal(&y)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

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
	s := p.Soundtrack
	if s == nil {
		return 0
	}
	bpm := s.TempoOverride
	if bpm <= 0 && s.Analysis != nil {
		bpm = s.Analysis.TempoBPM
	}
	if bpm <= 0 {
		return 0
	}
	return storyboard.Seconds(60 / bpm)
}

// AddCard adds a card of kind k after the selected card (or at the end of the
// kind's usual act) and selects it.
func (e *Editor) AddCard(k storyboard.ShotKind) error {
	info, ok := storyboard.KindInfo(k)
	if !ok {
		return fmt.Errorf("unknown shot kind %q", k)
	}
	id := uuid.New()
	err := e.Apply(fmt.Sprintf("Add %s", info.Name), func(p *storyboard.Project) error {
		d := defaultCardDuration
		if b := beatLength(p); b > 0 {
			d = b * ((defaultCardDuration + b/2) / b)
			if d <= 0 {
				d = b
			}
		}
		c := storyboard.Card{ID: id, Title: kindName(k), Kind: k, Duration: d}
		at := -1
		if i := e.Selected(); i >= 0 && i < len(p.Cards) {
			c.Act = p.Cards[i].Act
			at = i + 1
		} else {
			c.Act = defaultAct(k)
			_, at = p.ActSpan(c.Act)
		}
		p.Cards = slices.Insert(p.Cards, at, c)
		return nil
	})
	if err == nil {
		e.setSelectionAfterEdit([]uuid.UUID{id})
	}
	return err
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

// DeleteSelected deletes the selected cards.
func (e *Editor) DeleteSelected() error {
	sel := e.Selection()
	if len(sel) == 0 {
		return errNoSelection
	}
	next := e.Selected()
	err := e.Apply(plural(len(sel), "Delete card", "Delete cards"), func(p *storyboard.Project) error {
		p.Cards = slices.DeleteFunc(p.Cards, func(c storyboard.Card) bool { return slices.Contains(sel, c.ID) })
		return nil
	})
	if err == nil && len(e.Project.Cards) > 0 {
		next = min(next, len(e.Project.Cards)-1)
		e.setSelectionAfterEdit([]uuid.UUID{e.Project.Cards[max(next, 0)].ID})
	}
	return err
}

// DuplicateSelected places a copy after each selected card and selects the copies.
func (e *Editor) DuplicateSelected() error {
	sel := e.Selection()
	if len(sel) == 0 {
		return errNoSelection
	}
	var copies []uuid.UUID
	err := e.Apply(plural(len(sel), "Duplicate card", "Duplicate cards"), func(p *storyboard.Project) error {
		for i := 0; i < len(p.Cards); i++ {
			if !slices.Contains(sel, p.Cards[i].ID) {
				continue
			}
			c := p.Cards[i].Clone()
			c.ID = uuid.New()
			copies = append(copies, c.ID)
			p.Cards = slices.Insert(p.Cards, i+1, c)
			i++
		}
		return nil
	})
	if err == nil {
		e.setSelectionAfterEdit(copies)
	}
	return err
}

// SplitAt splits the card playing at reel time t into two cards at t.
func (e *Editor) SplitAt(t storyboard.Time) error {
	i := cardAt(e.Project, t)
	if i < 0 {
		return errors.New("the playhead is not over a card")
	}
	start := e.Project.Start(i)
	frame := e.Project.Rate.FrameDuration()
	if !e.Project.Rate.Valid() {
		frame = storyboard.Second / 25
	}
	first := t - start
	second := e.Project.Cards[i].Duration - first
	if first < frame || second < frame {
		return errors.New("the playhead is too close to the cut to split this card")
	}
	id := uuid.New()
	err := e.Apply("Split card", func(p *storyboard.Project) error {
		c := p.Cards[i].Clone()
		p.Cards[i].Duration = first
		c.ID = id
		c.Duration = second
		if c.Media != nil {
			c.Media.In += first
		}
		p.Cards = slices.Insert(p.Cards, i+1, c)
		return nil
	})
	if err == nil {
		e.setSelectionAfterEdit([]uuid.UUID{id})
	}
	return err
}

// SetDuration sets the duration of card id.
func (e *Editor) SetDuration(id uuid.UUID, d storyboard.Time) error {
	if d <= 0 {
		return errors.New("a card's duration must be positive")
	}
	return e.ApplyMerge("Change duration", "duration/"+id.String(), func(p *storyboard.Project) error {
		i := p.Index(id)
		if i < 0 {
			return errors.New("the card no longer exists")
		}
		p.Cards[i].Duration = d
		return nil
	})
}

// NudgeSelected lengthens (dir > 0) or shortens the selected card by one beat,
// or by one frame when snapping is off or the tempo unknown.
func (e *Editor) NudgeSelected(dir int, snap bool) error {
	i := e.Selected()
	if i < 0 {
		return errNoSelection
	}
	step := e.Project.Rate.FrameDuration()
	if b := beatLength(e.Project); snap && b > 0 {
		step = b
	}
	d := e.Project.Cards[i].Duration + storyboard.Time(dir)*step
	if d < step {
		return nil
	}
	return e.SetDuration(e.Project.Cards[i].ID, d)
}

// MoveSelected moves the selected card one place earlier (dir < 0) or later.
// Moving past the first or last card of its act moves it into the
// neighbouring act.
func (e *Editor) MoveSelected(dir int) error {
	i := e.Selected()
	if i < 0 {
		return errNoSelection
	}
	id := e.Project.Cards[i].ID
	return e.Apply("Move card", func(p *storyboard.Project) error {
		c := p.Cards[i]
		from, to := p.ActSpan(c.Act)
		switch {
		case dir < 0 && i > from:
			p.Cards[i], p.Cards[i-1] = p.Cards[i-1], p.Cards[i]
		case dir < 0 && c.Act > storyboard.Arrival:
			p.Cards[i].Act--
		case dir > 0 && i < to-1:
			p.Cards[i], p.Cards[i+1] = p.Cards[i+1], p.Cards[i]
		case dir > 0 && c.Act < storyboard.Fulfilment:
			p.Cards[i].Act++
		default:
			return errors.New("the card is already at the edge of the reel")
		}
		_ = id
		return nil
	})
}

// MoveCards moves the cards ids to index toIndex of the reel (counted in the
// card list without them) and into act toAct.
func (e *Editor) MoveCards(ids []uuid.UUID, toIndex int, toAct storyboard.Act) error {
	if len(ids) == 0 {
		return errNoSelection
	}
	return e.Apply(plural(len(ids), "Move card", "Move cards"), func(p *storyboard.Project) error {
		var moved, rest []storyboard.Card
		for _, c := range p.Cards {
			if slices.Contains(ids, c.ID) {
				c.Act = toAct
				moved = append(moved, c)
			} else {
				rest = append(rest, c)
			}
		}
		toIndex = max(0, min(toIndex, len(rest)))
		p.Cards = slices.Insert(rest, toIndex, moved...)
		// Keep cards grouped by act: a stable sort by act.
		slices.SortStableFunc(p.Cards, func(a, b storyboard.Card) int { return int(a.Act) - int(b.Act) })
		return nil
	})
}

// UpdateCard applies change to the card id as an undoable edit; field names
// the edited field so that typing merges into one step.
func (e *Editor) UpdateCard(id uuid.UUID, field string, change func(c *storyboard.Card)) error {
	return e.ApplyMerge("Edit "+field, field+"/"+id.String(), func(p *storyboard.Project) error {
		i := p.Index(id)
		if i < 0 {
			return errors.New("the card no longer exists")
		}
		act := p.Cards[i].Act
		change(&p.Cards[i])
		if p.Cards[i].Act != act {
			// Changing a card's act moves it to the end of its new act.
			c := p.Cards[i]
			p.Cards = slices.Delete(p.Cards, i, i+1)
			_, to := p.ActSpan(c.Act)
			p.Cards = slices.Insert(p.Cards, to, c)
		}
		return nil
	})
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
