package timeline

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
)

var _ fyne.WidgetRenderer = (*renderer)(nil)

// renderer draws a Timeline. It keeps the few fixed objects and pools of
// beat lines and card views, and lists only the objects in view: scrolling
// reuses the pooled objects for whatever comes into view.
type renderer struct {
	t       *Timeline
	objects []fyne.CanvasObject

	bg       *canvas.Rectangle
	lane     *canvas.Rectangle // the music lane's background
	bands    [3]*canvas.Rectangle
	chips    [3]*canvas.Rectangle
	names    [3]*canvas.Text
	stats    [3]*canvas.Text
	region   *canvas.Rectangle
	wave     *canvas.Raster
	handles  [2]*canvas.Rectangle
	marker   *canvas.Rectangle // insertion point while moving cards
	ghost    *canvas.Rectangle // the grabbed card, following the pointer
	labelBg  *canvas.Rectangle
	label    *canvas.Text // the value being dragged
	playhead *canvas.Rectangle

	beats []*canvas.Rectangle
	cards []*cardView

	ticks     rectPool // ruler ticks and phrase ticks
	rulerText textPool
	rulerKeys []rulerKey // what each ruler label slot shows
	barText   textPool   // bar numbers
	sectRects rectPool
	sectText  textPool
	shades    rectPool // "beat uncertain"

	candRects  rectPool // excerpt candidates: their spans and ends
	candBadges rectPool // and their badges
	candText   textPool
	sectFits   [][2]fitCache // per section: its label, and with "beat uncertain"

	energyRaster *canvas.Raster
	energyV      energyView
	energyImg    *image.NRGBA

	loopRect  *canvas.Rectangle
	loopEdges [2]*canvas.Rectangle
	grip      *canvas.Rectangle // the music lane's resize grip
	slipBg    *canvas.Rectangle
	slipText  *canvas.Text
	current   *canvas.Rectangle // the bar under the card playing
	tipBg     *canvas.Rectangle
	tipText   [3]*canvas.Text

	rulerLabel   fitCache // the measured sample label
	rulerLabelW  float32
	barLabel     string // the widest bar number, measured
	barLabelSize float32
	barLabelW    float32

	nameFits, statFits [3]fitCache

	lanes lanes
	pal   palette
	waveV waveView // what the waveform raster shows
	img   *image.NRGBA
	bins  []float32

	thumbsChanged bool // SetThumbnail was called since the last sync
}

// palette holds the theme colours of one refresh.
type palette struct {
	light                 bool // the background is light
	bg, lane, fg, primary color.Color
	overlay, warning      color.Color
	onPrimary             color.Color
}

// cardView draws one card, or a run of cards too narrow to draw one by one.
type cardView struct {
	bg, stripe, cut  *canvas.Rectangle
	thumb            *canvas.Image
	title, kind, dur *canvas.Text
	fits             [3]fitCache
	durKey           durKey
	durOut           string
	thumbID          uuid.UUID // the card whose thumbnail is shown
}

// fitCache remembers the last truncation of a text to a width.
type fitCache struct {
	in  string
	w   float32
	out string
}

func newRenderer(t *Timeline) *renderer {
	r := &renderer{
		t:        t,
		bg:       &canvas.Rectangle{},
		lane:     &canvas.Rectangle{},
		region:   &canvas.Rectangle{},
		marker:   &canvas.Rectangle{},
		ghost:    &canvas.Rectangle{},
		labelBg:  &canvas.Rectangle{},
		label:    &canvas.Text{},
		playhead: &canvas.Rectangle{},
		loopRect: &canvas.Rectangle{},
		grip:     &canvas.Rectangle{},
		slipBg:   &canvas.Rectangle{},
		slipText: &canvas.Text{},
		current:  &canvas.Rectangle{},
		tipBg:    &canvas.Rectangle{},
	}
	r.loopEdges = [2]*canvas.Rectangle{{}, {}}
	for i := range r.tipText {
		r.tipText[i] = &canvas.Text{}
	}
	for _, p := range []*rectPool{&r.ticks, &r.sectRects, &r.shades, &r.candRects, &r.candBadges} {
		p.out = &r.objects
	}
	for _, p := range []*textPool{&r.rulerText, &r.barText, &r.sectText, &r.candText} {
		p.out = &r.objects
	}
	r.energyRaster = canvas.NewRaster(r.drawEnergy)
	for i := range r.bands {
		r.bands[i] = &canvas.Rectangle{}
		r.chips[i] = &canvas.Rectangle{}
		r.names[i] = &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}}
		r.stats[i] = &canvas.Text{}
	}
	r.handles = [2]*canvas.Rectangle{{}, {}}
	r.wave = canvas.NewRaster(r.drawWave)
	r.sync(t.Size())
	return r
}

func (r *renderer) Destroy() {}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) MinSize() fyne.Size { return r.t.lanes(fyne.Size{}).minSize() }

// Layout places what is in view; it never refreshes the widget.
func (r *renderer) Layout(size fyne.Size) { r.sync(size) }

// Refresh updates the objects in view from the widget's state and theme.
func (r *renderer) Refresh() {
	r.sync(r.t.Size())
	// Objects that only moved or resized need a new frame, not new
	// textures: refreshing the background marks the canvas dirty without
	// re-rasterizing any text, which refreshing the widget would.
	r.bg.Refresh()
}

// sync lays out and styles every object in view. It only refreshes the
// objects whose content changed.
func (r *renderer) sync(size fyne.Size) {
	t := r.t
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.pal = palette{
		bg:      th.Color(theme.ColorNameBackground, v),
		lane:    th.Color(theme.ColorNameInputBackground, v),
		fg:      th.Color(theme.ColorNameForeground, v),
		primary: th.Color(theme.ColorNamePrimary, v),
		overlay: th.Color(theme.ColorNameOverlayBackground, v),
		warning: th.Color(theme.ColorNameWarning, v),

		onPrimary: th.Color(theme.ColorNameForegroundOnPrimary, v),
	}
	r.pal.light = isLight(r.pal.bg)
	l := t.lanes(size)
	r.lanes = l
	r.objects = r.objects[:0]
	r.ticks.n, r.rulerText.n, r.barText.n, r.sectRects.n, r.sectText.n, r.shades.n = 0, 0, 0, 0, 0, 0
	r.candRects.n, r.candBadges.n, r.candText.n = 0, 0, 0

	setRect(r.bg, 0, 0, size.Width, size.Height, r.pal.bg)
	r.objects = append(r.objects, r.bg)
	setRect(r.lane, 0, l.waveY, size.Width, l.waveH, r.pal.lane)
	r.objects = append(r.objects, r.lane)

	r.syncBands(size)
	r.syncRuler(size)
	r.syncSections(size)
	r.syncMusic(size)
	r.syncBeats(size)
	r.syncLoop(size)
	r.syncHandles(size)
	r.syncSlip(size)
	r.syncCandidates(size)
	r.syncGrip(size)
	r.syncCards(size)
	r.syncHeaders(size)
	r.syncDrag(size)
	r.placePlayhead()
	r.objects = append(r.objects, r.playhead)
	r.syncTooltip(size)
	r.thumbsChanged = false
}

// span returns the visible x range of [from, to), clipped to the widget, and
// whether any of it is visible.
func (r *renderer) span(from, to storyboard.Time, w float32) (x0, x1 float32, ok bool) {
	x0, x1 = r.t.xAt(from), r.t.xAt(to)
	if x1 <= 0 || x0 >= w {
		return 0, 0, false
	}
	return max(x0, 0), min(x1, w), true
}

func (r *renderer) syncBands(size fyne.Size) {
	t := r.t
	for _, a := range storyboard.Acts {
		info := t.acts[a]
		start, end := t.effectiveActSpan(a)
		x0, x1, ok := r.span(start, end, size.Width)
		if !ok || info.to <= info.from {
			continue
		}
		setRect(r.bands[a], x0, 0, x1-x0, size.Height, withAlpha(actColor(a, r.pal.light), bandAlpha))
		r.objects = append(r.objects, r.bands[a])
	}
}

// effectiveActSpan returns act a's time range, with a trim in progress.
func (t *Timeline) effectiveActSpan(a storyboard.Act) (storyboard.Time, storyboard.Time) {
	info := t.acts[a]
	start, end := info.start, info.end
	if t.drag.kind == dragTrim {
		k := t.drag.card
		delta := t.drag.dur - t.cards[k].dur
		if k < info.from {
			start += delta
		}
		if k < info.to {
			end += delta
		}
	}
	return start, end
}

func (r *renderer) syncHeaders(size fyne.Size) {
	t, l := r.t, r.lanes
	total := t.length
	if t.drag.kind == dragTrim {
		total += t.drag.dur - t.cards[t.drag.card].dur
	}
	chips := t.chips()
	minX := float32(0) // header text starts after the chips before it
	for _, a := range storyboard.Acts {
		info := t.acts[a]
		start, end := t.effectiveActSpan(a)
		var x0, x1 float32
		if c := chips[a]; c.ok {
			if c.x1 <= 0 || c.x0 >= size.Width {
				continue
			}
			x0, x1 = c.x0, c.x1
			setRect(r.chips[a], x0, 0, x1-x0, l.headerH, withAlpha(actColor(a, r.pal.light), bandAlpha))
			r.objects = append(r.objects, r.chips[a])
			minX = x1
		} else {
			var ok bool
			if x0, x1, ok = r.span(start, end, size.Width); !ok {
				continue
			}
			x0 = max(x0, minX)
		}
		avail := x1 - x0 - 2*l.pad
		if avail < l.minTextW {
			continue
		}
		name := r.names[a]
		setText(name, fitText(&r.nameFits[a], info.name, avail, l.text, name.TextStyle), l.text, r.pal.fg)
		name.Move(fyne.NewPos(x0+l.pad, 0))
		r.objects = append(r.objects, name)

		col := r.pal.fg
		if d := t.actShare(end-start, total) - t.shares[a]; d > t.tolerance || -d > t.tolerance {
			col = r.pal.warning
		}
		stat := r.stats[a]
		setText(stat, fitText(&r.statFits[a], t.actStats(a, total), avail, l.caption, stat.TextStyle), l.caption, col)
		stat.Move(fyne.NewPos(x0+l.pad, l.textH))
		r.objects = append(r.objects, stat)
	}
}

// actShare returns a length's share of total in whole percent.
func (t *Timeline) actShare(length, total storyboard.Time) int {
	if total <= 0 {
		return 0
	}
	return int(math.Round(100 * float64(length) / float64(total)))
}

// actStats returns act a's header line: its length, its share of the reel
// (whose length is total, 0 for the current one) and the template's target.
func (t *Timeline) actStats(a storyboard.Act, total storyboard.Time) string {
	if total == 0 {
		total = t.length
	}
	start, end := t.effectiveActSpan(a)
	return fmt.Sprintf("%s · %d%% / %d%%", seconds(end-start), t.actShare(end-start, total), t.shares[a])
}

// seconds formats a duration for labels: "2.00 s".
func seconds(d storyboard.Time) string {
	return fmt.Sprintf(lang.L("%s s"), numfmt.Fixed(d.Seconds(), 2)) // "2,00 с" in Russian
}

// musicView returns the song offset the waveform is drawn with and the
// region shown, both with a drag in progress.
func (t *Timeline) musicView() (waveOffset, regionStart, regionEnd storyboard.Time) {
	m := t.music
	d := t.drag
	switch d.kind {
	case dragRegionStart, dragRegionEnd:
		start := d.offset - m.offset
		return m.offset, start, start + d.length
	case dragSlide:
		return d.offset, 0, d.length
	}
	return m.offset, 0, t.regionLength()
}

func (r *renderer) syncMusic(size fyne.Size) {
	t, l := r.t, r.lanes
	if t.music == nil {
		return
	}
	offset, rs, re := t.musicView()
	if x0, x1, ok := r.span(rs, re, size.Width); ok && len(t.candidates) == 0 { // the candidates are the music's regions then
		setRect(r.region, x0, l.waveY, x1-x0, l.waveH, withAlpha(r.pal.primary, regionAlpha))
		r.objects = append(r.objects, r.region)
	}
	if t.wave != nil {
		wv := waveView{
			gen:    t.waveGen,
			start:  t.viewStart() + offset.Seconds(),
			pps:    t.zoom(),
			width:  size.Width,
			height: l.waveH - l.rulerH - l.barH,
			in0:    rs.Seconds() + offset.Seconds(),
			in1:    re.Seconds() + offset.Seconds(),
			color:  withAlpha(r.pal.fg, 0xff),
		}
		// Under the strip of bar numbers, over the beat ruler.
		r.wave.Move(fyne.NewPos(0, l.waveY+l.barH))
		r.wave.Resize(fyne.NewSize(size.Width, l.waveH-l.rulerH-l.barH))
		if wv != r.waveV {
			r.waveV = wv
			r.wave.Refresh()
		}
		r.objects = append(r.objects, r.wave)
	}
}

// syncHandles draws the music region's handles, kept inside the widget.
func (r *renderer) syncHandles(size fyne.Size) {
	t, l := r.t, r.lanes
	if t.music == nil {
		return
	}
	_, rs, re := t.musicView()
	for i, at := range [2]storyboard.Time{rs, re} {
		x := t.xAt(at)
		if x < -l.handleW || x > size.Width+l.handleW {
			continue
		}
		x = min(max(x-l.handleW/2, 0), size.Width-l.handleW)
		setRect(r.handles[i], x, l.waveY, l.handleW, l.waveH, r.pal.primary)
		r.objects = append(r.objects, r.handles[i])
	}
}

// syncBeats draws the beat lines in view, bar starts heavier and numbered
// from 1 at the reel's first bar. When beats crowd together only bar starts
// are drawn, then only every 2nd, 4th... bar; bar numbers thin out the same
// way so that they never overlap.
func (r *renderer) syncBeats(size fyne.Size) {
	t, l := r.t, r.lanes
	beats, down := t.beats, t.downbeats
	if len(beats) == 0 {
		return
	}
	var shift storyboard.Time // beats follow the song while it slides
	if t.music != nil {
		off, _, _ := t.musicView()
		shift = t.music.offset - off
	}
	pps := float64(t.zoom())
	minGap := float64(2 * l.pad)
	gap := func(ts []storyboard.Time) float64 {
		if len(ts) < 2 {
			return math.Inf(1)
		}
		return (ts[len(ts)-1] - ts[0]).Seconds() / float64(len(ts)-1) * pps
	}
	labelEvery := 1
	if len(down) > 0 {
		widest := strconv.Itoa(len(down))
		if r.barLabel != widest || r.barLabelSize != l.caption {
			r.barLabel, r.barLabelSize = widest, l.caption
			r.barLabelW = fyne.MeasureText(widest, l.caption, fyne.TextStyle{}).Width
		}
		for float64(labelEvery)*gap(down) < float64(2*(r.barLabelW+l.pad)) { // room for twice a number: easy to read
			labelEvery *= 2
		}
	}
	n := 0
	add := func(at storyboard.Time, bar int) {
		x := t.xAt(at + shift)
		if x < 0 || x > size.Width {
			return
		}
		if n == len(r.beats) {
			r.beats = append(r.beats, &canvas.Rectangle{})
		}
		b := r.beats[n]
		n++
		// Beats tick the ruler under the waveform; bars cross the lane.
		w, y, h, a := l.sep, l.waveY+l.waveH-l.rulerH/2, l.rulerH/2, uint8(beatAlpha)
		if bar >= 0 {
			w, y, h, a = 2*l.sep, l.waveY, l.waveH, downbeatAlpha
		}
		setRect(b, x-w/2, y, w, h, withAlpha(r.pal.fg, a))
		r.objects = append(r.objects, b)
		if bar >= 0 && bar%labelEvery == 0 {
			tx := r.barText.get()
			setText(tx, strconv.Itoa(bar+1), l.caption, r.pal.fg)
			tx.Move(fyne.NewPos(x+l.pad/2, l.waveY))
		}
	}
	vs := t.viewStart() - shift.Seconds()
	ve := vs + float64(size.Width)/pps
	from := func(ts []storyboard.Time) int {
		return sort.Search(len(ts), func(i int) bool { return ts[i].Seconds() >= vs })
	}
	switch {
	case gap(beats) >= minGap:
		j := from(down)
		for i := from(beats); i < len(beats) && beats[i].Seconds() <= ve; i++ {
			for j < len(down) && down[j] < beats[i] {
				j++
			}
			bar := -1
			if j < len(down) && down[j] == beats[i] {
				bar = j
			}
			add(beats[i], bar)
		}
	case len(down) > 0:
		// Every bar, or every 2nd, 4th, 8th... so lines stay put while scrolling.
		every := 1
		for float64(every)*gap(down) < 2*minGap {
			every *= 2
		}
		labelEvery = max(labelEvery, every)
		for i := from(down) / every * every; i < len(down) && down[i].Seconds() <= ve; i += every {
			add(down[i], i)
		}
	}
}

// syncGrip draws the music lane's resize grip, between it and the cards.
func (r *renderer) syncGrip(size fyne.Size) {
	t, l := r.t, r.lanes
	a := uint8(beatAlpha / 2)
	if t.drag.kind == dragGrip {
		a = 0xff
	} else if h, _ := t.hitTest(t.hover); h == hitGrip {
		a = beatAlpha
	}
	w := 3 * l.text
	setRect(r.grip, (size.Width-w)/2, l.gripY-l.sep, w, 2*l.sep, withAlpha(r.pal.fg, a))
	r.objects = append(r.objects, r.grip)
}

// effective returns card i's start and duration, with a trim in progress.
func (t *Timeline) effective(i int) (storyboard.Time, storyboard.Time) {
	c := t.cards[i]
	if t.drag.kind != dragTrim {
		return c.start, c.dur
	}
	k := t.drag.card
	switch {
	case i == k:
		return c.start, t.drag.dur
	case i > k:
		return c.start + t.drag.dur - t.cards[k].dur, c.dur
	}
	return c.start, c.dur
}

func (r *renderer) syncCards(size fyne.Size) {
	t := r.t
	n := len(t.cards)
	start, pps := t.viewStart(), float64(t.zoom())
	xAt := func(at storyboard.Time) float32 { return float32((at.Seconds() - start) * pps) }
	vs := storyboard.Seconds(start)
	i := sort.Search(n, func(i int) bool {
		s, d := t.effective(i)
		return s+d > vs
	})
	views := 0
	prevSingle := false // the view before is a single card
	if i > 0 {          // the card before the view, off to the left
		_, d := t.effective(i - 1)
		prevSingle = float32(d.Seconds()*pps) >= r.lanes.minCard
	}
	for i < n {
		s, d := t.effective(i)
		x0, x1 := xAt(s), xAt(s+d)
		if x0 >= size.Width {
			break
		}
		j := i
		if x1-x0 < r.lanes.minCard { // merge a run of narrow cards
			for j+1 < n && x1-x0 < r.lanes.minCard {
				s2, d2 := t.effective(j + 1)
				if xAt(s2+d2)-xAt(s2) >= r.lanes.minCard {
					break // the next card is drawn on its own
				}
				j++
				x1 = xAt(s2 + d2)
			}
		}
		if views == len(r.cards) {
			r.cards = append(r.cards, newCardView())
		}
		r.syncCard(r.cards[views], i, j, x0, x1, size, prevSingle)
		prevSingle = i == j
		views++
		i = j + 1
	}
}

func newCardView() *cardView {
	return &cardView{
		bg:     &canvas.Rectangle{},
		stripe: &canvas.Rectangle{},
		cut:    &canvas.Rectangle{},
		thumb:  &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleFastest},
		title:  &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}},
		kind:   &canvas.Text{},
		dur:    &canvas.Text{},
	}
}

// syncCard lays out view v for cards i..j (one card when i == j) spanning
// x0..x1 before clipping.
//
// A divider marks the cut at its left edge when it or the card before it is
// drawn on its own: between merged runs the cuts are too close to draw.
func (r *renderer) syncCard(v *cardView, i, j int, x0, x1 float32, size fyne.Size, prevSingle bool) {
	t, l, pal := r.t, r.lanes, r.pal
	c := t.cards[i]
	vx0, vx1 := max(x0, 0), min(x1-l.sep, size.Width)
	w := max(vx1-vx0, l.sep)
	fill := actColor(c.act, pal.light)
	selected := false
	for k := i; k <= j; k++ {
		if t.selected[t.cards[k].id] {
			selected = true
		}
	}
	moving := t.drag.kind == dragMove && t.drag.moving[c.id]
	switch {
	case moving:
		fill = withAlpha(fill, dimAlpha)
	case i != j:
		fill = withAlpha(fill, mergedCardAlpha)
	}
	setRect(v.bg, vx0, l.cardY, w, l.cardH, fill)
	stroke := float32(0)
	if selected {
		stroke = l.border
	}
	if v.bg.StrokeWidth != stroke || v.bg.StrokeColor != pal.primary {
		v.bg.StrokeWidth, v.bg.StrokeColor = stroke, pal.primary
		v.bg.Refresh()
	}
	r.objects = append(r.objects, v.bg)
	// Every cut shows: a divider at the left edge of every card or run but
	// the first, in the foreground colour so that it reads on any act colour.
	if i > 0 && (i == j || prevSingle) && x0 >= 0 && x0 <= size.Width {
		cw := 2 * l.sep
		setRect(v.cut, x0-cw/2, l.cardY, cw, l.cardH, withAlpha(pal.fg, cutAlpha))
		r.objects = append(r.objects, v.cut)
	}
	if t.current != uuid.Nil {
		for k := i; k <= j; k++ {
			if t.cards[k].id == t.current {
				setRect(r.current, vx0, l.cardY+l.cardH-l.pad, w, l.pad, pal.primary)
				r.objects = append(r.objects, r.current)
				break
			}
		}
	}
	if i != j {
		return
	}

	y := l.cardY
	if col, ok := TagColor(c.color, pal.light); ok {
		setRect(v.stripe, vx0, y, w, l.stripeH, col)
		r.objects = append(r.objects, v.stripe)
	}
	y += l.stripeH + l.pad/2
	avail := w - 2*l.pad
	number := strconv.Itoa(i + 1)
	if avail < l.minTextW {
		// Too narrow for any text: the number alone, when it fits.
		if nw := fyne.MeasureText(number, l.caption, v.title.TextStyle).Width; nw <= w {
			setText(v.title, number, l.caption, pal.fg)
			v.title.Move(fyne.NewPos(vx0+(w-nw)/2, y))
			r.objects = append(r.objects, v.title)
		}
		return
	}
	bottom := l.cardY + l.cardH - l.pad
	s, d := t.effective(i)
	title := fitText(&v.fits[0], c.title, avail, l.text, v.title.TextStyle)
	if letters := len([]rune(strings.TrimSuffix(title, "…"))); c.title == "" || title != c.title && letters < 3 {
		// Fewer than three letters of the title: the card's number instead.
		title = number
	}
	lines := []struct {
		txt  *canvas.Text
		s    string
		size float32
		h    float32
	}{
		{v.title, title, l.text, l.textH},
		{v.kind, fitText(&v.fits[1], c.kindName, avail, l.caption, v.kind.TextStyle), l.caption, l.captionH},
		{v.dur, r.durLabel(v, s, d, avail), l.caption, l.captionH},
	}
	for n, line := range lines {
		if y+line.h > bottom {
			return
		}
		col := pal.fg
		if n == 2 && t.drag.kind == dragTrim && t.drag.card == i {
			col = pal.primary
		}
		setText(line.txt, line.s, line.size, col)
		line.txt.Move(fyne.NewPos(vx0+l.pad, y))
		r.objects = append(r.objects, line.txt)
		y += line.h
	}

	img := t.thumbs[c.id]
	if img == nil {
		return
	}
	y += l.pad / 2
	h := bottom - y
	tw := h * t.aspect
	if tw > avail {
		tw, h = avail, avail/t.aspect
	}
	if h < l.minThumbH {
		return
	}
	if v.thumbID != c.id || r.thumbsChanged {
		v.thumbID = c.id
		v.thumb.Image = img
		v.thumb.Refresh()
	}
	v.thumb.Move(fyne.NewPos(vx0+l.pad, y))
	v.thumb.Resize(fyne.NewSize(tw, h))
	r.objects = append(r.objects, v.thumb)
}

// durLabel returns the longest duration label of a card from s lasting d
// that fits avail: "2.00 s · 4 beats", "2.00 s", or shortened.
func (r *renderer) durLabel(v *cardView, s, d storyboard.Time, avail float32) string {
	l := r.lanes
	n, ok := r.t.beatCount(s, s+d)
	k := durKey{d, n, ok, avail}
	if v.durKey == k && v.durOut != "" {
		return v.durOut
	}
	secs := seconds(d)
	out := secs
	if full := secs + " · " + r.t.beatsLabel(n); ok && fyne.MeasureText(full, l.caption, v.dur.TextStyle).Width <= avail {
		out = full
	} else {
		out = fitText(&fitCache{}, secs, avail, l.caption, v.dur.TextStyle)
	}
	v.durKey, v.durOut = k, out
	return out
}

// durKey is what a card's duration label depends on.
type durKey struct {
	d     storyboard.Time
	beats float64
	grid  bool
	avail float32
}

func (r *renderer) syncDrag(size fyne.Size) {
	t, l, pal := r.t, r.lanes, r.pal
	d := t.drag
	label := ""
	var lx float32
	if t.kindOver && d.kind == dragNone {
		r.syncMarker(t.kindBoundary, size)
		return
	}
	switch d.kind {
	case dragMove:
		x := r.syncMarker(d.boundary, size)
		c := t.cards[d.card]
		gx := d.pos.X - d.grab
		gw := t.xAt(c.start+c.dur) - t.xAt(c.start)
		gx0, gx1 := max(gx, 0), min(gx+gw, size.Width)
		if gx1 > gx0 {
			setRect(r.ghost, gx0, l.cardY, gx1-gx0, l.cardH, withAlpha(actColor(d.act, pal.light), ghostAlpha))
			if r.ghost.StrokeWidth != l.border || r.ghost.StrokeColor != pal.primary {
				r.ghost.StrokeWidth, r.ghost.StrokeColor = l.border, pal.primary
				r.ghost.Refresh()
			}
			r.objects = append(r.objects, r.ghost)
		}
		label, lx = t.acts[d.act].name, x
	case dragTrim:
		s, dur := t.effective(d.card)
		label, lx = seconds(dur), t.xAt(s+dur)
	case dragRegionStart, dragRegionEnd:
		label = fmt.Sprintf("%s + %s", d.offset, d.length)
		lx = d.pos.X
	case dragSlide:
		label, _ = t.slipLabel(d.offset, l.caption)
		lx = d.pos.X
	default:
		return
	}
	if label == "" {
		return
	}
	setText(r.label, label, l.caption, pal.fg)
	ls := r.label.MinSize()
	x := min(max(lx-ls.Width/2, 0), size.Width-ls.Width)
	y := l.cardY - ls.Height - l.pad
	setRect(r.labelBg, x-l.pad/2, y, ls.Width+l.pad, ls.Height, pal.overlay)
	r.label.Move(fyne.NewPos(x, y))
	r.objects = append(r.objects, r.labelBg, r.label)
}

// syncMarker shows the insertion marker at a boundary between cards and
// returns its x.
func (r *renderer) syncMarker(boundary int, size fyne.Size) float32 {
	t, l := r.t, r.lanes
	x := t.xAt(t.length)
	if boundary < len(t.cards) {
		x = t.xAt(t.cards[boundary].start)
	}
	if x >= 0 && x <= size.Width {
		w := 2 * l.border
		setRect(r.marker, x-w/2, l.cardY-l.pad, w, l.cardH+2*l.pad, r.pal.primary)
		r.objects = append(r.objects, r.marker)
	}
	return x
}

// placePlayhead moves the playhead line; it is the only work SetPlayhead does
// while the view stands still.
func (r *renderer) placePlayhead() {
	t, l := r.t, r.lanes
	size := t.Size()
	x := t.xAt(t.playhead)
	if x < 0 || x > size.Width {
		if r.playhead.Visible() {
			r.playhead.Hide()
		}
		return
	}
	setRect(r.playhead, x-l.playheadW/2, 0, l.playheadW, max(size.Height, l.cardY+l.cardH), r.pal.primary)
	if !r.playhead.Visible() {
		r.playhead.Show()
	}
}

// Helpers that touch an object only when something changed.

func setRect(rc *canvas.Rectangle, x, y, w, h float32, c color.Color) {
	rc.Move(fyne.NewPos(x, y))
	rc.Resize(fyne.NewSize(w, h))
	if rc.FillColor != c {
		rc.FillColor = c
		rc.Refresh()
	}
}

func setText(tx *canvas.Text, s string, size float32, c color.Color) {
	if tx.Text != s || tx.TextSize != size || tx.Color != c {
		tx.Text, tx.TextSize, tx.Color = s, size, c
		tx.Refresh()
		tx.Resize(tx.MinSize())
	}
}

// fitText returns s, shortened with an ellipsis to fit width w.
func fitText(fc *fitCache, s string, w, size float32, style fyne.TextStyle) string {
	if fc.in == s && fc.w == w {
		return fc.out
	}
	fc.in, fc.w, fc.out = s, w, s
	if fyne.MeasureText(s, size, style).Width <= w {
		return s
	}
	rs := []rune(s)
	n := sort.Search(len(rs)+1, func(n int) bool {
		return fyne.MeasureText(string(rs[:n])+"…", size, style).Width > w
	}) - 1
	if n <= 0 {
		fc.out = ""
	} else {
		fc.out = string(rs[:n]) + "…"
	}
	return fc.out
}
