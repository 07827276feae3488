package offscreen

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/draw"
	"golang.org/x/image/math/fixed"
)

// MaxSide bounds each side of a capture, in pixels: a larger canvas is
// painted only up to it.
const MaxSide = 8192

// maxDepth bounds the nesting of a canvas tree: a widget whose renderer
// holds the widget itself would otherwise never end.
const maxDepth = 512

// painter paints one capture.
type painter struct {
	dst       *image.RGBA
	fonts     *fontSet
	renderers map[fyne.Widget]fyne.WidgetRenderer
	svgs      map[svgKey]*image.NRGBA
}

// paint paints c and returns the image and the renderers it made.
func paint(c *Canvas, fonts *fontSet) (*image.RGBA, map[fyne.Widget]fyne.WidgetRenderer) {
	size := c.Size()
	w := min(MaxSide, max(0, px(size.Width)))
	h := min(MaxSide, max(0, px(size.Height)))
	p := &painter{
		dst:       image.NewRGBA(image.Rect(0, 0, w, h)),
		fonts:     fonts,
		renderers: map[fyne.Widget]fyne.WidgetRenderer{},
		svgs:      map[svgKey]*image.NRGBA{},
	}
	draw.Draw(p.dst, p.dst.Bounds(), image.NewUniform(theme.Color(theme.ColorNameBackground)), image.Point{}, draw.Src)
	p.tree(c.Content(), fyne.Position{}, p.dst.Bounds(), 0)
	for _, o := range c.Overlays().List() {
		p.tree(o, fyne.Position{}, p.dst.Bounds(), 0)
	}
	return p.dst, p.renderers
}

// round rounds v to a whole pixel.
func round(v float32) float64 { return math.Round(float64(v)) }

// px converts a fyne coordinate to a pixel one, as fyne does (rounding up).
func px(v float32) int { return int(math.Ceil(float64(v))) }

// box returns the pixel rectangle of an object of size s at pos.
func box(pos fyne.Position, s fyne.Size) image.Rectangle {
	x, y := px(pos.X), px(pos.Y)
	return image.Rect(x, y, x+px(s.Width), y+px(s.Height))
}

// tree paints o, at offset from its parent's origin, and what it holds,
// inside clip.
func (p *painter) tree(o fyne.CanvasObject, offset fyne.Position, clip image.Rectangle, depth int) {
	if o == nil || !o.Visible() || depth > maxDepth || clip.Empty() {
		return
	}
	pos := offset.Add(o.Position())
	var children []fyne.CanvasObject
	clips := false
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		r := p.renderer(x)
		children = r.Objects()
		_, clips = r.(interface{ IsClip() })
	default:
		p.object(o, pos, clip)
		return
	}
	if _, ok := o.(fyne.Scrollable); ok || clips {
		clip = clip.Intersect(box(pos, o.Size()))
	}
	for _, child := range children {
		p.tree(child, pos, clip, depth+1)
	}
}

// renderer returns a fresh renderer of w, refreshed from w's state and
// laid out at w's size (fyne's own renderer of w is in a cache this package
// cannot reach). The refresh matters: some renderers take the widget's
// state only then (a selected tab's colour, for one).
func (p *painter) renderer(w fyne.Widget) fyne.WidgetRenderer {
	if r, ok := p.renderers[w]; ok { // the same widget twice in one tree
		return r
	}
	r := w.CreateRenderer()
	r.Refresh()
	r.Layout(w.Size())
	p.renderers[w] = r
	return r
}

// object paints one canvas primitive.
func (p *painter) object(o fyne.CanvasObject, pos fyne.Position, clip image.Rectangle) {
	switch x := o.(type) {
	case *canvas.Rectangle:
		p.rectangle(x, pos, clip)
	case *canvas.Text:
		p.text(x, pos, clip)
	case *canvas.Line:
		p.line(x, pos, clip)
	case *canvas.Circle:
		p.circle(x, pos, clip)
	case *canvas.Polygon:
		p.polygon(x, pos, clip)
	case *canvas.Image:
		p.image(x, pos, clip)
	case *canvas.Raster:
		p.raster(x, pos, clip)
	case *canvas.LinearGradient:
		p.generated(x.Generate, pos, x.Size(), clip, 1)
	case *canvas.RadialGradient:
		p.generated(x.Generate, pos, x.Size(), clip, 1)
	}
}

// fill paints colour c over r ∩ clip.
func (p *painter) fill(r image.Rectangle, c color.Color, clip image.Rectangle) {
	if !visible(c) {
		return
	}
	draw.Draw(p.dst, r.Intersect(clip), image.NewUniform(c), image.Point{}, draw.Over)
}

// vectorPath adds a path to a, converting each point from canvas pixel
// coordinates with pt.
type vectorPath func(a rasterx.Adder, pt func(x, y float64) fixed.Point26_6)

// vector fills and strokes a path over the pixels r ∩ clip (r is the
// shape's box with room for its stroke), rasterising only that area.
func (p *painter) vector(r, clip image.Rectangle, fill, stroke color.Color, width float64, path vectorPath) {
	area := r.Intersect(clip)
	if area.Empty() {
		return
	}
	tmp := image.NewRGBA(image.Rect(0, 0, area.Dx(), area.Dy()))
	scanner := rasterx.NewScannerGV(area.Dx(), area.Dy(), tmp, tmp.Bounds())
	ox, oy := float64(area.Min.X), float64(area.Min.Y)
	pt := func(x, y float64) fixed.Point26_6 { return rasterx.ToFixedP(x-ox, y-oy) }
	if visible(fill) {
		f := rasterx.NewFiller(area.Dx(), area.Dy(), scanner)
		f.SetColor(fill)
		path(f, pt)
		f.Draw()
	}
	if visible(stroke) && width > 0 {
		d := rasterx.NewDasher(area.Dx(), area.Dy(), scanner)
		d.SetColor(stroke)
		d.SetStroke(fixed.Int26_6(width*64), 0, nil, nil, nil, 0, nil, 0)
		path(d, pt)
		d.Draw()
	}
	draw.Draw(p.dst, area, tmp, image.Point{}, draw.Over)
}

func visible(c color.Color) bool {
	if c == nil {
		return false
	}
	_, _, _, a := c.RGBA()
	return a > 0
}

func cornerRadius(corner, all float32) float32 {
	if corner == 0 {
		return all
	}
	return corner
}

func (p *painter) rectangle(r *canvas.Rectangle, pos fyne.Position, clip image.Rectangle) {
	size := r.Size()
	if r.Aspect > 0 && size.Width > 0 && size.Height > 0 {
		if frame := size.Width / size.Height; frame > r.Aspect {
			w := size.Height * r.Aspect
			pos.X += (size.Width - w) / 2
			size.Width = w
		} else if frame < r.Aspect {
			h := size.Width / r.Aspect
			pos.Y += (size.Height - h) / 2
			size.Height = h
		}
	}
	limit := min(size.Width, size.Height) / 2
	tl := min(limit, cornerRadius(r.TopLeftCornerRadius, r.CornerRadius))
	tr := min(limit, cornerRadius(r.TopRightCornerRadius, r.CornerRadius))
	br := min(limit, cornerRadius(r.BottomRightCornerRadius, r.CornerRadius))
	bl := min(limit, cornerRadius(r.BottomLeftCornerRadius, r.CornerRadius))
	stroked := visible(r.StrokeColor) && r.StrokeWidth > 0
	if !stroked && tl <= 0 && tr <= 0 && br <= 0 && bl <= 0 {
		p.fill(box(pos, size), r.FillColor, clip)
		return
	}
	pad := float32(0)
	if stroked {
		pad = r.StrokeWidth + 2
	}
	// As fyne's painters: whole pixels for the size, the stroke and the radii.
	bounds := box(pos.SubtractXY(pad, pad), size.AddWidthHeight(2*pad, 2*pad))
	x0, y0 := float64(px(pos.X)), float64(px(pos.Y))
	x1, y1 := x0+round(size.Width), y0+round(size.Height)
	p.vector(bounds, clip, r.FillColor, r.StrokeColor, round(r.StrokeWidth), func(a rasterx.Adder, pt func(x, y float64) fixed.Point26_6) {
		roundedRect(a, pt, x0, y0, x1, y1, round(tl), round(tr), round(br), round(bl))
	})
}

// kappa places the control points of a cubic Bézier quarter circle.
const kappa = 0.55228

// roundedRect adds a closed rectangle path with a radius per corner.
func roundedRect(a rasterx.Adder, pt func(x, y float64) fixed.Point26_6, x0, y0, x1, y1, tl, tr, br, bl float64) {
	c := func(r float64) float64 { return r * (1 - kappa) }
	a.Start(pt(x0, y0+tl))
	if tl > 0 {
		a.CubeBezier(pt(x0, y0+c(tl)), pt(x0+c(tl), y0), pt(x0+tl, y0))
	}
	a.Line(pt(x1-tr, y0))
	if tr > 0 {
		a.CubeBezier(pt(x1-c(tr), y0), pt(x1, y0+c(tr)), pt(x1, y0+tr))
	}
	a.Line(pt(x1, y1-br))
	if br > 0 {
		a.CubeBezier(pt(x1, y1-c(br)), pt(x1-c(br), y1), pt(x1-br, y1))
	}
	a.Line(pt(x0+bl, y1))
	if bl > 0 {
		a.CubeBezier(pt(x0+c(bl), y1), pt(x0, y1-c(bl)), pt(x0, y1-bl))
	}
	a.Stop(true)
}

func (p *painter) circle(c *canvas.Circle, pos fyne.Position, clip image.Rectangle) {
	size := c.Size()
	pad := float32(1)
	if visible(c.StrokeColor) && c.StrokeWidth > 0 {
		pad = c.StrokeWidth + 2
	}
	bounds := box(pos.SubtractXY(pad, pad), size.AddWidthHeight(2*pad, 2*pad))
	// As fyne's painters: the centre on a whole pixel of the padded box.
	cx := float64(bounds.Min.X + int(round(size.Width+2*pad))/2)
	cy := float64(bounds.Min.Y + int(round(size.Height+2*pad))/2)
	r := round(min(size.Width, size.Height) / 2)
	p.vector(bounds, clip, c.FillColor, c.StrokeColor, round(c.StrokeWidth), func(a rasterx.Adder, pt func(x, y float64) fixed.Point26_6) {
		// rasterx.AddCircle takes plain coordinates: give it the adder's own.
		o := pt(cx, cy)
		rasterx.AddCircle(float64(o.X)/64, float64(o.Y)/64, r, a)
	})
}

func (p *painter) line(l *canvas.Line, pos fyne.Position, clip image.Rectangle) {
	width := round(l.StrokeWidth)
	if width < 1 {
		width = 1 // as fyne's software painter: no fading of thin lines
	}
	pad := float32(width) + 2
	size := l.Size()
	bounds := box(pos.SubtractXY(pad, pad), size.AddWidthHeight(2*pad, 2*pad))
	// Position1/2 are relative to the line's parent, as is Position(); as
	// fyne's painters, the ends are on whole pixels of the padded box.
	at := l.Position()
	end := func(p fyne.Position) (float64, float64) {
		return float64(bounds.Min.X) + round(p.X-at.X+pad), float64(bounds.Min.Y) + round(p.Y-at.Y+pad)
	}
	x1, y1 := end(l.Position1)
	x2, y2 := end(l.Position2)
	if width <= 1.5 { // centre a hair line on a pixel
		if x1 == x2 {
			x1, x2 = x1-0.5, x2-0.5
		}
		if y1 == y2 {
			y1, y2 = y1-0.5, y2-0.5
		}
	}
	p.vector(bounds, clip, nil, l.StrokeColor, width, func(a rasterx.Adder, pt func(x, y float64) fixed.Point26_6) {
		a.Start(pt(x1, y1))
		a.Line(pt(x2, y2))
		a.Stop(false)
	})
}

func (p *painter) polygon(g *canvas.Polygon, pos fyne.Position, clip image.Rectangle) {
	if g.Sides < 3 {
		return
	}
	size := g.Size()
	pad := float32(1)
	if visible(g.StrokeColor) && g.StrokeWidth > 0 {
		pad = g.StrokeWidth + 2
	}
	bounds := box(pos.SubtractXY(pad, pad), size.AddWidthHeight(2*pad, 2*pad))
	cx := float64(px(pos.X)) + float64(size.Width)/2
	cy := float64(px(pos.Y)) + float64(size.Height)/2
	r := float64(min(size.Width, size.Height)) / 2
	rot := float64(g.Angle)*math.Pi/180 - math.Pi/2
	step := 2 * math.Pi / float64(g.Sides)
	p.vector(bounds, clip, g.FillColor, g.StrokeColor, float64(g.StrokeWidth), func(a rasterx.Adder, pt func(x, y float64) fixed.Point26_6) {
		a.Start(pt(cx+r*math.Cos(rot), cy+r*math.Sin(rot)))
		for i := 1; i < int(g.Sides); i++ {
			t := rot + step*float64(i)
			a.Line(pt(cx+r*math.Cos(t), cy+r*math.Sin(t)))
		}
		a.Stop(true)
	})
}

func (p *painter) text(t *canvas.Text, pos fyne.Position, clip image.Rectangle) {
	if t.Text == "" {
		return
	}
	ms := t.MinSize()
	pad := float32(0)
	if t.TextStyle.Italic {
		pad = t.TextSize / 5 // a 20% lean must not be cut off
	}
	size := t.Size()
	var dx, dy float32
	switch t.Alignment {
	case fyne.TextAlignTrailing:
		dx = size.Width - ms.Width
	case fyne.TextAlignCenter:
		dx = (size.Width - ms.Width) / 2
	}
	if size.Height > ms.Height {
		dy = (size.Height - ms.Height) / 2
	}
	x, y := px(pos.X+dx), px(pos.Y+dy)
	r := image.Rect(x, y, x+px(ms.Width+pad), y+px(ms.Height))
	area := r.Intersect(clip)
	if area.Empty() {
		return
	}
	c := t.Color
	if c == nil {
		c = theme.Color(theme.ColorNameForeground)
	}
	// Draw only the visible part: a long text in a scroll stays cheap.
	tmp := image.NewRGBA(image.Rect(0, 0, area.Dx(), area.Dy()))
	p.fonts.draw(tmp, image.Pt(r.Min.X-area.Min.X, r.Min.Y-area.Min.Y), t.Text, c, t.TextSize, t.TextStyle, t.FontSource)
	draw.Draw(p.dst, area, tmp, image.Point{}, draw.Over)
}

func (p *painter) raster(r *canvas.Raster, pos fyne.Position, clip image.Rectangle) {
	if r.Generator == nil {
		return
	}
	p.generatedScaled(r.Generator, pos, r.Size(), clip, 1-r.Translucency, r.ScaleMode)
}

// generated paints the image gen makes at the object's pixel size.
func (p *painter) generated(gen func(w, h int) image.Image, pos fyne.Position, size fyne.Size, clip image.Rectangle, alpha float64) {
	p.generatedScaled(gen, pos, size, clip, alpha, canvas.ImageScaleSmooth)
}

func (p *painter) generatedScaled(gen func(w, h int) image.Image, pos fyne.Position, size fyne.Size, clip image.Rectangle, alpha float64, mode canvas.ImageScale) {
	r := box(pos, size)
	if r.Empty() || r.Intersect(clip).Empty() {
		return
	}
	if r.Dx() > MaxSide || r.Dy() > MaxSide { // the generator would make it whole
		fyne.LogError(fmt.Sprintf("offscreen: a raster of %dx%d is too large to draw", r.Dx(), r.Dy()), nil)
		return
	}
	img := gen(r.Dx(), r.Dy())
	if img == nil {
		return
	}
	p.pixels(img, r, clip, alpha, mode, 0)
}

// pixels draws img scaled to r, inside clip, with alpha and rounded
// corners. Only the visible part of r is scaled: a huge image object in a
// scroll costs no more than the canvas.
func (p *painter) pixels(img image.Image, r, clip image.Rectangle, alpha float64, mode canvas.ImageScale, radius float32) {
	area := r.Intersect(clip)
	if area.Empty() || alpha <= 0 {
		return
	}
	src, sp := img, img.Bounds().Min.Add(area.Min.Sub(r.Min))
	if b := img.Bounds(); b.Dx() != r.Dx() || b.Dy() != r.Dy() || radius > 0.5 {
		scaled := image.NewRGBA(area)
		scaler(mode).Scale(scaled, r, img, b, draw.Src, nil)
		if radius > 0.5 {
			roundCorners(scaled, r, float64(radius))
		}
		src, sp = scaled, area.Min
	}
	if alpha >= 1 {
		draw.Draw(p.dst, area, src, sp, draw.Over)
		return
	}
	mask := image.NewUniform(color.Alpha{A: uint8(math.Round(255 * min(alpha, 1)))})
	draw.DrawMask(p.dst, area, src, sp, mask, image.Point{}, draw.Over)
}

func scaler(mode canvas.ImageScale) draw.Scaler {
	switch mode {
	case canvas.ImageScalePixels:
		return draw.NearestNeighbor
	case canvas.ImageScaleFastest:
		return draw.ApproxBiLinear
	}
	return draw.CatmullRom
}

// roundCorners makes the corners of the rectangle r transparent outside a
// radius, in img (which holds some part of r).
func roundCorners(img *image.RGBA, r image.Rectangle, radius float64) {
	radius = min(radius, float64(min(r.Dx(), r.Dy()))/2)
	n := int(math.Ceil(radius))
	corner := func(x0, y0 int, cx, cy float64) {
		for y := y0; y < y0+n; y++ {
			for x := x0; x < x0+n; x++ {
				if !(image.Point{x, y}).In(img.Rect) {
					continue
				}
				d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
				k := min(1, max(0, radius-d+0.5))
				if k >= 1 {
					continue
				}
				i := img.PixOffset(x, y)
				for j := range 4 { // premultiplied: scale every channel
					img.Pix[i+j] = uint8(float64(img.Pix[i+j]) * k)
				}
			}
		}
	}
	x0, y0 := float64(r.Min.X), float64(r.Min.Y)
	x1, y1 := float64(r.Max.X), float64(r.Max.Y)
	corner(r.Min.X, r.Min.Y, x0+radius, y0+radius)
	corner(r.Max.X-n, r.Min.Y, x1-radius, y0+radius)
	corner(r.Min.X, r.Max.Y-n, x0+radius, y1-radius)
	corner(r.Max.X-n, r.Max.Y-n, x1-radius, y1-radius)
}
