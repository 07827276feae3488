package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

// pick fills the save-path dialog with name in dir and presses its action
// button.
func pick(s *savePathDialog, dir, name string) {
	s.setDir(dir)
	s.name.SetText(name)
	s.submit()
}

func TestSaveAsOverExistingKeepsBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.reel")
	old := newTestWindow(t).ed.Project.Clone()
	old.Title = "The old version"
	if err := storyboard.Save(old, path); err != nil {
		t.Fatal(err)
	}
	oldData, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	m := newTestWindow(t)
	m.ed.Project.Title = "The new version"
	s := m.saveAs(nil)
	pick(s, dir, "plan") // the extension is added
	if s.confirm == nil {
		t.Fatalf("saving over %s did not ask before replacing it", path)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, oldData) {
		t.Fatalf("the overwrite question already changed %s", path)
	}
	tapReplace(t, s)
	bak, err := os.ReadFile(path + ".bak")
	if err != nil {
		t.Fatalf("no backup after Save As over %s: %v", path, err)
	}
	if !bytes.Equal(bak, oldData) {
		t.Errorf("%s.bak holds %d bytes; want the old file's %d bytes", path, len(bak), len(oldData))
	}
	p, err := storyboard.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "The new version" {
		t.Errorf("saved title = %q; want %q", p.Title, "The new version")
	}
	if m.ed.Path != path || m.ed.Dirty() {
		t.Errorf("after Save As: Path = %q, Dirty = %v; want %q, false", m.ed.Path, m.ed.Dirty(), path)
	}
}

func tapReplace(t *testing.T, s *savePathDialog) {
	t.Helper()
	if s.replace == nil {
		t.Fatal("no Replace button")
	}
	s.replace.OnTapped()
}

func TestFailedExportOverExistingLeavesItIntact(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.edl")
	const old = "TITLE: the editor's hand-tuned EDL\n"
	if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t)
	// A project without cards cannot be exported.
	m.ed.Project.Cards = nil
	f, _ := export.LookupFormat("edl")
	s := m.exportDialog(f)
	pick(s, dir, "plan.edl")
	tapReplace(t, s)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("a failed export removed %s: %v", out, err)
	}
	if string(data) != old {
		t.Errorf("a failed export changed %s to %q; want %q", out, data, old)
	}
}

func TestSavePathDialog(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dir, name string
		want      string // the chosen path, "" for none
		problem   bool
	}{
		{dir, "plan", filepath.Join(dir, "plan.csv"), false},
		{dir, "plan.CSV", filepath.Join(dir, "plan.CSV"), false},
		{dir, "  ", "", true},
		{dir, "a/b", "", true},
		{dir, "sub", "", true},
		{filepath.Join(dir, "nowhere"), "plan", "", true},
	}
	for _, tt := range tests {
		m := newTestWindow(t)
		got := ""
		s := m.askSavePath("Export", "Export", "x.csv", ".csv", func(p string) { got = p })
		pick(s, tt.dir, tt.name)
		if got != tt.want || s.problem.Visible() != tt.problem {
			t.Errorf("submit(%q in %s) chose %q, problem shown %v; want %q, %v", tt.name, tt.dir, got, s.problem.Visible(), tt.want, tt.problem)
		}
	}
}
