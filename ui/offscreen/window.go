package offscreen

import (
	"image"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// window is a fyne.Window in memory. A main menu is kept but not drawn, as
// under fyne's test driver.
type window struct {
	driver *Driver
	canvas *Canvas

	mu                       sync.Mutex
	title                    string
	fullScreen, fixed        bool
	menu                     *fyne.MainMenu
	icon                     fyne.Resource
	onClosed, closeIntercept func()
	onDropped                func(fyne.Position, []fyne.URI)
}

var _ fyne.Window = (*window)(nil)

func (w *window) Title() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.title
}

func (w *window) SetTitle(t string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.title = t
}

func (w *window) FullScreen() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fullScreen
}

func (w *window) SetFullScreen(b bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.fullScreen = b
}

// Resize sets the canvas size and lays the content out.
func (w *window) Resize(s fyne.Size) { w.canvas.Resize(s) }
func (w *window) RequestFocus()      {}

func (w *window) FixedSize() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.fixed
}

func (w *window) SetFixedSize(b bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.fixed = b
}

func (w *window) CenterOnScreen()     {}
func (w *window) Padded() bool        { return w.canvas.Padded() }
func (w *window) SetPadded(b bool)    { w.canvas.SetPadded(b) }
func (w *window) SetMaster()          {}
func (w *window) Show()               {}
func (w *window) Hide()               {}
func (w *window) ShowAndRun()         {}
func (w *window) Canvas() fyne.Canvas { return w.canvas }

func (w *window) Icon() fyne.Resource {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.icon
}

func (w *window) SetIcon(r fyne.Resource) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.icon = r
}

func (w *window) MainMenu() *fyne.MainMenu {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.menu
}

func (w *window) SetMainMenu(m *fyne.MainMenu) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.menu = m
}

func (w *window) SetOnClosed(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.onClosed = f
}

func (w *window) SetCloseIntercept(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closeIntercept = f
}

func (w *window) SetOnDropped(f func(fyne.Position, []fyne.URI)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.onDropped = f
}

// Close closes the window (a close intercept is for the user's close,
// which never comes offscreen).
func (w *window) Close() {
	w.mu.Lock()
	f := w.onClosed
	w.mu.Unlock()
	if f != nil {
		f()
	}
	w.driver.removeWindow(w)
}

func (w *window) Content() fyne.CanvasObject     { return w.canvas.Content() }
func (w *window) SetContent(o fyne.CanvasObject) { w.canvas.SetContent(o) }
func (w *window) Clipboard() fyne.Clipboard {
	if a, ok := fyne.CurrentApp().(*App); ok {
		return a.Clipboard()
	}
	return &Clipboard{}
}

// Canvas is the canvas of an offscreen window: a size, a content, an
// overlay stack, a focus, and a painter in Capture.
type Canvas struct {
	fyne.ShortcutHandler
	driver *Driver

	mu          sync.Mutex
	size        fyne.Size
	resized     bool
	padded      bool
	content     fyne.CanvasObject
	overlays    overlayStack
	focused     fyne.Focusable
	onTypedRune func(rune)
	onTypedKey  func(*fyne.KeyEvent)
	// renderers are those of the last capture, by widget: the tree walks
	// between captures go through them.
	renderers map[fyne.Widget]fyne.WidgetRenderer
}

var _ fyne.Canvas = (*Canvas)(nil)

func newCanvas(d *Driver) *Canvas {
	c := &Canvas{driver: d, padded: true, size: fyne.NewSize(100, 100)}
	c.overlays.canvas = c
	return c
}

func (c *Canvas) Content() fyne.CanvasObject {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.content
}

// SetContent sets the content and lays it out at the canvas size (at least
// the content's minimum size until the canvas is resized).
func (c *Canvas) SetContent(o fyne.CanvasObject) {
	c.mu.Lock()
	c.content = o
	c.focused = nil
	resized, padded, size := c.resized, c.padded, c.size
	c.mu.Unlock()
	if o == nil {
		return
	}
	ms := o.MinSize()
	if padded {
		ms = ms.Add(fyne.NewSquareSize(2 * theme.Padding()))
	}
	if resized {
		c.layout(size.Max(ms))
	} else {
		c.layout(ms)
	}
}

// Refresh does nothing: the canvas is painted afresh on every capture.
func (c *Canvas) Refresh(fyne.CanvasObject) {}

// Focus gives the keyboard focus to f.
func (c *Canvas) Focus(f fyne.Focusable) {
	c.mu.Lock()
	old := c.focused
	if old == f {
		c.mu.Unlock()
		return
	}
	c.focused = f
	c.mu.Unlock()
	if old != nil {
		old.FocusLost()
	}
	if f != nil {
		f.FocusGained()
	}
}

// FocusNext moves the focus to the next focusable object of the top
// overlay, or of the content.
func (c *Canvas) FocusNext() { c.moveFocus(1) }

// FocusPrevious moves the focus to the previous focusable object.
func (c *Canvas) FocusPrevious() { c.moveFocus(-1) }

func (c *Canvas) moveFocus(step int) {
	root := c.Overlays().Top()
	if root == nil {
		root = c.Content()
	}
	if root == nil {
		return
	}
	var all []fyne.Focusable
	c.walk(root, func(o fyne.CanvasObject, _ fyne.Position) bool {
		if f, ok := o.(fyne.Focusable); ok {
			if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
				all = append(all, f)
			}
		}
		return false
	})
	if len(all) == 0 {
		return
	}
	i := slices.Index(all, c.Focused())
	switch {
	case i < 0 && step > 0:
		i = 0
	case i < 0:
		i = len(all) - 1
	default:
		i = (i + step + len(all)) % len(all)
	}
	c.Focus(all[i])
}

func (c *Canvas) Unfocus() { c.Focus(nil) }

func (c *Canvas) Focused() fyne.Focusable {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.focused
}

func (c *Canvas) Size() fyne.Size {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

// Scale is 1: a capture has one pixel per fyne unit.
func (c *Canvas) Scale() float32 { return 1 }

func (c *Canvas) Overlays() fyne.OverlayStack { return &c.overlays }

func (c *Canvas) OnTypedRune() func(rune) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.onTypedRune
}

func (c *Canvas) SetOnTypedRune(f func(rune)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onTypedRune = f
}

func (c *Canvas) OnTypedKey() func(*fyne.KeyEvent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.onTypedKey
}

func (c *Canvas) SetOnTypedKey(f func(*fyne.KeyEvent)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onTypedKey = f
}

// PixelCoordinateForPosition is the position itself, at scale 1.
func (c *Canvas) PixelCoordinateForPosition(p fyne.Position) (int, int) {
	return int(p.X), int(p.Y)
}

// InteractiveArea is the whole canvas.
func (c *Canvas) InteractiveArea() (fyne.Position, fyne.Size) { return fyne.Position{}, c.Size() }

// Padded reports whether the content is inset by the theme's padding.
func (c *Canvas) Padded() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.padded
}

// SetPadded sets whether the content is inset by the theme's padding.
func (c *Canvas) SetPadded(b bool) {
	c.mu.Lock()
	c.padded = b
	size := c.size
	c.mu.Unlock()
	c.layout(size)
}

// Resize sets the canvas size and lays out the content and the overlays.
func (c *Canvas) Resize(s fyne.Size) {
	c.mu.Lock()
	c.resized = true
	c.mu.Unlock()
	c.layout(s)
}

func (c *Canvas) layout(s fyne.Size) {
	c.mu.Lock()
	c.size = s
	content, padded := c.content, c.padded
	c.mu.Unlock()
	for _, o := range c.overlays.List() {
		// A pop-up places itself on a refresh; other overlays cover the canvas.
		if _, ok := o.(interface{ ShowAtPosition(fyne.Position) }); ok {
			o.Refresh()
		} else {
			o.Resize(s)
		}
	}
	if content == nil {
		return
	}
	if padded {
		pad := theme.Padding()
		content.Resize(s.Subtract(fyne.NewSquareSize(2 * pad)))
		content.Move(fyne.NewSquareOffsetPos(pad))
	} else {
		content.Resize(s)
		content.Move(fyne.Position{})
	}
}

// Capture paints the canvas: the theme's background, the content, then the
// overlays. Call it on the fyne goroutine (see the package comment).
func (c *Canvas) Capture() image.Image {
	img, renderers := paint(c, c.driver.fonts)
	c.mu.Lock()
	c.renderers = renderers
	c.mu.Unlock()
	return img
}

// overlayStack is the canvas's stack of overlays (pop-ups, dialogs).
type overlayStack struct {
	canvas *Canvas
	mu     sync.Mutex
	list   []fyne.CanvasObject
}

var _ fyne.OverlayStack = (*overlayStack)(nil)

func (s *overlayStack) Add(o fyne.CanvasObject) {
	if o == nil {
		return
	}
	s.mu.Lock()
	s.list = append(s.list, o)
	s.mu.Unlock()
}

func (s *overlayStack) List() []fyne.CanvasObject {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.list)
}

// Remove removes o and every overlay above it.
func (s *overlayStack) Remove(o fyne.CanvasObject) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i := slices.Index(s.list, o); i >= 0 {
		clear(s.list[i:])
		s.list = s.list[:i]
	}
}

func (s *overlayStack) Top() fyne.CanvasObject {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.list) == 0 {
		return nil
	}
	return s.list[len(s.list)-1]
}
