// Package monitor owns Reelboard's preview monitor: a fyne widget in the
// picture's aspect (9:16, 1:1, 16:9...) that shows the card under the
// playhead — the linked clip's frame at the right time, or the card's
// reference image, or else a drawn pictogram of its shot kind — with the
// card's on-screen text where it will appear and, on demand, the parts of
// the picture a platform's interface covers (its safe zones).
//
// The widget only shows. Pictures come from the window through two hooks,
// FrameSource (an ffmpeg frame grab) and ImageSource (a reference image),
// called off the fyne goroutine and cached. All methods must be called on
// the fyne goroutine.
package monitor

import (
	"container/list"
	"fmt"
	"image"
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
)

var _ fyne.Widget = (*Monitor)(nil)

// FrameSource returns the frame of the media file at path at time at from
// the file's start (the card's in-point plus the time into the card). It is
// called off the fyne goroutine; an error shows the card without it.
type FrameSource func(path string, at storyboard.Time) (image.Image, error)

// ImageSource returns the reference image at path (as the card stores it).
// It is called off the fyne goroutine.
type ImageSource func(path string) (image.Image, error)

// cacheSize is how many pictures the monitor keeps: a few seconds of
// scrubbing through linked clips at the project's rate.
const cacheSize = 96

// Monitor is the preview monitor widget.
type Monitor struct {
	widget.BaseWidget

	// Frames grabs frames of linked clips; nil shows no clip frames.
	Frames FrameSource
	// Images loads reference images; nil shows no reference images.
	Images ImageSource
	// OnSafeZonesChanged is called when the safe-zones toggle is changed
	// by the user, for the window to remember.
	OnSafeZonesChanged func(on bool)
	// Async runs the loading of a picture off the fyne goroutine, the
	// result coming back with fyne.Do; nil starts a goroutine. The window
	// gives its own runner (inline under fyne's test driver, where fyne.Do
	// runs on the caller's goroutine).
	Async func(func())

	aspect   storyboard.Aspect
	rate     storyboard.Rate
	platform string
	safe     bool

	card   storyboard.Card
	has    bool
	number int             // the card's number, from 1
	kind   string          // its shot kind's name, translated
	into   storyboard.Time // the time into the card

	pic      image.Image
	picKey   key
	cache    map[key]*list.Element
	lru      *list.List
	inFlight bool
	pending  *key

	check *widget.Check
}

// key identifies a picture: a clip's frame (at >= 0) or a reference image
// (at < 0).
type key struct {
	path string
	at   storyboard.Time
}

type entry struct {
	k   key
	img image.Image // nil when it could not be read
}

// goAsync runs the loading of a picture; tests make it synchronous.
var goAsync = func(f func()) { go f() }

// New returns a monitor for a 9:16 picture at 30 fps, showing nothing.
func New() *Monitor {
	m := &Monitor{
		aspect: storyboard.Aspect{W: 9, H: 16},
		rate:   storyboard.Rate30,
		cache:  map[key]*list.Element{},
		lru:    list.New(),
	}
	m.check = widget.NewCheck("", func(on bool) {
		if on == m.safe {
			return
		}
		m.safe = on
		m.Refresh()
		if m.OnSafeZonesChanged != nil {
			m.OnSafeZonesChanged(on)
		}
	})
	m.ExtendBaseWidget(m)
	m.syncCheck()
	return m
}

// SetFormat sets the picture's aspect, the frame rate clip frames are taken
// at, and the platform (a storyboard.Platforms ID) whose safe zones the
// toggle shows.
func (m *Monitor) SetFormat(aspect storyboard.Aspect, rate storyboard.Rate, platform string) {
	if aspect == m.aspect && rate == m.rate && platform == m.platform {
		return
	}
	if aspect.W > 0 && aspect.H > 0 {
		m.aspect = aspect
	}
	if rate.Valid() {
		m.rate = rate
	}
	m.platform = platform
	m.syncCheck()
	m.Refresh()
}

// SetSafeZones shows or hides the platform's safe zones. It does not call
// OnSafeZonesChanged.
func (m *Monitor) SetSafeZones(on bool) {
	m.safe = on
	m.syncCheck()
	m.Refresh()
}

// SafeZones reports whether the safe zones are shown (when the platform has
// any).
func (m *Monitor) SafeZones() bool { return m.safe }

func (m *Monitor) syncCheck() {
	z, ok := SafeZoneFor(m.platform)
	label := lang.X("monitor.safe_zones", "Safe zones")
	if ok {
		label = lang.X("monitor.safe_zones_of", "Safe zones: {{.Platform}}", map[string]any{"Platform": z.Name})
	}
	m.check.Text = label
	m.check.Checked = m.safe && ok
	if ok {
		m.check.Enable()
	} else {
		m.check.Disable()
	}
	m.check.Refresh()
}

// ShowCard shows card c, the index-th card of the reel (from 0), at time into
// it; kindName is its shot kind's name as the window shows it. Call it as
// the playhead moves, the user scrubs or the selection changes: showing the
// same picture again costs nothing.
func (m *Monitor) ShowCard(c storyboard.Card, index int, kindName string, into storyboard.Time) {
	m.card, m.has, m.number, m.kind, m.into = c.Clone(), true, index+1, kindName, max(into, 0)
	m.request()
	m.Refresh()
}

// ShowAt shows the card of p playing at reel time at (the playhead), in
// p's aspect, rate and platform; before the first card it shows the first,
// past the last card the last, and nothing for a project without cards.
func (m *Monitor) ShowAt(p *storyboard.Project, at storyboard.Time) {
	if p == nil || len(p.Cards) == 0 {
		m.Clear()
		return
	}
	if p.Aspect != m.aspect || p.Rate != m.rate || p.Platform != m.platform {
		m.SetFormat(p.Aspect, p.Rate, p.Platform)
	}
	var start storyboard.Time
	i := 0
	for ; i < len(p.Cards)-1; i++ {
		if at < start+p.Cards[i].Duration {
			break
		}
		start += p.Cards[i].Duration
	}
	c := p.Cards[i]
	name := string(c.Kind)
	if info, ok := storyboard.KindInfo(c.Kind); ok {
		name = lang.X("kind."+string(c.Kind), info.Name)
	}
	m.ShowCard(c, i, name, min(max(at-start, 0), c.Duration))
}

// Clear shows no card.
func (m *Monitor) Clear() {
	m.has, m.pic, m.picKey = false, nil, key{}
	m.Refresh()
}

// Picture returns the picture shown now: a clip frame or a reference
// image, nil when the pictogram is drawn.
func (m *Monitor) Picture() image.Image { return m.pic }

// wanted returns the picture the card should show, in order of preference:
// the linked clip's frame, the reference image.
func (m *Monitor) wanted() []key {
	var ks []key
	if med := m.card.Media; med != nil && med.Path != "" && m.Frames != nil {
		at := m.rate.SnapToFrame(med.In + m.into)
		ks = append(ks, key{med.Path, at})
	}
	if m.card.Image != "" && m.Images != nil {
		ks = append(ks, key{m.card.Image, -1})
	}
	return ks
}

// request shows the best picture already cached and loads the first one
// preferred to it that is not cached yet: a cached reference image stands
// in while the clip's frame loads.
func (m *Monitor) request() {
	m.pic, m.picKey = nil, key{}
	loading := false
	for _, k := range m.wanted() {
		e, ok := m.cache[k]
		if !ok {
			if loading {
				continue
			}
			loading = true
			m.load(k)
			if e, ok = m.cache[k]; !ok {
				continue // loading in the background
			}
		}
		m.lru.MoveToFront(e)
		if img := e.Value.(*entry).img; img != nil {
			m.pic, m.picKey = img, k
			return
		}
	}
}

// load fetches k off the fyne goroutine, one at a time; while one is in
// flight only the latest request waits.
func (m *Monitor) load(k key) {
	if m.inFlight {
		m.pending = &k
		return
	}
	m.inFlight = true
	frames, images := m.Frames, m.Images
	run := m.Async
	if run == nil {
		run = goAsync
	}
	run(func() {
		var img image.Image
		var err error
		if k.at >= 0 {
			img, err = frames(k.path, k.at)
		} else {
			img, err = images(k.path)
		}
		if err != nil {
			img = nil
		}
		fyne.Do(func() { m.loaded(k, img) })
	})
}

// loaded stores a loaded picture and shows it when it is still wanted.
func (m *Monitor) loaded(k key, img image.Image) {
	m.inFlight = false
	if _, ok := m.cache[k]; !ok {
		m.cache[k] = m.lru.PushFront(&entry{k, img})
		for m.lru.Len() > cacheSize {
			old := m.lru.Back()
			delete(m.cache, old.Value.(*entry).k)
			m.lru.Remove(old)
		}
	}
	if p := m.pending; p != nil {
		m.pending = nil
		if _, ok := m.cache[*p]; !ok {
			m.load(*p)
		}
	}
	if m.has {
		before := m.picKey
		m.request()
		if m.picKey != before {
			m.Refresh()
		}
	}
}

// CreateRenderer returns the monitor's renderer.
func (m *Monitor) CreateRenderer() fyne.WidgetRenderer {
	m.ExtendBaseWidget(m)
	r := &renderer{
		m:       m,
		bg:      &canvas.Rectangle{},
		frame:   &canvas.Rectangle{},
		img:     &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth},
		kind:    &canvas.Text{Alignment: fyne.TextAlignCenter},
		caption: &canvas.Text{},
		clock:   &canvas.Text{},
		safeBox: &canvas.Rectangle{},
		zoneTag: &canvas.Text{},
	}
	for i := range r.covers {
		r.covers[i] = &canvas.Rectangle{}
	}
	return r
}

// MinSize is room for a small picture and the toggle.
func (m *Monitor) MinSize() fyne.Size {
	m.ExtendBaseWidget(m)
	return m.BaseWidget.MinSize()
}

type renderer struct {
	m       *Monitor
	objects []fyne.CanvasObject

	bg, frame *canvas.Rectangle // the widget's and the picture's backgrounds
	img       *canvas.Image
	picto     []fyne.CanvasObject
	pictoKey  string
	kind      *canvas.Text
	caption   *canvas.Text
	clock     *canvas.Text
	lines     []*canvas.Text // the on-screen text, one per line

	captionFit, zoneFit fitCache
	wrapKey             wrapKey
	wrapped             []string
	widest              float32
	textBg              *canvas.Rectangle
	covers              [4]*canvas.Rectangle // top, bottom, left, right
	safeBox             *canvas.Rectangle
	zoneTag             *canvas.Text
}

func (r *renderer) Destroy() {}

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) MinSize() fyne.Size {
	th := r.m.Theme()
	text := th.Size(theme.SizeNameText)
	cs := r.m.check.MinSize()
	return fyne.NewSize(max(cs.Width, 8*text), 8*text+cs.Height+r.captionH())
}

func (r *renderer) captionH() float32 {
	th := r.m.Theme()
	return fyne.MeasureText("Ag", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
}

func (r *renderer) Refresh() {
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

// pictureRect returns the picture's box: the largest of the aspect that
// fits above the caption and the toggle, centred.
func (r *renderer) pictureRect(size fyne.Size) (x, y, w, h float32) {
	m := r.m
	pad := m.Theme().Size(theme.SizeNamePadding)
	availH := size.Height - m.check.MinSize().Height - r.captionH() - pad
	availW := size.Width
	ar := float32(m.aspect.W) / float32(m.aspect.H)
	w, h = availW, availW/ar
	if h > availH {
		h, w = availH, availH*ar
	}
	w, h = max(w, 0), max(h, 0)
	return (size.Width - w) / 2, 0, w, h
}

func (r *renderer) Layout(size fyne.Size) {
	m := r.m
	th := m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	pad := th.Size(theme.SizeNamePadding)
	capSize := th.Size(theme.SizeNameCaptionText)
	r.objects = r.objects[:0]

	r.bg.FillColor = th.Color(theme.ColorNameBackground, v)
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(size)
	r.bg.Refresh()
	r.objects = append(r.objects, r.bg)

	x, y, w, h := r.pictureRect(size)
	r.frame.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.frame.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.frame.StrokeWidth = th.Size(theme.SizeNameSeparatorThickness)
	r.frame.Move(fyne.NewPos(x, y))
	r.frame.Resize(fyne.NewSize(w, h))
	r.frame.Refresh()
	r.objects = append(r.objects, r.frame)

	switch {
	case m.has && m.pic != nil:
		if r.img.Image != m.pic {
			r.img.Image = m.pic
			r.img.Refresh()
		}
		r.img.Move(fyne.NewPos(x, y))
		r.img.Resize(fyne.NewSize(w, h))
		r.objects = append(r.objects, r.img)
	case m.has:
		s := 0.5 * min(w, h)
		px, py := x+(w-s)/2, y+h*pictoAt-s/2
		stroke := max(th.Size(theme.SizeNameSeparatorThickness), s/40)
		k := fmt.Sprintf("%s/%v/%v/%v/%v/%v", m.card.Kind, px, py, s, stroke, fg)
		if k != r.pictoKey {
			r.pictoKey = k
			drawPictogram(&r.picto, m.card.Kind, px, py, s, stroke, fg)
		}
		r.objects = append(r.objects, r.picto...)
		// The kind's name under the pictogram, unless the card's on-screen
		// text takes that place (the two would overprint in a small
		// monitor; the pictogram still tells the kind).
		if strings.TrimSpace(m.card.OnScreenText) == "" {
			setText(r.kind, m.kind, capSize, fg, fyne.TextStyle{})
			ks := r.kind.MinSize()
			r.kind.Move(fyne.NewPos(x+(w-ks.Width)/2, py+s+pad))
			r.objects = append(r.objects, r.kind)
		}
	}

	if m.has && strings.TrimSpace(m.card.OnScreenText) != "" {
		r.layoutOnScreenText(x, y, w, h)
	}
	if z, ok := SafeZoneFor(m.platform); ok && m.safe {
		r.layoutSafeZones(z, x, y, w, h)
	}

	// The caption under the picture: number and title, and the time into
	// the card at the right (only the clock changes during playback).
	title, clock := "", ""
	if m.has {
		title = fmt.Sprintf("%d · %s", m.number, m.card.Title)
		clock = seconds(m.into) + " / " + seconds(m.card.Duration)
	}
	setText(r.clock, clock, capSize, fg, fyne.TextStyle{Monospace: true})
	cw := r.clock.MinSize().Width
	r.clock.Move(fyne.NewPos(x+w-cw, y+h+pad/2))
	setText(r.caption, r.captionFit.fit(title, w-cw-pad, capSize), capSize, fg, fyne.TextStyle{})
	r.caption.Move(fyne.NewPos(x, y+h+pad/2))
	r.objects = append(r.objects, r.caption, r.clock)

	cs := m.check.MinSize()
	m.check.Move(fyne.NewPos(x, y+h+pad/2+r.captionH()))
	m.check.Resize(fyne.NewSize(max(w, cs.Width), cs.Height))
	r.objects = append(r.objects, m.check)
}

// layoutOnScreenText draws the card's on-screen text as a caption would
// sit: centred, wrapped to the safe width, in the lower middle of the
// picture (above the bottom safe zone when the platform has one), white on a
// dark box, sized as a share of the picture's height.
func (r *renderer) layoutOnScreenText(x, y, w, h float32) {
	m := r.m
	th := m.Theme()
	z, _ := SafeZoneFor(m.platform)
	left, right := x+w*max(z.Left, 0.06), x+w*(1-max(z.Right, 0.06))
	size := max(min(w, h)/onScreenShare, th.Size(theme.SizeNameCaptionText)*0.75)
	style := fyne.TextStyle{Bold: true}
	if k := (wrapKey{m.card.OnScreenText, right - left, size}); k != r.wrapKey {
		r.wrapKey = k
		r.wrapped = wrap(m.card.OnScreenText, right-left, size, style)
		r.widest = 0
		for _, s := range r.wrapped {
			r.widest = max(r.widest, fyne.MeasureText(s, size, style).Width)
		}
	}
	lines, widest := r.wrapped, r.widest
	for len(r.lines) < len(lines) {
		r.lines = append(r.lines, &canvas.Text{})
	}
	lh := fyne.MeasureText("Ag", size, style).Height
	total := lh * float32(len(lines))
	bottom := y + h*(1-max(z.Bottom, 0.2)) - lh/2
	top := bottom - total
	if r.textBg == nil {
		r.textBg = &canvas.Rectangle{}
	}
	pad := size / 4
	r.textBg.FillColor = color.NRGBA{0, 0, 0, 0xa0}
	r.textBg.CornerRadius = pad
	r.textBg.Move(fyne.NewPos(x+(w-widest)/2-pad, top-pad/2))
	r.textBg.Resize(fyne.NewSize(widest+2*pad, total+pad))
	r.textBg.Refresh()
	r.objects = append(r.objects, r.textBg)
	for i, s := range lines {
		tx := r.lines[i]
		setText(tx, s, size, color.White, style)
		lw := tx.MinSize().Width
		tx.Move(fyne.NewPos(x+(w-lw)/2, top+float32(i)*lh))
		r.objects = append(r.objects, tx)
	}
}

// Alpha of the covered parts of the picture, out of 255.
const coverAlpha = 0x50

// pictoAt is the height of the pictogram's centre, as a share of the
// picture's: above the middle, where the on-screen text does not go.
const pictoAt = 0.38

// withAlpha returns c with alpha a.
func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// onScreenShare is the picture's shorter side in on-screen text heights: a
// caption on a 1080-pixel-wide reel (or a 1080-pixel-high film) is usually
// about 64 pixels high.
const onScreenShare = 17

// layoutSafeZones shades the parts of the picture the platform's interface
// covers and outlines the safe area.
func (r *renderer) layoutSafeZones(z SafeZone, x, y, w, h float32) {
	m := r.m
	th := m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	warn := th.Color(theme.ColorNameWarning, v)
	shade := withAlpha(warn, coverAlpha)
	top, bottom := h*z.Top, h*z.Bottom
	left, right := w*z.Left, w*z.Right
	rects := [4][4]float32{
		{x, y, w, top},
		{x, y + h - bottom, w, bottom},
		{x, y + top, left, h - top - bottom},
		{x + w - right, y + top, right, h - top - bottom},
	}
	for i, rc := range rects {
		if rc[2] <= 0 || rc[3] <= 0 {
			continue
		}
		c := r.covers[i]
		c.FillColor = shade
		c.Move(fyne.NewPos(rc[0], rc[1]))
		c.Resize(fyne.NewSize(rc[2], rc[3]))
		c.Refresh()
		r.objects = append(r.objects, c)
	}
	r.safeBox.FillColor = color.Transparent
	r.safeBox.StrokeColor = warn
	r.safeBox.StrokeWidth = th.Size(theme.SizeNameInputBorder)
	r.safeBox.Move(fyne.NewPos(x+left, y+top))
	r.safeBox.Resize(fyne.NewSize(w-left-right, h-top-bottom))
	r.safeBox.Refresh()
	r.objects = append(r.objects, r.safeBox)

	capSize := th.Size(theme.SizeNameCaptionText)
	if r.zoneFit.in == "" || r.zoneFit.w != w || !strings.Contains(r.zoneFit.in, z.Name) {
		r.zoneFit.fit(lang.X("monitor.covered_by", "{{.Platform}} interface", map[string]any{"Platform": z.Name}), w, capSize)
	}
	setText(r.zoneTag, r.zoneFit.out, capSize, color.White, fyne.TextStyle{})
	r.zoneTag.Move(fyne.NewPos(x+th.Size(theme.SizeNamePadding), y+h-bottom+th.Size(theme.SizeNamePadding)))
	r.objects = append(r.objects, r.zoneTag)
}

func setText(tx *canvas.Text, s string, size float32, c color.Color, style fyne.TextStyle) {
	if tx.Text != s || tx.TextSize != size || tx.Color != c || tx.TextStyle != style {
		tx.Text, tx.TextSize, tx.Color, tx.TextStyle = s, size, c, style
		tx.Refresh()
		tx.Resize(tx.MinSize())
	}
}

func seconds(d storyboard.Time) string {
	return fmt.Sprintf(lang.L("%s s"), numfmt.Fixed(d.Seconds(), 2))
}

// fitCache remembers the last shortening of a text to a width.
type fitCache struct {
	in      string
	w, size float32
	out     string
}

// fit returns s, shortened with an ellipsis to fit width w.
func (c *fitCache) fit(s string, w, size float32) string {
	if c.in == s && c.w == w && c.size == size {
		return c.out
	}
	c.in, c.w, c.size, c.out = s, w, size, s
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= w {
		return s
	}
	rs := []rune(s)
	n := sort.Search(len(rs)+1, func(n int) bool {
		return fyne.MeasureText(string(rs[:n])+"…", size, fyne.TextStyle{}).Width > w
	}) - 1
	c.out = ""
	if n > 0 {
		c.out = string(rs[:n]) + "…"
	}
	return c.out
}

// wrapKey is what the on-screen text's wrapping depends on.
type wrapKey struct {
	s       string
	w, size float32
}

// wrap breaks s into lines no wider than w, at spaces (and at line breaks
// in s); a word wider than w stands on its own line.
func wrap(s string, w, size float32, style fyne.TextStyle) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if line != "" && fyne.MeasureText(try, size, style).Width > w {
				out = append(out, line)
				line = word
				continue
			}
			line = try
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Number returns the number (from 1) of the card shown, 0 when none is.
func (m *Monitor) Number() int {
	if !m.has {
		return 0
	}
	return m.number
}
