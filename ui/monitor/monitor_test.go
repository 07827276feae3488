package monitor

import (
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func init() { goAsync = func(f func()) { f() } } // load pictures synchronously

// golden compares the window's picture with testdata/name.png, rewriting it
// with -update.
func golden(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name+".png")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		return
	}
	test.AssertImageMatches(t, name+".png", w.Canvas().Capture())
}

// variantTheme forces a theme variant.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.v)
}

func newTestMonitor(t *testing.T, size fyne.Size) (*Monitor, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantDark})
	m := New()
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(size)
	return m, w
}

// stripes is a test frame: vertical bands of colour, so that a frame
// shows as such in a golden image.
func stripes(w, h int, c color.NRGBA) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			p := c
			if x/(w/6)%2 == 1 {
				p = color.NRGBA{c.R / 2, c.G / 2, c.B / 2, 0xff}
			}
			img.SetNRGBA(x, y, p)
		}
	}
	return img
}

func card(kind storyboard.ShotKind) storyboard.Card {
	info, _ := storyboard.KindInfo(kind)
	return storyboard.Card{Title: info.Name, Kind: kind, Duration: 2 * storyboard.Second}
}

func TestRenderSafeZones(t *testing.T) {
	for _, platform := range []string{"instagram-reels", "tiktok", "youtube-shorts"} {
		t.Run(platform, func(t *testing.T) {
			m, w := newTestMonitor(t, fyne.NewSize(240, 480))
			m.SetFormat(storyboard.Aspect{W: 9, H: 16}, storyboard.Rate30, platform)
			m.SetSafeZones(true)
			c := card(storyboard.ShotHands)
			c.OnScreenText = "Every detail, by hand"
			m.ShowCard(c, 2, "Hands close-up", storyboard.Second/2)
			golden(t, w, "monitor/safe-"+platform)
		})
	}
}

func TestRenderPictograms(t *testing.T) {
	// Every shot kind has its own drawing.
	seen := map[string]storyboard.ShotKind{}
	for _, k := range storyboard.ShotKinds {
		shapes, ok := pictograms[k.Kind]
		if !ok || len(shapes) == 0 {
			t.Errorf("pictograms[%q] missing; want a drawing for every shot kind", k.Kind)
			continue
		}
		key := ""
		for _, s := range shapes {
			key += string(rune('0'+s.kind)) + string(rune(int(s.a.X*100))) + string(rune(int(s.a.Y*100)))
		}
		if other, dup := seen[key]; dup {
			t.Errorf("pictograms[%q] = pictograms[%q]; want distinct drawings", k.Kind, other)
		}
		seen[key] = k.Kind
	}
	// All of them at once, for a look.
	test.NewTempApp(t)
	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantLight})
	var objs []fyne.CanvasObject
	const side, gap = 96, 8
	for i, k := range storyboard.ShotKinds {
		var pool []fyne.CanvasObject
		x, y := float32(i%6)*(side+gap)+gap, float32(i/6)*(side+gap)+gap
		objs = append(objs, drawPictogram(&pool, k.Kind, x, y, side, 2, color.Black)...)
	}
	w := test.NewTempWindow(t, container.NewWithoutLayout(objs...))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(6*(side+gap)+gap, 2*(side+gap)+gap))
	golden(t, w, "monitor/pictograms")
}

func TestPicturePreference(t *testing.T) {
	m, _ := newTestMonitor(t, fyne.NewSize(180, 360))
	frame := stripes(90, 160, color.NRGBA{0x20, 0x80, 0xe0, 0xff})
	ref := stripes(90, 160, color.NRGBA{0xe0, 0x80, 0x20, 0xff})
	var grabs []storyboard.Time
	m.Frames = func(path string, at storyboard.Time) (image.Image, error) {
		if path != "clip.mov" {
			return nil, errors.New("no such clip")
		}
		grabs = append(grabs, at)
		return frame, nil
	}
	m.Images = func(path string) (image.Image, error) {
		if path != "ref.png" {
			return nil, errors.New("no such image")
		}
		return ref, nil
	}
	c := card(storyboard.ShotMonitor)

	m.ShowCard(c, 0, "Monitor", 0)
	if m.Picture() != nil {
		t.Errorf("card without picture: Picture() = %T; want nil (the pictogram)", m.Picture())
	}
	c.Image = "ref.png"
	m.ShowCard(c, 0, "Monitor", 0)
	if m.Picture() != ref {
		t.Errorf("card with a reference image: Picture() is not the reference image")
	}
	c.Media = &storyboard.MediaLink{Path: "clip.mov", In: storyboard.Second}
	m.ShowCard(c, 0, "Monitor", storyboard.Second/2)
	if m.Picture() != frame {
		t.Errorf("card with a linked clip: Picture() is not the clip's frame")
	}
	if want := storyboard.Rate30.SnapToFrame(3 * storyboard.Second / 2); len(grabs) != 1 || grabs[0] != want {
		t.Errorf("frames grabbed %v; want one at the in-point plus the time into the card, %v", grabs, want)
	}
	m.ShowCard(c, 0, "Monitor", storyboard.Second/2+storyboard.Millisecond) // the same frame at 30 fps
	if len(grabs) != 1 {
		t.Errorf("showing the same frame again grabbed %d frames; want it from the cache", len(grabs))
	}
	c.Media.Path = "missing.mov"
	m.ShowCard(c, 0, "Monitor", 0)
	if m.Picture() != ref {
		t.Errorf("clip that cannot be read: Picture() is not the reference image standing in")
	}
}

func TestSafeZoneToggle(t *testing.T) {
	m, _ := newTestMonitor(t, fyne.NewSize(180, 360))
	var got []bool
	m.OnSafeZonesChanged = func(on bool) { got = append(got, on) }
	m.SetFormat(storyboard.Aspect{W: 16, H: 9}, storyboard.Rate25, "youtube")
	if !m.check.Disabled() {
		t.Error("YouTube (16:9, no interface over the picture): safe-zones toggle enabled; want disabled")
	}
	m.SetFormat(storyboard.Aspect{W: 9, H: 16}, storyboard.Rate30, "tiktok")
	test.Tap(m.check)
	if !m.SafeZones() || !slices.Equal(got, []bool{true}) {
		t.Errorf("tap the toggle: SafeZones() = %v, OnSafeZonesChanged calls %v; want true, [true]", m.SafeZones(), got)
	}
	m.SetSafeZones(false)
	if m.check.Checked || len(got) != 1 {
		t.Errorf("SetSafeZones(false): toggle checked %v, callbacks %v; want unchecked and no new call", m.check.Checked, got)
	}
}

func TestSafeZonesCoverTheFigures(t *testing.T) {
	// Reels: Meta's 14% top, 35% bottom, 6% sides.
	z, ok := SafeZoneFor("instagram-reels")
	if !ok || z.Top < 0.13 || z.Top > 0.14 || z.Bottom < 0.34 || z.Bottom > 0.36 || z.Left < 0.06 || z.Left > 0.061 {
		t.Errorf("SafeZoneFor(instagram-reels) = %+v, %v; want top 14%%, bottom 35%%, sides 6%%", z, ok)
	}
	for _, p := range storyboard.Platforms {
		z, ok := SafeZoneFor(p.ID)
		if ok != (p.Aspect == storyboard.Aspect{W: 9, H: 16}) {
			t.Errorf("SafeZoneFor(%s) ok = %v; want safe zones exactly for the vertical platforms", p.ID, ok)
		}
		if ok && (z.Top+z.Bottom >= 1 || z.Left+z.Right >= 1) {
			t.Errorf("SafeZoneFor(%s) = %+v; leaves no picture", p.ID, z)
		}
	}
}

func TestWrap(t *testing.T) {
	test.NewTempApp(t)
	style := fyne.TextStyle{Bold: true}
	w := fyne.MeasureText("Every detail,", 20, style).Width
	tests := []struct {
		in   string
		want []string
	}{
		{"Every detail, by hand", []string{"Every detail,", "by hand"}},
		{"One\nTwo", []string{"One", "Two"}},
		{"Supercalifragilistic", []string{"Supercalifragilistic"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := wrap(tt.in, w, 20, style); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestRenderFormats(t *testing.T) {
	// 16:9 with a clip frame (no safe zones on YouTube), in the light
	// variant.
	test.NewTempApp(t)
	test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantLight})
	m := New()
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 300))
	m.SetFormat(storyboard.Aspect{W: 16, H: 9}, storyboard.Rate25, "youtube")
	m.SetSafeZones(true)
	m.Frames = func(string, storyboard.Time) (image.Image, error) {
		return stripes(160, 90, color.NRGBA{0x30, 0x90, 0x60, 0xff}), nil
	}
	c := card(storyboard.ShotReveal)
	c.Media = &storyboard.MediaLink{Path: "clip.mov"}
	c.OnScreenText = "The result"
	m.ShowCard(c, 9, "Result reveal", storyboard.Second)
	golden(t, w, "monitor/frame-16x9-light")

	// 1:1 with the pictogram of a card without pictures.
	m.SetFormat(storyboard.Aspect{W: 1, H: 1}, storyboard.Rate30, "custom")
	m.ShowCard(card(storyboard.ShotWrap), 11, "Wrap / team", 0)
	golden(t, w, "monitor/pictogram-1x1-light")
}

func TestShowAt(t *testing.T) {
	m, _ := newTestMonitor(t, fyne.NewSize(180, 360))
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "tiktok", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s := storyboard.Second
	var start storyboard.Time
	for _, c := range p.Cards[:3] {
		start += c.Duration
	}
	tests := []struct {
		at   storyboard.Time
		card int
		into storyboard.Time
	}{
		{0, 0, 0},
		{-s, 0, 0},
		{start + s/2, 3, s / 2},
		{p.Length() + 10*s, len(p.Cards) - 1, p.Cards[len(p.Cards)-1].Duration},
	}
	for _, tt := range tests {
		m.ShowAt(p, tt.at)
		if m.card.ID != p.Cards[tt.card].ID || m.number != tt.card+1 || m.into != tt.into {
			t.Errorf("ShowAt(%v): card %d, %v into it; want card %d, %v", tt.at, m.number-1, m.into, tt.card, tt.into)
		}
	}
	if m.platform != "tiktok" || m.aspect != p.Aspect {
		t.Errorf("ShowAt: format %v %q; want the project's %v %q", m.aspect, m.platform, p.Aspect, "tiktok")
	}
	m.ShowAt(&storyboard.Project{}, 0)
	if m.has {
		t.Error("ShowAt(a project without cards): a card is shown")
	}
}
