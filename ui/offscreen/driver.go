package offscreen

import (
	"bytes"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Driver is the fyne.Driver of an offscreen App.
type Driver struct {
	// do serialises the functions given to fyne.Do and fyne.DoAndWait;
	// owner is the goroutine running one (0 for none), so that a nested
	// call runs inline instead of waiting for itself.
	do    sync.Mutex
	owner atomic.Uint64

	mu      sync.Mutex
	windows []*window

	fonts *fontSet
}

var _ fyne.Driver = (*Driver)(nil)

func newDriver() *Driver { return &Driver{fonts: newFontSet()} }

// CreateWindow returns a new window with an empty canvas of 100×100.
func (d *Driver) CreateWindow(title string) fyne.Window {
	w := &window{driver: d, title: title}
	w.canvas = newCanvas(d)
	d.mu.Lock()
	d.windows = append(d.windows, w)
	d.mu.Unlock()
	return w
}

// AllWindows returns the windows not closed, first created first.
func (d *Driver) AllWindows() []fyne.Window {
	d.mu.Lock()
	defer d.mu.Unlock()
	ws := make([]fyne.Window, len(d.windows))
	for i, w := range d.windows {
		ws[i] = w
	}
	return ws
}

func (d *Driver) removeWindow(w *window) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if i := slices.Index(d.windows, w); i >= 0 {
		d.windows = slices.Delete(d.windows, i, i+1)
	}
}

func (d *Driver) canvases() []*Canvas {
	d.mu.Lock()
	defer d.mu.Unlock()
	cs := make([]*Canvas, len(d.windows))
	for i, w := range d.windows {
		cs[i] = w.canvas
	}
	return cs
}

// RenderedTextSize measures text with the faces the painter draws it with.
func (d *Driver) RenderedTextSize(text string, size float32, style fyne.TextStyle, source fyne.Resource) (fyne.Size, float32) {
	return d.fonts.measure(text, size, style, source)
}

// CanvasForObject returns the canvas of the window holding o. With one
// window it is that window's; with several, the one whose tree holds o
// (through containers, and through widgets once captured), else the newest,
// as fyne's test driver answers.
func (d *Driver) CanvasForObject(o fyne.CanvasObject) fyne.Canvas {
	cs := d.canvases()
	switch len(cs) {
	case 0:
		return nil
	case 1:
		return cs[0]
	}
	for _, c := range cs {
		if _, ok := c.positionOf(o); ok {
			return c
		}
	}
	return cs[len(cs)-1]
}

// AbsolutePositionForObject returns where o is on its canvas, (0, 0) when
// it is not found (objects inside a widget are found once the canvas has
// been captured, as their renderer is then known).
func (d *Driver) AbsolutePositionForObject(o fyne.CanvasObject) fyne.Position {
	for _, c := range d.canvases() {
		if p, ok := c.positionOf(o); ok {
			return p
		}
	}
	return fyne.Position{}
}

// Device returns a desktop device with a keyboard, at scale 1.
func (d *Driver) Device() fyne.Device { return device{} }

// Run returns at once: there is no event loop.
func (d *Driver) Run() {}

// Quit closes every window.
func (d *Driver) Quit() {
	for _, w := range d.AllWindows() {
		w.Close()
	}
}

// StartAnimation jumps a to its last frame: a capture is a still.
func (d *Driver) StartAnimation(a *fyne.Animation) {
	if a != nil && a.Tick != nil {
		a.Tick(1)
	}
}

// StopAnimation does nothing: animations never run.
func (d *Driver) StopAnimation(*fyne.Animation) {}

// DoubleTapDelay is fyne's usual delay.
func (d *Driver) DoubleTapDelay() time.Duration { return 300 * time.Millisecond }

// SetDisableScreenBlanking does nothing: there is no screen.
func (d *Driver) SetDisableScreenBlanking(bool) {}

// DoFromGoroutine runs fn on the calling goroutine while no other fyne.Do
// function runs; a call from inside one runs inline. It always returns
// after fn, whatever wait says.
func (d *Driver) DoFromGoroutine(fn func(), _ bool) {
	id := goroutineID()
	if id != 0 && d.owner.Load() == id {
		fn()
		return
	}
	d.do.Lock()
	d.owner.Store(id)
	defer func() {
		d.owner.Store(0)
		d.do.Unlock()
	}()
	fn()
}

// goroutineID returns the ID of the calling goroutine, from the first line
// of its stack trace ("goroutine 18 [running]:").
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}

// device is a desktop at scale 1.
type device struct{}

func (device) Orientation() fyne.DeviceOrientation      { return fyne.OrientationHorizontalLeft }
func (device) IsMobile() bool                           { return false }
func (device) IsBrowser() bool                          { return false }
func (device) HasKeyboard() bool                        { return true }
func (device) SystemScaleForWindow(fyne.Window) float32 { return 1 }
func (device) Locale() fyne.Locale                      { return "en" }
