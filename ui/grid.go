package ui

import (
	"fmt"
	"image"
	"image/color"
	"slices"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
)

// cardPanel is one card of the storyboard grid: picture, title, shot kind,
// duration and act, the view a client or an operator reads.
type cardPanel struct {
	widget.BaseWidget
	card     storyboard.Card
	number   int
	selected bool
	current  bool   // the card playing now
	beats    string // its length in whole beats of the song ("4 beats"), "" when its cuts are off the beat
	thumb    image.Image

	OnTapped          func()
	OnDoubleTapped    func()
	OnTappedSecondary func(abs fyne.Position)
	OnDragged         func(e *fyne.DragEvent)
	OnDragEnd         func()
}

var (
	_ fyne.Widget            = (*cardPanel)(nil)
	_ fyne.Tappable          = (*cardPanel)(nil)
	_ fyne.DoubleTappable    = (*cardPanel)(nil)
	_ fyne.SecondaryTappable = (*cardPanel)(nil)
	_ fyne.Draggable         = (*cardPanel)(nil)
)

func newCardPanel() *cardPanel {
	c := &cardPanel{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *cardPanel) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

func (c *cardPanel) DoubleTapped(*fyne.PointEvent) {
	if c.OnDoubleTapped != nil {
		c.OnDoubleTapped()
	}
}

func (c *cardPanel) TappedSecondary(e *fyne.PointEvent) {
	if c.OnTappedSecondary != nil {
		c.OnTappedSecondary(e.AbsolutePosition)
	}
}

func (c *cardPanel) Dragged(e *fyne.DragEvent) {
	if c.OnDragged != nil {
		c.OnDragged(e)
	}
}

func (c *cardPanel) DragEnd() {
	if c.OnDragEnd != nil {
		c.OnDragEnd()
	}
}

func (c *cardPanel) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return c.BaseWidget.MinSize()
}

func (c *cardPanel) CreateRenderer() fyne.WidgetRenderer {
	r := &cardPanelRenderer{
		panel:     c,
		bg:        canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		frame:     canvas.NewRectangle(color.Transparent),
		playBar:   canvas.NewRectangle(color.Transparent),
		picBg:     canvas.NewRectangle(color.Black),
		pic:       canvas.NewImageFromImage(nil),
		picLabel:  canvas.NewText("", color.White),
		picLabel2: canvas.NewText("", color.White),
		actBar:    canvas.NewRectangle(color.Transparent),
		tag:       canvas.NewRectangle(color.Transparent),
		title:     widget.NewLabel(""),
		meta:      widget.NewLabel(""),
		number:    canvas.NewText("", color.White),
	}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.frame.CornerRadius = theme.InputRadiusSize()
	r.frame.StrokeWidth = 2
	r.pic.FillMode = canvas.ImageFillContain
	r.picLabel.Alignment = fyne.TextAlignCenter
	r.picLabel2.Alignment = fyne.TextAlignCenter
	r.title.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.meta.SizeName = theme.SizeNameCaptionText
	r.number.TextStyle.Bold = true
	r.tag.CornerRadius = 4
	r.Refresh()
	return r
}

type cardPanelRenderer struct {
	panel                         *cardPanel
	bg, frame, picBg, actBar, tag *canvas.Rectangle
	playBar                       *canvas.Rectangle // under the card playing now
	pic                           *canvas.Image
	picLabel, picLabel2, number   *canvas.Text
	title, meta                   *widget.Label
}

// cardPictureHeight is the picture's height in text heights.
const cardPictureLines = 5

func (r *cardPanelRenderer) Layout(s fyne.Size) {
	pad := theme.Padding()
	r.bg.Resize(s)
	r.frame.Resize(s)
	barH := pad
	r.actBar.Move(fyne.NewPos(0, 0))
	r.actBar.Resize(fyne.NewSize(s.Width, barH))
	r.playBar.Move(fyne.NewPos(0, s.Height-barH))
	r.playBar.Resize(fyne.NewSize(s.Width, barH))
	picH := r.pictureHeight()
	r.picBg.Move(fyne.NewPos(pad, barH+pad))
	r.picBg.Resize(fyne.NewSize(s.Width-2*pad, picH))
	r.pic.Move(r.picBg.Position())
	r.pic.Resize(r.picBg.Size())
	r.fitPicLabel(s.Width)
	lh := r.picLabel.MinSize().Height
	lines := float32(1)
	if r.picLabel2.Text != "" {
		lines = 2
	}
	top := barH + pad + (picH-lines*lh)/2
	r.picLabel.Move(fyne.NewPos(pad, top))
	r.picLabel.Resize(fyne.NewSize(s.Width-2*pad, lh))
	r.picLabel2.Move(fyne.NewPos(pad, top+lh))
	r.picLabel2.Resize(fyne.NewSize(s.Width-2*pad, lh))
	r.number.Move(fyne.NewPos(2*pad, barH+2*pad))
	r.number.Resize(r.number.MinSize())
	tagSize := theme.IconInlineSize()
	r.tag.Move(fyne.NewPos(s.Width-2*pad-tagSize, barH+2*pad))
	r.tag.Resize(fyne.NewSize(tagSize, tagSize))
	y := barH + pad + picH
	th := r.title.MinSize().Height
	r.title.Move(fyne.NewPos(0, y))
	r.title.Resize(fyne.NewSize(s.Width, th))
	r.meta.Move(fyne.NewPos(0, y+th-2*pad))
	r.meta.Resize(fyne.NewSize(s.Width, r.meta.MinSize().Height))
}

func (r *cardPanelRenderer) pictureHeight() float32 {
	return cardPictureLines * theme.TextSize()
}

func (r *cardPanelRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	w := 12 * theme.TextSize()
	h := pad + pad + r.pictureHeight() + r.title.MinSize().Height + r.meta.MinSize().Height - 2*pad
	return fyne.NewSize(w, h)
}

func (r *cardPanelRenderer) Refresh() {
	c := r.panel
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.CornerRadius = theme.InputRadiusSize()
	// The frame shows only on a selected card: a hidden one costs no
	// painting (a transparent stroke would still be drawn).
	r.frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
	r.frame.Hidden = !c.selected
	r.playBar.FillColor = theme.Color(theme.ColorNamePrimary)
	r.playBar.Hidden = !c.current
	r.actBar.FillColor = actColor(c.card.Act)
	r.picBg.FillColor = color.NRGBA{0x20, 0x20, 0x24, 0xff}
	r.pic.Image = c.thumb
	w := c.Size().Width
	if w <= 0 {
		w = r.MinSize().Width
	}
	r.fitPicLabel(w)
	for _, l := range []*canvas.Text{r.picLabel, r.picLabel2} {
		l.Color = color.NRGBA{0xdd, 0xdd, 0xdd, 0xff}
		l.TextSize = theme.TextSize()
	}
	r.number.Text = fmt.Sprint(c.number)
	r.number.Color = color.White
	if tc := tagColor(c.card.Color); tc != nil {
		r.tag.FillColor = tc
	} else {
		r.tag.FillColor = color.Transparent
	}
	title := c.card.Title
	if c.card.Captured {
		title = "✓ " + title
	}
	// Setting a label shapes its text again: only when it changed.
	if r.title.Text != title {
		r.title.SetText(title)
	}
	length := formatSeconds(c.card.Duration)
	if c.beats != "" {
		length += " · " + c.beats
	}
	if meta := fmt.Sprintf("%s · %s · %s", kindName(c.card.Kind), length, actName(c.card.Act)); r.meta.Text != meta {
		r.meta.SetText(meta)
	}
	for _, o := range []fyne.CanvasObject{r.bg, r.frame, r.playBar, r.actBar, r.picBg, r.pic, r.picLabel, r.picLabel2, r.number, r.tag} {
		o.Refresh()
	}
}

func (r *cardPanelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.actBar, r.picBg, r.pic, r.picLabel, r.picLabel2, r.number, r.tag, r.title, r.meta, r.playBar, r.frame}
}

// fitPicLabel puts the shot kind in the picture of a card w wide, when there
// is no picture: on one line, or wrapped on two, the second shortened with an
// ellipsis, so that it never runs outside the card.
func (r *cardPanelRenderer) fitPicLabel(w float32) {
	r.picLabel.Text, r.picLabel2.Text = "", ""
	if r.panel.thumb != nil {
		return
	}
	width := w - 4*theme.Padding()
	size := theme.TextSize()
	r.picLabel.Text, r.picLabel2.Text = wrapTwo(kindName(r.panel.card.Kind), width, size, r.picLabel.TextStyle)
}

func (r *cardPanelRenderer) Destroy() {}

// formatSeconds formats a duration as "2.50 s" ("2,50 s" in Italian).
func formatSeconds(t storyboard.Time) string {
	return fmt.Sprintf(lang.L("%s s"), numfmt.Fixed(t.Seconds(), 2))
}

// storyGrid shows the project's cards as panels in reading order. It is
// virtualised: only the panels in view exist, so a project of a thousand
// cards opens, scrolls and edits as fast as one of ten. It updates only the
// panels a Change touched; a selection change repaints two panels.
type storyGrid struct {
	widget.BaseWidget
	ed     *Editor
	thumbs func(storyboard.Card) image.Image
	onOpen func(uuid.UUID)
	report func(error) // a refused edit

	scroll *container.Scroll
	sheet  *fyne.Container    // the panels in view, laid out by sheetLayout
	shown  map[int]*cardPanel // the panels in view, by card index
	pool   []*cardPanel       // panels out of view, to reuse
	cell   fyne.Size          // a panel's minimum size
	cols   int                // columns at the last layout
	sel    map[uuid.UUID]bool // the selection the panels show
	reveal uuid.UUID          // the selected card last scrolled into view
	binds  int                // panels bound so far, to measure the work of an update

	current uuid.UUID // the card playing now, highlighted during playback
	onMenu  func(abs fyne.Position)

	// An act without cards keeps a cell of its own where its cards would
	// go: a target for dragged cards and palette shots.
	empties []emptyAct
	targets [3]*actTarget

	// Dragging cards to reorder them: a ghost follows the pointer and a
	// marker shows the gap they will land in.
	layer   *fyne.Container // above the sheet: the ghost and the marker
	ghost   *canvas.Rectangle
	ghostTx *canvas.Text
	marker  *canvas.Rectangle
	dragIDs []uuid.UUID
	dragGap int // the gap before the card at this index, -1 for none
	dragAct storyboard.Act
}

var _ fyne.Widget = (*storyGrid)(nil)

func newStoryGrid(ed *Editor, thumbs func(storyboard.Card) image.Image, onOpen func(uuid.UUID)) *storyGrid {
	g := &storyGrid{ed: ed, thumbs: thumbs, onOpen: onOpen, shown: map[int]*cardPanel{}, sel: map[uuid.UUID]bool{}, cols: 1}
	g.cell = newCardPanel().MinSize()
	g.sheet = container.New(&sheetLayout{g: g})
	g.scroll = container.NewVScroll(g.sheet)
	g.scroll.OnScrolled = func(fyne.Position) {
		g.place(g.sheet.Size())
		canvas.Refresh(g.sheet)
	}
	g.ghost = canvas.NewRectangle(color.Transparent)
	g.ghost.CornerRadius = theme.InputRadiusSize()
	g.ghost.StrokeWidth = 2
	g.ghostTx = canvas.NewText("", color.White)
	g.ghostTx.TextStyle.Bold = true
	g.marker = canvas.NewRectangle(color.Transparent)
	g.layer = container.NewWithoutLayout(g.ghost, g.ghostTx, g.marker)
	g.hideDrag()
	g.dragGap = -1
	g.ExtendBaseWidget(g)
	return g
}

func (g *storyGrid) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(g.scroll, g.layer))
}

// setCurrent highlights the card playing now (uuid.Nil for none).
func (g *storyGrid) setCurrent(id uuid.UUID) {
	if id == g.current {
		return
	}
	old := g.current
	g.current = id
	p := g.ed.Project
	g.rebind(p.Index(old))
	if i := p.Index(id); i >= 0 {
		g.rebind(i)
		g.scrollTo(i)
	}
}

// tapped applies a click on card id with the keyboard's modifiers: Ctrl
// (or Cmd) adds or removes it, Shift extends the selection to it.
func (g *storyGrid) tapped(id uuid.UUID) {
	mods := currentModifiers()
	ed := g.ed
	switch {
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		sel := ed.Selection()
		if i := slices.Index(sel, id); i >= 0 {
			sel = slices.Delete(sel, i, i+1)
		} else {
			sel = append(sel, id)
		}
		ed.Select(sel...)
	case mods&fyne.KeyModifierShift != 0 && ed.Selected() >= 0:
		p := ed.Project
		a, b := ed.Selected(), p.Index(id)
		lo, hi := min(a, b), max(a, b)
		ids := []uuid.UUID{p.Cards[a].ID}
		for i := lo; i <= hi; i++ {
			if i != a {
				ids = append(ids, p.Cards[i].ID)
			}
		}
		ed.Select(ids...)
	default:
		ed.Select(id)
	}
}

// currentModifiers returns the modifier keys held now, when the driver
// reports them (the desktop driver does).
func currentModifiers() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// dragged follows a drag of card id: the cards to move are the selection
// when id is in it, else id alone (selected first).
func (g *storyGrid) dragged(id uuid.UUID, e *fyne.DragEvent) {
	ed := g.ed
	if g.dragIDs == nil {
		if !ed.IsSelected(id) {
			ed.Select(id)
		}
		g.dragIDs = ed.orderedSelection()
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(g)
	local := e.AbsolutePosition.Subtract(origin)
	// Scroll when the pointer nears the top or the bottom.
	edge := g.cell.Height / 4
	if off := g.scroll.Offset; local.Y < edge && off.Y > 0 {
		off.Y = max(0, off.Y-edge/2)
		g.scroll.ScrollToOffset(off)
	} else if local.Y > g.Size().Height-edge {
		off.Y += edge / 2
		g.scroll.ScrollToOffset(off)
	}
	g.dragGap, g.dragAct = g.gapAt(local.Add(g.scroll.Offset))
	g.showDrag(local)
}

// gapAt returns the gap a drop at sheet position pos lands in (before the
// card at the returned index) and the act it joins: the act of the card
// under the pointer (before a card when on its left half, after it on its
// right half).
func (g *storyGrid) gapAt(pos fyne.Position) (int, storyboard.Act) {
	p := g.ed.Project
	n := len(p.Cards)
	g.empties = emptyActs(p)
	pad := theme.Padding()
	w := g.cellWidth()
	col := min(g.cols-1, max(0, int(pos.X/(w+pad))))
	row := max(0, int(pos.Y/(g.cell.Height+pad)))
	c := row*g.cols + col
	if a, ok := g.emptyAt(c); ok {
		return g.cardOf(c), a // the empty act's place
	}
	i := g.cardOf(c)
	if i >= n || c >= n+len(g.empties) {
		if n == 0 {
			return 0, storyboard.Work
		}
		return n, p.Cards[n-1].Act
	}
	gap := i
	if pos.X-float32(col)*(w+pad) > w/2 {
		gap = i + 1
	}
	return gap, p.Cards[i].Act
}

// cellWidth is a panel's width at the last layout.
func (g *storyGrid) cellWidth() float32 {
	pad := theme.Padding()
	return max(g.cell.Width, (g.sheet.Size().Width-float32(g.cols-1)*pad)/float32(g.cols))
}

// showDrag draws the ghost under the pointer at local and the marker in
// the gap.
func (g *storyGrid) showDrag(local fyne.Position) {
	pad := theme.Padding()
	w := g.cellWidth()
	primary := theme.Color(theme.ColorNamePrimary)
	g.ghost.FillColor = withAlphaNRGBA(primary, 0x55)
	g.ghost.StrokeColor = primary
	size := fyne.NewSize(w*0.8, g.cell.Height*0.5)
	g.ghost.Resize(size)
	g.ghost.Move(local.Subtract(fyne.NewPos(size.Width/2, size.Height/2)))
	text := ""
	if len(g.dragIDs) == 1 {
		if i := g.ed.Project.Index(g.dragIDs[0]); i >= 0 {
			text = fmt.Sprintf("%d  %s", i+1, g.ed.Project.Cards[i].Title)
		}
	} else {
		text = fmt.Sprintf(lang.L("%d cards"), len(g.dragIDs))
	}
	g.ghostTx.Text = fitText(text, size.Width-2*pad, theme.TextSize(), g.ghostTx.TextStyle)
	g.ghostTx.Color = theme.Color(theme.ColorNameForeground)
	g.ghostTx.Move(g.ghost.Position().Add(fyne.NewPos(pad, (size.Height-g.ghostTx.MinSize().Height)/2)))
	g.ghostTx.Resize(g.ghostTx.MinSize())
	// The marker: a bar on the left edge of the gap's cell, or the right
	// edge of the last card of a row.
	// Before the gap's card, or after the last card (also at the end of
	// a row).
	cell := g.cellOf(g.dragGap)
	for k, e := range g.empties {
		if e.act == g.dragAct && e.at == g.dragGap {
			cell = g.cellOfEmpty(k) // into the empty act's cell
		}
	}
	col, row := cell%g.cols, cell/g.cols
	x := float32(col)*(w+pad) - pad/2 - pad
	if cell > 0 && col == 0 && g.dragGap == len(g.ed.Project.Cards) {
		col, row = g.cols, (cell-1)/g.cols
		x = float32(col)*(w+pad) - pad/2 - pad
	}
	y := float32(row)*(g.cell.Height+pad) - g.scroll.Offset.Y
	g.marker.FillColor = primary
	g.marker.Move(fyne.NewPos(max(0, x), y))
	g.marker.Resize(fyne.NewSize(2*pad, g.cell.Height))
	g.ghost.Show()
	g.ghostTx.Show()
	g.marker.Show()
	g.layer.Refresh()
}

func (g *storyGrid) hideDrag() {
	g.ghost.Hide()
	g.ghostTx.Hide()
	g.marker.Hide()
	g.layer.Refresh()
}

// dragEnd moves the dragged cards into the gap under the pointer.
func (g *storyGrid) dragEnd() {
	ids, gap, act := g.dragIDs, g.dragGap, g.dragAct
	g.dragIDs, g.dragGap = nil, -1
	g.hideDrag()
	if len(ids) == 0 || gap < 0 {
		return
	}
	if g.inPlace(ids, gap, act) {
		return
	}
	if err := g.ed.MoveCards(ids, gap, act); err != nil && g.report != nil {
		g.report(err)
	}
}

// inPlace reports whether moving ids into gap and act leaves every card
// where it is: a contiguous block dropped at its own edges, in its own act.
func (g *storyGrid) inPlace(ids []uuid.UUID, gap int, act storyboard.Act) bool {
	p := g.ed.Project
	first, last := p.Index(ids[0]), p.Index(ids[len(ids)-1])
	if last-first+1 != len(ids) {
		return false
	}
	for _, id := range ids {
		if p.Cards[p.Index(id)].Act != act {
			return false
		}
	}
	return gap >= first && gap <= last+1
}

// wholeBeats is card i's length in beats of the song when both its cuts
// are on beats (within a frame): "4 beats"; else "".
func wholeBeats(p *storyboard.Project, i int) string {
	if p.Soundtrack == nil {
		return ""
	}
	beats, _ := p.BeatGrid()
	if len(beats) < 2 {
		return ""
	}
	frame := p.Rate.FrameDuration()
	start := p.Start(i)
	end := start + p.Cards[i].Duration
	a := sort.Search(len(beats), func(k int) bool { return beats[k] >= start-frame/2 })
	b := sort.Search(len(beats), func(k int) bool { return beats[k] >= end-frame/2 })
	if a == len(beats) || b == len(beats) || absTime(beats[a]-start) > frame/2 || absTime(beats[b]-end) > frame/2 || b <= a {
		return ""
	}
	return beatsCount(b - a)
}

func absTime(t storyboard.Time) storyboard.Time {
	if t < 0 {
		return -t
	}
	return t
}

// withAlphaNRGBA returns c with alpha a.
func withAlphaNRGBA(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// Resize lays the panels out again, with as many columns as fit.
func (g *storyGrid) Resize(s fyne.Size) {
	if s == g.Size() {
		return
	}
	g.BaseWidget.Resize(s)
	if cols := g.columns(s.Width); cols != g.cols {
		g.cols = cols
		g.scroll.Refresh() // the sheet's height follows the number of rows
	}
}

// refresh shows the project anew: every panel in view is bound again.
func (g *storyGrid) refresh() { g.update(everything) }

// update applies a Change to the panels in view.
func (g *storyGrid) update(ch Change) {
	p := g.ed.Project
	if ch.Selection || ch.Project || ch.Order {
		old := g.sel
		g.sel = make(map[uuid.UUID]bool, len(g.ed.selection))
		for _, id := range g.ed.selection {
			g.sel[id] = true
		}
		if !ch.Project && !ch.Order {
			// Repaint the panels whose selected state changed: two for a click.
			for id := range old {
				if !g.sel[id] {
					g.rebind(p.Index(id))
				}
			}
			for id := range g.sel {
				if !old[id] {
					g.rebind(p.Index(id))
				}
			}
		}
	}
	switch {
	case ch.Project || ch.Order:
		for i := range g.shown {
			g.rebind(i)
		}
		g.scroll.Refresh() // the number of rows changed; lays the sheet out again
	case len(ch.Cards) > 0:
		if len(ch.Cards) > len(g.shown) {
			for i := range g.shown {
				g.rebind(i)
			}
		} else {
			for _, id := range ch.Cards {
				g.rebind(p.Index(id))
			}
		}
	}
	if sel := g.ed.selection; len(sel) > 0 && sel[0] != g.reveal {
		g.reveal = sel[0]
		g.scrollTo(p.Index(sel[0]))
	}
}

// rebindAll shows again every card in view (a thumbnail arrived).
func (g *storyGrid) rebindAll() {
	for i, cp := range g.shown {
		g.bind(cp, i)
	}
}

// rebind shows card i again in its panel, when it is in view.
func (g *storyGrid) rebind(i int) {
	if cp, ok := g.shown[i]; ok {
		g.bind(cp, i)
	}
}

// bind makes cp show card i.
func (g *storyGrid) bind(cp *cardPanel, i int) {
	p := g.ed.Project
	if i < 0 || i >= len(p.Cards) {
		return
	}
	g.binds++
	c := p.Cards[i]
	cp.card = c
	cp.number = i + 1
	cp.selected = g.sel[c.ID]
	cp.current = c.ID == g.current
	cp.beats = wholeBeats(p, i)
	cp.thumb = nil
	if g.thumbs != nil {
		cp.thumb = g.thumbs(c)
	}
	id := c.ID
	cp.OnTapped = func() { g.tapped(id) }
	cp.OnTappedSecondary = func(abs fyne.Position) {
		if !g.ed.IsSelected(id) {
			g.ed.Select(id)
		}
		if g.onMenu != nil {
			g.onMenu(abs)
		}
	}
	cp.OnDragged = func(e *fyne.DragEvent) { g.dragged(id, e) }
	cp.OnDragEnd = g.dragEnd
	cp.OnDoubleTapped = func() {
		if g.onOpen != nil {
			g.onOpen(id)
		}
	}
	cp.Refresh()
}

// place puts panels on the cards in view of a sheet of size s, reusing the
// panels that scrolled out of view, and the targets of empty acts.
func (g *storyGrid) place(s fyne.Size) {
	p := g.ed.Project
	g.empties = emptyActs(p)
	n := len(p.Cards) + len(g.empties)
	pad := theme.Padding()
	cols := g.columns(s.Width)
	g.cols = cols
	w := max(g.cell.Width, (s.Width-float32(cols-1)*pad)/float32(cols))
	rowH := g.cell.Height + pad
	top := g.scroll.Offset.Y
	view := g.scroll.Size().Height
	if view <= 0 {
		view = rowH // not laid out yet: one row until the scroll has a size
	}
	first := max(0, int(top/rowH)*cols)
	last := min(n, (int((top+view)/rowH)+1)*cols)
	firstCard, lastCard := g.cardOf(first), g.cardOf(last)
	for i, cp := range g.shown {
		if i < firstCard || i >= lastCard {
			delete(g.shown, i)
			g.pool = append(g.pool, cp)
		}
	}
	objs := make([]fyne.CanvasObject, 0, last-first)
	for c := first; c < last; c++ {
		col, row := c%cols, c/cols
		pos := fyne.NewPos(float32(col)*(w+pad), float32(row)*rowH)
		size := fyne.NewSize(w, g.cell.Height)
		if a, ok := g.emptyAt(c); ok {
			t := g.target(a)
			t.Move(pos)
			t.Resize(size)
			objs = append(objs, t)
			continue
		}
		i := g.cardOf(c)
		cp, ok := g.shown[i]
		if !ok {
			if k := len(g.pool); k > 0 {
				cp, g.pool = g.pool[k-1], g.pool[:k-1]
			} else {
				cp = newCardPanel()
			}
			g.shown[i] = cp
			cp.Resize(size)
			g.bind(cp, i)
		}
		cp.Move(pos)
		cp.Resize(size)
		objs = append(objs, cp)
	}
	g.sheet.Objects = objs
}

// emptyAct is the cell of an act without cards: before the card at index
// at (len(Cards) at the end).
type emptyAct struct {
	at  int
	act storyboard.Act
}

// emptyActs lists the acts of p without cards, in reel order.
func emptyActs(p *storyboard.Project) []emptyAct {
	var out []emptyAct
	for _, a := range storyboard.Acts {
		if from, to := p.ActSpan(a); from == to {
			out = append(out, emptyAct{at: from, act: a})
		}
	}
	return out
}

// cellOf is the cell of card i; cardOf the card at cell c (or the first
// card after it, for the cell of an empty act).
func (g *storyGrid) cellOf(i int) int {
	c := i
	for _, e := range g.empties {
		if e.at <= i {
			c++
		}
	}
	return c
}

func (g *storyGrid) cardOf(c int) int {
	i := c
	for k := range g.empties {
		if g.cellOfEmpty(k) < c {
			i--
		}
	}
	return max(0, i)
}

// cellOfEmpty is the cell of the k-th empty act.
func (g *storyGrid) cellOfEmpty(k int) int { return g.empties[k].at + k }

// emptyAt reports whether cell c is an empty act's, and which.
func (g *storyGrid) emptyAt(c int) (storyboard.Act, bool) {
	for k, e := range g.empties {
		if g.cellOfEmpty(k) == c {
			return e.act, true
		}
	}
	return 0, false
}

// target returns the drop target shown for empty act a.
func (g *storyGrid) target(a storyboard.Act) *actTarget {
	if g.targets[a] == nil {
		g.targets[a] = newActTarget(a)
	}
	g.targets[a].refreshText()
	return g.targets[a]
}

// actTarget is the cell of an act without cards.
type actTarget struct {
	widget.BaseWidget
	act   storyboard.Act
	frame *canvas.Rectangle
	title *widget.Label
	hint  *widget.Label
}

func newActTarget(a storyboard.Act) *actTarget {
	t := &actTarget{act: a, frame: canvas.NewRectangle(color.Transparent), title: widget.NewLabel(""), hint: widget.NewLabel("")}
	t.frame.StrokeWidth = 2
	t.frame.CornerRadius = theme.InputRadiusSize()
	t.title.TextStyle.Bold = true
	t.title.Alignment = fyne.TextAlignCenter
	t.hint.Wrapping = fyne.TextWrapWord
	t.hint.Alignment = fyne.TextAlignCenter
	t.hint.SizeName = theme.SizeNameCaptionText
	t.ExtendBaseWidget(t)
	return t
}

func (t *actTarget) refreshText() {
	t.frame.StrokeColor = actColor(t.act)
	t.frame.FillColor = withAlphaNRGBA(actColor(t.act), 0x30)
	if name := actName(t.act); t.title.Text != name {
		t.title.SetText(name)
	}
	if hint := lang.L("No cards yet: drag a card or a shot here."); t.hint.Text != hint {
		t.hint.SetText(hint)
	}
}

func (t *actTarget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.frame, container.NewVBox(layout.NewSpacer(), t.title, t.hint, layout.NewSpacer())))
}

// actAtPos returns the act of the empty act's cell under the absolute
// position abs, if any (a palette shot dropped there joins that act).
func (g *storyGrid) actAtPos(abs fyne.Position) (storyboard.Act, bool) {
	for a, t := range g.targets {
		if t != nil && t.Visible() && slices.Contains(g.sheet.Objects, fyne.CanvasObject(t)) && inside(t, abs) {
			return storyboard.Act(a), true
		}
	}
	return 0, false
}

func (g *storyGrid) columns(width float32) int {
	pad := theme.Padding()
	return max(1, int((width+pad)/(g.cell.Width+pad)))
}

// panelAt returns the panel showing card i, or nil when it is out of view.
func (g *storyGrid) panelAt(i int) *cardPanel { return g.shown[i] }

// scrollTo scrolls the grid so that card i is in view.
func (g *storyGrid) scrollTo(i int) {
	pad := theme.Padding()
	if g.scroll.Size().Width <= 0 || i < 0 {
		return
	}
	top := float32(g.cellOf(i)/g.cols) * (g.cell.Height + pad)
	off := g.scroll.Offset
	switch {
	case top < off.Y:
		off.Y = top
	case top+g.cell.Height > off.Y+g.scroll.Size().Height:
		off.Y = top + g.cell.Height - g.scroll.Size().Height
	default:
		return
	}
	g.scroll.ScrollToOffset(off)
	g.place(g.sheet.Size())
	canvas.Refresh(g.sheet)
}

// sheetLayout places the panels in view; its height is that of every row.
type sheetLayout struct{ g *storyGrid }

func (l *sheetLayout) Layout(_ []fyne.CanvasObject, s fyne.Size) { l.g.place(s) }

func (l *sheetLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	g := l.g
	rows := max(1, (len(g.ed.Project.Cards)+len(emptyActs(g.ed.Project))+g.cols-1)/g.cols)
	return fyne.NewSize(g.cell.Width, float32(rows)*g.cell.Height+float32(rows-1)*theme.Padding())
}

func contains(ids []uuid.UUID, id uuid.UUID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// fitText shortens s with an ellipsis until it fits width at size.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		t := strings.TrimSpace(string(r)) + "…"
		if fyne.MeasureText(t, size, style).Width <= width {
			return t
		}
	}
	return "…"
}

// wrapTwo breaks s at spaces into at most two lines that fit width; the
// second line is shortened with an ellipsis when the rest does not fit.
func wrapTwo(s string, width, size float32, style fyne.TextStyle) (string, string) {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s, ""
	}
	words := strings.Fields(s)
	n := 0
	for n < len(words) && fyne.MeasureText(strings.Join(words[:n+1], " "), size, style).Width <= width {
		n++
	}
	if n == 0 {
		return fitText(s, width, size, style), ""
	}
	return strings.Join(words[:n], " "), fitText(strings.Join(words[n:], " "), width, size, style)
}
