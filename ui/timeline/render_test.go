package timeline

import (
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// goldenImage compares the window's picture with testdata/name.png,
// rewriting it with -update.
func goldenImage(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	if !*update {
		test.AssertImageMatches(t, name+".png", w.Canvas().Capture())
		return
	}
	path := filepath.Join("testdata", name+".png")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// sectionedProject is testProject with the song's structure: sections A,
// B (where the beat is uncertain) and A′, phrases every two bars and an
// energy curve per beat.
func sectionedProject(t *testing.T, n int) *storyboard.Project {
	p := testProject(t, n)
	a := p.Soundtrack.Analysis
	s := storyboard.Second
	a.Sections = []storyboard.Section{
		{Start: 0, End: 5 * s, Label: "A", Energy: 0.4, Confidence: 0.9},
		{Start: 5 * s, End: 9 * s, Label: "B", Energy: 0.9, Confidence: 0.3},
		{Start: 9 * s, End: 17 * s, Label: "A′", Energy: 0.5, Confidence: 0.8},
		{Start: 17 * s, End: 120 * s, Label: "C", Energy: 0.7, Confidence: 0.9},
	}
	for ph := storyboard.Time(0); ph < 120*s; ph += 4 * s {
		a.Phrases = append(a.Phrases, ph)
	}
	for i, b := range a.Beats {
		e := 0.3 + 0.1*float64(i%4)
		if b >= 5*s && b < 9*s {
			e += 0.4
		}
		a.EnergyPerBeat = append(a.EnergyPerBeat, e)
	}
	return p
}

// TestRenderMatrix draws the timeline at three zooms (fit, 100 px/s, 400
// px/s), with and without music, in the light and dark variants: the
// ruler, bar numbers, the sections band, the loop, the current card and a
// divider at every cut.
func TestRenderMatrix(t *testing.T) {
	zooms := []struct {
		name string
		pps  float32
		at   float64 // seconds at the left edge
	}{{"fit", 0, 0}, {"100pps", 100, 0}, {"400pps", 400, 3}}
	for _, variant := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		for _, music := range []bool{true, false} {
			for _, z := range zooms {
				name := fmt.Sprintf("matrix/%s-%s-music-%v", variant.name, z.name, music)
				t.Run(name, func(t *testing.T) {
					test.NewTempApp(t)
					test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), variant.v})
					p := sectionedProject(t, 12)
					p.Cards[3].Title = "A title far too long to fit on the card"
					p.Cards[6].Duration = storyboard.Second / 4 // a card too narrow for its title
					if !music {
						p.Soundtrack = nil
					}
					tl, w := newTestTimeline(t, p, fyne.NewSize(800, 320), z.pps)
					if music {
						tl.SetWaveform(sineWave{duration: 120, decoded: 120})
						tl.SetLoop(2*storyboard.Second, 5*storyboard.Second)
					}
					if z.at > 0 {
						tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(float32(tl.viewStart()-z.at)*tl.Zoom(), 0)})
					}
					tl.SetSelection(ids(4))
					tl.SetCurrent(cardID(2))
					tl.SetPlayhead(storyboard.Seconds(4.25))
					goldenImage(t, w, name)
				})
			}
		}
	}
}

// TestRenderTooltip draws a card's tooltip over the timeline.
func TestRenderTooltip(t *testing.T) {
	defer func(d time.Duration) { tooltipDelay = d }(tooltipDelay)
	tooltipDelay = 0
	test.NewTempApp(t)
	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantDark})
	tl, w := newTestTimeline(t, sectionedProject(t, 12), fyne.NewSize(800, 320), 0)
	tl.SetWaveform(sineWave{duration: 120, decoded: 120})
	tl.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: cardPos(tl, 6, 0.5)}})
	goldenImage(t, w, "matrix/tooltip")
}

// TestRenderCandidates draws three excerpt candidates over a song with
// sections, the second under the pointer: the view spans them all.
func TestRenderCandidates(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantDark})
	p := testProject(t, 8)
	s := storyboard.Second
	p.Soundtrack.Analysis.Sections = []storyboard.Section{
		{Start: 0, End: 8 * s, Label: "A", Energy: 0.3, Confidence: 0.9},
		{Start: 8 * s, End: 20 * s, Label: "B", Energy: 0.8, Confidence: 0.9},
		{Start: 20 * s, End: 32 * s, Label: "A′", Energy: 0.6, Confidence: 0.9},
	}
	tl, w := newTestTimeline(t, p, fyne.NewSize(800, 260), 0)
	tl.SetWaveform(sineWave{duration: 120, decoded: 120})
	tl.SetCandidates(songCandidates())
	pos, _ := tl.CandidatePoint(1)
	tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	golden(t, w, "timeline/candidates")
}
