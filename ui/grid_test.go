package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

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

func TestFillGridFillsWidth(t *testing.T) {
	cell := fyne.NewSize(100, 50)
	g := &fillGrid{cell: cell}
	objs := make([]fyne.CanvasObject, 20)
	for i := range objs {
		objs[i] = canvas.NewRectangle(nil)
	}
	pad := theme.Padding()
	for _, width := range []float32{100, 250, 333, 440, 1000} {
		g.Layout(objs, fyne.NewSize(width, 500))
		right := float32(0)
		for _, o := range objs {
			right = max(right, o.Position().X+o.Size().Width)
			if o.Size().Width < cell.Width {
				t.Errorf("fillGrid at width %v: card %v wide; want at least %v", width, o.Size().Width, cell.Width)
			}
		}
		if width >= cell.Width && (right < width-0.5 || right > width+0.5) {
			t.Errorf("fillGrid at width %v: cards end at %v; want %v", width, right, width)
		}
		cols := int((width + pad) / (cell.Width + pad))
		rows := (len(objs) + cols - 1) / cols
		if got, want := g.MinSize(objs).Height, float32(rows)*cell.Height+float32(rows-1)*pad; got != want {
			t.Errorf("fillGrid.MinSize at width %v = %v high; want %v", width, got, want)
		}
	}
}
