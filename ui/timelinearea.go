package ui

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/timeline"
)

// timelineArea wires the timeline widget to the editor: the widget reports
// gestures, the editor applies them as commands. It knows the Editor and the
// callbacks build gives it, nothing of the window.
type timelineArea struct {
	ed      *Editor
	tl      *timeline.Timeline
	shown   bool // the view mode shows the timeline
	playing bool // the transport is playing: the current card is highlighted
	content fyne.CanvasObject
	bar     *fyne.Container // above the timeline: the excerpt choice's or the variant's, when one is open
	// view is what the timeline shows: the plan, or the variant shown, read
	// only (nil: the plan).
	view func() *storyboard.Project

	// Wired by the window.
	thumbs func(storyboard.Card) image.Image // a card's thumbnail, nil while none
	report func(error)                       // an edit was refused
	OnSeek func(storyboard.Time)             // the user moved the playhead
	OnOpen func(uuid.UUID)                   // the user opened a card for editing
}

func newTimelineArea(ed *Editor, snap bool) *timelineArea {
	ta := &timelineArea{ed: ed, tl: timeline.New(), shown: true, report: func(error) {}}
	tl := ta.tl
	tl.SetSnap(snap)
	tl.OnSelectionChanged = func(ids []uuid.UUID) { ed.Select(ids...) }
	tl.OnCardMoved = func(ids []uuid.UUID, toIndex int, toAct storyboard.Act) {
		// The widget counts toIndex without the moved cards; the command
		// counts the gap in the full list.
		ta.report(ed.MoveCards(ids, fullIndex(ed.Project, ids, toIndex), toAct))
	}
	tl.OnCardTrimmed = func(id uuid.UUID, d storyboard.Time) {
		ta.report(ed.Trim(id, d)) // each trim gesture is a step of its own
	}
	tl.OnSeek = func(t storyboard.Time) {
		if ta.OnSeek != nil {
			ta.OnSeek(t)
		}
	}
	tl.OnCardOpened = func(id uuid.UUID) {
		ed.Select(id)
		if ta.OnOpen != nil {
			ta.OnOpen(id)
		}
	}
	tl.OnRegionChanged = func(offset, length storyboard.Time) {
		if ed.Project.Soundtrack == nil {
			return
		}
		s := ed.Project.Soundtrack.Clone()
		s.Offset, s.Length = max(offset, 0), max(length, 0)
		ta.report(ed.SetSoundtrack("", s))
	}
	tl.OnMusicSlipped = func(offset storyboard.Time) {
		if ed.Project.Soundtrack == nil {
			return
		}
		s := ed.Project.Soundtrack.Clone()
		s.Offset = max(offset, 0)
		ta.report(ed.Do(storyboard.Batch("Slide music", storyboard.SetSoundtrack(s))))
	}
	tl.OnScrub = func(t storyboard.Time) {
		if ta.OnSeek != nil {
			ta.OnSeek(t)
		}
	}
	tl.OnKindDropped = func(k storyboard.ShotKind, at storyboard.Time) {
		i, act := timeline.InsertionPoint(ed.Project, at)
		d := ed.beatTrue(ed.Project.Start(i), newCardDuration(ed.Project))
		c := storyboard.Card{ID: uuid.New(), Title: kindName(k), Kind: k, Act: act, Duration: d}
		ta.report(ed.Do(storyboard.AddCard(i, c)))
	}
	ta.bar = container.NewStack()
	ta.bar.Hide()
	ta.content = container.NewBorder(ta.bar, nil, nil, nil, tl)
	return ta
}

// setBar shows obj above the timeline (nil hides the bar).
func (ta *timelineArea) setBar(obj fyne.CanvasObject) {
	if obj == nil {
		ta.bar.Objects = nil
		ta.bar.Hide()
	} else {
		ta.bar.Objects = []fyne.CanvasObject{obj}
		ta.bar.Show()
	}
	ta.bar.Refresh()
	if c, ok := ta.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

// showsBar reports whether obj is the bar shown above the timeline.
func (ta *timelineArea) showsBar(obj fyne.CanvasObject) bool {
	return obj != nil && ta.bar.Visible() && len(ta.bar.Objects) == 1 && ta.bar.Objects[0] == obj
}

// fullIndex converts an index counted without the cards ids into the index
// of the gap in the full card list.
func fullIndex(p *storyboard.Project, ids []uuid.UUID, toIndex int) int {
	n := 0
	for i, c := range p.Cards {
		if contains(ids, c.ID) {
			continue
		}
		if n == toIndex {
			return i
		}
		n++
	}
	return len(p.Cards)
}

// proj is what the timeline shows.
func (ta *timelineArea) proj() *storyboard.Project { return shownOr(ta.view, ta.ed) }

// shownOr is what a panel shows: the project its view gives (the window's
// shownProject: the plan or the variant shown), or the editor's without one.
func shownOr(view func() *storyboard.Project, ed *Editor) *storyboard.Project {
	if view != nil {
		return view()
	}
	return ed.Project
}

// update shows what ch changed.
func (ta *timelineArea) update(ch Change) {
	p := ta.proj()
	switch {
	case ch.CardsChanged() || ch.Soundtrack || ch.Settings:
		ta.tl.SetProject(p)
		ta.tl.SetBeats(p.BeatGrid())
		ta.tl.SetSongBeats(p.SongGrid())
		ta.tl.SetSelection(ta.ed.Selection())
		ta.thumbnails(ch)
		ta.tl.Refresh()
	case ch.Selection:
		ta.tl.SetSelection(ta.ed.Selection())
	}
}

// thumbnails gives the widget the pictures of the cards ch touched.
func (ta *timelineArea) thumbnails(ch Change) {
	if ta.thumbs == nil {
		return
	}
	p := ta.proj()
	if ch.Project || ch.Order || len(ch.Cards) > 8 {
		for _, c := range p.Cards {
			if img := ta.thumbs(c); img != nil {
				ta.tl.SetThumbnail(c.ID, img)
			}
		}
		return
	}
	for _, id := range ch.Cards {
		if i := p.Index(id); i >= 0 {
			if img := ta.thumbs(p.Cards[i]); img != nil {
				ta.tl.SetThumbnail(id, img)
			}
		}
	}
}

// SetPlayhead moves the playhead line.
func (ta *timelineArea) SetPlayhead(t storyboard.Time) {
	ta.tl.SetPlayhead(t)
	if ta.playing {
		id, _ := ta.tl.CardAt(t)
		ta.tl.SetCurrent(id)
	}
}

// SetPlaying makes the view follow the playhead while playing, and
// highlights the card under it until playback stops.
func (ta *timelineArea) SetPlaying(b bool) {
	ta.playing = b
	ta.tl.SetFollow(b)
	if b {
		id, _ := ta.tl.CardAt(ta.tl.Playhead())
		ta.tl.SetCurrent(id)
	} else {
		ta.tl.SetCurrent(uuid.Nil)
	}
}

// SetLoop shades the loop range (from == to for none), in reel time.
func (ta *timelineArea) SetLoop(from, to storyboard.Time) { ta.tl.SetLoop(from, to) }

// beatStep moves the end cut of the selected card to the next (dir > 0) or
// previous beat of the song's grid, or by a frame when snapping is off or
// there is no grid.
func (ta *timelineArea) beatStep(dir int) error {
	i := ta.ed.Selected()
	if i < 0 {
		return errNoSelection
	}
	id := ta.ed.Project.Cards[i].ID
	d, ok := ta.tl.BeatStep(id, dir)
	if !ok {
		return nil
	}
	return ta.ed.SetDuration(id, d)
}

func (ta *timelineArea) setSnap(b bool) { ta.tl.SetSnap(b) }
func (ta *timelineArea) zoomIn()        { ta.tl.ZoomIn() }
func (ta *timelineArea) zoomOut()       { ta.tl.ZoomOut() }
func (ta *timelineArea) zoomFit()       { ta.tl.ZoomToFit() }
func (ta *timelineArea) zoomSelection() { ta.tl.ZoomToSelection() }

// SetWaveform shows the soundtrack's peaks (nil clears them).
func (ta *timelineArea) SetWaveform(w timeline.Waveform) {
	ta.tl.SetWaveform(w)
	ta.tl.Refresh()
}

// WaveformGrew redraws the waveform as more of the song decodes.
func (ta *timelineArea) WaveformGrew() { ta.tl.Refresh() }

func (ta *timelineArea) dragHint(storyboard.ShotKind, fyne.Position) {}
func (ta *timelineArea) endDragHint()                                {}

// dropKind adds a card of kind k when abs falls on the timeline.
func (ta *timelineArea) dropKind(k storyboard.ShotKind, abs fyne.Position) bool {
	if !ta.shown || !inside(ta.tl, abs) {
		return false
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(ta.tl)
	ta.tl.DropKindAt(k, abs.Subtract(origin))
	return true
}
