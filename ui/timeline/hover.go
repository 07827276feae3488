package timeline

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

// tooltipDelay is how long the pointer rests on a card before its tooltip
// shows; 0 shows it at once (tests).
var tooltipDelay = 500 * time.Millisecond

// tooltip is the hover tooltip of a card: fyne has no widget tooltips, so
// the timeline draws its own, over everything else, where the pointer came
// to rest.
type tooltip struct {
	card  int           // the card hovered, -1 for none
	shown bool          // the delay is over
	at    fyne.Position // where the pointer rested
	gen   int           // invalidates a pending timer
	timer *time.Timer
}

// hoverAt follows the pointer for the tooltip: over a card it (re)starts the
// delay, elsewhere it hides the tooltip.
func (t *Timeline) hoverAt(pos fyne.Position) {
	t.hover = pos
	k := -1
	if t.drag.kind == dragNone && !t.press.down {
		if h, i := t.hitTest(pos); h == hitCard || h == hitCardEdge {
			k = i
		}
	}
	tp := &t.tip
	if k == tp.card {
		if !tp.shown {
			tp.at = pos // the delay runs from where the pointer rests
		}
		return
	}
	t.hideTip()
	if k < 0 {
		return
	}
	tp.card, tp.at = k, pos
	if tooltipDelay <= 0 {
		tp.shown = true
		t.redraw()
		return
	}
	gen := tp.gen
	tp.timer = time.AfterFunc(tooltipDelay, func() {
		fyne.Do(func() {
			if t.tip.gen == gen && t.tip.card >= 0 {
				t.tip.shown = true
				t.redraw()
			}
		})
	})
}

// hideTip hides the tooltip and cancels a pending one.
func (t *Timeline) hideTip() {
	tp := &t.tip
	tp.gen++
	if tp.timer != nil {
		tp.timer.Stop()
		tp.timer = nil
	}
	wasShown := tp.shown
	tp.card, tp.shown = -1, false
	if wasShown {
		t.redraw()
	}
}

// Tooltip returns the lines of the tooltip shown now, nil when none is.
func (t *Timeline) Tooltip() []string {
	if !t.tip.shown || t.tip.card < 0 || t.tip.card >= len(t.cards) {
		return nil
	}
	return t.tipLines(t.tip.card)
}

// tipLines returns card k's tooltip: its number and title, its shot kind,
// and its duration in seconds, beats (with a grid) and frames.
func (t *Timeline) tipLines(k int) []string {
	c := t.cards[k]
	title := strconv.Itoa(k+1) + ". " + c.title
	if c.title == "" {
		title = strconv.Itoa(k + 1)
	}
	dur := seconds(c.dur)
	if n, ok := t.beatCount(c.start, c.start+c.dur); ok {
		dur += " · " + t.beatsLabel(n)
	}
	frames := t.rate.Frames(c.dur)
	fr := lang.X("timeline.frames", "{{.N}} frames", map[string]any{"N": frames})
	if frames == 1 {
		fr = lang.X("timeline.one_frame", "1 frame")
	}
	dur += " · " + fr
	return []string{title, c.kindName, dur}
}

// syncTooltip draws the tooltip last, kept inside the widget.
func (r *renderer) syncTooltip(size fyne.Size) {
	t, l, pal := r.t, r.lanes, r.pal
	lines := t.Tooltip()
	if lines == nil {
		return
	}
	var w, h float32
	for i, s := range lines {
		tx := r.tipText[i]
		style := fyne.TextStyle{Bold: i == 0}
		if tx.TextStyle != style {
			tx.TextStyle = style
			tx.Text = "" // restyle below
		}
		size := l.caption
		if i == 0 {
			size = l.text
		}
		setText(tx, s, size, pal.fg)
		ms := tx.MinSize()
		w = max(w, ms.Width)
		h += ms.Height
	}
	w += 2 * l.pad
	h += l.pad
	x := min(max(t.tip.at.X+l.pad, 0), size.Width-w)
	y := t.tip.at.Y + 2*l.pad
	if y+h > size.Height { // above the pointer when there is no room below
		y = t.tip.at.Y - l.pad - h
	}
	y = max(y, 0)
	setRect(r.tipBg, x, y, w, h, pal.overlay)
	if r.tipBg.StrokeWidth != l.sep || r.tipBg.StrokeColor != pal.fg {
		r.tipBg.StrokeWidth, r.tipBg.StrokeColor = l.sep, withAlpha(pal.fg, beatAlpha)
		r.tipBg.CornerRadius = t.Theme().Size(theme.SizeNameInputRadius)
		r.tipBg.Refresh()
	}
	r.objects = append(r.objects, r.tipBg)
	ty := y + l.pad/2
	for i := range lines {
		tx := r.tipText[i]
		tx.Move(fyne.NewPos(x+l.pad, ty))
		ty += tx.MinSize().Height
		r.objects = append(r.objects, tx)
	}
}

// slipCache remembers the slip handle's label for one offset.
type slipCache struct {
	offset storyboard.Time
	ok     bool
	label  string
	w      float32
	size   float32
}

// slipLabel returns the slip handle's label, "Music starts at 0:04.445",
// and its width.
func (t *Timeline) slipLabel(offset storyboard.Time, size float32) (string, float32) {
	c := &t.slip
	if !c.ok || c.offset != offset || c.size != size {
		c.label = lang.X("timeline.music_starts", "Music starts at {{.Offset}}", map[string]any{"Offset": offset.String()})
		c.w = fyne.MeasureText(c.label, size, fyne.TextStyle{Bold: true}).Width
		c.offset, c.size, c.ok = offset, size, true
	}
	return c.label, c.w
}

// slipTab returns the slip handle's box: a tab at the bottom of the music
// lane, just after the reel's first frame (kept in view), that slides the
// song under the cards.
func (t *Timeline) slipTab(l lanes) (x0, y0, x1, y1 float32) {
	off, _, _ := t.musicView()
	_, w := t.slipLabel(off, l.caption)
	x0 = max(t.xAt(0), 0) + l.handleW
	y1 = l.waveY + l.waveH - l.rulerH
	y0 = y1 - l.captionH - l.pad/2
	return x0, y0, x0 + w + 2*l.pad, y1
}

// syncSlip draws the slip handle.
func (r *renderer) syncSlip(size fyne.Size) {
	t, l, pal := r.t, r.lanes, r.pal
	if t.music == nil || len(t.candidates) > 0 || t.readOnly { // choosing an excerpt moves the music; a view does not
		return
	}
	x0, y0, x1, y1 := t.slipTab(l)
	if x0 >= size.Width {
		return
	}
	off, _, _ := t.musicView()
	label, _ := t.slipLabel(off, l.caption)
	bg := pal.primary
	if t.drag.kind == dragSlide {
		bg = pal.fg
	}
	setRect(r.slipBg, x0, y0, x1-x0, y1-y0, withAlpha(bg, slipAlpha))
	if rad := t.Theme().Size(theme.SizeNameInputRadius); r.slipBg.CornerRadius != rad {
		r.slipBg.CornerRadius = rad
		r.slipBg.Refresh()
	}
	if !r.slipText.TextStyle.Bold {
		r.slipText.TextStyle.Bold = true
	}
	col := pal.onPrimary
	if t.drag.kind == dragSlide {
		col = pal.bg
	}
	setText(r.slipText, label, l.caption, col)
	r.slipText.Move(fyne.NewPos(x0+l.pad, y0+l.pad/4))
	r.objects = append(r.objects, r.slipBg, r.slipText)
}
