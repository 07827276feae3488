package ui

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/reelboard/reelboard/storyboard"
)

func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 64, 36))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(1, 1, color.White)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestDropFiles(t *testing.T) {
	dir := t.TempDir()
	pic := filepath.Join(dir, "set light.png")
	writePNG(t, pic)

	m := newTestWindow(t)
	n := len(m.ed.Project.Cards)
	m.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(filepath.Join(dir, "brief.docx"))})
	if got := m.status.Text; !strings.Contains(got, "brief.docx") || len(m.ed.Project.Cards) != n {
		t.Errorf("drop of brief.docx: status %q, %d cards; want one sentence naming the file and %d cards", got, len(m.ed.Project.Cards), n)
	}

	m.ed.Select(m.ed.Project.Cards[2].ID)
	m.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(pic), storage.NewFileURI(filepath.Join(dir, "take.mp4"))})
	if got := len(m.ed.Project.Cards); got != n+2 {
		t.Fatalf("drop of an image and a video: %d cards; want %d", got, n+2)
	}
	img, vid := m.ed.Project.Cards[3], m.ed.Project.Cards[4]
	if img.Image != pic || img.Title != "set light" || img.Act != m.ed.Project.Cards[2].Act {
		t.Errorf("image card = %q image %q act %s; want %q image %q", img.Title, img.Image, img.Act, "set light", pic)
	}
	if vid.Media == nil || vid.Media.Path != filepath.Join(dir, "take.mp4") {
		t.Errorf("video card media = %+v; want a link to take.mp4", vid.Media)
	}
	if m.grid.panelAt(3) == nil || m.grid.panelAt(3).thumb == nil {
		t.Errorf("image card has no thumbnail in the grid")
	}
	// One drop is one undo step.
	m.ed.Undo()
	if got := len(m.ed.Project.Cards); got != n {
		t.Errorf("after undo of the drop: %d cards; want %d", got, n)
	}

	// A song that cannot be decoded never becomes the soundtrack.
	m.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(filepath.Join(dir, "song.ogg"))})
	if s := m.ed.Project.Soundtrack; s != nil {
		t.Errorf("drop of a missing song.ogg: soundtrack = %+v; want none", s)
	}
	if got := m.music.Status(); !strings.Contains(got, "song.ogg") {
		t.Errorf("drop of a missing song.ogg: music status %q; want a sentence naming it", got)
	}
}

func TestPaletteDropOnTimeline(t *testing.T) {
	m := newTestWindow(t)
	n := len(m.ed.Project.Cards)
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(m.timeline.tl)
	size := m.timeline.tl.Size()
	// The far right of the timeline is the end of the fulfilment act.
	m.paletteDropped(storyboard.ShotCandid, pos.Add(fyne.NewPos(size.Width-2, size.Height-4)))
	if got := len(m.ed.Project.Cards); got != n+1 {
		t.Fatalf("drop on the timeline: %d cards; want %d", got, n+1)
	}
	last := m.ed.Project.Cards[n]
	if last.Kind != storyboard.ShotCandid || last.Act != storyboard.Fulfilment {
		t.Errorf("dropped card = %s in %s; want candid in fulfilment at the end", last.Kind, last.Act)
	}
	// A drop outside the timeline and the grid adds nothing.
	m.paletteDropped(storyboard.ShotCandid, fyne.NewPos(-10, -10))
	if got := len(m.ed.Project.Cards); got != n+1 {
		t.Errorf("drop outside: %d cards; want %d", got, n+1)
	}
}
