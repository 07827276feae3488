package ui

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

// onBeat reports whether t is within a microsecond of a beat of grid.
func onBeat(t storyboard.Time, grid []storyboard.Time) bool {
	b := storyboard.SnapTime(t, grid)
	return b-t < storyboard.Millisecond/1000 && t-b < storyboard.Millisecond/1000
}

// TestPaletteInsertEndsOnTheBeat: with snapping on, a card added from the
// palette after card 3 (whose cut at 6.000 s is not a beat) ends on a beat
// of the song, and splitting at the playhead cuts on the beat nearest it;
// without snapping neither moves.
func TestPaletteInsertEndsOnTheBeat(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m) // 2-second cards: the cuts fall between beats
	p := m.ed.Project.Clone()
	p.Soundtrack.Offset = 4445 * storyboard.Millisecond
	m.ed.Replace(p, "")
	p = m.ed.Project
	beats, _ := p.BeatGrid()
	m.ed.Select(p.Cards[2].ID)
	m.palette[3].button.OnTapped()
	i := m.ed.Selected()
	if i != 3 {
		t.Fatalf("the new card is card %d; want 4", i+1)
	}
	start, end := p.Start(i), p.Start(i)+p.Cards[i].Duration
	if onBeat(start, beats) {
		t.Fatalf("the test wants card 4 to start off the beat; it starts on one at %s", start)
	}
	if !onBeat(end, beats) {
		t.Errorf("new card at %s–%s; want its end cut on a beat (nearest %s)", start, end, storyboard.SnapTime(end, beats))
	}
	if d := p.Cards[i].Duration; d < storyboard.DefaultDuration*3/4 || d > storyboard.DefaultDuration*5/4 {
		t.Errorf("new card lasts %s; want about the default %s", d, storyboard.DefaultDuration)
	}

	// Split 0.1 s past a beat inside card 6: the cut lands on that beat.
	from := p.Start(5)
	at := storyboard.SnapTime(from+p.Cards[5].Duration/2, beats) + storyboard.Second/10
	m.trans.seekTo(at)
	m.cmds.run("split")
	if got := p.Start(6); !onBeat(got, beats) || got >= at {
		t.Errorf("split at %s with snapping: cut at %s; want the beat before it", at, got)
	}
	m.ed.Undo()

	m.setSnap(false)
	m.trans.seekTo(at)
	m.cmds.run("split")
	if got := p.Start(6); got != p.Rate.SnapToFrame(at) && got != at {
		t.Errorf("split at %s without snapping: cut at %s; want the playhead", at, got)
	}
}

// TestGridDragReorders: dragging a card of the grid onto the left half of
// another moves it before that card, into that card's act, as one step;
// dragging one of several selected cards moves them all, in order.
func TestGridDragReorders(t *testing.T) {
	m := newTestWindow(t)
	m.setViewMode("grid")
	m.win.Resize(fyne.NewSize(1280, 800))
	p := m.ed.Project
	g := m.grid
	ids := func() []uuid.UUID {
		var out []uuid.UUID
		for _, c := range p.Cards {
			out = append(out, c.ID)
		}
		return out
	}
	before := ids()
	last := len(before) - 1
	first := p.Cards[0]
	target := p.Cards[last]
	// Drag card 1 to the left half of the last card (of the fulfilment act).
	drag := func(from int, to int, rightHalf bool) {
		src, dst := g.panelAt(from), g.panelAt(to)
		if src == nil || dst == nil {
			t.Fatalf("cards %d and %d are not both in view", from+1, to+1)
		}
		d := fyne.CurrentApp().Driver()
		at := d.AbsolutePositionForObject(dst).Add(fyne.NewPos(dst.Size().Width/4, dst.Size().Height/2))
		if rightHalf {
			at = at.Add(fyne.NewPos(dst.Size().Width/2, 0))
		}
		src.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: d.AbsolutePositionForObject(src).Add(fyne.NewPos(10, 10))}, Dragged: fyne.Delta{DX: 5}})
		if !g.ghost.Visible() || !g.marker.Visible() {
			t.Errorf("dragging: ghost shown %v, insertion marker shown %v; want both", g.ghost.Visible(), g.marker.Visible())
		}
		src.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}, Dragged: fyne.Delta{DX: 5}})
		src.DragEnd()
		if g.ghost.Visible() || g.marker.Visible() {
			t.Errorf("after the drop the ghost or the marker is still shown")
		}
	}
	drag(0, last, false)
	if got := p.Index(first.ID); got != last-1 {
		t.Errorf("card 1 dropped before the last card is card %d; want %d", got+1, last)
	}
	if got := p.Cards[p.Index(first.ID)].Act; got != target.Act {
		t.Errorf("card 1 dropped among %s cards is in act %s; want %s", target.Act, got, target.Act)
	}
	m.ed.Undo()
	if got := ids(); !equalIDs(got, before) {
		t.Fatalf("one Undo did not restore the order")
	}

	// Select cards 2 and 3 and drag card 2 after card 5.
	a, b, five := p.Cards[1].ID, p.Cards[2].ID, p.Cards[4].ID
	m.ed.Select(a, b)
	drag(1, 4, true)
	if ia, ib, i5 := p.Index(a), p.Index(b), p.Index(five); !(i5 < ia && ia+1 == ib) {
		t.Errorf("cards 2 and 3 dragged after card 5: at %d and %d, card 5 at %d; want them together after it", ia+1, ib+1, i5+1)
	}
	m.ed.Undo()
	if got := ids(); !equalIDs(got, before) {
		t.Fatalf("one Undo did not restore the order after a multiple drag")
	}

	// Dropping a card back onto its own place changes nothing.
	m.ed.Select(p.Cards[2].ID)
	steps := m.ed.History().UndoName()
	drag(2, 2, false)
	if got := ids(); !equalIDs(got, before) || m.ed.History().UndoName() != steps {
		t.Errorf("a card dropped on its own place moved something or added an undo step (%q, was %q)", m.ed.History().UndoName(), steps)
	}
}

func equalIDs(a, b []uuid.UUID) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// menuItem finds the item labelled label in menu or its submenus.
func findItem(menu *fyne.Menu, label string) *fyne.MenuItem {
	for _, it := range menu.Items {
		if it.Label == label {
			return it
		}
		if it.ChildMenu != nil {
			if f := findItem(it.ChildMenu, label); f != nil {
				return f
			}
		}
	}
	return nil
}

// TestContextMenus: a right-click on a card of the grid or the timeline
// selects it and opens a menu made from the command table; its items act
// on the selection as undoable steps.
func TestContextMenus(t *testing.T) {
	m := newTestWindow(t)
	m.setViewMode("both")
	p := m.ed.Project
	card := p.Cards[1]
	panel := m.grid.panelAt(1)
	if panel == nil {
		t.Fatal("card 2 is not in view")
	}
	test.TapSecondary(panel)
	if !m.ed.IsSelected(card.ID) || len(m.ed.Selection()) != 1 {
		t.Errorf("right-click on card 2 did not select it alone")
	}
	if m.win.Canvas().Overlays().Top() == nil {
		t.Fatalf("right-click on a grid card shows no menu")
	}
	m.win.Canvas().Overlays().Top().Hide()

	menu := m.cardMenu(false)
	for _, label := range []string{"Duplicate", "Split at Playhead", "Delete", "Move to Act", "Colour tag", "Captured on Set", "Loop Selection", "Zoom to Selection"} {
		if findItem(menu, label) == nil {
			t.Errorf("the card menu has no %q", label)
		}
	}
	findItem(menu, "Move to Fulfilment").Action()
	if got := p.Cards[p.Index(card.ID)].Act; got != storyboard.Fulfilment {
		t.Errorf("Move to Fulfilment: act %s", got)
	}
	if p.Index(card.ID) != len(p.Cards)-1 {
		t.Errorf("Move to Fulfilment: card at %d; want the end of the act", p.Index(card.ID)+1)
	}
	findItem(m.cardMenu(false), "Green").Action()
	findItem(m.cardMenu(false), "Captured on Set").Action()
	c := p.Cards[p.Index(card.ID)]
	if c.Color != "green" || !c.Captured {
		t.Errorf("colour tag %q, captured %v; want green, captured", c.Color, c.Captured)
	}
	m.ed.Undo()
	m.ed.Undo()
	m.ed.Undo()
	if c := p.Cards[p.Index(card.ID)]; c.Act != card.Act || c.Color != card.Color || c.Captured != card.Captured {
		t.Errorf("three Undos left act %s, tag %q, captured %v", c.Act, c.Color, c.Captured)
	}

	// On the timeline: a right-click on card 4 selects it; Split Here cuts
	// where the menu opened.
	tl := m.timeline.tl
	four := p.Cards[3]
	mid := p.Start(3) + four.Duration/2
	pt := tl.CardPoint(mid)
	tl.TappedSecondary(&fyne.PointEvent{Position: pt, AbsolutePosition: pt})
	if !m.ed.IsSelected(four.ID) {
		t.Errorf("right-click on card 4 of the timeline did not select it")
	}
	if m.win.Canvas().Overlays().Top() == nil {
		t.Errorf("right-click on the timeline shows no menu")
	}
	m.win.Canvas().Overlays().Top().Hide()
	n := len(p.Cards)
	findItem(m.cardMenu(true), "Split Here").Action()
	if len(p.Cards) != n+1 {
		t.Fatalf("Split Here: %d cards; want %d", len(p.Cards), n+1)
	}
	if d := p.Start(4) - mid; d > p.Rate.FrameDuration() || -d > p.Rate.FrameDuration() {
		t.Errorf("Split Here at %s cut at %s", mid, p.Start(4))
	}
}

// TestMonitorFollowsSelectionAndPlayhead: the preview monitor shows the
// selected card, and the card under the playhead as it moves.
func TestMonitorFollowsSelectionAndPlayhead(t *testing.T) {
	m := newTestWindow(t)
	p := m.ed.Project
	m.ed.Select(p.Cards[2].ID)
	if got := m.monitor.mon.Number(); got != 3 {
		t.Errorf("card 3 selected: the monitor shows card %d", got)
	}
	m.trans.seekTo(p.Start(5) + storyboard.Second/2)
	if got := m.monitor.mon.Number(); got != 6 {
		t.Errorf("playhead in card 6: the monitor shows card %d", got)
	}
}

// TestGridHighlightsCurrentCard: during playback the grid marks the card
// under the playhead; stopping clears it.
func TestGridHighlightsCurrentCard(t *testing.T) {
	m := newTestWindow(t)
	m.setViewMode("both")
	p := m.ed.Project
	m.trans.OnPlaying(true)
	m.trans.seekTo(p.Start(1) + storyboard.Second/2)
	if m.grid.current != p.Cards[1].ID || !m.grid.panelAt(1).current {
		t.Errorf("playing in card 2: the grid's current card is %v", m.grid.current)
	}
	m.trans.OnPlaying(false)
	if m.grid.current != uuid.Nil || m.grid.panelAt(1).current {
		t.Errorf("stopped: the grid still marks a current card")
	}
}

// TestPacingFixes: the pacing panel offers a one-step fix for an off-beat
// cut, a reel over the platform's maximum and a missing shot kind; each
// fixes its finding and is undone by one Undo.
func TestPacingFixes(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m) // 2-second cards between beats: off-beat cuts
	p := m.ed.Project
	fixOf := func(code string) (finding, func() error) {
		for _, f := range m.pacing.findings {
			if f.Code == code {
				if _, run := m.pacing.fix(f); run != nil {
					return f, run
				}
			}
		}
		t.Fatalf("no finding %s with a fix among %d", code, len(m.pacing.findings))
		return finding{}, nil
	}
	has := func(code string, card uuid.UUID) bool {
		for _, f := range m.pacing.findings {
			if f.Code == code && f.Card == card {
				return true
			}
		}
		return false
	}

	f, run := fixOf(storyboard.CodeCutOffBeat)
	if err := run(); err != nil {
		t.Fatal(err)
	}
	if has(storyboard.CodeCutOffBeat, f.Card) {
		t.Errorf("Snap to beat left the cut of card %v off the beat", f.Card)
	}
	m.ed.Undo()
	if !has(storyboard.CodeCutOffBeat, f.Card) {
		t.Errorf("Undo did not bring the off-beat cut back")
	}

	// Remove the arrival shot: the arrival act misses its kind.
	var arrival uuid.UUID
	for _, c := range p.Cards {
		if c.Kind == storyboard.ShotArrival {
			arrival = c.ID
		}
	}
	m.ed.Select(arrival)
	m.cmds.run("delete")
	_, run = fixOf(storyboard.CodeMissingShotKind)
	n := len(p.Cards)
	if err := run(); err != nil {
		t.Fatal(err)
	}
	if len(p.Cards) != n+1 || p.Cards[m.ed.Selected()].Kind != storyboard.ShotArrival || p.Cards[m.ed.Selected()].Act != storyboard.Arrival {
		t.Errorf("Add it: %d cards, selected %+v; want an arrival shot added to the arrival act", len(p.Cards), p.Cards[m.ed.Selected()])
	}
	for _, f := range m.pacing.findings {
		if f.Code == storyboard.CodeMissingShotKind && f.raw["Kind"] == string(storyboard.ShotArrival) {
			t.Errorf("the missing arrival shot is still reported")
		}
	}

	// Make the reel too long for the platform, without music.
	q := p.Clone()
	q.Soundtrack = nil
	for i := range q.Cards {
		q.Cards[i].Duration = 30 * storyboard.Second
	}
	m.ed.Replace(q, "")
	_, run = fixOf(storyboard.CodeTooLongForPlatform)
	if err := run(); err != nil {
		t.Fatal(err)
	}
	if max := m.ed.Project.PlatformPreset().Max; m.ed.Project.Length() > max {
		t.Errorf("Shorten to the maximum: the reel lasts %s; want at most %s", m.ed.Project.Length(), max)
	}
	m.ed.Undo()
	if m.ed.Project.Cards[0].Duration != 30*storyboard.Second {
		t.Errorf("one Undo did not restore the durations")
	}

	// A shot far longer than the platform's longest comfortable one, on
	// the song's beats: Shorten it ends it on the last beat within it.
	beatSong(m)
	q = m.ed.Project.Clone()
	q.Cards[1].Duration = 75 * storyboard.Second
	m.ed.Replace(q, "")
	f, run = fixOf(storyboard.CodeShotTooLong)
	max := f.raw["Max"].(storyboard.Time)
	if err := run(); err != nil {
		t.Fatal(err)
	}
	p = m.ed.Project
	beats, _ := p.BeatGrid()
	if d := p.Cards[1].Duration; d > max || d < max-storyboard.Second || !onBeat(p.Start(1)+d, beats) {
		t.Errorf("Shorten it: card 2 lasts %s; want at most %s, within a beat of it, ending on a beat", d, max)
	}
	// Cards and music region of other lengths: the fix is the fit.
	q = m.ed.Project.Clone()
	q.Soundtrack.Length = q.Length() + 10*storyboard.Second
	m.ed.Replace(q, "")
	_, run = fixOf(storyboard.CodeMusicPastCards)
	if err := run(); err != nil {
		t.Fatal(err)
	}
	if len(m.dialogs) == 0 || m.fitStart == nil {
		t.Error("the fix of cards and music of other lengths does not open Fit Plan to Music")
	}
}

// TestOpenDialogTakesATypedPath: File ▸ Open accepts a typed path (Return
// opens it), starts in the project's folder, and says in one sentence why a
// path cannot be opened.
func TestOpenDialogTakesATypedPath(t *testing.T) {
	m := newTestWindow(t)
	dir := t.TempDir()
	path := dir + "/typed.reel"
	if err := storyboard.Save(m.ed.Project, path); err != nil {
		t.Fatal(err)
	}
	m.ed.MarkSaved(path)
	o := showOpenPath(m.win, "Open Project", m.defaultFolder(), []string{".reel"}, m.openPath)
	if o.path.Text != dir+"/" {
		t.Errorf("the dialog starts at %q; want the project's folder %q", o.path.Text, dir+"/")
	}
	o.path.SetText(dir + "/missing.reel")
	o.path.OnSubmitted(o.path.Text)
	if !o.problem.Visible() || !strings.Contains(o.problem.Text, "missing.reel") {
		t.Errorf("a missing file: problem %q shown %v; want a sentence naming it", o.problem.Text, o.problem.Visible())
	}
	other := dir + "/other.reel"
	q := m.ed.Project.Clone()
	q.Title = "Other one"
	if err := storyboard.Save(q, other); err != nil {
		t.Fatal(err)
	}
	o.path.SetText(other)
	o.path.OnSubmitted(o.path.Text)
	if m.ed.Path != other || m.ed.Project.Title != "Other one" {
		t.Errorf("Return on a typed path opened %q (%q); want %q", m.ed.Path, m.ed.Project.Title, other)
	}
}

// TestCtrlAInADialogSelectsItsText: Ctrl+A in a dialog's path field selects
// the field's text, not the cards behind the dialog.
func TestCtrlAInADialogSelectsItsText(t *testing.T) {
	m := newTestWindow(t)
	m.ed.Select(m.ed.Project.Cards[0].ID)
	o := showOpenPath(m.win, "Open Project", "/tmp", []string{".reel"}, func(string) {})
	o.path.SetText("/tmp/some/where.reel")
	m.win.Canvas().Focus(o.path)
	shortcut(m, fyne.KeyA, fyne.KeyModifierShortcutDefault)
	if n := len(m.ed.Selection()); n != 1 {
		t.Errorf("Ctrl+A in a dialog's field selected %d cards; want the one selected before", n)
	}
	if got := o.path.SelectedText(); got != "/tmp/some/where.reel" {
		t.Errorf("Ctrl+A in the dialog's field selected %q; want its whole text", got)
	}
}

// TestNarrowWindowFoldsThePalette: at 1024 px the palette folds away so the
// timeline keeps the width, and comes back at 1440; F9 and F10 hide and
// show the panels, and after F9 the width no longer decides.
func TestNarrowWindowFoldsThePalette(t *testing.T) {
	m := newTestWindow(t)
	m.win.Resize(fyne.NewSize(1440, 900))
	wide := m.timeline.tl.Size().Width
	if !m.left.Visible() {
		t.Fatalf("at 1440 px the palette is hidden")
	}
	m.win.Resize(fyne.NewSize(1024, 640))
	if m.left.Visible() {
		t.Errorf("at 1024 px the palette is still shown")
	}
	if w := m.timeline.tl.Size().Width; w < 0.55*1024 {
		t.Errorf("at 1024 px the timeline is %v wide; want most of the window (at 1440 px it was %v)", w, wide)
	}
	m.win.Resize(fyne.NewSize(1440, 900))
	if !m.left.Visible() {
		t.Errorf("back at 1440 px the palette stays hidden")
	}
	press(m, fyne.KeyF10)
	if m.side.Visible() {
		t.Errorf("F10 did not hide the monitor and inspector")
	}
	press(m, fyne.KeyF10)
	press(m, fyne.KeyF9)
	if m.left.Visible() || !m.side.Visible() {
		t.Errorf("F10 twice, then F9: palette shown %v, side shown %v; want hidden, shown", m.left.Visible(), m.side.Visible())
	}
	m.win.Resize(fyne.NewSize(1024, 640))
	m.win.Resize(fyne.NewSize(1600, 900))
	if m.left.Visible() {
		t.Errorf("after F9 hid it, widening the window showed the palette")
	}
}

// TestScrubMovesThePlayheadSlipMovesTheMusic: scrubbing the ruler or the
// waveform moves the playhead and leaves the soundtrack; sliding the music
// by its handle is one undoable step named "Slide music".
func TestScrubMovesThePlayheadSlipMovesTheMusic(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	p := m.ed.Project
	before := *p.Soundtrack
	tl := m.timeline.tl
	tl.OnScrub(3 * storyboard.Second)
	tl.OnScrub(4 * storyboard.Second)
	if m.trans.playhead() != 4*storyboard.Second {
		t.Errorf("scrubbed to 4 s: playhead at %s", m.trans.playhead())
	}
	if p.Soundtrack.Offset != before.Offset || m.ed.History().CanUndo() {
		t.Errorf("scrubbing changed the soundtrack (offset %s) or made an undo step", p.Soundtrack.Offset)
	}
	tl.OnMusicSlipped(1500 * storyboard.Millisecond)
	if p.Soundtrack.Offset != 1500*storyboard.Millisecond || m.ed.History().UndoName() != "Slide music" {
		t.Errorf("slide the music to 1.5 s: offset %s, undo %q; want 1.5 s, \"Slide music\"", p.Soundtrack.Offset, m.ed.History().UndoName())
	}
	tl.OnMusicSlipped(2 * storyboard.Second)
	m.ed.Undo()
	if p.Soundtrack.Offset != 1500*storyboard.Millisecond {
		t.Errorf("two slides then Undo: offset %s; want the first slide's 1.5 s (each slide its own step)", p.Soundtrack.Offset)
	}
	m.ed.Undo()
	if p.Soundtrack.Offset != before.Offset {
		t.Errorf("Undo of the first slide: offset %s; want %s", p.Soundtrack.Offset, before.Offset)
	}
}

// TestEmptyActKeepsATargetInTheGrid: an act without cards keeps a cell in
// the grid; a card dragged onto it joins that act, and a shot dropped from
// the palette onto it is added to it.
func TestEmptyActKeepsATargetInTheGrid(t *testing.T) {
	m := newTestWindow(t)
	m.setViewMode("grid")
	p := m.ed.Project
	// Empty the work act.
	var work []uuid.UUID
	for _, c := range p.Cards {
		if c.Act == storyboard.Work {
			work = append(work, c.ID)
		}
	}
	m.ed.Select(work...)
	m.cmds.run("delete")
	from, to := p.ActSpan(storyboard.Work)
	if from != to {
		t.Fatalf("the work act still has %d cards", to-from)
	}
	m.win.Resize(fyne.NewSize(1280, 800))
	target := m.grid.targets[storyboard.Work]
	if target == nil || !target.Visible() {
		t.Fatalf("no target cell for the empty work act")
	}
	// Drag the first arrival card onto it.
	card := p.Cards[0]
	src := m.grid.panelAt(0)
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(target).Add(fyne.NewPos(target.Size().Width/2, target.Size().Height/2))
	src.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: d.AbsolutePositionForObject(src).Add(fyne.NewPos(5, 5))}, Dragged: fyne.Delta{DX: 5}})
	src.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: at}, Dragged: fyne.Delta{DX: 5}})
	src.DragEnd()
	if got := p.Cards[p.Index(card.ID)].Act; got != storyboard.Work {
		t.Errorf("a card dropped on the empty work act's cell is in act %s", got)
	}
	m.ed.Undo()
	// A shot from the palette dropped onto the target.
	m.win.Resize(fyne.NewSize(1280, 801))
	target = m.grid.targets[storyboard.Work]
	at = d.AbsolutePositionForObject(target).Add(fyne.NewPos(10, 10))
	n := len(p.Cards)
	m.paletteDropped(storyboard.ShotHands, at)
	if len(p.Cards) != n+1 || p.Cards[m.ed.Selected()].Act != storyboard.Work {
		t.Errorf("a shot dropped on the empty work act: %d cards, the new one in %s", len(p.Cards), p.Cards[m.ed.Selected()].Act)
	}
}

// TestGridShowsWholeBeats: a card whose cuts are on the song's beats shows
// its length in beats in the grid; one off the beat shows seconds only.
func TestGridShowsWholeBeats(t *testing.T) {
	m := newTestWindow(t)
	period := beatSong(m)
	m.setViewMode("grid")
	p := m.ed.Project.Clone()
	p.Cards[0].Duration = 4 * period // 0 → 4 beats
	m.ed.Replace(p, "")
	m.win.Resize(fyne.NewSize(1280, 800))
	if got := m.grid.panelAt(0).beats; got != "4 beats" {
		t.Errorf("card 1 of 4 beats: grid shows %q; want \"4 beats\"", got)
	}
	if got := m.grid.panelAt(2).beats; got != "" {
		t.Errorf("card 3, off the beat: grid shows %q; want nothing", got)
	}
}

// TestBeatsPluralForms: beat counts take each language's plural form.
func TestBeatsPluralForms(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { setupTranslations("en") })
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{{"en", 1, "1 beat"}, {"en", 4, "4 beats"}, {"it", 1, "1 battito"}, {"it", 6, "6 battiti"},
		{"ru", 1, "1 доля"}, {"ru", 3, "3 доли"}, {"ru", 5, "5 долей"}, {"ru", 21, "21 доля"}, {"ru", 12, "12 долей"}} {
		setupTranslations(c.lang)
		if got := beatsCount(c.n); got != c.want {
			t.Errorf("in %s, %d beats: %q; want %q", c.lang, c.n, got, c.want)
		}
	}
}

// TestTapCutKeyMarksACutOnTheBeat: T at the playhead marks a cut on the
// nearest beat, one undoable step, while playing as well.
func TestTapCutKeyMarksACutOnTheBeat(t *testing.T) {
	m := newTestWindow(t)
	period := beatSong(m)
	p := m.ed.Project
	beats, _ := p.BeatGrid()
	n := len(p.Cards)
	// In the middle of card 2 (2–4 s), 30 ms past a beat.
	at := storyboard.SnapTime(3*storyboard.Second, beats) + 30*storyboard.Millisecond
	m.trans.seekTo(at)
	m.win.Canvas().Unfocus()
	m.win.Canvas().OnTypedRune()('t')
	cuts := p.Cuts()
	found := false
	for _, c := range cuts {
		if onBeat(c, beats) && absTime(c-at) < period {
			found = true
		}
	}
	if !found {
		t.Errorf("T at %s: no cut on the beat near it (cuts %v)", at, cuts)
	}
	if len(p.Cards) != n && len(p.Cards) != n+1 {
		t.Errorf("T made %d cards from %d", len(p.Cards), n)
	}
	if name := m.ed.History().UndoName(); name != "Tap cut" {
		t.Errorf("undo step %q; want \"Tap cut\"", name)
	}
}

// TestFitPlanToMusicFromTheMenu: Edit ▸ Fit Plan to Music fits the reel to
// the platform's recommended length on whole beats, as one undoable edit,
// and says what it did.
func TestFitPlanToMusicFromTheMenu(t *testing.T) {
	m := newTestWindow(t)
	period := beatSong(m)
	before := m.ed.Project.Clone()
	m.cmds.run("fitPlan")
	if len(m.dialogs) == 0 {
		t.Fatal("Fit Plan to Music shows no dialog")
	}
	m.answerDialog(fyne.KeyReturn)
	p := m.ed.Project
	target := p.PlatformPreset().Recommended
	if d := p.Length() - target; d > period || -d > period {
		t.Errorf("fitted to %s: the reel lasts %s; want within a beat (%s)", target, p.Length(), period)
	}
	beats, _ := p.BeatGrid()
	for _, c := range p.Cuts() {
		if !onBeat(c, beats) && c != p.Length() {
			t.Errorf("fitted plan: cut at %s off the beat", c)
		}
	}
	if !strings.Contains(m.status.Text, "Fitted") {
		t.Errorf("status %q; want an account of the fit", m.status.Text)
	}
	m.ed.Undo()
	for i := range before.Cards {
		if m.ed.Project.Cards[i].Duration != before.Cards[i].Duration {
			t.Fatalf("Undo did not restore card %d's duration", i+1)
		}
	}
}

// TestTapTempoSetsTheTempo: four taps half a second apart on the Tap button
// set the tempo to 120 BPM, one undoable step.
func TestTapTempoSetsTheTempo(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	p := m.ed.Project.Clone()
	p.Soundtrack.Analysis = nil
	m.ed.Replace(p, "")
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m.sound.now = func() time.Time { return clock }
	for range 5 {
		test.Tap(m.sound.tapBtn)
		clock = clock.Add(500 * time.Millisecond)
	}
	if got := m.ed.Project.Soundtrack.TempoOverride; got != 120 {
		t.Errorf("five taps 0.5 s apart: tempo %v; want 120", got)
	}
	m.ed.Undo()
	if got := m.ed.Project.Soundtrack.TempoOverride; got != 0 {
		t.Errorf("one Undo after tapping: tempo %v; want none (the taps are one step)", got)
	}
}

// TestVariantsInTheWindow: Edit ▸ Add Variant derives a 15 s Story from the
// plan as one undoable edit; the Variant selector shows it, the pacing panel
// and the length readout are then about the Story on its own platform, and
// File ▸ Export writes the Story; the whole plan comes back with the
// selector, and Undo removes the variant.
func TestVariantsInTheWindow(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	q := m.ed.Project.Clone()
	q.Soundtrack.Path = clickSong(t, 135.1, 90) // a file the exports can probe
	for i := range q.Cards {
		q.Cards[i].Duration = 4 * storyboard.Second // a 40 s plan: the 30 s Reel drops some
	}
	m.ed.Replace(q, "")
	p := m.ed.Project
	for i := range p.Cards {
		if i%3 == 2 {
			p.Cards[i].Optional = true
		}
	}
	m.variantSel.SetSelectedIndex(len(m.variantSel.Options) - 1) // Add Variant…, the selector's last choice
	if len(m.dialogs) == 0 {
		t.Fatal("Add Variant shows no dialog")
	}
	m.answerDialog(fyne.KeyReturn) // the second preset: 30 s Reel
	want := storyboard.VariantPresets[1]
	v, ok := m.ed.Project.Variant(want.Name)
	if !ok {
		t.Fatalf("after Add the project has variants %+v; want %s", m.ed.Project.Variants, want.Name)
	}
	if m.variant != want.Name || m.variantSel.Selected != want.Name {
		t.Errorf("shown variant %q, selector %q; want %q", m.variant, m.variantSel.Selected, want.Name)
	}
	if !strings.HasPrefix(m.length.Text, want.Name) {
		t.Errorf("length readout %q; want it about the variant", m.length.Text)
	}
	vp, _ := m.ed.Project.VariantProject(want.Name)
	if got := append(m.soundtrackProblems(), checkProject(vp)...); !sameFindings(got, m.pacing.findings) {
		t.Errorf("with the variant shown the pacing panel has %d findings; want the variant's %d", len(m.pacing.findings), len(got))
	}
	out := t.TempDir() + "/story.otio"
	f, _ := export.LookupFormat("otio")
	m.runExport(f, out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("%v (status %q, dialogs %d)", err, m.status.Text, len(m.win.Canvas().Overlays().List()))
	}
	if d := vp.Length() - want.Length; d > storyboard.Second || -d > storyboard.Second {
		t.Errorf("the 30 s Reel of a 40 s plan lasts %s", vp.Length())
	}
	if !strings.Contains(string(data), want.Name) || strings.Count(string(data), `"OTIO_SCHEMA": "Clip.`) != len(v.Cards)+1 {
		t.Errorf("the export with the variant shown is not the variant's (%d cards): has name %v, %d clips; project has %d cards", len(v.Cards), strings.Contains(string(data), want.Name), strings.Count(string(data), `"OTIO_SCHEMA": "Clip.`), len(p.Cards))
	}
	m.variantSel.SetSelectedIndex(0)
	if m.variant != "" || strings.HasPrefix(m.length.Text, want.Name) {
		t.Errorf("back to the whole plan: variant %q, length %q", m.variant, m.length.Text)
	}
	m.ed.Undo()
	if len(m.ed.Project.Variants) != 0 || len(m.variantSel.Options) != 2 {
		t.Errorf("Undo left variants %d, selector options %v", len(m.ed.Project.Variants), m.variantSel.Options)
	}
}

// TestFitOffersThreeExcerpts: the Fit dialog proposes the song's three best
// excerpts for the length; choosing the second starts the music there.
func TestFitOffersThreeExcerpts(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	m.cmds.run("fitPlan")
	opts := m.fitStart.Options
	if len(opts) != 4 || !strings.HasPrefix(opts[0], "Excerpt 1:") || !strings.HasPrefix(opts[2], "Excerpt 3:") {
		t.Fatalf("the Fit dialog offers %q; want three excerpts and the music where it starts now", opts)
	}
	ex, err := m.ed.Project.Excerpts(m.ed.Project.PlatformPreset().Recommended, 3)
	if err != nil || len(ex) < 2 {
		t.Fatalf("Excerpts = %v, %v", ex, err)
	}
	m.fitStart.SetSelected(opts[1])
	if got := m.fitWhy.Text; got != excerptWhy(ex[1]) {
		t.Errorf("excerpt 2 chosen, the dialog says %q; want why it was offered, %q", got, excerptWhy(ex[1]))
	}
	m.answerDialog(fyne.KeyReturn)
	if got := m.ed.Project.Soundtrack.Offset; absTime(got-ex[1].Start) > storyboard.Second/100 {
		t.Errorf("excerpt 2 chosen: the music starts at %s; want %s", got, ex[1].Start)
	}
}

// TestDuplicateEndsOnTheBeat: with snapping on, a copy of a card ends on a
// beat of the song, one undoable step.
func TestDuplicateEndsOnTheBeat(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m) // 2-second cards between the beats
	p := m.ed.Project
	beats, _ := p.BeatGrid()
	m.ed.Select(p.Cards[1].ID, p.Cards[3].ID)
	n := len(p.Cards)
	m.cmds.run("duplicate")
	if len(p.Cards) != n+2 {
		t.Fatalf("duplicating two cards: %d cards; want %d", len(p.Cards), n+2)
	}
	for _, id := range m.ed.Selection() {
		i := p.Index(id)
		if end := p.Start(i) + p.Cards[i].Duration; !onBeat(end, beats) {
			t.Errorf("copy at card %d ends at %s, off the beat", i+1, end)
		}
	}
	if name := m.ed.History().UndoName(); name != "Duplicate cards" {
		t.Errorf("undo step %q", name)
	}
	m.ed.Undo()
	if len(p.Cards) != n {
		t.Errorf("one Undo left %d cards; want %d", len(p.Cards), n)
	}
}

// TestInspectorBeatsOnTheSongsGrid: on a song whose beats drift around its
// tempo, a card spanning four beats reads 4 beats (not 3.96), the tempo
// shown is the song's, and typing 6 beats ends the card on the sixth beat.
func TestInspectorBeatsOnTheSongsGrid(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	p := m.ed.Project.Clone()
	a := p.Soundtrack.Analysis
	period := storyboard.Seconds(60 / 135.1)
	for k := range a.Beats {
		a.Beats[k] = storyboard.Time(k)*period + storyboard.Time(k%3)*12*storyboard.Millisecond // 0 to 24 ms of drift
	}
	m.ed.Replace(p, "")
	p = m.ed.Project
	beats, _ := p.BeatGrid()
	// Make card 1 span exactly four grid beats from the grid's first beat.
	q := p.Clone()
	q.Cards[0].Duration = beats[4]
	m.ed.Replace(q, "")
	p = m.ed.Project
	m.ed.Select(p.Cards[0].ID)
	if got := m.insp.beats.Text; got != "4" {
		t.Errorf("a card from beat 0 to beat 4: beats field %q; want \"4\"", got)
	}
	if got := m.insp.beatsHint.Text; got != "135.1 BPM" {
		t.Errorf("tempo shown %q; want the song's 135.1 BPM", got)
	}
	// Card 2 from beat 4: type 6 beats, it ends on beat 10.
	m.ed.Select(p.Cards[1].ID)
	m.insp.beats.SetText("6")
	if end := p.Start(1) + p.Cards[1].Duration; absTime(end-beats[10]) > storyboard.Millisecond {
		t.Errorf("6 beats typed from beat 4: the card ends at %s; want beat 10 at %s", end, beats[10])
	}
	if got, _ := cardBeats(p, 1); math.Abs(got-6) > 0.01 {
		t.Errorf("then the card spans %.3f beats; want 6", got)
	}
}
