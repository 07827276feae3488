package ui

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

func TestSnapshotWritesWindowPNG(t *testing.T) {
	prev := fyne.CurrentApp() // Snapshot makes its offscreen app current
	t.Cleanup(func() { fyne.SetCurrentApp(prev) })
	dir := t.TempDir()
	p, err := storyboard.NewProject(storyboard.FormatMakingOf, "youtube", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	p.Cards[0].Title = "Съёмка в città"
	path := filepath.Join(dir, "p.reel")
	if err := storyboard.Save(p, path); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.png")
	if err := Snapshot(path, out, fyne.NewSize(1280, 720)); err != nil {
		t.Fatalf("Snapshot(%s) = %v; want nil", path, err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("Snapshot wrote no PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 1280 || b.Dy() < 720 {
		t.Errorf("snapshot size = %dx%d; want at least 1280x720", b.Dx(), b.Dy())
	}
	// The window is painted, not only its background: the theme's
	// background in a corner, the grid's first card with its act's bar, and
	// text in the theme's foreground.
	var bg, fg color.Color
	fyne.DoAndWait(func() {
		bg = theme.Color(theme.ColorNameBackground)
		fg = theme.Color(theme.ColorNameForeground)
	})
	if got := img.At(1279, 719); !sameColor(got, bg) {
		t.Errorf("snapshot At(1279, 719) = %v; want the background %v", got, bg)
	}
	for _, want := range []struct {
		name string
		c    color.Color
		min  int
	}{{"Arrival act bar", actColor(storyboard.Arrival), 200}, {"foreground text", fg, 500}} {
		if n := countColor(img, want.c); n < want.min {
			t.Errorf("snapshot has %d pixels of the %s colour %v; want at least %d", n, want.name, want.c, want.min)
		}
	}
	if err := Snapshot(path, out, fyne.NewSize(100000, 720)); err == nil {
		t.Errorf("Snapshot(size 100000x720) = nil; want an error")
	}
	if err := Snapshot(filepath.Join(dir, "missing.reel"), out, fyne.NewSize(1280, 720)); err == nil {
		t.Errorf("Snapshot(missing.reel) = nil; want an error")
	}
}

func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar>>8 == br>>8 && ag>>8 == bg>>8 && ab>>8 == bb>>8 && aa>>8 == ba>>8
}

func countColor(img image.Image, c color.Color) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if sameColor(img.At(x, y), c) {
				n++
			}
		}
	}
	return n
}
