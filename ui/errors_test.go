package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

// overlayTexts returns the texts of the labels on the top overlay.
func overlayTexts(c fyne.Canvas) []string {
	top := c.Overlays().Top()
	if top == nil {
		return nil
	}
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.RichText:
			out = append(out, w.String())
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			r := w.CreateRenderer()
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	return out
}

func TestFileError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.reel")
	os.WriteFile(bad, []byte{0x9c, 0x01, 0xff}, 0o644)
	newer := filepath.Join(dir, "newer.reel")
	os.WriteFile(newer, []byte(`{"version": 99}`), 0o644)
	missing := filepath.Join(dir, "missing.reel")
	tests := []struct {
		path string
		want string
	}{
		// The line and column follow when storyboard's error knows them.
		{bad, "Could not open bad.reel: the file is not valid JSON"},
		{newer, "Could not open newer.reel: it was made by a newer Reelboard; update Reelboard to open it."},
		{missing, "Could not open missing.reel: the file does not exist."},
	}
	for _, tt := range tests {
		_, err := storyboard.Load(tt.path)
		if err == nil {
			t.Fatalf("Load(%s) succeeded", tt.path)
		}
		got := fileError(actionOpen, tt.path, err)
		if !strings.HasPrefix(got, tt.want) || strings.Contains(got, dir) || strings.Contains(got, "storyboard:") {
			t.Errorf("fileError(open, %s) = %q; want %q", filepath.Base(tt.path), got, tt.want)
		}
	}
	got := fileError(actionSave, "/x/y.reel", fmt.Errorf("storyboard: save /x/y.reel: %w", os.ErrPermission))
	if want := "Could not save y.reel: permission denied."; got != want {
		t.Errorf("fileError(save) = %q; want %q", got, want)
	}
}

func TestOpenBadFileShowsDialog(t *testing.T) {
	m := newTestWindow(t)
	bad := filepath.Join(t.TempDir(), "bad.reel")
	os.WriteFile(bad, []byte{0x9c, 0x01, 0xff}, 0o644)
	m.openInitial(bad)
	want := "Could not open bad.reel: the file is not valid JSON"
	texts := overlayTexts(m.win.Canvas())
	found := false
	for _, s := range texts {
		found = found || strings.HasPrefix(s, want) && strings.HasSuffix(s, ".")
	}
	if !found {
		t.Errorf("dialog after opening bad.reel shows %q; want %q", texts, want)
	}
	if len(m.ed.Project.Cards) == 0 {
		t.Errorf("no project behind the error dialog")
	}
}

// placedErr is a structured error that knows its place, as storyboard's
// project errors do.
type placedErr struct{ err error }

func (e placedErr) Error() string { return "storyboard: load x.reel: " + e.err.Error() }
func (e placedErr) Unwrap() error { return e.err }
func (e placedErr) Where() string { return "line 4, column 12" }

func TestFileErrorNamesThePlace(t *testing.T) {
	got := fileError(actionOpen, "/x/plan.reel", placedErr{storyboard.ErrSyntax})
	if want := "Could not open plan.reel: the file is not valid JSON (line 4, column 12)."; got != want {
		t.Errorf("fileError(open, a syntax error at line 4) = %q; want %q", got, want)
	}
}

func TestOpenClearsStatus(t *testing.T) {
	m := newTestWindow(t)
	path := filepath.Join(t.TempDir(), "other.reel")
	if err := storyboard.Save(m.ed.Project, path); err != nil {
		t.Fatal(err)
	}
	m.say("Saved x.reel.")
	m.openPath(path)
	if m.status.Text != "" {
		t.Errorf("status after opening another project = %q; want it cleared", m.status.Text)
	}
}
