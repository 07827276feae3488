package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

// timelineArea holds the timeline. Until ui/timeline is in this build it is
// a placeholder that says so; palette drops on it still add cards.
type timelineArea struct {
	m       *mainWindow
	content fyne.CanvasObject
	hint    *widget.Label
}

func newTimelineArea(m *mainWindow) *timelineArea {
	ta := &timelineArea{m: m}
	ta.hint = widget.NewLabel(lang.L("The timeline widget is not in this build yet."))
	ta.hint.Alignment = fyne.TextAlignCenter
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	ta.content = container.NewStack(bg, container.NewCenter(ta.hint))
	return ta
}

func (ta *timelineArea) refresh()                                    {}
func (ta *timelineArea) setPlayhead(storyboard.Time)                 {}
func (ta *timelineArea) setSnap(bool)                                {}
func (ta *timelineArea) zoomIn()                                     {}
func (ta *timelineArea) zoomOut()                                    {}
func (ta *timelineArea) zoomFit()                                    {}
func (ta *timelineArea) dragHint(storyboard.ShotKind, fyne.Position) {}
func (ta *timelineArea) endDragHint()                                {}
func (ta *timelineArea) setWaveform(any)                             {}

// dropKind adds a card of kind k when abs falls on the timeline.
func (ta *timelineArea) dropKind(k storyboard.ShotKind, abs fyne.Position) bool {
	if ta.m.viewMode == "grid" || !inside(ta.content, abs) {
		return false
	}
	ta.m.report(ta.m.ed.AddCard(k))
	return true
}
