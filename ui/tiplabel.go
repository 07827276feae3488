package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipLabel is a one-line label that shortens its text with an ellipsis
// and, when it had to, shows the whole text in a tooltip while the pointer
// rests on it: the status line's account of a fit, why an excerpt was
// chosen.
type tipLabel struct {
	widget.Label
	tip    *widget.PopUp
	timer  *time.Timer
	over   bool
	origin fyne.Position // the label's absolute position, from the pointer's events
}

var _ desktop.Hoverable = (*tipLabel)(nil)

// tipLabelDelay is how long the pointer rests before the tooltip shows; a
// variable for tests.
var tipLabelDelay = toolTipDelay

func newTipLabel(text string) *tipLabel {
	l := &tipLabel{}
	l.Text = text
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text and hides a tooltip of the old one.
func (l *tipLabel) SetText(s string) {
	l.hideTip()
	l.Label.SetText(s)
}

// MouseIn shows the whole text after a short rest, when it is shortened.
func (l *tipLabel) MouseIn(e *desktop.MouseEvent) {
	l.over = true
	l.origin = e.AbsolutePosition.Subtract(e.Position)
	if l.timer != nil {
		l.timer.Stop()
	}
	if tipLabelDelay <= 0 {
		l.showTip()
		return
	}
	l.timer = time.AfterFunc(tipLabelDelay, func() { fyne.Do(l.showTip) })
}

// MouseMoved keeps the tooltip.
func (l *tipLabel) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the tooltip.
func (l *tipLabel) MouseOut() {
	l.over = false
	if l.timer != nil {
		l.timer.Stop()
	}
	l.hideTip()
}

// shortened reports whether the text does not fit the label's width.
func (l *tipLabel) shortened() bool {
	th := l.Theme()
	w := fyne.MeasureText(l.Text, th.Size(theme.SizeNameText), l.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
	return w > l.Size().Width
}

func (l *tipLabel) showTip() {
	if !l.over || l.tip != nil || l.Text == "" || !l.shortened() {
		return
	}
	c := canvasFor(l)
	if c == nil && windowCanvas != nil {
		c = windowCanvas()
	}
	if c == nil {
		return
	}
	full := widget.NewLabel(l.Text)
	full.Wrapping = fyne.TextWrapWord
	pad := l.Theme().Size(theme.SizeNamePadding)
	w := min(640, c.Size().Width-2*pad)
	full.Resize(fyne.NewSize(w, 0))
	size := fyne.NewSize(w, full.MinSize().Height)
	l.tip = widget.NewPopUp(full, c)
	// Above the label (the status line is at the window's foot), inside
	// the window.
	x := min(max(l.origin.X, pad), c.Size().Width-w-pad)
	y := max(l.origin.Y-size.Height-pad, pad)
	l.tip.ShowAtPosition(fyne.NewPos(x, y))
	l.tip.Resize(size)
}

func (l *tipLabel) hideTip() {
	if l.tip != nil {
		l.tip.Hide()
		l.tip = nil
	}
}
