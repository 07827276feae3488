package monitor

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/reelboard/reelboard/storyboard"
)

// A pictogram is a small vector drawing of a shot kind, in a unit square
// (0,0 top left, 1,1 bottom right), drawn with canvas lines, circles and
// rectangles in the theme's foreground colour.
type shapeKind uint8

const (
	line   shapeKind = iota // a, b: the ends
	circle                  // a: the centre, b.X: the radius
	dot                     // a filled circle
	box                     // a: top left, b: bottom right
)

type pt struct{ X, Y float32 }

type shape struct {
	kind shapeKind
	a, b pt
}

func ln(x1, y1, x2, y2 float32) shape { return shape{line, pt{x1, y1}, pt{x2, y2}} }
func ci(x, y, r float32) shape        { return shape{circle, pt{x, y}, pt{r, 0}} }
func do(x, y, r float32) shape        { return shape{dot, pt{x, y}, pt{r, 0}} }
func bx(x1, y1, x2, y2 float32) shape { return shape{box, pt{x1, y1}, pt{x2, y2}} }

// person is a standing figure whose feet are at (x, y), h tall.
func person(x, y, h float32) []shape {
	r := 0.12 * h
	neck, hip := y-h+2*r, y-0.42*h
	return []shape{
		ci(x, y-h+r, r),
		ln(x, neck, x, hip),
		ln(x, hip, x-0.16*h, y), ln(x, hip, x+0.16*h, y),
		ln(x-0.22*h, y-0.5*h, x, neck+0.08*h), ln(x, neck+0.08*h, x+0.22*h, y-0.5*h),
	}
}

// arrowHead returns the two strokes of an arrow's head at (x, y) pointing
// along (dx, dy), a unit-ish direction.
func arrowHead(x, y, dx, dy, s float32) []shape {
	return []shape{
		ln(x, y, x-s*dx+s*dy*0.6, y-s*dy-s*dx*0.6),
		ln(x, y, x-s*dx-s*dy*0.6, y-s*dy+s*dx*0.6),
	}
}

func join(parts ...[]shape) []shape {
	var out []shape
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// pictograms holds one drawing per shot kind of storyboard.ShotKinds.
var pictograms = map[storyboard.ShotKind][]shape{
	// A figure walking in through a door.
	storyboard.ShotArrival: join(
		[]shape{bx(0.58, 0.18, 0.86, 0.86), do(0.64, 0.54, 0.02)},
		person(0.36, 0.86, 0.6),
		[]shape{ln(0.06, 0.5, 0.2, 0.5)}, arrowHead(0.2, 0.5, 1, 0, 0.06),
	),
	// A lamp on a stand, with its light.
	storyboard.ShotSetup: {
		bx(0.36, 0.14, 0.6, 0.3),
		ln(0.48, 0.3, 0.48, 0.62),
		ln(0.48, 0.62, 0.3, 0.88), ln(0.48, 0.62, 0.66, 0.88), ln(0.48, 0.62, 0.48, 0.88),
		ln(0.66, 0.18, 0.84, 0.1), ln(0.66, 0.22, 0.88, 0.22), ln(0.66, 0.26, 0.84, 0.34),
	},
	// An open hand.
	storyboard.ShotHands: {
		bx(0.34, 0.46, 0.64, 0.8),
		ln(0.38, 0.46, 0.38, 0.2), ln(0.46, 0.46, 0.46, 0.14), ln(0.54, 0.46, 0.54, 0.16), ln(0.62, 0.46, 0.62, 0.24),
		ln(0.34, 0.62, 0.2, 0.44),
		ln(0.4, 0.8, 0.4, 0.92), ln(0.58, 0.8, 0.58, 0.92),
	},
	// A lens seen from the front.
	storyboard.ShotEquipment: {
		ci(0.5, 0.5, 0.34), ci(0.5, 0.5, 0.24), ci(0.5, 0.5, 0.1), do(0.44, 0.44, 0.03),
		ln(0.5, 0.16, 0.5, 0.06), ln(0.84, 0.5, 0.94, 0.5),
	},
	// A face, eyes down, brows drawn together.
	storyboard.ShotConcentration: {
		ci(0.5, 0.5, 0.34),
		do(0.38, 0.46, 0.035), do(0.62, 0.46, 0.035),
		ln(0.3, 0.36, 0.44, 0.4), ln(0.7, 0.36, 0.56, 0.4),
		ln(0.42, 0.66, 0.58, 0.66),
	},
	// A figure pointing the way.
	storyboard.ShotDirecting: join(
		person(0.3, 0.88, 0.64),
		[]shape{ln(0.3, 0.44, 0.82, 0.3)}, arrowHead(0.82, 0.3, 0.97, -0.26, 0.08),
		[]shape{ci(0.78, 0.7, 0.06), ci(0.9, 0.74, 0.05)},
	),
	// Two figures shaking hands.
	storyboard.ShotClient: join(
		person(0.28, 0.88, 0.62), person(0.72, 0.88, 0.62),
		[]shape{ln(0.42, 0.56, 0.58, 0.56)},
	),
	// A screen with a play sign.
	storyboard.ShotMonitor: {
		bx(0.12, 0.18, 0.88, 0.66),
		ln(0.44, 0.32, 0.44, 0.52), ln(0.44, 0.32, 0.6, 0.42), ln(0.44, 0.52, 0.6, 0.42),
		ln(0.5, 0.66, 0.5, 0.8), ln(0.32, 0.8, 0.68, 0.8),
	},
	// A camera from behind, looking at a wide set.
	storyboard.ShotBehindCamera: {
		bx(0.06, 0.1, 0.94, 0.4),
		ln(0.4, 0.6, 0.06, 0.4), ln(0.6, 0.6, 0.94, 0.4),
		bx(0.36, 0.6, 0.64, 0.8), ci(0.5, 0.7, 0.06),
		ln(0.5, 0.8, 0.36, 0.94), ln(0.5, 0.8, 0.64, 0.94),
	},
	// Two figures and a burst of laughter.
	storyboard.ShotCandid: join(
		person(0.3, 0.9, 0.58), person(0.66, 0.9, 0.5),
		[]shape{ln(0.46, 0.22, 0.52, 0.12), ln(0.5, 0.28, 0.6, 0.24), ln(0.42, 0.18, 0.4, 0.08)},
	),
	// A framed picture with a sparkle.
	storyboard.ShotReveal: {
		bx(0.16, 0.2, 0.84, 0.72),
		ln(0.5, 0.3, 0.5, 0.62), ln(0.34, 0.46, 0.66, 0.46),
		ln(0.42, 0.38, 0.58, 0.54), ln(0.58, 0.38, 0.42, 0.54),
		ln(0.3, 0.72, 0.22, 0.9), ln(0.7, 0.72, 0.78, 0.9),
	},
	// The team together.
	storyboard.ShotWrap: join(
		person(0.2, 0.88, 0.52), person(0.5, 0.88, 0.62), person(0.8, 0.88, 0.52),
	),
}

// pictogram draws the shapes of a shot kind into pool, laid in the square
// of side s at (x, y), and returns the objects used. Unknown kinds draw a
// film frame.
func drawPictogram(pool *[]fyne.CanvasObject, kind storyboard.ShotKind, x, y, s, stroke float32, col color.Color) []fyne.CanvasObject {
	shapes, ok := pictograms[kind]
	if !ok {
		shapes = []shape{bx(0.14, 0.24, 0.86, 0.76), ln(0.14, 0.36, 0.86, 0.36), ln(0.14, 0.64, 0.86, 0.64)}
	}
	out := (*pool)[:0]
	at := func(p pt) fyne.Position { return fyne.NewPos(x+p.X*s, y+p.Y*s) }
	for _, sh := range shapes {
		switch sh.kind {
		case line:
			l := canvas.NewLine(col)
			l.StrokeWidth = stroke
			l.Position1, l.Position2 = at(sh.a), at(sh.b)
			out = append(out, l)
		case circle, dot:
			c := &canvas.Circle{StrokeColor: col, StrokeWidth: stroke}
			if sh.kind == dot {
				c.FillColor, c.StrokeWidth = col, 0
			}
			r := sh.b.X * s
			c.Move(fyne.NewPos(x+sh.a.X*s-r, y+sh.a.Y*s-r))
			c.Resize(fyne.NewSize(2*r, 2*r))
			out = append(out, c)
		case box:
			b := &canvas.Rectangle{StrokeColor: col, StrokeWidth: stroke}
			b.Move(at(sh.a))
			b.Resize(fyne.NewSize((sh.b.X-sh.a.X)*s, (sh.b.Y-sh.a.Y)*s))
			out = append(out, b)
		}
	}
	*pool = out
	return out
}
