package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/reelboard/reelboard/storyboard"
)

func TestSaveDemoAsksWhere(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	m := newTestWindow(t)
	demo := filepath.Join(cfg, "reelboard", "demo", "demo.reel")
	os.MkdirAll(filepath.Dir(demo), 0o755)
	if err := storyboard.Save(m.ed.Project, demo); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(demo)
	m.openPath(demo)
	m.ed.Project.Cards[0].Title = "changed"
	m.ed.markUnsaved()
	shortcut(m, fyne.KeyS, fyne.KeyModifierShortcutDefault)
	after, _ := os.ReadFile(demo)
	if !bytes.Equal(before, after) {
		t.Errorf("Ctrl+S on the demo wrote into %s; want a Save As dialog", demo)
	}
	if m.win.Canvas().Overlays().Top() == nil {
		t.Errorf("Ctrl+S on the demo showed no dialog; want Save As")
	}
}

func TestSaveSaysFullPath(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	m := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "mine.reel")
	if err := storyboard.Save(m.ed.Project, path); err != nil {
		t.Fatal(err)
	}
	m.openPath(path)
	shortcut(m, fyne.KeyS, fyne.KeyModifierShortcutDefault)
	if want := "Saved " + path + "."; m.status.Text != want {
		t.Errorf("status after Ctrl+S = %q; want %q", m.status.Text, want)
	}
	if m.win.Canvas().Overlays().Top() != nil {
		t.Errorf("Ctrl+S on a project with a file showed a dialog; want a plain save")
	}
}

func TestIsDemo(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	tests := []struct {
		path string
		want bool
	}{
		{filepath.Join(cfg, "reelboard", "demo", "demo.reel"), true},
		{filepath.Join(cfg, "reelboard", "demo2", "demo.reel"), false},
		{filepath.Join(cfg, "mine.reel"), false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isDemo(tt.path); got != tt.want {
			t.Errorf("isDemo(%q) = %v; want %v", tt.path, got, tt.want)
		}
	}
}

// TestDemoSavesOutsideItsHiddenFolder: Save As and the exports of the demo
// propose the home folder (or the last one written to), never the demo's
// hidden folder under the configuration.
func TestDemoSavesOutsideItsHiddenFolder(t *testing.T) {
	cfg, home := t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", home)
	m := newTestWindow(t)
	m.app.Preferences().SetString(prefLastFolder, "")
	demo := filepath.Join(cfg, "reelboard", "demo", "demo.reel")
	os.MkdirAll(filepath.Dir(demo), 0o755)
	if err := storyboard.Save(m.ed.Project, demo); err != nil {
		t.Fatal(err)
	}
	if err := m.load(demo); err != nil {
		t.Fatal(err)
	}
	if got := m.defaultFolder(); got != home {
		t.Errorf("on the demo the default folder is %s; want the home folder %s", got, home)
	}
	mine := filepath.Join(t.TempDir(), "mine.reel")
	if err := storyboard.Save(m.ed.Project, mine); err != nil {
		t.Fatal(err)
	}
	if err := m.load(mine); err != nil {
		t.Fatal(err)
	}
	if got := m.defaultFolder(); got != filepath.Dir(mine) {
		t.Errorf("on a project the default folder is %s; want its own %s", got, filepath.Dir(mine))
	}
}

// TestAutosaveSoonAfterAnEdit: an edit reaches the recovery file a few
// seconds after the user pauses, not only at the next minute's autosave.
func TestAutosaveSoonAfterAnEdit(t *testing.T) {
	m := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "plan.reel")
	if err := storyboard.Save(m.ed.Project, path); err != nil {
		t.Fatal(err)
	}
	if err := m.load(path); err != nil {
		t.Fatal(err)
	}
	old := autosaveAfter
	autosaveAfter = 20 * time.Millisecond
	defer func() { autosaveAfter = old }()
	m.startAutosave()
	defer m.stopAutosave()
	id := m.ed.Project.Cards[0].ID
	if err := m.ed.UpdateCard(id, "title", func(c *storyboard.Card) { c.Title = "Edited a moment ago" }); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if rec, ok := storyboard.FindRecovery(path); ok {
			if p, err := storyboard.Load(rec); err == nil && p.Cards[0].Title == "Edited a moment ago" {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("5 s after an edit the recovery file does not hold it")
}
