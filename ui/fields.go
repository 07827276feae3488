package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// The window's keyboard promises, kept by the widgets that take the focus:
// Space plays and pauses wherever the focus is except while typing, and
// Undo and Redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) act on the project from
// anywhere, since each field commits its edit as the user types.

// selectField is a widget.Select on which Space plays or pauses instead of
// opening the list again (Return and the arrows still open it).
type selectField struct {
	widget.Select
	space func()
	list  *widget.PopUpMenu // the list showList showed last
}

func newSelectField(options []string, changed func(string), space func()) *selectField {
	s := &selectField{space: space}
	s.Options = options
	s.OnChanged = changed
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey sends Space to the transport.
func (s *selectField) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeySpace && s.space != nil {
		s.space()
		return
	}
	switch e.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown: // the keys that open the list
		if canvasFor(s) == nil && windowCanvas != nil {
			s.showList(windowCanvas(), fyne.CurrentApp().Driver().AbsolutePositionForObject(s))
			return
		}
	}
	s.Select.TypedKey(e)
}

// canvasFor finds the canvas a widget is on; a variable for tests.
var canvasFor = func(o fyne.CanvasObject) fyne.Canvas {
	return fyne.CurrentApp().Driver().CanvasForObject(o)
}

// windowCanvas returns the main window's canvas (set by the window), where
// a select shows its list when fyne no longer knows the select's canvas.
var windowCanvas func() fyne.Canvas

// Tapped opens the list. fyne 2.7.1's Select finds its canvas in the
// driver's cache, whose entries expire a minute after the object was last
// drawn: a select nothing redrew for a minute (the toolbar's, a dialog's
// left open) then dereferences a nil canvas and the app dies
// (fyne-io/fyne#5965). When the canvas is unknown, the list opens on the
// window's canvas under the select.
func (s *selectField) Tapped(e *fyne.PointEvent) {
	if s.Disabled() {
		return
	}
	if canvasFor(s) != nil || windowCanvas == nil {
		s.Select.Tapped(e)
		return
	}
	s.showList(windowCanvas(), e.AbsolutePosition.Subtract(e.Position))
}

// showList shows the options as a pop-up menu on c, under the select at
// the absolute position at.
func (s *selectField) showList(c fyne.Canvas, at fyne.Position) {
	items := make([]*fyne.MenuItem, len(s.Options))
	for i, text := range s.Options {
		items[i] = fyne.NewMenuItem(text, func() { s.SetSelected(text) })
	}
	pop := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	s.list = pop
	pop.ShowAtPosition(at.Add(fyne.NewPos(0, s.Size().Height)))
	pop.Resize(fyne.NewSize(s.Size().Width, pop.MinSize().Height))
}

// checkField is a widget.Check on which Space plays or pauses; a click
// still toggles it.
type checkField struct {
	widget.Check
	space func()
}

func newCheckField(label string, changed func(bool), space func()) *checkField {
	c := &checkField{space: space}
	c.Text = label
	c.OnChanged = changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey sends Space to the transport.
func (c *checkField) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeySpace && c.space != nil {
		c.space()
		return
	}
	c.Check.TypedKey(e)
}

// TypedRune ignores the space the keyboard also sends as a rune.
func (c *checkField) TypedRune(r rune) {
	if r == ' ' && c.space != nil {
		return
	}
	c.Check.TypedRune(r)
}

// textEntry is a widget.Entry whose Undo and Redo shortcuts undo and redo
// the project: each keystroke is already an edit of the project, merged
// with the others typed in the same field.
type textEntry struct {
	widget.Entry
	undo, redo func()
}

func newTextEntry(multiLine bool, undo, redo func()) *textEntry {
	e := &textEntry{undo: undo, redo: redo}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut sends Undo and Redo to the project.
func (e *textEntry) TypedShortcut(s fyne.Shortcut) {
	if e.undo != nil && isUndo(s) {
		e.undo()
		return
	}
	if e.redo != nil && isRedo(s) {
		e.redo()
		return
	}
	e.Entry.TypedShortcut(s)
}

func isUndo(s fyne.Shortcut) bool {
	if _, ok := s.(*fyne.ShortcutUndo); ok {
		return true
	}
	c, ok := s.(*desktop.CustomShortcut)
	return ok && c.KeyName == fyne.KeyZ && c.Modifier == fyne.KeyModifierShortcutDefault
}

func isRedo(s fyne.Shortcut) bool {
	if _, ok := s.(*fyne.ShortcutRedo); ok {
		return true
	}
	c, ok := s.(*desktop.CustomShortcut)
	return ok && (c.KeyName == fyne.KeyZ && c.Modifier == fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift ||
		c.KeyName == fyne.KeyY && c.Modifier == fyne.KeyModifierShortcutDefault)
}

// fieldButton is a text field with a button at its right, that a form
// treats as one field: disabled together, its label greyed with them.
type fieldButton struct {
	widget.BaseWidget
	field *textEntry
	btn   *widget.Button
}

var _ fyne.Disableable = (*fieldButton)(nil)

func newFieldButton(field *textEntry, btn *widget.Button) *fieldButton {
	f := &fieldButton{field: field, btn: btn}
	f.ExtendBaseWidget(f)
	return f
}

func (f *fieldButton) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, f.btn, f.field))
}

func (f *fieldButton) Enable()        { f.field.Enable(); f.btn.Enable() }
func (f *fieldButton) Disable()       { f.field.Disable(); f.btn.Disable() }
func (f *fieldButton) Disabled() bool { return f.field.Disabled() }
