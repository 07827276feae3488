package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// TestCardKindLabelStaysInside checks that every shot kind, in every
// language, fits inside a card of the grid's narrowest width.
func TestCardKindLabelStaysInside(t *testing.T) {
	test.NewTempApp(t)
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Cleanup(func() { setupTranslations("en") })
	for _, code := range []string{"en", "it", "ru"} {
		setupTranslations(code)
		for _, k := range storyboard.ShotKinds {
			c := newCardPanel()
			c.card = storyboard.Card{Kind: k.Kind, Duration: storyboard.Second}
			w := test.NewWindow(c)
			size := c.MinSize()
			c.Resize(size)
			r := test.WidgetRenderer(c).(*cardPanelRenderer)
			r.Layout(size)
			for _, l := range []*canvas.Text{r.picLabel, r.picLabel2} {
				if got := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width; got > size.Width-2*theme.Padding() {
					t.Errorf("in %s, kind %s: picture label %q is %v wide; want at most %v", code, k.Kind, l.Text, got, size.Width-2*theme.Padding())
				}
			}
			if r.picLabel.Text == "" {
				t.Errorf("in %s, kind %s: no picture label", code, k.Kind)
			}
			w.Close()
		}
	}
}

// gridOn returns a grid of a project of n cards in a test window of size.
func gridOn(t *testing.T, n int, size fyne.Size) *storyGrid {
	t.Helper()
	test.NewTempApp(t)
	p := projectOf(t, n)
	ed := NewEditor(p, "")
	g := newStoryGrid(ed, nil, nil)
	ed.OnChanged = g.update
	g.refresh()
	w := test.NewTempWindow(t, g)
	w.SetPadded(false)
	w.Resize(size)
	return g
}

func TestGridFillsWidth(t *testing.T) {
	for _, width := range []float32{250, 333, 440, 1000} {
		g := gridOn(t, 20, fyne.NewSize(width, 2000))
		if len(g.shown) == 0 {
			t.Fatalf("grid at width %v shows no panel", width)
		}
		right := float32(0)
		for _, cp := range g.shown {
			right = max(right, cp.Position().X+cp.Size().Width)
			if cp.Size().Width < g.cell.Width {
				t.Errorf("grid at width %v: card %v wide; want at least %v", width, cp.Size().Width, g.cell.Width)
			}
		}
		view := g.scroll.Size().Width
		if right < view-0.5 || right > view+0.5 {
			t.Errorf("grid at width %v: cards end at %v; want %v (the sheet's width)", width, right, view)
		}
	}
}

func TestGridMakesOnlyVisiblePanels(t *testing.T) {
	g := gridOn(t, 1000, fyne.NewSize(900, 600))
	cols := g.columns(g.sheet.Size().Width)
	rows := int(600/(g.cell.Height+theme.Padding())) + 2
	if got := len(g.shown); got == 0 || got > rows*cols {
		t.Fatalf("grid of 1000 cards in a 900x600 view has %d panels; want between 1 and %d", got, rows*cols)
	}
	// Scrolling to the last card shows it, reusing panels.
	last := g.ed.Project.Cards[999].ID
	g.ed.Select(last)
	cp := g.panelAt(999)
	if cp == nil || cp.card.ID != last || cp.number != 1000 || !cp.selected {
		t.Fatalf("after selecting card 1000 its panel = %+v; want it in view, numbered 1000, selected", cp)
	}
	if got := len(g.shown) + len(g.pool); got > 3*rows*cols {
		t.Errorf("after scrolling, %d panels exist; want them reused (at most %d)", got, 3*rows*cols)
	}
}

func TestGridSelectionRepaintsTwoPanels(t *testing.T) {
	g := gridOn(t, 30, fyne.NewSize(900, 600))
	g.ed.Select(g.ed.Project.Cards[1].ID)
	g.binds = 0
	g.ed.Select(g.ed.Project.Cards[2].ID)
	if g.binds != 2 {
		t.Errorf("selection change from card 2 to 3 bound %d panels; want 2", g.binds)
	}
	if !g.panelAt(2).selected || g.panelAt(1).selected {
		t.Errorf("after selecting card 3: panel 2 selected=%v, panel 3 selected=%v; want false, true", g.panelAt(1).selected, g.panelAt(2).selected)
	}
	// An edit of one card rebinds only its panel.
	g.binds = 0
	id := g.ed.Project.Cards[4].ID
	if err := g.ed.UpdateCard(id, "title", func(c *storyboard.Card) { c.Title = "Changed" }); err != nil {
		t.Fatal(err)
	}
	if g.binds != 1 || g.panelAt(4).card.Title != "Changed" {
		t.Errorf("title edit of card 5 bound %d panels, panel shows %q; want 1 and %q", g.binds, g.panelAt(4).card.Title, "Changed")
	}
}

// projectOf returns a valid backstage project of n cards.
func projectOf(t testing.TB, n int) *storyboard.Project {
	t.Helper()
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var cards []storyboard.Card
	for i := range n {
		act := storyboard.Act(i * 3 / n)
		k := storyboard.ShotKinds[i%len(storyboard.ShotKinds)].Kind
		cards = append(cards, storyboard.Card{ID: uuid.New(), Title: fmt.Sprintf("Shot %d", i+1), Kind: k, Act: act, Duration: storyboard.Second + storyboard.Time(i%4)*storyboard.Second/4})
	}
	p.Cards = cards
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}
