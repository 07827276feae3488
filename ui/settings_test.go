package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

func TestProjectSettingsAreOneUndoableEdit(t *testing.T) {
	m := newTestWindow(t)
	m.cmds.run("settings")
	f := m.settingsFields
	if f == nil || f.title.Text != m.ed.Project.Title {
		t.Fatalf("settings dialog fields = %+v; want the project's title %q", f, m.ed.Project.Title)
	}
	f.title.SetText("Studio backstage")
	f.author.SetText("Ada")
	f.platform.SetSelectedIndex(platformIndex("youtube"))
	test.Tap(dialogButtons(m)["Apply"])
	p := m.ed.Project
	yt, _ := storyboard.PlatformByID("youtube")
	if p.Title != "Studio backstage" || p.Author != "Ada" || p.Platform != "youtube" || p.Rate != yt.Rate || p.Aspect != yt.Aspect {
		t.Fatalf("after Apply: %q by %q on %s at %s, %s; want Studio backstage by Ada on youtube at %s, %s", p.Title, p.Author, p.Platform, p.Rate, p.Aspect, yt.Rate, yt.Aspect)
	}
	if name, _ := m.ed.CanUndo(); name != "Project settings" {
		t.Errorf("undo step = %q; want %q", name, "Project settings")
	}
	if got := m.length.Text; !strings.Contains(got, yt.Name) {
		t.Errorf("length readout = %q; want it to name the platform %s", got, yt.Name)
	}
	m.ed.Undo()
	if m.ed.Project.Title == "Studio backstage" {
		t.Errorf("undo left the new title")
	}
}

func TestLengthReadoutWarnsPastThePlatform(t *testing.T) {
	m := newTestWindow(t)
	pl, _ := storyboard.PlatformByID(m.ed.Project.Platform)
	if m.length.Importance == widget.DangerImportance {
		t.Fatalf("fresh project (%v) shown past the maximum %v", m.ed.Project.Length(), pl.Max)
	}
	if err := m.ed.SetDuration(m.ed.Project.Cards[0].ID, pl.Max); err != nil {
		t.Fatal(err)
	}
	if got := m.length.Importance; got != widget.DangerImportance {
		t.Errorf("length readout importance at %v = %v; want danger past %v", m.ed.Project.Length(), got, pl.Max)
	}
	if !strings.Contains(m.length.Text, m.ed.Project.Length().String()) {
		t.Errorf("length readout %q; want the reel's length %v", m.length.Text, m.ed.Project.Length())
	}
}
