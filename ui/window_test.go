package ui

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// newTestWindow returns the editor window on a fresh backstage project.
func newTestWindow(t *testing.T) *mainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	m := newMainWindow(a)
	m.async = func(f func()) { f() }
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	m.ed.Replace(p, "")
	m.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() { m.stopAutosave() })
	return m
}

// shortcut presses key with mod the way fyne's desktop driver delivers it
// (internal/driver/glfw window.triggersShortcut): Ctrl+Z, Ctrl+Y and Ctrl+A
// become fyne.ShortcutUndo, ShortcutRedo and ShortcutSelectAll; a menu
// item's shortcut runs first, then the focused widget's, then the canvas's.
func shortcut(m *mainWindow, key fyne.KeyName, mod fyne.KeyModifier) {
	var sc fyne.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
	if mod == fyne.KeyModifierShortcutDefault {
		switch key {
		case fyne.KeyZ:
			sc = &fyne.ShortcutUndo{}
		case fyne.KeyY:
			sc = &fyne.ShortcutRedo{}
		case fyne.KeyA:
			sc = &fyne.ShortcutSelectAll{}
		}
	}
	if menuShortcut(m.menu.Items, sc) {
		return
	}
	if f, ok := m.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	m.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// menuShortcut runs the menu item whose shortcut is sc, as the driver does.
func menuShortcut(menus []*fyne.Menu, sc fyne.Shortcut) bool {
	for _, mn := range menus {
		for _, it := range mn.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && menuShortcut([]*fyne.Menu{it.ChildMenu}, sc) {
				return true
			}
		}
	}
	return false
}

func TestUndoRedoThroughWindowActions(t *testing.T) {
	m := newTestWindow(t)
	ctrl := fyne.KeyModifierShortcutDefault
	n := len(m.ed.Project.Cards)
	steps := []struct {
		name string
		do   func()
		want int
	}{
		{"Ctrl+D duplicates", func() { shortcut(m, fyne.KeyD, ctrl) }, n + 1},
		{"Delete deletes", func() { m.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete}) }, n},
		{"Ctrl+Z undoes the delete", func() { shortcut(m, fyne.KeyZ, ctrl) }, n + 1},
		{"Ctrl+Z undoes the duplicate", func() { shortcut(m, fyne.KeyZ, ctrl) }, n},
		{"Ctrl+Shift+Z redoes", func() { shortcut(m, fyne.KeyZ, ctrl|fyne.KeyModifierShift) }, n + 1},
		{"Edit ▸ Redo redoes", func() { m.cmds.items["redo"].Action() }, n},
		{"Edit ▸ Undo undoes", func() { m.cmds.items["undo"].Action() }, n + 1},
	}
	for _, s := range steps {
		s.do()
		if got := len(m.ed.Project.Cards); got != s.want {
			t.Fatalf("%s: cards = %d; want %d", s.name, got, s.want)
		}
	}
	if !m.ed.Dirty() {
		t.Errorf("Dirty() = false after edits; want true")
	}
}

func TestInspectorEditsAreUndoable(t *testing.T) {
	m := newTestWindow(t)
	m.ed.Select(m.ed.Project.Cards[1].ID)
	old := m.ed.Project.Cards[1].Title
	m.win.Canvas().Focus(m.insp.title)
	m.insp.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(m.insp.title, " — città, съёмка")
	want := old + " — città, съёмка"
	if got := m.ed.Project.Cards[1].Title; got != want {
		t.Fatalf("title after typing = %q; want %q", got, want)
	}
	m.win.Canvas().Unfocus()
	m.insp.seconds.SetText("3.5")
	if got := m.ed.Project.Cards[1].Duration; got != 3*storyboard.Second+storyboard.Second/2 {
		t.Fatalf("duration after typing 3.5 = %v; want 3.5 s", got)
	}
	test.Tap(m.insp.captured)
	if !m.ed.Project.Cards[1].Captured {
		t.Fatalf("Captured = false after tapping the check; want true")
	}
	// Three steps, last first: captured, the duration, and the typing of
	// the title merged into one.
	for i, want := range []string{"Edit card", "Set duration", "Edit card"} {
		name, ok := m.ed.CanUndo()
		if !ok || name != want {
			t.Fatalf("undo step %d = %q, %v; want %q", i+1, name, ok, want)
		}
		m.ed.Undo()
	}
	if name, ok := m.ed.CanUndo(); ok {
		t.Errorf("after three undos CanUndo() = %q, true; want nothing left (the title typing is one step)", name)
	}
	c := m.ed.Project.Cards[1]
	if c.Title != old || c.Duration != 2*storyboard.Second || c.Captured {
		t.Errorf("after three undos card = %q %v captured=%v; want %q 2 s false", c.Title, c.Duration, c.Captured, old)
	}
	if m.ed.Dirty() {
		t.Errorf("Dirty() = true after undoing everything; want false")
	}
	if got := m.insp.title.Text; got != old {
		t.Errorf("inspector title after undo = %q; want %q", got, old)
	}
}

func TestPaletteAddsCardAfterSelection(t *testing.T) {
	m := newTestWindow(t)
	m.ed.Select(m.ed.Project.Cards[2].ID)
	var hands *paletteItem
	for _, it := range m.palette {
		if it.kind == storyboard.ShotHands {
			hands = it
		}
	}
	test.Tap(hands.button)
	c := m.ed.Project.Cards[3]
	if c.Kind != storyboard.ShotHands || c.Act != m.ed.Project.Cards[2].Act {
		t.Fatalf("card 3 after palette add = %s in %s; want hands in %s", c.Kind, c.Act, m.ed.Project.Cards[2].Act)
	}
	if sel := m.ed.Selection(); len(sel) != 1 || sel[0] != c.ID {
		t.Errorf("selection after add = %v; want the new card %v", sel, c.ID)
	}
	if name, _ := m.ed.CanUndo(); name != "Add card" {
		t.Errorf("undo name = %q; want %q", name, "Add card")
	}
}

func TestCloseAsksAboutUnsavedChanges(t *testing.T) {
	m := newTestWindow(t)
	m.requestClose()
	if !m.closing {
		t.Fatalf("clean project: requestClose did not close")
	}

	m = newTestWindow(t)
	m.report(m.ed.DuplicateSelected())
	m.requestClose()
	if m.closing {
		t.Fatalf("unsaved project closed without asking")
	}
	if m.unsavedDialog == nil {
		t.Fatalf("no unsaved-changes dialog shown")
	}
	if got := m.win.Title(); got != "Reelboard — Untitled Backstage reel *" {
		t.Errorf("title = %q; want the unsaved marker", got)
	}
	// Cancel keeps the window; Don't Save closes it.
	buttons := dialogButtons(m)
	test.Tap(buttons["Cancel"])
	if m.closing {
		t.Fatalf("Cancel closed the window")
	}
	m.requestClose()
	test.Tap(dialogButtons(m)["Don't Save"])
	if !m.closing {
		t.Fatalf("Don't Save did not close the window")
	}
}

// dialogButtons finds the buttons of the top overlay by label.
func dialogButtons(m *mainWindow) map[string]*widget.Button {
	out := map[string]*widget.Button{}
	top := m.win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok {
			out[b.Text] = b
		}
	}
	return out
}

func TestSaveAndReopen(t *testing.T) {
	m := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "plan.reel")
	m.report(m.ed.AddCard(storyboard.ShotReveal))
	m.saveTo(path, nil)
	if m.ed.Dirty() {
		t.Fatalf("Dirty() = true after save")
	}
	if got := m.win.Title(); got != "Reelboard — plan" {
		t.Errorf("title after save = %q; want %q", got, "Reelboard — plan")
	}
	n := len(m.ed.Project.Cards)
	if err := m.load(path); err != nil {
		t.Fatal(err)
	}
	if got := len(m.ed.Project.Cards); got != n {
		t.Errorf("cards after reopen = %d; want %d", got, n)
	}
	if LastProject(m.app) != path {
		t.Errorf("LastProject = %q; want %q", LastProject(m.app), path)
	}
}

func TestGridGolden(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	p, _ := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	p.Cards[0].Title = "Arrivo — città"
	p.Cards[1].Title = "Съёмка на рассвете"
	p.Cards[1].Captured = true
	p.Cards[2].Color = "red"
	ed := NewEditor(p, "")
	ed.Select(p.Cards[1].ID)
	g := newStoryGrid(ed, nil, nil)
	g.refresh()
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(820, 560))
	img := w.Canvas().Capture()
	golden := filepath.Join("testdata", "grid.png")
	if *update {
		os.MkdirAll("testdata", 0o755)
		f, err := os.Create(golden)
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, img)
		f.Close()
		if err := os.WriteFile(filepath.Join("testdata", "grid.xml"), []byte(test.RenderToMarkup(w.Canvas())), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertImageMatches(t, "grid.png", img)
	test.AssertRendersToMarkup(t, "grid.xml", w.Canvas())
}

func TestFindingsFollowEdits(t *testing.T) {
	m := newTestWindow(t)
	has := func(code string) (uuid.UUID, bool) {
		for _, f := range m.pacing.findings {
			if f.Code == code {
				return f.Card, true
			}
		}
		return uuid.Nil, false
	}
	if _, ok := has(storyboard.CodeShotTooShort); ok {
		t.Fatalf("fresh project already has a %s finding", storyboard.CodeShotTooShort)
	}
	target := m.ed.Project.Cards[4].ID
	m.ed.Select(target)
	m.insp.seconds.SetText("0.2")
	id, ok := has(storyboard.CodeShotTooShort)
	if !ok || id != target {
		t.Fatalf("after shortening card 5 to 0.2 s: %s finding on %v, %v; want it on %v", storyboard.CodeShotTooShort, id, ok, target)
	}
	// Clicking the finding selects its card.
	m.ed.Select(m.ed.Project.Cards[0].ID)
	for i, f := range m.pacing.findings {
		if f.Code == storyboard.CodeShotTooShort {
			m.pacing.list.Select(i)
		}
	}
	if got := m.ed.Selection(); len(got) != 1 || got[0] != target {
		t.Errorf("selection after clicking the finding = %v; want [%v]", got, target)
	}
	m.ed.Undo()
	if _, ok := has(storyboard.CodeShotTooShort); ok {
		t.Errorf("the %s finding stays after undo", storyboard.CodeShotTooShort)
	}
}

func TestInspectorActChangeMovesCard(t *testing.T) {
	m := newTestWindow(t)
	first := m.ed.Project.Cards[0]
	m.ed.Select(first.ID)
	m.insp.act.SetSelected(actName(storyboard.Fulfilment))
	p := m.ed.Project
	last := p.Cards[len(p.Cards)-1]
	if last.ID != first.ID || last.Act != storyboard.Fulfilment {
		t.Fatalf("after setting the act to fulfilment the last card is %q in %s; want %q in fulfilment", last.Title, last.Act, first.Title)
	}
	for i := 1; i < len(p.Cards); i++ {
		if p.Cards[i].Act < p.Cards[i-1].Act {
			t.Fatalf("cards out of act order at %d: %s after %s", i, p.Cards[i].Act, p.Cards[i-1].Act)
		}
	}
	m.ed.Undo()
	if got := m.ed.Project.Cards[0]; got.ID != first.ID || got.Act != storyboard.Arrival {
		t.Errorf("after undo card 0 = %q in %s; want %q in arrival", got.Title, got.Act, first.Title)
	}
}

func TestTappedFindingShowsInFull(t *testing.T) {
	m := newTestWindow(t)
	if len(m.pacing.findings) == 0 {
		t.Fatal("a fresh project has no finding to tap")
	}
	m.pacing.list.Select(0)
	if want := findingText(m.pacing.findings[0]); !m.pacing.detail.Visible() || m.pacing.detail.Text != want {
		t.Errorf("after tapping the first finding the detail shows %v %q; want %q", m.pacing.detail.Visible(), m.pacing.detail.Text, want)
	}
	if m.pacing.detail.Wrapping != fyne.TextWrapWord {
		t.Errorf("the finding's detail does not wrap; want the whole sentence readable")
	}
}

// TestPanelsHoldNoWindow checks that no panel or service keeps a pointer to
// the window: they know the Editor and the callbacks build wires.
func TestPanelsHoldNoWindow(t *testing.T) {
	win := reflect.TypeOf(&mainWindow{})
	for _, v := range []any{inspector{}, storyGrid{}, pacingPanel{}, soundtrackPanel{}, timelineArea{}, transport{}, music{}, savePathDialog{}, paletteItem{}, cardPanel{}} {
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			if f := typ.Field(i); f.Type == win {
				t.Errorf("%s.%s points to the window; want the Editor and callbacks only", typ.Name(), f.Name)
			}
		}
	}
}
