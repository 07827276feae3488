package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
)

// press types key the way fyne's desktop driver delivers a key without
// Ctrl: to the focused widget, else to the canvas.
func press(m *mainWindow, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	if f := m.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	m.win.Canvas().OnTypedKey()(ev)
}

func TestSpacePlaysAfterUsingTheLoopSelect(t *testing.T) {
	m := newTestWindow(t)
	test.Tap(m.trans.loopSel) // opens the list and takes the focus
	if c := m.win.Canvas().Overlays().Top(); c != nil {
		m.win.Canvas().Overlays().Remove(c)
	}
	m.trans.loopSel.SetSelectedIndex(int(loopWork))
	if m.win.Canvas().Focused() != fyne.Focusable(m.trans.loopSel) {
		t.Fatalf("the loop select does not have the focus after use; the test needs it to")
	}
	press(m, fyne.KeySpace)
	if !m.trans.player.Playing() {
		t.Errorf("Space with the loop select focused: not playing; want Space to play")
	}
	if top := m.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("Space with the loop select focused opened %T; want no pop-up", top)
	}
	press(m, fyne.KeySpace)
	if m.trans.player.Playing() {
		t.Errorf("second Space: still playing; want paused")
	}
}

func TestSpaceTypesInTextFields(t *testing.T) {
	m := newTestWindow(t)
	m.ed.Select(m.ed.Project.Cards[0].ID)
	m.win.Canvas().Focus(m.insp.title)
	test.Type(m.insp.title, " x")
	if m.trans.player.Playing() {
		t.Errorf("typing a space in the title started playback")
	}
}

func TestUndoFromATextField(t *testing.T) {
	ctrl := fyne.KeyModifierShortcutDefault
	for _, tt := range []struct {
		name     string
		key      fyne.KeyName
		mod      fyne.KeyModifier
		wantUndo bool
	}{
		{"Ctrl+Z", fyne.KeyZ, ctrl, true},
	} {
		m := newTestWindow(t)
		m.ed.Select(m.ed.Project.Cards[1].ID)
		old := m.ed.Project.Cards[1].Title
		m.win.Canvas().Focus(m.insp.title)
		test.Type(m.insp.title, "!")
		typed := m.ed.Project.Cards[1].Title
		if typed == old {
			t.Fatalf("typing in the title changed nothing")
		}
		shortcut(m, tt.key, tt.mod)
		if got := m.ed.Project.Cards[1].Title; got != old {
			t.Errorf("%s in the focused title: title %q; want the project undone to %q", tt.name, got, old)
		}
		if got := m.insp.title.Text; got != old {
			t.Errorf("%s in the focused title: the field shows %q; want the undone %q", tt.name, got, old)
		}
		// Redo both ways, from the field.
		shortcut(m, fyne.KeyY, ctrl)
		if got := m.ed.Project.Cards[1].Title; got != typed {
			t.Errorf("Ctrl+Y in the focused title: title %q; want %q", got, typed)
		}
		shortcut(m, fyne.KeyZ, ctrl)
		shortcut(m, fyne.KeyZ, ctrl|fyne.KeyModifierShift)
		if got := m.ed.Project.Cards[1].Title; got != typed {
			t.Errorf("Ctrl+Shift+Z in the focused title: title %q; want %q", got, typed)
		}
	}
}

func TestUndoThroughTheCanvas(t *testing.T) {
	// With no menu and no focus, the driver gives fyne.ShortcutUndo to the canvas.
	m := newTestWindow(t)
	n := len(m.ed.Project.Cards)
	m.report(m.ed.DuplicateSelected())
	m.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if got := len(m.ed.Project.Cards); got != n {
		t.Errorf("canvas ShortcutUndo: %d cards; want %d", got, n)
	}
	m.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutRedo{})
	if got := len(m.ed.Project.Cards); got != n+1 {
		t.Errorf("canvas ShortcutRedo: %d cards; want %d", got, n+1)
	}
}

func TestCtrlASelectsAllCards(t *testing.T) {
	m := newTestWindow(t)
	shortcut(m, fyne.KeyA, fyne.KeyModifierShortcutDefault)
	if got, want := len(m.ed.Selection()), len(m.ed.Project.Cards); got != want {
		t.Errorf("Ctrl+A selected %d cards; want all %d", got, want)
	}
	// In a text field Ctrl+A selects its text, not the cards.
	m.ed.Select(m.ed.Project.Cards[0].ID)
	m.win.Canvas().Focus(m.insp.title)
	shortcut(m, fyne.KeyA, fyne.KeyModifierShortcutDefault)
	if got := len(m.ed.Selection()); got != 1 {
		t.Errorf("Ctrl+A in the title selected %d cards; want the selection kept (1)", got)
	}
	if got := m.insp.title.SelectedText(); got != m.insp.title.Text {
		t.Errorf("Ctrl+A in the title selected %q; want the whole text %q", got, m.insp.title.Text)
	}
}

func TestReturnAndEscapeAnswerDialogs(t *testing.T) {
	m := newTestWindow(t)
	m.showMessage("Could not open x.reel: the file is empty.")
	if m.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog shown")
	}
	n := len(m.ed.Project.Cards)
	press(m, fyne.KeyDelete) // keys do not reach the window behind a dialog
	if got := len(m.ed.Project.Cards); got != n {
		t.Errorf("Delete under a dialog deleted a card: %d cards; want %d", got, n)
	}
	press(m, fyne.KeyReturn)
	if top := m.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("Return left the error dialog open")
	}
	// Escape cancels the unsaved-changes question; Return saves.
	m.report(m.ed.DuplicateSelected())
	m.requestClose()
	press(m, fyne.KeyEscape)
	if m.closing || m.win.Canvas().Overlays().Top() != nil {
		t.Errorf("Escape on the unsaved-changes question: closing=%v, dialog open=%v; want neither", m.closing, m.win.Canvas().Overlays().Top() != nil)
	}
}

func TestKeysDoNotReachTheWindowBehindADialog(t *testing.T) {
	m := newTestWindow(t)
	dialog.ShowInformation("Wait", "Something is happening.", m.win)
	press(m, fyne.KeySpace)
	m.win.Canvas().OnTypedRune()('s')
	if m.trans.player.Playing() {
		t.Errorf("Space behind a dialog started playback")
	}
	if name, _ := m.ed.CanUndo(); name != "" {
		t.Errorf("S behind a dialog made the edit %q", name)
	}
}

func TestHelpListsEveryShortcutOnce(t *testing.T) {
	m := newTestWindow(t)
	seen := map[string]string{}
	for _, row := range m.shortcutList() {
		if prev, ok := seen[row[0]]; ok {
			t.Errorf("help lists %s twice: %q and %q", row[0], prev, row[1])
		}
		seen[row[0]] = row[1]
	}
	for _, want := range []string{"Space", "Ctrl+Y, Ctrl+Shift+Z", "Ctrl+A", "Delete, Backspace"} {
		if _, ok := seen[want]; !ok {
			t.Errorf("help has no row for %s", want)
		}
	}
}
