package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/reelboard/reelboard/internal/testtool"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

func TestVideoThumb(t *testing.T) {
	testtool.Need(t, "ffmpeg", "ffmpeg")
	clip := filepath.Join(t.TempDir(), "take.mp4")
	out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=640x360:rate=25:duration=2",
		"-pix_fmt", "yuv420p", clip).CombinedOutput()
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
