package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/reelboard/reelboard/storyboard"
)

func TestSnapshotWritesWindowPNG(t *testing.T) {
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
	if err := Snapshot(filepath.Join(dir, "missing.reel"), out, fyne.NewSize(1280, 720)); err == nil {
		t.Errorf("Snapshot(missing.reel) = nil; want an error")
	}
}
