package offscreen

// Text is shaped with go-text's HarfBuzz port and drawn with go-text/render,
// as fyne's own painters do, so that what is measured for the layouts is
// what is painted. The shaping walk (tabs, missing glyphs) follows fyne's
// internal/painter/font.go (BSD 3-Clause, Copyright (C) 2018 Fyne.io
// developers).

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/render"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

const (
	defaultTabWidth  = 4  // spaces, when the style says none
	tabSpaceWidth    = 10 // the width of a tab's "space" for proportional text
	maxCachedMetrics = 1 << 14
)

// fontSet holds the parsed font faces and the text measures. One lock
// guards it: go-text faces keep caches that are not safe for concurrent use.
type fontSet struct {
	mu      sync.Mutex
	parsed  map[fyne.Resource]*font.Face
	faces   map[facesKey]*faceList
	metrics map[metricKey]metric
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	scanned bool              // whether system was looked for
	system  *fontscan.FontMap // the system's fonts, nil if none
}

type facesKey struct {
	first  fyne.Resource // the theme's font for the style (the theme may change)
	style  fyne.TextStyle
	source fyne.Resource
}

type metricKey struct {
	text   string
	size   float32
	style  fyne.TextStyle
	source fyne.Resource
	first  fyne.Resource
}

type metric struct {
	size     fyne.Size
	baseline float32
}

func newFontSet() *fontSet {
	return &fontSet{
		parsed:  map[fyne.Resource]*font.Face{},
		faces:   map[facesKey]*faceList{},
		metrics: map[metricKey]metric{},
	}
}

// faceList is a fallback chain: a rune is drawn with the first face that
// has it, else with a system font that has it (found as fyne's painters
// find it, and kept in the chain), else with the first face (its "missing
// glyph" box).
type faceList struct {
	set    *fontSet
	family string // the system family to look in: sans-serif or monospace
	faces  []*font.Face
}

func (l *faceList) ResolveFace(r rune) *font.Face {
	for _, f := range l.faces {
		if _, ok := f.NominalGlyph(r); ok {
			return f
		}
	}
	if f := l.set.systemFace(r, l.family); f != nil && !slices.Contains(l.faces, f) {
		l.faces = append(l.faces, f)
		return f
	}
	return l.faces[0]
}

// systemFace returns a system font of family that has r, nil if none has.
// The system fonts are scanned (and their index cached on disk by go-text,
// as for fyne's own painters) the first time a rune is missing from the
// theme's fonts.
func (s *fontSet) systemFace(r rune, family string) *font.Face {
	if !s.scanned {
		s.scanned = true
		s.system = fontscan.NewFontMap(quiet{})
		if err := s.system.UseSystemFonts(""); err != nil {
			s.system = nil
		}
	}
	if s.system == nil {
		return nil
	}
	s.system.SetQuery(fontscan.Query{Families: []string{family}})
	f := s.system.ResolveFace(r)
	if f == nil {
		return nil
	}
	if _, ok := f.NominalGlyph(r); !ok {
		return nil
	}
	return f
}

// quiet is a fontscan logger that says nothing: a missing system font is
// not worth a line on stderr.
type quiet struct{}

func (quiet) Printf(string, ...any) {}

// parse returns the face in res, nil if it is no font.
func (s *fontSet) parse(res fyne.Resource) *font.Face {
	if res == nil {
		return nil
	}
	if f, ok := s.parsed[res]; ok {
		return f
	}
	f, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		fyne.LogError("offscreen: font "+res.Name(), err)
		f = nil
	}
	s.parsed[res] = f
	return f
}

// facesFor returns the fallback chain for style (or for the font source):
// the theme's font, fyne's bundled font of the style, and the emoji font.
// Unlike fyne's painters it looks for no system font, so that a capture
// does not depend on the fonts installed.
func (s *fontSet) facesFor(style fyne.TextStyle, source fyne.Resource) *faceList {
	th := theme.Current()
	first := th.Font(style)
	if style.Symbol {
		first = th.Font(fyne.TextStyle{Symbol: true})
	}
	key := facesKey{first: first, style: style, source: source}
	if l, ok := s.faces[key]; ok {
		return l
	}
	var chain []fyne.Resource
	switch {
	case source != nil:
		chain = []fyne.Resource{source, theme.DefaultTextFont()}
	case style.Monospace:
		chain = []fyne.Resource{first, theme.DefaultTextMonospaceFont(), theme.DefaultEmojiFont()}
	case style.Bold && style.Italic:
		chain = []fyne.Resource{first, theme.DefaultTextBoldItalicFont(), theme.DefaultEmojiFont()}
	case style.Bold:
		chain = []fyne.Resource{first, theme.DefaultTextBoldFont(), theme.DefaultEmojiFont()}
	case style.Italic:
		chain = []fyne.Resource{first, theme.DefaultTextItalicFont(), theme.DefaultEmojiFont()}
	case style.Symbol:
		chain = []fyne.Resource{first, theme.DefaultSymbolFont()}
	default:
		chain = []fyne.Resource{first, theme.DefaultTextFont(), theme.DefaultEmojiFont()}
	}
	l := &faceList{set: s, family: fontscan.SansSerif}
	if style.Monospace {
		l.family = fontscan.Monospace
	}
	for _, r := range chain {
		if f := s.parse(r); f != nil && !slices.Contains(l.faces, f) {
			l.faces = append(l.faces, f)
		}
	}
	if len(l.faces) == 0 { // a broken theme font: fyne's own always parses
		l.faces = []*font.Face{s.parse(theme.DefaultTextFont())}
	}
	s.faces[key] = l
	return l
}

// measure returns the size of text and the distance from its top to its
// baseline.
func (s *fontSet) measure(text string, size float32, style fyne.TextStyle, source fyne.Resource) (fyne.Size, float32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := metricKey{text: text, size: size, style: style, source: source, first: theme.Current().Font(style)}
	if m, ok := s.metrics[key]; ok {
		return m.size, m.baseline
	}
	sz, base := s.walk(s.facesFor(style, source), text, size, style, 1, func(shaping.Output, float32) {})
	if len(s.metrics) >= maxCachedMetrics {
		clear(s.metrics)
	}
	s.metrics[key] = metric{sz, base}
	return sz, base
}

// draw draws text into dst with its top-left corner at at, one pixel a
// unit.
func (s *fontSet) draw(dst draw.Image, at image.Point, text string, c color.Color, size float32, style fyne.TextStyle, source fyne.Resource) {
	s.mu.Lock()
	defer s.mu.Unlock()
	faces := s.facesFor(style, source)
	r := render.Renderer{FontSize: size, PixScale: 1, Color: c}
	y := math.MinInt
	s.walk(faces, text, size, style, 1, func(run shaping.Output, x float32) {
		if y == math.MinInt {
			y = at.Y + int(math.Ceil(float64(fromFixed(run.LineBounds.Ascent))))
		}
		if len(run.Glyphs) == 1 && run.Glyphs[0].GlyphID == 0 {
			r.DrawStringAt(string([]rune{0xfffd}), dst, at.X+int(x), y, faces.ResolveFace(0xfffd))
			return
		}
		r.DrawShapedRunAt(run, dst, at.X+int(x), y)
	})
}

// walk shapes text run by run, calling cb with each run and its x, and
// returns the text's size and baseline.
func (s *fontSet) walk(faces *faceList, text string, size float32, style fyne.TextStyle, scale float32, cb func(shaping.Output, float32)) (fyne.Size, float32) {
	runes := []rune(strings.ReplaceAll(text, "\r", ""))
	in := shaping.Input{
		Text:      []rune{' '},
		RunStart:  0,
		RunEnd:    1,
		Direction: di.DirectionLTR,
		Face:      faces.ResolveFace(' '),
		Size:      toFixed(size),
	}
	space := s.shaper.Shape(in)
	in.Text, in.RunStart, in.RunEnd = runes, 0, len(runes)

	spaceW := scale * tabSpaceWidth
	if style.Monospace {
		spaceW = scale * fromFixed(space.Advance)
	}
	x := float32(0)
	for _, run := range s.seg.Split(in, faces) {
		from, end := run.RunStart, run.RunEnd
		pending := false
		for i, r := range run.Text[from:end] {
			if r != '\t' {
				pending = true
				continue
			}
			if pending {
				run.RunEnd = from + i
				x = s.shapeRun(run, x, scale, cb)
			}
			x = tabStop(spaceW, x, style.TabWidth)
			run.RunStart = from + i + 1
			run.RunEnd = end
			pending = false
		}
		x = s.shapeRun(run, x, scale, cb)
	}
	return fyne.NewSize(x, fromFixed(space.LineBounds.LineThickness())), fromFixed(space.LineBounds.Ascent)
}

// shapeRun shapes one run and hands it to cb, split around missing glyphs
// (drawn on their own as a replacement character), and returns the x after it.
func (s *fontSet) shapeRun(in shaping.Input, x, scale float32, cb func(shaping.Output, float32)) float32 {
	out := s.shaper.Shape(in)
	glyphs := out.Glyphs
	start := 0
	adv := fixed.I(0)
	for i, g := range glyphs {
		if g.GlyphID != 0 {
			adv += g.XAdvance
			continue
		}
		if i > start {
			out.Glyphs = glyphs[start:i]
			cb(out, x)
			x += fromFixed(adv) * scale
		}
		out.Glyphs = glyphs[i : i+1]
		cb(out, x)
		x += fromFixed(g.XAdvance) * scale
		adv = 0
		start = i + 1
	}
	if start < len(glyphs) {
		out.Glyphs = glyphs[start:]
		cb(out, x)
		x += fromFixed(adv) * scale
	}
	return x
}

func tabStop(spaceW, x float32, tabWidth int) float32 {
	if tabWidth <= 0 {
		tabWidth = defaultTabWidth
	}
	w := spaceW * float32(tabWidth)
	tabs, _ := math.Modf(float64((x + w) / w))
	return w * float32(tabs)
}

func toFixed(f float32) fixed.Int26_6   { return fixed.Int26_6(float64(f) * (1 << 6)) }
func fromFixed(i fixed.Int26_6) float32 { return float32(float64(i) / (1 << 6)) }
