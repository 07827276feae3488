package ui

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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
	if c.selected {
		r.frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
	} else {
		r.frame.StrokeColor = color.Transparent
	}
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
	r.title.SetText(title)
	r.meta.SetText(fmt.Sprintf("%s · %s · %s", kindName(c.card.Kind), formatSeconds(c.card.Duration), actName(c.card.Act)))
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
	return fmt.Sprintf("%.2f s", t.Seconds())
}

// storyGrid shows the project's cards as panels in reading order.
type storyGrid struct {
	ed     *Editor
	thumbs func(storyboard.Card) image.Image
	panels []*cardPanel
	box    *fyne.Container
	scroll *container.Scroll
	onOpen func(uuid.UUID)
	shown  uuid.UUID // the selected card last scrolled into view
}

func newStoryGrid(ed *Editor, thumbs func(storyboard.Card) image.Image, onOpen func(uuid.UUID)) *storyGrid {
	g := &storyGrid{ed: ed, thumbs: thumbs, onOpen: onOpen}
	g.box = container.New(&fillGrid{cell: newCardPanel().MinSize()})
	g.scroll = container.NewVScroll(g.box)
	return g
}

// refresh rebuilds the panels from the project, reusing existing ones.
func (g *storyGrid) refresh() {
	p := g.ed.Project
	sel := g.ed.Selection()
	for len(g.panels) < len(p.Cards) {
		cp := newCardPanel()
		g.panels = append(g.panels, cp)
	}
	g.panels = g.panels[:len(p.Cards)]
	objs := make([]fyne.CanvasObject, len(p.Cards))
	for i, c := range p.Cards {
		cp := g.panels[i]
		cp.card = c
		cp.number = i + 1
		cp.selected = contains(sel, c.ID)
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
		objs[i] = cp
	}
	g.box.Objects = objs
	g.box.Refresh()
	if first := g.ed.Selected(); len(sel) > 0 && sel[0] != g.shown {
		g.shown = sel[0]
		g.reveal(first)
	}
}

// reveal scrolls the grid so that card i is in view.
func (g *storyGrid) reveal(i int) {
	cell := newCardPanel().MinSize()
	pad := theme.Padding()
	w := g.scroll.Size().Width
	if w <= 0 || i < 0 {
		return
	}
	cols := g.box.Layout.(*fillGrid).columns(w)
	top := float32(i/cols) * (cell.Height + pad)
	off := g.scroll.Offset
	switch {
	case top < off.Y:
		off.Y = top
	case top+cell.Height > off.Y+g.scroll.Size().Height:
		off.Y = top + cell.Height - g.scroll.Size().Height
	default:
		return
	}
	g.scroll.ScrollToOffset(off)
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

// fillGrid lays cards out in as many columns of at least cell's width as fit,
// stretching them to fill the width: no empty band on the right.
type fillGrid struct {
	cell fyne.Size
	rows int
}

func (g *fillGrid) columns(width float32) int {
	pad := theme.Padding()
	return max(1, int((width+pad)/(g.cell.Width+pad)))
}

func (g *fillGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	cols := g.columns(size.Width)
	w := max(g.cell.Width, (size.Width-float32(cols-1)*pad)/float32(cols))
	g.rows = 0
	i := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		col, row := i%cols, i/cols
		if col == 0 {
			g.rows++
		}
		o.Move(fyne.NewPos(float32(col)*(w+pad), float32(row)*(g.cell.Height+pad)))
		o.Resize(fyne.NewSize(w, g.cell.Height))
		i++
	}
}

func (g *fillGrid) MinSize([]fyne.CanvasObject) fyne.Size {
	rows := max(g.rows, 1)
	return fyne.NewSize(g.cell.Width, float32(rows)*g.cell.Height+float32(rows-1)*theme.Padding())
}
