package timeline

import (
	"flag"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares the window's markup and picture with testdata/name.xml and
// testdata/name.png, rewriting them with -update.
func golden(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	c := w.Canvas()
	if *update {
		xml := filepath.Join("testdata", name+".xml")
		if err := os.MkdirAll(filepath.Dir(xml), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(xml, []byte(test.RenderToMarkup(c)), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join("testdata", name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, c.Capture()); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertRendersToMarkup(t, name+".xml", c)
	test.AssertImageMatches(t, name+".png", c.Capture())
}

// goldenProject is a small project: eight cards over 12 s, a 120 BPM grid
// and a waveform half decoded.
func goldenTimeline(t *testing.T, variant fyne.ThemeVariant) (*Timeline, fyne.Window) {
	test.NewTempApp(t)
	if variant == testVariant {
		test.ApplyTheme(t, test.Theme())
	} else {
		test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), variant})
	}
	p := testProject(t, 8)
	p.Cards[3].Title = "A title far too long to fit on the card"
	tl, w := newTestTimeline(t, p, fyne.NewSize(640, 240), 0)
	tl.SetWaveform(sineWave{duration: 120, decoded: 9})
	tl.SetThumbnail(cardID(2), testThumb)
	tl.SetThumbnail(cardID(5), testThumb)
	tl.SetSelection(ids(4, 5))
	tl.SetPlayhead(storyboard.Seconds(5.25))
	return tl, w
}

// testVariant is the test app's own variant (neither light nor dark).
const testVariant fyne.ThemeVariant = 2

// variantTheme forces a theme variant, standing in for the system setting.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.v)
}

func TestRender(t *testing.T) {
	_, w := goldenTimeline(t, testVariant)
	golden(t, w, "timeline/fit")
}

func TestRenderVariants(t *testing.T) {
	for name, v := range map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark} {
		t.Run(name, func(t *testing.T) {
			_, w := goldenTimeline(t, v)
			golden(t, w, "timeline/"+name)
		})
	}
}

func TestRenderEmptyAct(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, test.Theme())
	p := testProject(t, 4)
	for i, a := range []storyboard.Act{storyboard.Arrival, storyboard.Arrival, storyboard.Fulfilment, storyboard.Fulfilment} {
		p.Cards[i].Act = a
	}
	_, w := newTestTimeline(t, p, fyne.NewSize(640, 240), 0)
	golden(t, w, "timeline/empty-act")

	_, w = newTestTimeline(t, &storyboard.Project{}, fyne.NewSize(640, 240), 0)
	golden(t, w, "timeline/empty-project")
}

func TestRenderDrags(t *testing.T) {
	tl, w := goldenTimeline(t, testVariant)
	// Trim card 2 by a beat and a half, snapped to two beats, in progress.
	from := cardPos(tl, 2, 1)
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from}, Dragged: fyne.NewDelta(tl.Zoom()*0.75, 0)})
	golden(t, w, "timeline/trim")
	tl.DragEnd()

	// Move card 1 after card 5, in progress.
	from, to := cardPos(tl, 1, 0.5), cardPos(tl, 5, 0.8)
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, 0)})
	golden(t, w, "timeline/move")
	tl.DragEnd()
}

func TestRenderZoomed(t *testing.T) {
	tl, w := goldenTimeline(t, testVariant)
	tl.SetZoom(200)
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(float32(tl.viewStart()-3)*tl.Zoom(), 0)}) // to 3 s
	golden(t, w, "timeline/zoomed")
}
