package timeline

import (
	"image"
	"image/color"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/storyboard"
)

// uncertainBelow is the beat-grid confidence under which a section is
// shaded as "beat uncertain".
const uncertainBelow = 0.5

// sectionTags are the colour tags the sections' labels take in turn: A is
// blue, B orange, C green...; A′ is A again.
var sectionTags = []string{"blue", "orange", "green", "purple", "red", "yellow", "grey"}

// sectionColor returns the colour of a section labelled label.
func sectionColor(label string, light bool) color.Color {
	k := 0
	if label != "" {
		c := []rune(strings.ToUpper(label))[0]
		if c >= 'A' && c <= 'Z' {
			k = int(c - 'A')
		}
	}
	col, _ := TagColor(sectionTags[k%len(sectionTags)], light)
	return col
}

// syncSections draws the sections band: one labelled block per section, the
// energy curve over it, phrase ticks, and the "beat uncertain" shading over
// the band and the waveform where the grid is unsure.
func (r *renderer) syncSections(size fyne.Size) {
	t, l, pal := r.t, r.lanes, r.pal
	if t.music == nil || l.sectH <= 0 {
		return
	}
	off, _, _ := t.musicView()
	reel := func(song storyboard.Time) storyboard.Time { return song - off }
	// First the blocks and the shading, then the energy curve over them,
	// then the labels and the phrase ticks on top.
	for _, s := range t.sections {
		x0, x1, ok := r.span(reel(s.Start), reel(s.End), size.Width)
		if !ok {
			continue
		}
		if s.Confidence < uncertainBelow {
			setRect(r.shades.get(), x0, l.sectY, x1-x0, l.waveY+l.waveH-l.sectY, withAlpha(pal.warning, uncertainAlpha))
		}
		setRect(r.sectRects.get(), x0, l.sectY, max(x1-x0-l.sep, l.sep), l.sectH, withAlpha(sectionColor(s.Label, pal.light), sectionAlpha))
	}
	if len(t.energy) > 0 || len(t.sections) > 0 {
		ev := energyView{
			gen: t.energyGen, start: t.viewStart() + off.Seconds(), pps: t.zoom(),
			width: size.Width, height: l.sectH, color: withAlpha(pal.fg, 0xff),
		}
		r.energyRaster.Move(fyne.NewPos(0, l.sectY))
		r.energyRaster.Resize(fyne.NewSize(size.Width, l.sectH))
		if ev != r.energyV {
			r.energyV = ev
			r.energyRaster.Refresh()
		}
		r.objects = append(r.objects, r.energyRaster)
	}
	uncertain := ""
	for i, s := range t.sections {
		x0, x1, ok := r.span(reel(s.Start), reel(s.End), size.Width)
		avail := x1 - x0 - l.pad
		if !ok || avail < l.minTextW {
			continue
		}
		if i >= len(r.sectFits) {
			r.sectFits = append(r.sectFits, make([][2]fitCache, i+1-len(r.sectFits))...)
		}
		style := fyne.TextStyle{Bold: true}
		label := fitText(&r.sectFits[i][0], s.Label, avail, l.caption, style)
		if s.Confidence < uncertainBelow {
			if uncertain == "" {
				uncertain = lang.X("timeline.beat_uncertain", "beat uncertain")
			}
			full := s.Label + " · " + uncertain
			if fitText(&r.sectFits[i][1], full, avail, l.caption, style) == full {
				label = full
			}
		}
		tx := r.sectText.get()
		tx.TextStyle = style
		setText(tx, label, l.caption, pal.fg)
		tx.Move(fyne.NewPos(x0+l.pad/2, l.sectY+l.pad/4))
	}
	for _, p := range t.phrases {
		x := t.xAt(reel(p))
		if x < 0 || x > size.Width {
			continue
		}
		setRect(r.ticks.get(), x-l.sep, l.sectY, 2*l.sep, l.sectH, withAlpha(pal.fg, beatAlpha))
	}
}

// energyView is what the energy raster shows.
type energyView struct {
	gen           int
	start         float64 // song second at the left edge
	pps           float32
	width, height float32
	color         color.NRGBA
}

// energyAt returns the song's energy (0..1) at song second s: the per-beat
// curve interpolated, or else the section's energy; -1 outside the song's
// known parts.
func (t *Timeline) energyAtSec(s float64) float64 {
	if n := len(t.energy); n > 0 {
		at := storyboard.Seconds(s)
		i := sort.Search(n, func(i int) bool { return t.energyAt[i] >= at })
		switch {
		case i == 0:
			if at < t.energyAt[0] {
				return -1
			}
			return t.energy[0]
		case i == n:
			if song := t.songLength(); song > 0 && at > song {
				return -1
			}
			return t.energy[n-1]
		}
		a, b := t.energyAt[i-1], t.energyAt[i]
		f := float64(at-a) / float64(b-a)
		return t.energy[i-1] + f*(t.energy[i]-t.energy[i-1])
	}
	at := storyboard.Seconds(s)
	for _, sec := range t.sections {
		if at >= sec.Start && at < sec.End {
			return sec.Energy
		}
	}
	return -1
}

// drawEnergy is the energy raster's generator: a filled curve, louder
// higher, drawn faintly over the sections.
func (r *renderer) drawEnergy(w, h int) image.Image {
	ev := r.energyV
	if r.energyImg == nil || r.energyImg.Rect.Dx() != w || r.energyImg.Rect.Dy() != h {
		r.energyImg = image.NewNRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(r.energyImg.Pix)
	}
	if w <= 0 || h <= 0 || ev.width <= 0 || ev.pps <= 0 {
		return r.energyImg
	}
	secPerPx := float64(ev.width) / float64(w) / float64(ev.pps)
	fill := withAlpha(ev.color, energyAlpha)
	top := withAlpha(ev.color, energyLineAlpha)
	stride := r.energyImg.Stride
	for c := range w {
		e := r.t.energyAtSec(ev.start + (float64(c)+0.5)*secPerPx)
		if e < 0 {
			continue
		}
		e = min(max(e, 0), 1)
		y0 := h - int(math.Round(e*float64(h)))
		y0 = min(max(y0, 0), h-1)
		for y := y0; y < h; y++ {
			col := fill
			if y <= y0+1 {
				col = top
			}
			i := y*stride + 4*c
			r.energyImg.Pix[i], r.energyImg.Pix[i+1], r.energyImg.Pix[i+2], r.energyImg.Pix[i+3] = col.R, col.G, col.B, col.A
		}
	}
	return r.energyImg
}

// syncLoop shades the loop range over the ruler, the sections and the
// waveform, with its two ends marked.
func (r *renderer) syncLoop(size fyne.Size) {
	t, l, pal := r.t, r.lanes, r.pal
	if t.loop[1] <= t.loop[0] {
		return
	}
	y0, y1 := l.timeY, l.waveY+l.waveH
	if x0, x1, ok := r.span(t.loop[0], t.loop[1], size.Width); ok {
		setRect(r.loopRect, x0, y0, x1-x0, y1-y0, withAlpha(pal.primary, loopAlpha))
		r.objects = append(r.objects, r.loopRect)
	}
	for i, at := range t.loop {
		x := t.xAt(at)
		if x < 0 || x > size.Width {
			continue
		}
		setRect(r.loopEdges[i], x-l.sep, y0, 2*l.sep, y1-y0, pal.primary)
		r.objects = append(r.objects, r.loopEdges[i])
	}
}
