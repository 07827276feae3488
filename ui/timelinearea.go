package ui

import (
	"fyne.io/fyne/v2"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/timeline"
)

// timelineArea wires the timeline widget to the editor: the widget reports
// gestures, the editor applies them as commands.
type timelineArea struct {
	m       *mainWindow
	tl      *timeline.Timeline
	wave    timeline.Waveform
	content fyne.CanvasObject
}

func newTimelineArea(m *mainWindow) *timelineArea {
	ta := &timelineArea{m: m, tl: timeline.New()}
	tl := ta.tl
	tl.SetSnap(m.snap)
	tl.OnSelectionChanged = func(ids []uuid.UUID) { m.ed.Select(ids...) }
	tl.OnCardMoved = func(ids []uuid.UUID, toIndex int, toAct storyboard.Act) {
		// The widget counts toIndex without the moved cards; the command
		// counts the gap in the full list.
		m.report(m.ed.MoveCards(ids, fullIndex(m.ed.Project, ids, toIndex), toAct))
	}
	tl.OnCardTrimmed = func(id uuid.UUID, d storyboard.Time) {
		m.ed.mergeKey = ""
		m.report(m.ed.SetDuration(id, d))
		m.ed.mergeKey = ""
	}
	tl.OnSeek = func(t storyboard.Time) { m.trans.seekTo(t) }
	tl.OnCardOpened = func(id uuid.UUID) {
		m.ed.Select(id)
		m.focusInspector()
	}
	tl.OnRegionChanged = func(offset, length storyboard.Time) {
		if m.ed.Project.Soundtrack == nil {
			return
		}
		s := m.ed.Project.Soundtrack.Clone()
		s.Offset, s.Length = max(offset, 0), max(length, 0)
		m.report(m.ed.SetSoundtrack("", s))
	}
	tl.OnKindDropped = func(k storyboard.ShotKind, at storyboard.Time) {
		i, act := timeline.InsertionPoint(m.ed.Project, at)
		c := storyboard.Card{ID: uuid.New(), Title: kindName(k), Kind: k, Act: act, Duration: newCardDuration(m.ed.Project)}
		m.report(m.ed.Do(storyboard.AddCard(i, c)))
	}
	ta.content = tl
	return ta
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

func (ta *timelineArea) refresh() {
	p := ta.m.ed.Project
	ta.tl.SetProject(p)
	ta.tl.SetBeats(p.BeatGrid())
	ta.tl.SetSelection(ta.m.ed.Selection())
	for _, c := range p.Cards {
		if img := ta.m.thumbFor(c); img != nil {
			ta.tl.SetThumbnail(c.ID, img)
		}
	}
	ta.tl.Refresh()
}

func (ta *timelineArea) setPlayhead(t storyboard.Time) { ta.tl.SetPlayhead(t) }
func (ta *timelineArea) setSnap(b bool)                { ta.tl.SetSnap(b) }
func (ta *timelineArea) zoomIn()                       { ta.tl.ZoomIn() }
func (ta *timelineArea) zoomOut()                      { ta.tl.ZoomOut() }
func (ta *timelineArea) zoomFit()                      { ta.tl.ZoomToFit() }
func (ta *timelineArea) setFollow(b bool)              { ta.tl.SetFollow(b) }

// setWaveform shows the soundtrack's peaks (nil clears them).
func (ta *timelineArea) setWaveform(w timeline.Waveform) {
	ta.wave = w
	ta.tl.SetWaveform(w)
	ta.tl.Refresh()
}

func (ta *timelineArea) dragHint(storyboard.ShotKind, fyne.Position) {}
func (ta *timelineArea) endDragHint()                                {}

// dropKind adds a card of kind k when abs falls on the timeline.
func (ta *timelineArea) dropKind(k storyboard.ShotKind, abs fyne.Position) bool {
	if ta.m.viewMode == "grid" || !inside(ta.tl, abs) {
		return false
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(ta.tl)
	ta.tl.DropKindAt(k, abs.Subtract(origin))
	return true
}
