package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// cardPanel is one card of the storyboard grid: picture, title, shot kind,
// duration and act, the view a client or an operator reads.
type cardPanel struct {
	widget.BaseWidget
	card     storyboard.Card
	number   int
	selected bool
	thumb    image.Image

	OnTapped       func()
	OnDoubleTapped func()
}

var (
	_ fyne.Widget         = (*cardPanel)(nil)
	_ fyne.Tappable       = (*cardPanel)(nil)
	_ fyne.DoubleTappable = (*cardPanel)(nil)
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

func (c *cardPanel) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return c.BaseWidget.MinSize()
}

func (c *cardPanel) CreateRenderer() fyne.WidgetRenderer {
	r := &cardPanelRenderer{
		panel:     c,
		bg:        canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		frame:     canvas.NewRectangle(color.Transparent),
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
	if meta := fmt.Sprintf("%s · %s · %s", kindName(c.card.Kind), formatSeconds(c.card.Duration), actName(c.card.Act)); r.meta.Text != meta {
		r.meta.SetText(meta)
	}
	for _, o := range []fyne.CanvasObject{r.bg, r.frame, r.actBar, r.picBg, r.pic, r.picLabel, r.picLabel2, r.number, r.tag} {
		o.Refresh()
	}
}

func (r *cardPanelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.actBar, r.picBg, r.pic, r.picLabel, r.picLabel2, r.number, r.tag, r.title, r.meta, r.frame}
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

// formatSeconds formats a duration as "2.5 s".
func formatSeconds(t storyboard.Time) string {
	return fmt.Sprintf(lang.L("%.2f s"), t.Seconds())
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

	scroll *container.Scroll
	sheet  *fyne.Container    // the panels in view, laid out by sheetLayout
	shown  map[int]*cardPanel // the panels in view, by card index
	pool   []*cardPanel       // panels out of view, to reuse
	cell   fyne.Size          // a panel's minimum size
	cols   int                // columns at the last layout
	sel    map[uuid.UUID]bool // the selection the panels show
	reveal uuid.UUID          // the selected card last scrolled into view
	binds  int                // panels bound so far, to measure the work of an update
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
	g.ExtendBaseWidget(g)
	return g
}

func (g *storyGrid) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(g.scroll) }

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
	cp.thumb = nil
	if g.thumbs != nil {
		cp.thumb = g.thumbs(c)
	}
	id := c.ID
	cp.OnTapped = func() { g.ed.Select(id) }
	cp.OnDoubleTapped = func() {
		if g.onOpen != nil {
			g.onOpen(id)
		}
	}
	cp.Refresh()
}

// place puts panels on the cards in view of a sheet of size s, reusing the
// panels that scrolled out of view.
func (g *storyGrid) place(s fyne.Size) {
	p := g.ed.Project
	n := len(p.Cards)
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
	for i, cp := range g.shown {
		if i < first || i >= last {
			delete(g.shown, i)
			g.pool = append(g.pool, cp)
		}
	}
	objs := make([]fyne.CanvasObject, 0, last-first)
	for i := first; i < last; i++ {
		cp, ok := g.shown[i]
		if !ok {
			if k := len(g.pool); k > 0 {
				cp, g.pool = g.pool[k-1], g.pool[:k-1]
			} else {
				cp = newCardPanel()
			}
			g.shown[i] = cp
			cp.Resize(fyne.NewSize(w, g.cell.Height))
			g.bind(cp, i)
		}
		col, row := (i)%cols, i/cols
		cp.Move(fyne.NewPos(float32(col)*(w+pad), float32(row)*rowH))
		cp.Resize(fyne.NewSize(w, g.cell.Height))
		objs = append(objs, cp)
	}
	g.sheet.Objects = objs
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
	top := float32(i/g.cols) * (g.cell.Height + pad)
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
	rows := max(1, (len(g.ed.Project.Cards)+g.cols-1)/g.cols)
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
