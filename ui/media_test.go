package ui

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/internal/crafted"
	"github.com/reelboard/reelboard/internal/testtool"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

func TestVideoThumb(t *testing.T) {
	testtool.Need(t, "ffmpeg", "ffmpeg")
	clip := filepath.Join(t.TempDir(), "-i concat:take.mp4") // a hostile name is still a file
	out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=2",
		"-pix_fmt", "yuv420p", "file:"+clip).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg could not make a test clip: %v: %s", err, out)
	}
	img, err := videoThumb(clip, storyboard.Second)
	if err != nil {
		t.Fatalf("videoThumb(%s) = %v", clip, err)
	}
	if b := img.Bounds(); b.Dx() != thumbWidth || b.Dy() != 180 {
		t.Errorf("thumbnail size = %dx%d; want %dx180", b.Dx(), b.Dy(), thumbWidth)
	}
	if _, err := videoThumb(filepath.Join(t.TempDir(), "none.mp4"), 0); err == nil {
		t.Errorf("videoThumb(missing file) = nil error; want one")
	}
}

func TestExportFromMenu(t *testing.T) {
	m := newTestWindow(t)
	out := filepath.Join(t.TempDir(), "plan.csv")
	f, ok := export.LookupFormat("csv")
	if !ok {
		t.Fatal("no csv export format")
	}
	m.runExport(f, out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("export wrote nothing: %v", err)
	}
	if len(data) == 0 {
		t.Errorf("export wrote an empty file")
	}
	if got := len(m.exportMenu().ChildMenu.Items); got != len(export.Formats) {
		t.Errorf("Export menu has %d items; want %d", got, len(export.Formats))
	}
}

// TestExportHandoffAndNames: File ▸ Export proposes the format's own file
// name (the sheet and the checklist never share one), describes a refusal
// in one sentence without Go's error chain, and after an export lists what
// the editor will find (here: a soundtrack that is missing).
func TestExportHandoffAndNames(t *testing.T) {
	m := newTestWindow(t)
	dir := t.TempDir()
	m.ed.Project.Title = "Studio backstage"
	pdf, _ := export.LookupFormat("pdf")
	check, _ := export.LookupFormat("checklist")
	a, b := m.exportDialog(pdf), m.exportDialog(check)
	if a == nil || b == nil {
		t.Fatal("exportDialog returned nil")
	}
	if na, nb := a.name.Text, b.name.Text; na == nb || !strings.Contains(na, "Studio backstage") {
		t.Errorf("default export names: storyboard %q, checklist %q; want two names with the title", na, nb)
	}
	a.dlg.Hide()
	b.dlg.Hide()

	missing := &export.Error{Card: 2, Title: "Hands", Err: export.ErrMissingMedia, Path: "/gone/take.mov"}
	if got, want := exportError(filepath.Join(dir, "plan.otio"), missing), `Could not export plan.otio: card 2 "Hands": linked file not found: /gone/take.mov.`; got != want {
		t.Errorf("exportError = %q; want %q", got, want)
	}

	out := filepath.Join(dir, "plan.otio")
	otio, _ := export.LookupFormat("otio")
	m.ed.Project.Cards[0].Media = &storyboard.MediaLink{Path: filepath.Join(dir, "take.mov")}
	os.WriteFile(filepath.Join(dir, "take.mov"), []byte("not really a movie"), 0o644)
	m.runExport(otio, out)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("export wrote nothing: %v", err)
	}
	if n := len(m.dialogs); n == 0 {
		t.Errorf("after an export whose media cannot be read, no handoff summary was shown")
	}
}

// TestBundleSaysWhatItLeftOut: the bundle's handoff summary in the window
// names the soundtrack it left out (outside the project's folder), as the
// command line does, and the bundle's README names it too.
func TestBundleSaysWhatItLeftOut(t *testing.T) {
	testtool.Need(t, "ffmpeg", "ffmpeg")
	m := newTestWindow(t)
	dir, elsewhere := t.TempDir(), t.TempDir()
	song, err := crafted.Source(elsewhere, "song.ogg", 44100, 2, 3) // Vorbis: Final Cut and Premiere need a WAV copy
	if err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "plan.reel")
	p := m.ed.Project.Clone()
	p.Soundtrack = &storyboard.Soundtrack{Path: song}
	if err := storyboard.Save(p, plan); err != nil {
		t.Fatal(err)
	}
	if err := m.load(plan); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "handoff.zip")
	bundle, _ := export.LookupFormat("bundle")
	m.runExport(bundle, out)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("no bundle: %v (status %q)", err, m.status.Text)
	}
	if got := overlayText(m); !strings.Contains(got, "The soundtrack "+song+" was left out of the bundle") {
		t.Errorf("the handoff summary says %q; want it to name the soundtrack left out", got)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "README.txt" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if s := string(b); !strings.Contains(s, "Music: song.ogg (left out of this bundle") || strings.Contains(s, "export the bundle") {
			t.Errorf("README.txt:\n%s\nwant the music named as left out, and no advice to export the bundle", s)
		}
	}
}
