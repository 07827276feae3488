package timeline

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/reelboard/reelboard/storyboard"
)

// TimeFormat is how the ruler and the tooltips write reel times.
type TimeFormat int

const (
	// Timecode writes SMPTE timecode at the project's rate, hours, minutes,
	// seconds and frames, "00:00:04:11" (non-drop frame counting), as every
	// editor shows it: a shorter "00:04:11" reads as minutes.
	Timecode TimeFormat = iota
	// MinSec writes minutes, seconds and hundredths: "0:04.44".
	MinSec
)

// FormatTime writes reel time at in format f, counting frames at rate.
func FormatTime(at storyboard.Time, rate storyboard.Rate, f TimeFormat) string {
	sign := ""
	if at < 0 {
		sign, at = "-", -at
	}
	if f == MinSec {
		cs := (int64(at) + int64(storyboard.Second)/200) / (int64(storyboard.Second) / 100)
		s := cs / 100
		if h := s / 3600; h > 0 {
			return fmt.Sprintf("%s%d:%02d:%02d.%02d", sign, h, s/60%60, s%60, cs%100)
		}
		return fmt.Sprintf("%s%d:%02d.%02d", sign, s/60, s%60, cs%100)
	}
	if !rate.Valid() {
		rate = storyboard.Rate25
	}
	tb := rate.Timebase()
	n := rate.Frames(at)
	s := n / tb
	return fmt.Sprintf("%s%02d:%02d:%02d:%02d", sign, s/3600, s/60%60, s%60, n%tb)
}

// rulerStep is the spacing of the ruler's labels: a count of units, frames
// (Timecode) or hundredths of a second (MinSec), and the subdivisions of
// minor ticks between labels (0 for none).
type rulerStep struct {
	units int64
	minor int64
}

// secondSteps are the label spacings of a second and more, in seconds.
var secondSteps = []int64{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}

// unitTime returns the time of n units of format f.
func unitTime(n int64, rate storyboard.Rate, f TimeFormat) storyboard.Time {
	if f == MinSec {
		return storyboard.Time(n) * (storyboard.Second / 100)
	}
	return rate.FrameTime(n)
}

// chooseStep returns the smallest label spacing at which labels labelW wide
// leave a gap of at least gap between them, at pps pixels per second, and
// the subdivisions of its minor ticks, at least minorGap apart.
func chooseStep(rate storyboard.Rate, f TimeFormat, pps, labelW, gap, minorGap float64) rulerStep {
	perSecond := int64(100)
	fine := []int64{1, 2, 5, 10, 20, 50}
	if f != MinSec {
		perSecond = rate.Timebase()
		fine = []int64{1, 2, 5, 10}
	}
	var steps []int64
	for _, n := range fine {
		if n < perSecond {
			steps = append(steps, n)
		}
	}
	for _, s := range secondSteps {
		steps = append(steps, s*perSecond)
	}
	for _, n := range steps {
		w := unitTime(n, rate, f).Seconds() * pps
		if w < labelW+gap {
			continue
		}
		for _, sub := range []int64{5, 2} {
			if n%sub == 0 && w/float64(sub) >= minorGap {
				return rulerStep{n, sub}
			}
		}
		return rulerStep{n, 0}
	}
	return rulerStep{steps[len(steps)-1], 0}
}

// labelWidth returns the width of the widest label the ruler may show in
// the view, cached.
func (r *renderer) labelWidth(sample string, size float32) float32 {
	// Every digit is as wide as 0 in the usual fonts; the widest label has
	// the most characters.
	key := strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return '0'
		}
		return c
	}, sample)
	if r.rulerLabel.in != key || r.rulerLabel.w != size {
		r.rulerLabel = fitCache{in: key, w: size}
		r.rulerLabelW = fyne.MeasureText(key, size, fyne.TextStyle{Monospace: true}).Width
	}
	return r.rulerLabelW
}

// syncRuler draws the time ruler: a label at every step, a major tick under
// it and minor ticks between, spaced so that labels never overlap.
func (r *renderer) syncRuler(size fyne.Size) {
	t, l := r.t, r.lanes
	pps := float64(t.zoom())
	if pps <= 0 || size.Width <= 0 {
		return
	}
	// While excerpt candidates are shown the ruler reads song time, as
	// their badges do: the choice is of a part of the song.
	var shift storyboard.Time
	if len(t.candidates) > 0 && t.music != nil {
		shift, _, _ = t.musicView()
	}
	vs := t.viewStart() + shift.Seconds()
	ve := vs + float64(size.Width)/pps
	last := storyboard.Seconds(max(ve, t.span()+shift.Seconds()))
	lw := float64(r.labelWidth(FormatTime(last, t.rate, t.timeFormat), l.caption))
	st := chooseStep(t.rate, t.timeFormat, pps, lw, float64(3*l.pad), float64(minorGap*l.pad))
	step := unitTime(st.units, t.rate, t.timeFormat).Seconds()
	k0 := int64(math.Floor(max(vs, 0) / step))
	tickY := l.timeY + l.timeH
	col := withAlpha(r.pal.fg, beatAlpha)
	var tickCol color.Color = col // boxed once
	for k := k0; ; k++ {
		at := unitTime(k*st.units, t.rate, t.timeFormat)
		x := t.xAt(at - shift)
		if x > size.Width {
			break
		}
		if x >= 0 {
			h := l.timeH / 2
			setRect(r.ticks.get(), x-l.sep/2, tickY-h, l.sep, h, tickCol)
			slot := r.rulerText.n
			tx := r.rulerText.get()
			// Formatting costs more than drawing: a slot showing the same
			// time keeps its text.
			lk := rulerKey{at, t.timeFormat, t.rate}
			if slot >= len(r.rulerKeys) {
				r.rulerKeys = append(r.rulerKeys, rulerKey{at: -1})
			}
			if r.rulerKeys[slot] != lk || tx.Text == "" {
				r.rulerKeys[slot] = lk
				setText(tx, FormatTime(at, t.rate, t.timeFormat), l.caption, r.pal.fg)
			} else if tx.Color != r.pal.fg || tx.TextSize != l.caption {
				setText(tx, tx.Text, l.caption, r.pal.fg)
			}
			if !tx.TextStyle.Monospace {
				tx.TextStyle.Monospace = true
				tx.Refresh()
				tx.Resize(tx.MinSize())
			}
			tx.Move(fyne.NewPos(x+l.pad/2, l.timeY))
		}
		for m := int64(1); m < st.minor; m++ {
			mx := t.xAt(unitTime(k*st.units+m*st.units/st.minor, t.rate, t.timeFormat) - shift)
			if mx >= 0 && mx <= size.Width {
				h := l.timeH / 4
				setRect(r.ticks.get(), mx-l.sep/2, tickY-h, l.sep, h, tickCol)
			}
		}
	}
}

// minorGap is the smallest gap between the ruler's minor ticks, in
// paddings.
const minorGap = 6

// rulerKey is what a ruler label shows.
type rulerKey struct {
	at   storyboard.Time
	f    TimeFormat
	rate storyboard.Rate
}

// Pools of canvas objects reused from one sync to the next.

type rectPool struct {
	all []*canvas.Rectangle
	n   int
	out *[]fyne.CanvasObject
}

// get returns the next rectangle of the pool, listed among the renderer's
// objects.
func (p *rectPool) get() *canvas.Rectangle {
	if p.n == len(p.all) {
		p.all = append(p.all, &canvas.Rectangle{})
	}
	rc := p.all[p.n]
	p.n++
	*p.out = append(*p.out, rc)
	return rc
}

type textPool struct {
	all []*canvas.Text
	n   int
	out *[]fyne.CanvasObject
}

func (p *textPool) get() *canvas.Text {
	if p.n == len(p.all) {
		p.all = append(p.all, &canvas.Text{})
	}
	tx := p.all[p.n]
	p.n++
	*p.out = append(*p.out, tx)
	return tx
}
