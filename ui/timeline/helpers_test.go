package timeline

import (
	"image"
	"image/color"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// testProject returns a backstage project of n cards with fixed IDs, a
// soundtrack at 120 BPM (a beat every half second, a bar every four beats)
// starting 1 s into a 120 s song, and the cards' durations cycling through
// 2 s, 1.5 s and 3 s. Acts: the first fifth arrival, the last fifth
// fulfilment, the rest work.
func testProject(tb testing.TB, n int) *storyboard.Project {
	tb.Helper()
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		tb.Fatal(err)
	}
	p.Cards = nil
	durs := []storyboard.Time{2 * storyboard.Second, 3 * storyboard.Second / 2, 3 * storyboard.Second}
	kinds := storyboard.ShotKinds
	tags := append([]string{""}, storyboard.ColorTags...)
	for i := range n {
		act := storyboard.Work
		switch {
		case i < n/5:
			act = storyboard.Arrival
		case i >= n-n/5:
			act = storyboard.Fulfilment
		}
		p.Cards = append(p.Cards, storyboard.Card{
			ID:       cardID(i),
			Title:    kinds[i%len(kinds)].Name,
			Kind:     kinds[i%len(kinds)].Kind,
			Act:      act,
			Duration: durs[i%len(durs)],
			Color:    tags[i%len(tags)],
		})
	}
	p.Soundtrack = &storyboard.Soundtrack{
		Path:   "song.wav",
		Offset: storyboard.Second,
		Analysis: &storyboard.Analysis{
			Hash:     "test",
			Duration: 120 * storyboard.Second,
			TempoBPM: 120,
		},
	}
	for b := storyboard.Time(0); b < 120*storyboard.Second; b += storyboard.Second / 2 {
		p.Soundtrack.Analysis.Beats = append(p.Soundtrack.Analysis.Beats, b)
		if b%(2*storyboard.Second) == 0 {
			p.Soundtrack.Analysis.Downbeats = append(p.Soundtrack.Analysis.Downbeats, b)
		}
	}
	return p
}

func cardID(i int) uuid.UUID {
	id := uuid.UUID{0: 0xca, 1: 0x4d} // never the nil UUID
	id[14], id[15] = byte(i>>8), byte(i)
	return id
}

// reelBeats returns the project's beats relative to the reel's start.
func reelBeats(p *storyboard.Project) (beats, downbeats []storyboard.Time) {
	a, off := p.Soundtrack.Analysis, p.Soundtrack.Offset
	for _, b := range a.Beats {
		if b >= off {
			beats = append(beats, b-off)
		}
	}
	for _, b := range a.Downbeats {
		if b >= off {
			downbeats = append(downbeats, b-off)
		}
	}
	return beats, downbeats
}

// sineWave is a fake Waveform: a 2 Hz swell, decoded up to decoded seconds.
type sineWave struct {
	duration, decoded float64
}

func (s sineWave) Duration() float64 { return s.duration }

func (s sineWave) Bins(start, end float64, n int, dst []float32) []float32 {
	dst = append(dst[:0], make([]float32, 2*n)...)
	for i := range n {
		at := start + (end-start)*(float64(i)+0.5)/float64(n)
		if at < 0 || at > s.decoded {
			continue
		}
		a := float32(0.2 + 0.7*math.Abs(math.Sin(at*math.Pi*2)))
		dst[2*i], dst[2*i+1] = -a, a
	}
	return dst
}

// newTestTimeline returns a timeline showing p in a window of the given
// size, at a zoom of pps pixels per second (0 to fit), scrolled to 0.
func newTestTimeline(tb testing.TB, p *storyboard.Project, size fyne.Size, pps float32) (*Timeline, fyne.Window) {
	tb.Helper()
	tl := New()
	tl.SetProject(p)
	if p.Soundtrack != nil {
		tl.SetBeats(reelBeats(p))
	}
	w := test.NewTempWindow(tb, tl)
	w.SetPadded(false)
	w.Resize(size)
	if pps > 0 {
		tl.SetZoom(pps)
		tl.start = 0
		tl.clampStart()
		tl.Refresh()
	}
	return tl, w
}

// cardPos returns a point in the middle of card i's lane, at fraction f of
// its width.
func cardPos(tl *Timeline, i int, f float32) fyne.Position {
	c := tl.cards[i]
	l := tl.lanes(tl.Size())
	x0, x1 := tl.xAt(c.start), tl.xAt(c.start+c.dur)
	return fyne.NewPos(x0+(x1-x0)*f, l.cardY+l.cardH/2)
}

// click presses and taps at pos with the modifiers, the way the desktop
// driver delivers a click.
func click(tl *Timeline, pos fyne.Position, mods fyne.KeyModifier) {
	me := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary, Modifier: mods}
	tl.MouseDown(me)
	tl.MouseUp(me)
	tl.Tapped(&fyne.PointEvent{Position: pos})
}

// dragTo drags from one point to another in steps, the way the desktop driver
// delivers it: MouseDown, Dragged events carrying the pointer's position and
// the step since the last one, MouseUp, DragEnd.
func dragTo(tl *Timeline, from, to fyne.Position, mods fyne.KeyModifier) {
	me := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mods}
	tl.MouseDown(me)
	const steps = 4
	last := from
	for i := 1; i <= steps; i++ {
		p := fyne.NewPos(from.X+(to.X-from.X)*float32(i)/steps, from.Y+(to.Y-from.Y)*float32(i)/steps)
		tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-last.X, p.Y-last.Y)})
		last = p
	}
	me.Position = to
	tl.MouseUp(me)
	tl.DragEnd()
}

// testThumb is a small 9:16 picture: a dark frame around a light centre.
var testThumb = func() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 9, 16))
	for y := range 16 {
		for x := range 9 {
			c := color.NRGBA{0x30, 0x30, 0x40, 0xff}
			if x > 1 && x < 7 && y > 2 && y < 13 {
				c = color.NRGBA{0xe0, 0xc0, 0x90, 0xff}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}()
