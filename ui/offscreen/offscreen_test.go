package offscreen

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestMain makes an offscreen app current before any test builds a widget
// (each capture then makes its own).
func TestMain(m *testing.M) {
	NewApp("test")
	os.Exit(m.Run())
}

var (
	red   = color.NRGBA{0xff, 0, 0, 0xff}
	green = color.NRGBA{0, 0xff, 0, 0xff}
)

// capture shows content alone (unpadded) in a w×h window and captures it.
func capture(t *testing.T, content fyne.CanvasObject, w, h float32) image.Image {
	t.Helper()
	a := NewApp("test")
	win := a.NewWindow("t")
	win.SetPadded(false)
	var img image.Image
	fyne.DoAndWait(func() {
		win.SetContent(content)
		win.Resize(fyne.NewSize(w, h))
		img = win.Canvas().Capture()
	})
	if b := img.Bounds(); b.Dx() != int(w) || b.Dy() != int(h) {
		t.Fatalf("Capture() is %dx%d; want %vx%v", b.Dx(), b.Dy(), w, h)
	}
	return img
}

func same(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar>>8 == br>>8 && ag>>8 == bg>>8 && ab>>8 == bb>>8 && aa>>8 == ba>>8
}

func background() color.Color { return theme.Color(theme.ColorNameBackground) }

// count returns how many pixels of r in img satisfy ok.
func count(img image.Image, r image.Rectangle, ok func(color.Color) bool) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ok(img.At(x, y)) {
				n++
			}
		}
	}
	return n
}

func TestRectangleAtItsPosition(t *testing.T) {
	r := canvas.NewRectangle(red)
	r.Move(fyne.NewPos(10, 20))
	r.Resize(fyne.NewSize(30, 10))
	img := capture(t, container.NewWithoutLayout(r), 60, 50)
	tests := []struct {
		x, y int
		want color.Color
	}{
		{10, 20, red}, {39, 29, red}, {25, 25, red},
		{9, 20, background()}, {40, 25, background()}, {25, 19, background()}, {25, 30, background()}, {0, 0, background()},
	}
	for _, tt := range tests {
		if got := img.At(tt.x, tt.y); !same(got, tt.want) {
			t.Errorf("At(%d, %d) = %v; want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestRoundedRectangleHasRoundCorners(t *testing.T) {
	r := canvas.NewRectangle(red)
	r.CornerRadius = 10
	r.Resize(fyne.NewSize(40, 40))
	img := capture(t, container.NewWithoutLayout(r), 40, 40)
	if got := img.At(0, 0); !same(got, background()) {
		t.Errorf("corner At(0, 0) = %v; want the background", got)
	}
	if got := img.At(20, 20); !same(got, red) {
		t.Errorf("centre At(20, 20) = %v; want red", got)
	}
	if got := img.At(0, 20); !same(got, red) {
		t.Errorf("edge At(0, 20) = %v; want red", got)
	}
}

func TestStrokedRectangle(t *testing.T) {
	r := &canvas.Rectangle{FillColor: color.Transparent, StrokeColor: red, StrokeWidth: 2}
	r.Move(fyne.NewPos(10, 10))
	r.Resize(fyne.NewSize(20, 20))
	img := capture(t, container.NewWithoutLayout(r), 40, 40)
	if got := img.At(20, 10); !same(got, red) {
		t.Errorf("top edge At(20, 10) = %v; want red", got)
	}
	if got := img.At(20, 20); !same(got, background()) {
		t.Errorf("inside At(20, 20) = %v; want the background (no fill)", got)
	}
}

func TestTextDrawsInsideItsMeasuredBox(t *testing.T) {
	txt := canvas.NewText("Hello, мир", red)
	txt.TextSize = 20
	txt.Move(fyne.NewPos(5, 7))
	img := capture(t, container.NewWithoutLayout(txt), 200, 60)
	min := txt.MinSize()
	if min.Width < 50 || min.Height < 15 {
		t.Fatalf("MinSize() = %v; want a real measure", min)
	}
	inside := image.Rect(5, 7, 5+px(min.Width), 7+px(min.Height))
	reddish := func(c color.Color) bool { r, g, _, _ := c.RGBA(); return r > 0x8000 && g < 0x4000 }
	if n := count(img, inside, reddish); n < 50 {
		t.Errorf("%d text pixels inside the measured box %v; want many", n, inside)
	}
	all := count(img, img.Bounds(), func(c color.Color) bool { return !same(c, background()) })
	near := count(img, inside.Inset(-1), func(c color.Color) bool { return !same(c, background()) })
	if all != near {
		t.Errorf("%d pixels drawn outside the measured box %v; want none", all-near, inside)
	}
}

func TestTextAlignment(t *testing.T) {
	left, right := canvas.NewText("I", red), canvas.NewText("I", green)
	right.Alignment = fyne.TextAlignTrailing
	for _, x := range []*canvas.Text{left, right} {
		x.Resize(fyne.NewSize(100, 20))
	}
	right.Move(fyne.NewPos(0, 20))
	img := capture(t, container.NewWithoutLayout(left, right), 100, 40)
	isRed := func(c color.Color) bool { r, g, _, _ := c.RGBA(); return r > 0x8000 && g < 0x4000 }
	isGreen := func(c color.Color) bool { r, g, _, _ := c.RGBA(); return g > 0x8000 && r < 0x4000 }
	if n := count(img, image.Rect(0, 0, 20, 20), isRed); n == 0 {
		t.Errorf("leading text: no red pixels at the left")
	}
	if n := count(img, image.Rect(80, 20, 100, 40), isGreen); n == 0 {
		t.Errorf("trailing text: no green pixels at the right")
	}
	if n := count(img, image.Rect(0, 20, 80, 40), isGreen); n != 0 {
		t.Errorf("trailing text: %d green pixels away from the right", n)
	}
}

func TestThemeIconTakesTheForeground(t *testing.T) {
	icon := canvas.NewImageFromResource(theme.CancelIcon())
	icon.Resize(fyne.NewSize(32, 32))
	img := capture(t, container.NewWithoutLayout(icon), 48, 48)
	fg := theme.Color(theme.ColorNameForeground)
	if n := count(img, image.Rect(0, 0, 32, 32), func(c color.Color) bool { return same(c, fg) }); n < 20 {
		t.Errorf("%d pixels of the foreground colour in the icon; want the icon drawn in it", n)
	}
	if n := count(img, image.Rect(33, 0, 48, 48), func(c color.Color) bool { return !same(c, background()) }); n != 0 {
		t.Errorf("%d pixels drawn right of the icon; want none", n)
	}
}

func TestRasterAndImage(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	src.Set(0, 0, red)
	src.Set(1, 0, green)
	im := canvas.NewImageFromImage(src)
	im.ScaleMode = canvas.ImageScalePixels
	im.Resize(fyne.NewSize(20, 10))
	ra := canvas.NewRasterWithPixels(func(x, y, w, h int) color.Color { return green })
	ra.Move(fyne.NewPos(0, 10))
	ra.Resize(fyne.NewSize(20, 10))
	img := capture(t, container.NewWithoutLayout(im, ra), 20, 20)
	for _, tt := range []struct {
		x, y int
		want color.Color
	}{{2, 5, red}, {17, 5, green}, {10, 15, green}} {
		if got := img.At(tt.x, tt.y); !same(got, tt.want) {
			t.Errorf("At(%d, %d) = %v; want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestGradientRunsBetweenItsColours(t *testing.T) {
	gr := canvas.NewHorizontalGradient(red, green)
	gr.Resize(fyne.NewSize(20, 10))
	img := capture(t, container.NewWithoutLayout(gr), 20, 10)
	for _, tt := range []struct {
		x       int
		redder  bool
		comment string
	}{{0, true, "start"}, {4, true, "first quarter"}, {15, false, "last quarter"}, {19, false, "end"}} {
		r, g, _, _ := img.At(tt.x, 5).RGBA()
		if (r > g) != tt.redder {
			t.Errorf("gradient %s At(%d, 5) = %v; want it redder: %v", tt.comment, tt.x, img.At(tt.x, 5), tt.redder)
		}
	}
}

func TestScrollClipsAndOffsets(t *testing.T) {
	top, bottom := canvas.NewRectangle(red), canvas.NewRectangle(green)
	top.SetMinSize(fyne.NewSize(40, 100))
	bottom.SetMinSize(fyne.NewSize(40, 100))
	scroll := container.NewVScroll(container.New(&column{}, top, bottom))
	scroll.Move(fyne.NewPos(0, 10))
	scroll.Resize(fyne.NewSize(40, 50))
	root := container.NewWithoutLayout(scroll)
	img := capture(t, root, 60, 100)
	if got := img.At(5, 30); !same(got, red) {
		t.Errorf("in the scroll At(5, 30) = %v; want red", got)
	}
	for _, p := range []image.Point{{5, 5}, {5, 70}, {5, 95}} {
		if got := img.At(p.X, p.Y); !same(got, background()) {
			t.Errorf("outside the scroll At(%d, %d) = %v; want the background (clipped)", p.X, p.Y, got)
		}
	}
	fyne.DoAndWait(func() { scroll.ScrollToOffset(fyne.NewPos(0, 120)) })
	win := fyne.CurrentApp().Driver().AllWindows()[0]
	var img2 image.Image
	fyne.DoAndWait(func() { img2 = win.Canvas().Capture() })
	if got := img2.At(5, 30); !same(got, green) {
		t.Errorf("scrolled by 120, At(5, 30) = %v; want green", got)
	}
}

// column stacks objects at their minimum height.
type column struct{}

func (column) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(s.Width, o.MinSize().Height))
		y += o.MinSize().Height
	}
}

func (column) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = fyne.NewSize(max(s.Width, o.MinSize().Width), s.Height+o.MinSize().Height)
	}
	return s
}

func TestWidgetsDraw(t *testing.T) {
	label := widget.NewLabel("Reelboard")
	check := widget.NewCheck("Snap", nil)
	check.SetChecked(true)
	img := capture(t, container.NewVBox(label, check, widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), nil)), 200, 150)
	fg := theme.Color(theme.ColorNameForeground)
	near := func(c color.Color) bool { // antialiased foreground
		r, g, b, _ := c.RGBA()
		fr, fgg, fb, _ := fg.RGBA()
		return absDiff(r, fr) < 0x3000 && absDiff(g, fgg) < 0x3000 && absDiff(b, fb) < 0x3000
	}
	if n := count(img, image.Rect(0, 0, 200, px(label.MinSize().Height)), near); n < 30 {
		t.Errorf("label: %d foreground pixels; want its text", n)
	}
	primary := theme.Color(theme.ColorNamePrimary)
	if n := count(img, img.Bounds(), func(c color.Color) bool { return same(c, primary) }); n < 20 {
		t.Errorf("checked check: %d primary pixels; want its tick box", n)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestCaptureIsDeterministic(t *testing.T) {
	scene := func() fyne.CanvasObject {
		c := &canvas.Circle{FillColor: red, StrokeColor: green, StrokeWidth: 3}
		c.Move(fyne.NewPos(10, 10))
		c.Resize(fyne.NewSize(40, 40))
		l := canvas.NewLine(green)
		l.StrokeWidth = 2
		l.Position1, l.Position2 = fyne.NewPos(0, 60), fyne.NewPos(80, 70)
		g := canvas.NewHorizontalGradient(red, green)
		g.Move(fyne.NewPos(0, 75))
		g.Resize(fyne.NewSize(80, 5))
		return container.NewWithoutLayout(c, l, g, widget.NewLabel("déjà vu"))
	}
	var out [2][]byte
	for i := range out {
		var buf bytes.Buffer
		if err := png.Encode(&buf, capture(t, scene(), 80, 80)); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Errorf("two captures of the same scene differ")
	}
}

func TestHugeCanvasIsBounded(t *testing.T) {
	r := canvas.NewRectangle(red)
	r.Resize(fyne.NewSize(1e6, 10))
	// An image object far larger than the canvas is scaled only where seen.
	src := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	draw.Draw(src, src.Bounds(), image.NewUniform(green), image.Point{}, draw.Src)
	im := canvas.NewImageFromImage(src)
	im.CornerRadius = 8
	im.Move(fyne.NewPos(0, 10))
	im.Resize(fyne.NewSize(1e6, 1e6))
	img := capture(t, container.NewWithoutLayout(r, im), MaxSide, 20)
	if got := img.At(MaxSide-1, 5); !same(got, red) {
		t.Errorf("At(MaxSide-1, 5) = %v; want red", got)
	}
	if got := img.At(100, 15); !same(got, green) {
		t.Errorf("image At(100, 15) = %v; want green", got)
	}
	if got := img.At(0, 10); !same(got, background()) {
		t.Errorf("image's rounded corner At(0, 10) = %v; want the background", got)
	}
	a := NewApp("huge")
	w := a.NewWindow("")
	w.SetPadded(false)
	fyne.DoAndWait(func() {
		w.SetContent(canvas.NewRectangle(red))
		w.Resize(fyne.NewSize(1e6, 1e6))
		if b := w.Canvas().Capture().Bounds(); b.Dx() > MaxSide || b.Dy() > MaxSide {
			t.Errorf("Capture() of a 1e6 canvas is %v; want at most %d a side", b, MaxSide)
		}
	})
}

func TestDoFromGoroutine(t *testing.T) {
	NewApp("do")
	// A nested call runs inline instead of waiting for itself.
	ran := false
	fyne.DoAndWait(func() { fyne.DoAndWait(func() { fyne.Do(func() { ran = true }) }) })
	if !ran {
		t.Fatalf("nested fyne.Do did not run")
	}
	// Concurrent calls take turns (the race detector checks n).
	n := 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				fyne.Do(func() { n++ })
			}
		})
	}
	wg.Wait()
	if n != 800 {
		t.Errorf("n = %d after 800 increments; want 800", n)
	}
}

func TestPreferences(t *testing.T) {
	p := NewPreferences()
	changes := 0
	p.AddChangeListener(func() { changes++ })
	p.SetString("s", "x")
	p.SetInt("i", 3)
	p.SetBool("b", true)
	p.SetFloat("f", 1.5)
	p.SetStringList("sl", []string{"a", "b"})
	if got := p.String("s"); got != "x" {
		t.Errorf("String(s) = %q; want x", got)
	}
	if got := p.Int("i"); got != 3 {
		t.Errorf("Int(i) = %d; want 3", got)
	}
	if got := p.IntWithFallback("missing", 7); got != 7 {
		t.Errorf("IntWithFallback(missing, 7) = %d; want 7", got)
	}
	if got := p.StringWithFallback("i", "fb"); got != "fb" {
		t.Errorf("StringWithFallback(i) = %q; want the fallback for a key of another type", got)
	}
	if !p.Bool("b") || p.Float("f") != 1.5 {
		t.Errorf("Bool(b), Float(f) = %v, %v; want true, 1.5", p.Bool("b"), p.Float("f"))
	}
	l := p.StringList("sl")
	l[0] = "changed"
	if got := p.StringList("sl"); got[0] != "a" {
		t.Errorf("StringList(sl)[0] = %q after changing a returned copy; want a", got[0])
	}
	p.RemoveValue("s")
	if got := p.String("s"); got != "" {
		t.Errorf("String(s) = %q after RemoveValue; want empty", got)
	}
	if changes != 6 {
		t.Errorf("%d change notifications; want 6", changes)
	}
}

func TestPositionsAfterCapture(t *testing.T) {
	a := NewApp("pos")
	w := a.NewWindow("")
	w.SetPadded(false)
	spacer := canvas.NewRectangle(red)
	spacer.SetMinSize(fyne.NewSize(10, 30))
	target := canvas.NewRectangle(green)
	target.SetMinSize(fyne.NewSize(10, 10))
	// The scroll is a widget: its content is reached through its renderer.
	scroll := container.NewVScroll(container.New(&column{}, spacer, target))
	outside := canvas.NewRectangle(red)
	var pos fyne.Position
	var c fyne.Canvas
	fyne.DoAndWait(func() {
		w.SetContent(container.NewBorder(widget.NewLabel("top"), nil, nil, nil, scroll))
		w.Resize(fyne.NewSize(100, 100))
		w.Canvas().Capture()
		pos = a.Driver().AbsolutePositionForObject(target)
		c = a.Driver().CanvasForObject(target)
	})
	want := scroll.Position().AddXY(0, 30)
	if pos != want {
		t.Errorf("AbsolutePositionForObject(target) = %v; want %v", pos, want)
	}
	if c != w.Canvas() {
		t.Errorf("CanvasForObject(target) = %v; want the window's canvas", c)
	}
	if got := a.Driver().AbsolutePositionForObject(outside); got != (fyne.Position{}) {
		t.Errorf("AbsolutePositionForObject(an object in no window) = %v; want (0, 0)", got)
	}
}
