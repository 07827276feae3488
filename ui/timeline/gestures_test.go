package timeline

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

func TestDragRegion(t *testing.T) {
	s := storyboard.Second
	sec := storyboard.Seconds
	frame := storyboard.Rate30.SnapToFrame
	// Four cards, 8.5 s; the song (120 s) starts 1 s in; beats every 0.5 s.
	type region struct{ offset, length storyboard.Time }
	tests := []struct {
		name     string
		from, to float64 // seconds
		mods     fyne.KeyModifier
		want     *region
	}{
		{"start, snapped", 0, 2.3, 0, &region{s + 5*s/2, 17*s/2 - 5*s/2}},
		{"start, free", 0, 2.3, fyne.KeyModifierShift, &region{s + frame(sec(2.3)), 17*s/2 - frame(sec(2.3))}},
		{"start, before the song", 0, -3, 0, &region{0, 17*s/2 + s}},
		{"end, snapped", 8.5, 10.2, 0, &region{s, 10 * s}},
		{"end, free", 8.5, 10.2, fyne.KeyModifierAlt, &region{s, frame(sec(10.2))}},
		{"end, past the song", 8.5, 200, 0, &region{s, 119 * s}},
		{"slide right", 4, 5, fyne.KeyModifierControl, &region{0, 17 * s / 2}},
		{"slide left", 4, 2, fyne.KeyModifierSuper, &region{3 * s, 17 * s / 2}},
		{"slide past the start", 4, 7, fyne.KeyModifierControl, &region{0, 17 * s / 2}},
		{"plain drag scrubs", 4, 2, 0, nil},
		{"in place", 8.5, 8.55, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			tl, _ := newTestTimeline(t, testProject(t, 4), testSize, 0)
			l := tl.lanes(tl.Size())
			var got []region
			tl.OnRegionChanged = func(offset, length storyboard.Time) { got = append(got, region{offset, length}) }
			y := l.waveY + l.waveH/2
			dragTo(tl, fyne.NewPos(tl.xAt(sec(tt.from)), y), fyne.NewPos(tl.xAt(sec(tt.to)), y), tt.mods)
			switch {
			case tt.want == nil && len(got) > 0:
				t.Errorf("drag music lane %.2f s to %.2f s: OnRegionChanged%v; want no call", tt.from, tt.to, got)
			case tt.want != nil && (len(got) != 1 || got[0] != *tt.want):
				t.Errorf("drag music lane %.2f s to %.2f s: OnRegionChanged calls %v; want %v", tt.from, tt.to, got, *tt.want)
			}
		})
	}
}

func TestDragScrubs(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 4), testSize, 0)
	var got []storyboard.Time
	tl.OnSeek = func(at storyboard.Time) { got = append(got, at) }
	y := tl.lanes(tl.Size()).headerH / 2
	dragTo(tl, fyne.NewPos(tl.xAt(storyboard.Second), y), fyne.NewPos(tl.xAt(3*storyboard.Second), y), 0)
	if len(got) == 0 || got[len(got)-1] != 3*storyboard.Second || tl.Playhead() != 3*storyboard.Second {
		t.Errorf("drag the header from 1 s to 3 s: OnSeek calls %v, Playhead() = %v; want last 3 s", got, tl.Playhead())
	}
}

func TestDragShowsValue(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	has := func(o fyne.CanvasObject) bool { return slices.Contains(r.Objects(), o) }

	// Trim card 2 (3.5 s to 6.5 s) to end at 7 s: the label shows the
	// duration, the next cards ripple.
	from := cardPos(tl, 2, 1)
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from}, Dragged: fyne.NewDelta(0.5*testPPS, 0)})
	if !has(r.label) || r.label.Text != "3.50 s" {
		t.Errorf("trimming card 2 to 3.5 s: label %q (shown %v); want %q", r.label.Text, has(r.label), "3.50 s")
	}
	if s, _ := tl.effective(3); s != 7*storyboard.Second {
		t.Errorf("trimming card 2 to end at 7 s: card 3 starts at %v; want 0:07.000", s)
	}
	tl.DragEnd()
	if has(r.label) {
		t.Error("after the trim, the label is still shown")
	}

	// Move card 3 to the right half of card 4: the marker stands at card 5's start.
	from = cardPos(tl, 3, 0.5)
	to := cardPos(tl, 4, 0.75)
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, 0)})
	wantX := tl.xAt(tl.cards[5].start) - r.marker.Size().Width/2
	if !has(r.marker) || math.Abs(float64(r.marker.Position().X-wantX)) > 0.01 {
		t.Errorf("moving card 3 after card 4: marker at x %v (shown %v); want %v", r.marker.Position().X, has(r.marker), wantX)
	}
	if !has(r.ghost) {
		t.Error("moving card 3: no ghost")
	}
	tl.DragEnd()
	if has(r.marker) || has(r.ghost) {
		t.Error("after the drop, the marker or the ghost is still shown")
	}
}

func TestZoom(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, 0) // 21.5 s
	pad := tl.Theme().Size("padding")
	fit := (testSize.Width - 2*pad) / 21.5
	near := func(a, b float32) bool { return math.Abs(float64(a-b)) < 1e-3 }
	steps := []struct {
		name string
		do   func()
		want float32
	}{
		{"New", func() {}, fit},
		{"SetZoom(100)", func() { tl.SetZoom(100) }, 100},
		{"ZoomIn", tl.ZoomIn, 150},
		{"ZoomOut", tl.ZoomOut, 100},
		{"SetZoom(1e6)", func() { tl.SetZoom(1e6) }, testSize.Width / (4 * 0.5)}, // four beats
		{"SetZoom(1)", func() { tl.SetZoom(1) }, fit},
		{"SetZoom(60)", func() { tl.SetZoom(60) }, 60},
		{"ZoomOut", tl.ZoomOut, fit},
		{"ZoomIn", tl.ZoomIn, fit * 1.5},
		{"ZoomToFit", tl.ZoomToFit, fit},
	}
	for _, s := range steps {
		s.do()
		if got := tl.Zoom(); !near(got, s.want) {
			t.Errorf("%s: Zoom() = %v; want %v", s.name, got, s.want)
		}
	}
	tl.Resize(fyne.NewSize(2*testSize.Width, testSize.Height))
	if got, want := tl.Zoom(), (2*testSize.Width-2*pad)/21.5; !near(got, want) {
		t.Errorf("fitting, resized to twice the width: Zoom() = %v; want %v", got, want)
	}
}

func TestScrollAndFollow(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS) // 21.5 s, 10 s in view
	visible := func(at storyboard.Time) bool { x := tl.xAt(at); return x >= 0 && x <= testSize.Width }

	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(-200, 0)})
	if got := tl.viewStart(); math.Abs(got-2) > 1e-6 {
		t.Errorf("scroll 200 px right at 100 px/s: view starts at %v s; want 2", got)
	}
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -1e5)})
	if x := tl.xAt(119 * storyboard.Second); x < testSize.Width-tl.Theme().Size("padding")-1 || x > testSize.Width {
		t.Errorf("scroll far right: the song ends at x %v; want at the right edge %v", x, testSize.Width)
	}
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(1e5, 0)})
	if x := tl.xAt(0); x < 0 || x > tl.Theme().Size("padding") {
		t.Errorf("scroll far left: the reel starts at x %v; want at the left edge, never before 0:00", x)
	}

	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(1e5, 0)})
	tl.SetPlayhead(15 * storyboard.Second)
	if visible(15 * storyboard.Second) {
		t.Error("not following: the view moved to the playhead")
	}
	tl.SetFollow(true)
	if !visible(15 * storyboard.Second) {
		t.Errorf("SetFollow(true): the playhead at 15 s is out of view (view starts at %v s)", tl.viewStart())
	}
	for at := 15 * storyboard.Second; at < 21*storyboard.Second; at += storyboard.Second / 60 {
		tl.SetPlayhead(at)
		if !visible(at) {
			t.Fatalf("following, SetPlayhead(%v): out of view (view starts at %v s)", at, tl.viewStart())
		}
	}
	tl.SetPlayhead(storyboard.Second)
	if !visible(storyboard.Second) {
		t.Errorf("following, SetPlayhead(1 s) back: out of view (view starts at %v s)", tl.viewStart())
	}
}

func TestDropKind(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	var kind storyboard.ShotKind
	var at storyboard.Time = -1
	tl.OnKindDropped = func(k storyboard.ShotKind, t storyboard.Time) { kind, at = k, t }
	r := test.WidgetRenderer(tl).(*renderer)
	pos := fyne.NewPos(tl.xAt(3*storyboard.Second), 200)
	tl.KindDragOver(pos)
	if !slices.Contains(r.Objects(), fyne.CanvasObject(r.marker)) || tl.kindBoundary != 2 {
		t.Errorf("KindDragOver(3 s): marker shown %v at boundary %d; want shown at 2", slices.Contains(r.Objects(), fyne.CanvasObject(r.marker)), tl.kindBoundary)
	}
	tl.DropKindAt(storyboard.ShotHands, pos)
	if slices.Contains(r.Objects(), fyne.CanvasObject(r.marker)) {
		t.Error("after DropKindAt, the marker is still shown")
	}
	if kind != storyboard.ShotHands || at != 3*storyboard.Second {
		t.Errorf("DropKindAt(hands, 3 s): OnKindDropped(%q, %v); want (hands, 0:03.000)", kind, at)
	}
}

func TestInsertionPoint(t *testing.T) {
	p := testProject(t, 10) // 0: 0-2 arrival, 1: 2-3.5 arrival, 2: 3.5-6.5 work, ... 9: 19.5-21.5 fulfilment
	sec := storyboard.Seconds
	tests := []struct {
		at    storyboard.Time
		index int
		act   storyboard.Act
	}{
		{-storyboard.Second, 0, storyboard.Arrival},
		{0, 0, storyboard.Arrival},
		{sec(0.9), 0, storyboard.Arrival},
		{sec(1.1), 1, storyboard.Arrival},
		{sec(3.4), 2, storyboard.Arrival},
		{sec(3.6), 2, storyboard.Work},
		{sec(17), 8, storyboard.Fulfilment},
		{sec(21), 10, storyboard.Fulfilment},
		{sec(100), 10, storyboard.Fulfilment},
	}
	for _, tt := range tests {
		i, a := InsertionPoint(p, tt.at)
		if i != tt.index || a != tt.act {
			t.Errorf("InsertionPoint(p, %v) = %d, %v; want %d, %v", tt.at, i, a, tt.index, tt.act)
		}
	}
	if i, a := InsertionPoint(&storyboard.Project{}, 0); i != 0 || a != storyboard.Arrival {
		t.Errorf("InsertionPoint(empty, 0) = %d, %v; want 0, arrival", i, a)
	}
}

func TestDragIntoEmptyAct(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 4)
	for i, a := range []storyboard.Act{storyboard.Arrival, storyboard.Arrival, storyboard.Fulfilment, storyboard.Fulfilment} {
		p.Cards[i].Act = a // no work card
	}
	tl, _ := newTestTimeline(t, p, testSize, 0)
	var got [][]any
	tl.OnCardMoved = func(ids []uuid.UUID, to int, act storyboard.Act) { got = append(got, []any{ids, to, act}) }
	c := tl.chips()[storyboard.Work]
	if !c.ok || tl.chips()[storyboard.Arrival].ok || tl.chips()[storyboard.Fulfilment].ok {
		t.Fatalf("work act empty: chips() = %v; want a chip for work only", tl.chips())
	}
	if x := tl.xAt(tl.cards[2].start); c.x0 != x {
		t.Errorf("work chip starts at x %v; want %v, where arrival ends", c.x0, x)
	}
	drop := fyne.NewPos((c.x0+c.x1)/2, tl.lanes(tl.Size()).headerH/2)
	dragTo(tl, cardPos(tl, 0, 0.5), drop, 0)
	if want := []any{ids(0), 1, storyboard.Work}; len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("drag card 0 onto the work chip: OnCardMoved calls %v; want %v", got, want)
	}
}

func TestSetProjectDuringDrag(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 10)
	tl, _ := newTestTimeline(t, p, testSize, testPPS)
	var trimmed, moved int
	tl.OnCardTrimmed = func(uuid.UUID, storyboard.Time) { trimmed++ }
	tl.OnCardMoved = func([]uuid.UUID, int, storyboard.Act) { moved++ }
	press := func(pos fyne.Position) {
		tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	}
	step := func(dx float32) {
		tl.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(dx, 0)})
	}

	// The trimmed card disappears: the gesture ends with no call.
	press(cardPos(tl, 2, 1))
	step(30)
	q := p.Clone()
	q.Cards = slices.Delete(q.Cards, 0, 3)
	tl.SetProject(q)
	step(30)
	tl.DragEnd()
	if trimmed != 0 {
		t.Errorf("trim of a card deleted during the drag: %d OnCardTrimmed calls; want none", trimmed)
	}

	// The project shrinks under a move: the card is found again.
	tl.SetProject(p)
	press(cardPos(tl, 8, 0.5))
	step(-30)
	q = p.Clone()
	q.Cards = q.Cards[5:]
	tl.SetProject(q)
	step(-600)
	tl.DragEnd()
	if moved != 1 {
		t.Errorf("move during which the project shrank: %d OnCardMoved calls; want 1", moved)
	}
	tl.SetProject(nil)
	press(fyne.NewPos(10, 10))
	step(10)
	tl.DragEnd()
}

func TestCursor(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	l := tl.lanes(tl.Size())
	tests := []struct {
		name string
		pos  fyne.Position
		want desktop.Cursor
	}{
		{"card body", cardPos(tl, 2, 0.5), desktop.DefaultCursor},
		{"card edge", cardPos(tl, 2, 1), desktop.HResizeCursor},
		{"region start", fyne.NewPos(tl.xAt(0), l.waveY+l.waveH/2), desktop.HResizeCursor},
		{"waveform", fyne.NewPos(tl.xAt(5*storyboard.Second), l.waveY+l.waveH/2), desktop.DefaultCursor},
	}
	for _, tt := range tests {
		tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: tt.pos}})
		if got := tl.Cursor(); got != tt.want {
			t.Errorf("%s: Cursor() = %v; want %v", tt.name, got, tt.want)
		}
	}
}

// fyne's own test.Drag (one Dragged event, no MouseDown) works too.
func TestFyneTestDrag(t *testing.T) {
	test.NewTempApp(t)
	tl, w := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	var to int = -1
	tl.OnCardMoved = func(_ []uuid.UUID, i int, _ storyboard.Act) { to = i }
	from, dest := cardPos(tl, 3, 0.5), cardPos(tl, 4, 0.75)
	test.Drag(w.Canvas(), from, dest.X-from.X, 0)
	if to != 4 {
		t.Errorf("test.Drag card 3 onto card 4's right half: OnCardMoved toIndex %d; want 4", to)
	}
}
