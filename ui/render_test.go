package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reelboard/reelboard/internal/testtool"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

func TestThrottle(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	steps := []struct {
		at   time.Duration
		f    float64
		want bool
	}{
		{0, 0.01, true},                      // the first value
		{50 * time.Millisecond, 0.02, false}, // too soon
		{99 * time.Millisecond, 0.03, false},
		{100 * time.Millisecond, 0.04, true},
		{150 * time.Millisecond, 0.05, false},
		{160 * time.Millisecond, 1, true}, // the end always
		{259 * time.Millisecond, 0.5, false},
		{260 * time.Millisecond, 0.5, true},
	}
	var now time.Time
	th := &throttle{every: progressEvery, now: func() time.Time { return now }}
	for _, s := range steps {
		now = t0.Add(s.at)
		if got := th.pass(s.f); got != s.want {
			t.Errorf("pass(%v) at %v = %v; want %v", s.f, s.at, got, s.want)
		}
	}
}

// shortReel makes the window's project two one-second cards, quick to render.
func shortReel(m *mainWindow) {
	p := m.ed.Project.Clone()
	p.Cards = p.Cards[:2]
	for i := range p.Cards {
		p.Cards[i].Duration = storyboard.Second
	}
	m.ed.Replace(p, "")
}

func TestRenderPreview(t *testing.T) {
	testtool.Need(t, "ffmpeg", "ffmpeg")
	m := newTestWindow(t)
	shortReel(m)
	out := filepath.Join(t.TempDir(), "preview.mp4")
	r := m.runRender(out)
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("render wrote nothing to %s: %v", out, err)
	}
	if got := r.bar.Value; got != 1 {
		t.Errorf("progress bar at the end = %v; want 1", got)
	}
	if want := "Rendered the preview video to " + out + "."; m.status.Text != want {
		t.Errorf("status = %q; want %q", m.status.Text, want)
	}
	if m.writing != "" {
		t.Errorf("writing = %q after the render; want none", m.writing)
	}
}

func TestRenderCancel(t *testing.T) {
	m := newTestWindow(t)
	shortReel(m)
	var job func()
	m.async = func(f func()) { job = f }
	dir := t.TempDir()
	out := filepath.Join(dir, "preview.mp4")
	r := m.runRender(out)
	if m.renderDialog() != nil {
		t.Errorf("a second render started while one runs")
	}
	test.Tap(r.cancel)
	job()
	if want := "Rendering cancelled."; m.status.Text != want {
		t.Errorf("status = %q; want %q", m.status.Text, want)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a cancelled render left %d files in %s; want none", len(left), dir)
	}
}

func TestRenderWithoutFFmpeg(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	m := newTestWindow(t)
	out := filepath.Join(t.TempDir(), "preview.mp4")
	m.runRender(out)
	want := "Rendering needs ffmpeg; install it (for example: sudo apt install ffmpeg) and try again."
	if got := overlayText(m); !strings.Contains(got, want) {
		t.Errorf("dialog says %q; want %q", got, want)
	}
}

// overlayText joins the labels of the top overlay.
func overlayText(m *mainWindow) string {
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var s []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			s = append(s, l.Text)
		}
	}
	return strings.Join(s, "\n")
}

func TestSecondExportIsRefused(t *testing.T) {
	m := newTestWindow(t)
	var jobs []func()
	m.async = func(f func()) { jobs = append(jobs, f) }
	f, _ := export.LookupFormat("csv")
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.csv")
	m.runExport(f, out)
	if want := "Exporting CSV to plan.csv…"; !strings.Contains(overlayText(m), want) || m.status.Text != want {
		t.Errorf("export dialog says %q, status %q; want %q in both", overlayText(m), m.status.Text, want)
	}
	dialogButtons(m)["Keep Working"].OnTapped()
	if m.exportDialog(f) != nil || m.renderDialog() != nil {
		t.Errorf("an export or render could start while plan.csv is being written")
	}
	m.runExport(f, filepath.Join(dir, "other.csv"))
	if len(jobs) != 1 {
		t.Fatalf("%d exports started; want 1", len(jobs))
	}
	if want := "Still writing plan.csv; wait until it is finished, then try again."; !strings.Contains(overlayText(m), want) {
		t.Errorf("refusal says %q; want %q", overlayText(m), want)
	}
	jobs[0]()
	if _, err := os.Stat(out); err != nil {
		t.Errorf("export wrote nothing: %v", err)
	}
	if want := "Exported " + out + "."; m.status.Text != want {
		t.Errorf("status = %q; want %q", m.status.Text, want)
	}
	if m.exportDialog(f) == nil {
		t.Errorf("no export could start after the first finished")
	}
}
