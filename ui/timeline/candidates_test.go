package timeline

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// songCandidates are three 8-second excerpts of testProject's song, the
// best one at song 20 s, the second before the reel's start (the music
// starts 1 s into the song), the third overlapping the first.
func songCandidates() []Candidate {
	s := storyboard.Second
	return []Candidate{
		{Start: 20 * s, End: 28 * s, Label: "1 · 0:20–0:28"},
		{Start: 0, End: 8 * s, Label: "2 · 0:00–0:08"},
		{Start: 24 * s, End: 32 * s, Label: "3 · 0:24–0:32"},
	}
}

func TestCandidatesInViewAndChosenByClick(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 6) // 13 s of cards
	tl, _ := newTestTimeline(t, p, fyne.NewSize(800, 260), 0)
	if _, ok := tl.CandidatePoint(0); ok {
		t.Fatal("CandidatePoint without candidates: ok")
	}
	before := tl.viewStart()
	tl.SetCandidates(songCandidates())
	chosen := -1
	tl.OnCandidateChosen = func(i int) { chosen = i }
	// Every candidate is in view, the one before the reel's start too.
	w := tl.Size().Width
	for i, c := range songCandidates() {
		x0, x1 := tl.xAt(c.Start-p.Soundtrack.Offset), tl.xAt(c.End-p.Soundtrack.Offset)
		if x0 < 0 || x1 > w {
			t.Errorf("candidate %d spans x %.0f–%.0f; want inside 0–%.0f", i, x0, x1, w)
		}
	}
	// A click on a badge chooses its candidate; one on the waveform inside
	// two overlapping candidates chooses the better ranked.
	for _, i := range []int{1, 2, 0} {
		pos, ok := tl.CandidatePoint(i)
		if !ok {
			t.Fatalf("candidate %d: no point in view", i)
		}
		chosen = -1
		click(tl, pos, 0)
		if chosen != i {
			t.Errorf("click on candidate %d's badge chose %d", i, chosen)
		}
	}
	l := tl.lanes(tl.Size())
	chosen = -1
	click(tl, fyne.NewPos(tl.xAt(storyboard.Seconds(25)-p.Soundtrack.Offset), l.waveY+l.waveH-2), 0)
	if chosen != 0 {
		t.Errorf("click at song 25 s, in candidates 1 and 3: chose %d; want 0", chosen)
	}
	// Off the candidates a click still selects a card and chooses nothing.
	chosen = -1
	click(tl, cardPos(tl, 2, 0.5), 0)
	if chosen != -1 {
		t.Errorf("click on a card chose candidate %d", chosen)
	}
	if sel := tl.Selection(); len(sel) != 1 || sel[0] != cardID(2) {
		t.Errorf("click on card 2 with candidates shown: selection %v", sel)
	}
	// Hovering lights the candidate up and says which.
	hovered := -2
	tl.OnCandidateHovered = func(i int) { hovered = i }
	pos, _ := tl.CandidatePoint(1)
	tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	if hovered != 1 || tl.candHover != 1 {
		t.Errorf("hover on candidate 2: reported %d, lit %d", hovered, tl.candHover)
	}
	if c := tl.Cursor(); c != desktop.PointerCursor {
		t.Errorf("cursor over a candidate: %v; want the pointer", c)
	}
	r := test.WidgetRenderer(tl).(*renderer)
	// The ruler reads song time, as the badges: its 0 is the song's start.
	if tx := r.rulerText.all[0]; tx.Text != FormatTime(0, tl.rate, tl.timeFormat) || !near(tx.Position().X, tl.xAt(-p.Soundtrack.Offset)+tl.lanes(tl.Size()).pad/2) {
		t.Errorf("first ruler label %q at x %v; want the song's 0 at x %v", tx.Text, tx.Position().X, tl.xAt(-p.Soundtrack.Offset))
	}
	if r.candText.n != 3 || r.candBadges.n != 3 {
		t.Errorf("drawn: %d badge texts, %d badges; want 3 each", r.candText.n, r.candBadges.n)
	}
	tl.MouseOut()
	if hovered != -1 {
		t.Errorf("pointer out: hover reported %d; want -1", hovered)
	}
	// Hidden again, the view is the reel's, and a click seeks.
	tl.SetCandidates(nil)
	if got := tl.viewStart(); got != before {
		t.Errorf("view start after the candidates: %v; want %v", got, before)
	}
	if r := test.WidgetRenderer(tl).(*renderer); r.candText.n != 0 {
		t.Errorf("%d candidate badges drawn after SetCandidates(nil)", r.candText.n)
	}
	chosen = -1
	click(tl, fyne.NewPos(tl.xAt(storyboard.Seconds(2)), l.waveY+l.waveH/2), 0)
	if chosen != -1 || tl.Playhead() != storyboard.Seconds(2) {
		t.Errorf("click on the waveform without candidates: chose %d, playhead %v; want a seek to 2 s", chosen, tl.Playhead())
	}
}

// TestReadOnlyView: a read-only timeline selects and scrubs, but no drag
// moves or trims a card, slides the music or drops a shot.
func TestReadOnlyView(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 6)
	tl, _ := newTestTimeline(t, p, fyne.NewSize(800, 260), 0)
	tl.SetReadOnly(true)
	edited := ""
	tl.OnCardMoved = func([]uuid.UUID, int, storyboard.Act) { edited = "moved" }
	tl.OnCardTrimmed = func(uuid.UUID, storyboard.Time) { edited = "trimmed" }
	tl.OnMusicSlipped = func(storyboard.Time) { edited = "slipped" }
	tl.OnRegionChanged = func(storyboard.Time, storyboard.Time) { edited = "region" }
	tl.OnKindDropped = func(storyboard.ShotKind, storyboard.Time) { edited = "dropped" }
	dragTo(tl, cardPos(tl, 1, 0.5), cardPos(tl, 4, 0.8), 0)
	dragTo(tl, cardPos(tl, 2, 1), cardPos(tl, 3, 0.5), 0)
	l := tl.lanes(tl.Size())
	x0, y0, _, y1 := tl.slipTab(l)
	dragTo(tl, fyne.NewPos(x0+2, (y0+y1)/2), fyne.NewPos(x0+80, (y0+y1)/2), 0)
	tl.DropKindAt(storyboard.ShotHands, cardPos(tl, 2, 0.5))
	if edited != "" {
		t.Errorf("a read-only timeline %s", edited)
	}
	click(tl, cardPos(tl, 3, 0.5), 0)
	if sel := tl.Selection(); len(sel) != 1 || sel[0] != cardID(3) {
		t.Errorf("a click on card 4 of a read-only timeline selected %v", sel)
	}
	tl.SetReadOnly(false)
	dragTo(tl, cardPos(tl, 1, 0.5), cardPos(tl, 4, 0.8), 0)
	if edited != "moved" {
		t.Errorf("editable again, a drag of a card: %q; want moved", edited)
	}
}

// TestRegionStartSnapsToSongBeats: dragging the music region's start
// before the reel's start lands it on a beat of the song (the reel's grid
// has none there; it landed between beats and every cut went off the beat).
func TestRegionStartSnapsToSongBeats(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 6) // the music starts 1 s into the song, beats every 0.5 s
	p.Soundtrack.Offset = 2 * storyboard.Second
	tl, _ := newTestTimeline(t, p, fyne.NewSize(800, 260), 100)
	tl.SetSongBeats(p.SongGrid())
	var got storyboard.Time = -1
	tl.OnRegionChanged = func(offset, _ storyboard.Time) { got = offset }
	l := tl.lanes(tl.Size())
	tl.start = -1.5 // room on the left of the reel's start
	tl.Refresh()
	from := fyne.NewPos(tl.xAt(0), l.waveY+l.barH+2)
	dragTo(tl, from, fyne.NewPos(from.X-0.87*tl.Zoom(), from.Y), 0) // 0.87 s earlier
	if got < 0 {
		t.Fatal("the drag of the region's start changed nothing")
	}
	if got%(storyboard.Second/2) != 0 || got >= 2*storyboard.Second {
		t.Errorf("the music starts at %s after the drag; want an earlier song beat (a multiple of 0.5 s)", got)
	}
}
