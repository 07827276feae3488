package timeline

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// The test project's first cards at 100 px/s, scrolled to 0 (in seconds):
// 0: 0-2 arrival, 1: 2-3.5 arrival, 2: 3.5-6.5 work, 3: 6.5-8.5 work,
// 4: 8.5-10 work, 5: 10-13 work, ... 8: 16.5-19.5 fulfilment, 9: 19.5-21.5.
const testPPS = 100

var testSize = fyne.NewSize(1000, 300)

func TestClickSelects(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	var got [][]uuid.UUID
	tl.OnSelectionChanged = func(ids []uuid.UUID) { got = append(got, ids) }
	ctrl := fyne.KeyModifierControl
	steps := []struct {
		card int
		mods fyne.KeyModifier
		want []int
	}{
		{1, 0, []int{1}},
		{4, fyne.KeyModifierShift, []int{1, 2, 3, 4}},
		{2, ctrl, []int{1, 3, 4}},
		{2, ctrl, []int{1, 2, 3, 4}},
		{0, 0, []int{0}},
		{3, fyne.KeyModifierShift, []int{0, 1, 2, 3}},
		{0, fyne.KeyModifierSuper, []int{1, 2, 3}},
	}
	for n, s := range steps {
		click(tl, cardPos(tl, s.card, 0.5), s.mods)
		want := ids(s.want...)
		if !slices.Equal(tl.Selection(), want) {
			t.Errorf("step %d: click(card %d, mods %v): Selection() = %v; want %v", n, s.card, s.mods, tl.Selection(), want)
		}
		if len(got) != n+1 || !slices.Equal(got[n], want) {
			t.Errorf("step %d: click(card %d, mods %v): OnSelectionChanged calls = %v; want last %v", n, s.card, s.mods, got, want)
		}
	}
	click(tl, cardPos(tl, 0, 0.5), 0)
	click(tl, cardPos(tl, 0, 0.5), 0)
	if len(got) != len(steps)+1 {
		t.Errorf("clicking the only selected card again called OnSelectionChanged: %d calls; want %d", len(got), len(steps)+1)
	}
}

func ids(is ...int) []uuid.UUID {
	var out []uuid.UUID
	for _, i := range is {
		out = append(out, cardID(i))
	}
	return out
}

func TestSetSelection(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	called := false
	tl.OnSelectionChanged = func([]uuid.UUID) { called = true }
	tl.SetSelection([]uuid.UUID{cardID(5), cardID(2), uuid.New()})
	if want := ids(2, 5); !slices.Equal(tl.Selection(), want) {
		t.Errorf("SetSelection(5, 2, unknown); Selection() = %v; want %v", tl.Selection(), want)
	}
	if called {
		t.Error("SetSelection called OnSelectionChanged")
	}
	// Shift-click extends from the last ID set.
	click(tl, cardPos(tl, 3, 0.5), fyne.KeyModifierShift)
	if want := ids(2, 3); !slices.Equal(tl.Selection(), want) {
		t.Errorf("Shift-click card 3 after SetSelection(5, 2): Selection() = %v; want %v", tl.Selection(), want)
	}
}

func TestClickSeeks(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 3), testSize, testPPS)
	l := tl.lanes(tl.Size())
	var got []storyboard.Time
	tl.OnSeek = func(at storyboard.Time) { got = append(got, at) }
	sec := func(s float64) float32 { return tl.xAt(storyboard.Seconds(s)) }
	wave, header, cards := l.waveY+l.waveH/2, l.headerH/2, l.cardY+l.cardH/2
	tests := []struct {
		pos  fyne.Position
		want storyboard.Time
	}{
		{fyne.NewPos(sec(2.5), wave), 5 * storyboard.Second / 2},   // music lane
		{fyne.NewPos(sec(1), header), storyboard.Second},           // act header
		{fyne.NewPos(sec(6.6), cards), 13 * storyboard.Second / 2}, // past the cards (6.5 s long): clamped
		{fyne.NewPos(sec(1.5), cards), -1},                         // a card: selects, no seek
		{fyne.NewPos(sec(-0.01), wave), 0},                         // before the start: clamped
	}
	for _, tt := range tests {
		got = nil
		click(tl, tt.pos, 0)
		switch {
		case tt.want < 0 && got != nil:
			t.Errorf("click(%v): OnSeek(%v); want no call", tt.pos, got)
		case tt.want >= 0 && (len(got) != 1 || got[0] != tt.want):
			t.Errorf("click(%v): OnSeek calls %v; want [%v]", tt.pos, got, tt.want)
		case tt.want >= 0 && tl.Playhead() != tt.want:
			t.Errorf("click(%v): Playhead() = %v; want %v", tt.pos, tl.Playhead(), tt.want)
		}
	}
}

func TestDoubleClickOpens(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	var opened []uuid.UUID
	tl.OnCardOpened = func(id uuid.UUID) { opened = append(opened, id) }
	tl.DoubleTapped(&fyne.PointEvent{Position: cardPos(tl, 3, 0.5)})
	if want := ids(3); !slices.Equal(opened, want) {
		t.Errorf("DoubleTapped(card 3): OnCardOpened calls %v; want %v", opened, want)
	}
	if want := ids(3); !slices.Equal(tl.Selection(), want) {
		t.Errorf("DoubleTapped(card 3): Selection() = %v; want %v", tl.Selection(), want)
	}
}

func TestDragMoves(t *testing.T) {
	type call struct {
		ids []uuid.UUID
		to  int
		act storyboard.Act
	}
	tests := []struct {
		name    string
		select_ []int
		grab    int
		toCard  int     // the drop point: a card
		toF     float32 // and a fraction of its width
		want    *call
		order   []int // after storyboard.MoveCards
	}{
		{"right within the act", nil, 3, 4, 0.75, &call{ids(3), 4, storyboard.Work}, []int{0, 1, 2, 4, 3, 5, 6, 7, 8, 9}},
		{"left within the act", nil, 4, 2, 0.25, &call{ids(4), 2, storyboard.Work}, []int{0, 1, 4, 2, 3, 5, 6, 7, 8, 9}},
		{"into the previous act", nil, 3, 1, 0.25, &call{ids(3), 1, storyboard.Arrival}, []int{0, 3, 1, 2, 4, 5, 6, 7, 8, 9}},
		{"to the end of the previous act", nil, 2, 1, 0.75, &call{ids(2), 2, storyboard.Arrival}, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
		{"selection to the start", []int{2, 3}, 3, 0, 0.25, &call{ids(2, 3), 0, storyboard.Arrival}, []int{2, 3, 0, 1, 4, 5, 6, 7, 8, 9}},
		{"selection keeps order", []int{1, 4}, 1, 3, 0.75, &call{ids(1, 4), 3, storyboard.Work}, []int{0, 2, 3, 1, 4, 5, 6, 7, 8, 9}},
		{"unselected card moves alone", []int{0}, 2, 4, 0.75, &call{ids(2), 4, storyboard.Work}, []int{0, 1, 3, 4, 2, 5, 6, 7, 8, 9}},
		{"onto itself", nil, 3, 3, 0.75, nil, nil},
		{"next to itself", nil, 3, 4, 0.25, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
			tl.SetSelection(ids(tt.select_...))
			var got []call
			tl.OnCardMoved = func(ids []uuid.UUID, to int, act storyboard.Act) { got = append(got, call{ids, to, act}) }
			dragTo(tl, cardPos(tl, tt.grab, 0.5), cardPos(tl, tt.toCard, tt.toF), 0)
			switch {
			case tt.want == nil && len(got) > 0:
				t.Errorf("drag card %d to card %d at %.2f: OnCardMoved%v; want no call", tt.grab, tt.toCard, tt.toF, got)
			case tt.want != nil && (len(got) != 1 || !slices.Equal(got[0].ids, tt.want.ids) || got[0].to != tt.want.to || got[0].act != tt.want.act):
				t.Errorf("drag card %d to card %d at %.2f: OnCardMoved calls %v; want %v", tt.grab, tt.toCard, tt.toF, got, *tt.want)
			}
			if len(got) == 1 {
				// The controller applies the move with storyboard.MoveCards.
				p := testProject(t, 10)
				h := storyboard.NewHistory(p)
				if err := h.Apply(storyboard.MoveCards(got[0].ids, gap(p, got[0].ids, got[0].to), got[0].act)); err != nil {
					t.Errorf("MoveCards(OnCardMoved's arguments %v): %v", got[0], err)
				}
				var order []int
				for _, c := range p.Cards {
					order = append(order, int(c.ID[15]))
				}
				if !slices.Equal(order, tt.order) {
					t.Errorf("after MoveCards(%v): card order %v; want %v", got[0], order, tt.order)
				}
			}
			if tl.drag.kind != dragNone {
				t.Errorf("after the drop, drag in progress: %v", tl.drag.kind)
			}
		})
	}
}

func TestDragTrims(t *testing.T) {
	s := storyboard.Second
	tests := []struct {
		name string
		snap bool
		mods fyne.KeyModifier
		card int
		toX  float64 // seconds
		want storyboard.Time
	}{
		{"snapped up", true, 0, 2, 6.8, 7 * s / 2},   // end 7.0 s, on a beat
		{"snapped down", true, 0, 2, 6.2, 5 * s / 2}, // end 6.0 s
		{"unsnapped", false, 0, 2, 6.8, storyboard.Rate30.SnapToFrame(storyboard.Seconds(3.3))},
		{"shift frees", true, fyne.KeyModifierShift, 2, 6.8, storyboard.Rate30.SnapToFrame(storyboard.Seconds(3.3))},
		{"alt frees", true, fyne.KeyModifierAlt, 2, 6.8, storyboard.Rate30.SnapToFrame(storyboard.Seconds(3.3))},
		{"shift snaps when off", false, fyne.KeyModifierShift, 2, 6.8, 7 * s / 2},
		{"never below a beat", true, 0, 2, 1, s / 2},
		{"never below a frame", false, 0, 2, 1, storyboard.Rate30.FrameDuration()},
		{"last card", true, 0, 9, 22.2, 5 * s / 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			tl, _ := newTestTimeline(t, testProject(t, 10), testSize, 0)
			tl.SetSnap(tt.snap)
			var got []storyboard.Time
			var gotID []uuid.UUID
			tl.OnCardTrimmed = func(id uuid.UUID, d storyboard.Time) { got, gotID = append(got, d), append(gotID, id) }
			from := cardPos(tl, tt.card, 1)
			dragTo(tl, from, fyne.NewPos(tl.xAt(storyboard.Seconds(tt.toX)), from.Y), tt.mods)
			if len(got) != 1 || got[0] != tt.want || gotID[0] != cardID(tt.card) {
				t.Errorf("trim card %d to %.1f s (snap %v, mods %v): OnCardTrimmed(%v, %v); want (%v, %v)",
					tt.card, tt.toX, tt.snap, tt.mods, gotID, got, cardID(tt.card), tt.want)
			}
		})
	}
}

func TestObjectsOnlyInView(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 1000)
	tl, _ := newTestTimeline(t, p, testSize, testPPS)
	for i := 0; i < 1000; i += 7 {
		tl.SetThumbnail(cardID(i), testThumb)
	}
	objs := len(test.WidgetRenderer(tl).Objects())
	// 10 s in view: about five cards of up to eight objects, twenty beats,
	// five bar numbers, a ruler of ten labels with four minor ticks each, and
	// a handful of fixed objects.
	if objs > 140 {
		t.Errorf("1,000 cards, 10 s in view: %d objects; want at most 140", objs)
	}
	t.Logf("1,000 cards, 10 s in view: %d objects", objs)

	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(-50000, 0)})
	objs = len(test.WidgetRenderer(tl).Objects())
	if objs > 140 {
		t.Errorf("1,000 cards, scrolled, 10 s in view: %d objects; want at most 140", objs)
	}

	tl.ZoomToFit()
	r := test.WidgetRenderer(tl).(*renderer)
	objs = len(r.Objects())
	// Fit: cards narrower than the theme padding merge into runs.
	if max := int(testSize.Width/r.lanes.minCard) + 60; objs > max { // and the ruler
		t.Errorf("1,000 cards, fitting: %d objects; want at most %d", objs, max)
	}
	t.Logf("1,000 cards, fitting %.0f px: %d objects, %d card views pooled", testSize.Width, objs, len(r.cards))
}

func TestSetProjectTakesBeatGrid(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 4)
	tl := New()
	tl.SetProject(p)
	beats, downbeats := p.BeatGrid()
	if len(beats) == 0 || !slices.Equal(tl.beats, beats) || !slices.Equal(tl.downbeats, downbeats) {
		t.Errorf("SetProject: beats %v, downbeats %v; want p.BeatGrid() = %v, %v", tl.beats, tl.downbeats, beats, downbeats)
	}
}

// Without a mouse (touch screens, test.Tap), Tapped does the click.
func TestTapWithoutMouse(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	calls := 0
	tl.OnSelectionChanged = func([]uuid.UUID) { calls++ }
	test.TapAt(tl, cardPos(tl, 3, 0.5))
	if want := ids(3); !slices.Equal(tl.Selection(), want) || calls != 1 {
		t.Errorf("test.TapAt(card 3): Selection() = %v after %d calls; want %v after 1", tl.Selection(), calls, want)
	}
	// A click by mouse is handled once, on release.
	click(tl, cardPos(tl, 4, 0.5), 0)
	if want := ids(4); !slices.Equal(tl.Selection(), want) || calls != 2 {
		t.Errorf("click(card 4): Selection() = %v after %d calls; want %v after 2", tl.Selection(), calls, want)
	}
}

// gap converts OnCardMoved's toIndex, counted without the moved cards, into
// storyboard.MoveCards' gap in the full list, as the window does.
func gap(p *storyboard.Project, moved []uuid.UUID, toIndex int) int {
	n := 0
	for i, c := range p.Cards {
		if slices.Contains(moved, c.ID) {
			continue
		}
		if n == toIndex {
			return i
		}
		n++
	}
	return len(p.Cards)
}

func TestSetThumbnail(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	shown := func() int {
		n := 0
		for _, o := range r.Objects() {
			if img, ok := o.(*canvas.Image); ok && img.Image != nil {
				n++
			}
		}
		return n
	}
	tl.SetThumbnail(cardID(2), testThumb)
	tl.SetThumbnail(cardID(2), testThumb) // again: nothing to do
	tl.SetThumbnail(cardID(9), testThumb) // out of view
	if got := shown(); got != 1 {
		t.Errorf("thumbnails on cards 2 and 9 (out of view): %d shown; want 1", got)
	}
	tl.SetThumbnail(cardID(2), nil)
	if got := shown(); got != 0 {
		t.Errorf("thumbnail of card 2 removed: %d shown; want 0", got)
	}
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(-12*testPPS, 0)})
	if !tl.inViewForTest(9) {
		t.Fatal("scrolled by 12 s: card 9 out of view")
	}
	if got := shown(); got != 1 {
		t.Errorf("scrolled to card 9: %d thumbnails shown; want 1", got)
	}
}

func (t *Timeline) inViewForTest(k int) bool {
	c := t.cards[k]
	return t.xAt(c.start+c.dur) > 0 && t.xAt(c.start) < t.Size().Width
}
