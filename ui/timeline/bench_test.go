package timeline

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/reelboard/reelboard/storyboard"
)

// A 60 Hz frame is 16.7 ms; every benchmark here should stay far below it.

var benchSize = fyne.NewSize(1920, 320)

// benchTimeline returns a 1,000-card timeline (about 36 minutes) with beats,
// a waveform, thumbnails on every third card and a selection, at pps pixels
// per second (0 to fit the whole reel).
func benchTimeline(b *testing.B, pps float32) (*Timeline, fyne.WidgetRenderer) {
	b.Helper()
	test.NewTempApp(b)
	tl, _ := newTestTimeline(b, testProject(b, 1000), benchSize, pps)
	tl.SetWaveform(sineWave{duration: 3000, decoded: 3000})
	for i := 0; i < 1000; i += 3 {
		tl.SetThumbnail(cardID(i), testThumb)
	}
	tl.SetSelection(ids(10, 11, 12, 500))
	if pps > 0 {
		tl.start = 600 // in the middle of the reel
		tl.clampStart()
		tl.Refresh()
	}
	return tl, test.WidgetRenderer(tl)
}

func BenchmarkLayoutRefresh(b *testing.B) {
	for _, bc := range []struct {
		name string
		pps  float32
	}{{"1000cards/20s", 96}, {"1000cards/3min", 10}, {"1000cards/fit", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			tl, r := benchTimeline(b, bc.pps)
			b.ReportAllocs()
			for b.Loop() {
				r.Layout(tl.Size())
				tl.Refresh()
			}
			b.ReportMetric(float64(len(r.Objects())), "objects")
		})
	}
}

func BenchmarkScroll(b *testing.B) {
	tl, r := benchTimeline(b, 96)
	b.ReportAllocs()
	d := float32(37)
	for b.Loop() {
		tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(d, 0)})
		d = -d
		if tl.start < 100 { // keep scrolling through cards, never stuck at an end
			tl.start = 600
		}
	}
	b.ReportMetric(float64(len(r.Objects())), "objects")
}

func BenchmarkZoom(b *testing.B) {
	tl, r := benchTimeline(b, 96)
	b.ReportAllocs()
	in := true
	for b.Loop() {
		if in {
			tl.ZoomIn()
		} else {
			tl.ZoomOut()
		}
		in = !in
	}
	b.ReportMetric(float64(len(r.Objects())), "objects")
}

func BenchmarkZoomFitToBeats(b *testing.B) {
	tl, _ := benchTimeline(b, 0)
	b.ReportAllocs()
	for b.Loop() {
		tl.SetZoom(1000) // a few beats
		tl.ZoomToFit()   // the whole reel
	}
}

func BenchmarkDrag(b *testing.B) {
	for _, bc := range []struct {
		name string
		pos  func(tl *Timeline) fyne.Position
	}{
		{"move", func(tl *Timeline) fyne.Position { return cardPos(tl, tl.cardAt(storyboard.Seconds(620)), 0.5) }},
		{"trim", func(tl *Timeline) fyne.Position { return cardPos(tl, tl.cardAt(storyboard.Seconds(620)), 1) }},
		{"region", func(tl *Timeline) fyne.Position {
			l := tl.lanes(tl.Size())
			return fyne.NewPos(tl.Size().Width/2, l.waveY+l.waveH/2)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			tl, _ := benchTimeline(b, 96)
			benchDragOn(b, tl, bc.pos(tl))
		})
	}
}

// benchDragOn measures one drag step (a Dragged event and the redraw it
// causes) of a gesture started at from.
func benchDragOn(b *testing.B, tl *Timeline, from fyne.Position) {
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	d := float32(11)
	b.ReportAllocs()
	for b.Loop() {
		tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from}, Dragged: fyne.NewDelta(d, 0)})
		d = -d
	}
	tl.DragEnd()
}

func BenchmarkSetPlayhead(b *testing.B) {
	tl, _ := benchTimeline(b, 96)
	b.ReportAllocs()
	at := storyboard.Seconds(601)
	step := storyboard.Second / 60
	for b.Loop() {
		tl.SetPlayhead(at)
		at += step
		if at > storyboard.Seconds(615) {
			at = storyboard.Seconds(601)
		}
	}
}

func BenchmarkSetProject(b *testing.B) {
	test.NewTempApp(b)
	p := testProject(b, 1000)
	tl, _ := newTestTimeline(b, p, benchSize, 96)
	b.ReportAllocs()
	for b.Loop() {
		tl.SetProject(p)
	}
}

func BenchmarkWaveform(b *testing.B) {
	tl, r := benchTimeline(b, 96)
	rr := r.(*renderer)
	w, h := int(tl.Size().Width), int(rr.lanes.waveH)
	b.ReportAllocs()
	for b.Loop() {
		rr.drawWave(w, h)
	}
}

// BenchmarkScrollSections scrolls a view with the song's sections, phrases
// and per-beat energy curve (redrawn at every scroll) and a loop.
func BenchmarkScrollSections(b *testing.B) {
	test.NewTempApp(b)
	p := testProject(b, 1000)
	a := p.Soundtrack.Analysis
	a.Duration = 3000 * storyboard.Second
	a.Beats, a.Downbeats = nil, nil
	for t := storyboard.Time(0); t < a.Duration; t += storyboard.Second / 2 {
		a.Beats = append(a.Beats, t)
		a.EnergyPerBeat = append(a.EnergyPerBeat, float64(len(a.Beats)%8)/8)
	}
	for t := storyboard.Time(0); t < a.Duration; t += 16 * storyboard.Second {
		a.Sections = append(a.Sections, storyboard.Section{Start: t, End: t + 16*storyboard.Second, Label: string(rune('A' + len(a.Sections)%3)), Energy: 0.5, Confidence: float64(len(a.Sections)%3) / 2})
		a.Phrases = append(a.Phrases, t, t+8*storyboard.Second)
	}
	tl, _ := newTestTimeline(b, p, benchSize, 96)
	tl.SetWaveform(sineWave{duration: 3000, decoded: 3000})
	tl.SetLoop(600*storyboard.Second, 610*storyboard.Second)
	tl.start = 600
	tl.clampStart()
	tl.Refresh()
	r := test.WidgetRenderer(tl)
	b.ReportAllocs()
	d := float32(37)
	for b.Loop() {
		tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(d, 0)})
		d = -d
	}
	b.ReportMetric(float64(len(r.Objects())), "objects")
}
