package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/export"
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

// TestProjectSettingsStartTimecodeAndClient: the client and the timeline's
// start timecode are set in Project Settings; a malformed timecode keeps
// Apply disabled; the exports then start at that timecode.
func TestProjectSettingsStartTimecodeAndClient(t *testing.T) {
	m := newTestWindow(t)
	m.cmds.run("settings")
	f := m.settingsFields
	f.client.SetText("Studio Nord")
	f.startTC.SetText("1:00")
	apply := dialogButtons(m)["Apply"]
	if !apply.Disabled() {
		t.Errorf("Apply is enabled with the start timecode %q; want it disabled", f.startTC.Text)
	}
	f.startTC.SetText("01:00:00:00")
	if apply.Disabled() {
		t.Fatalf("Apply stays disabled with the start timecode 01:00:00:00")
	}
	test.Tap(apply)
	p := m.ed.Project
	if p.Client != "Studio Nord" || p.StartTimecode != 60*storyboard.Minute {
		t.Fatalf("after Apply: client %q, start timecode %s; want Studio Nord, 1:00:00.000", p.Client, p.StartTimecode)
	}
	out := filepath.Join(t.TempDir(), "plan.edl")
	if err := export.Write(p, "edl", out, export.DefaultOptions(p, "")); err != nil {
		t.Fatal(err)
	}
	if edl, _ := os.ReadFile(out); !strings.Contains(string(edl), " 01:00:00:00 ") {
		t.Errorf("EDL after setting the start timecode does not start at 01:00:00:00:\n%s", edl)
	}
}

// TestSettingsTitleFlowsIntoExports: a title set in Project Settings is the
// title of the exported timeline and of the default export file name, after
// Save As under another name too.
func TestSettingsTitleFlowsIntoExports(t *testing.T) {
	m := newTestWindow(t)
	dir := t.TempDir()
	m.ed.MarkSaved(dir + "/other-name.reel")
	m.cmds.run("settings")
	m.settingsFields.title.SetText("Studio backstage")
	test.Tap(dialogButtons(m)["Apply"])
	for _, format := range []string{"otio", "fcp7", "csv"} {
		f, ok := export.LookupFormat(format)
		if !ok {
			t.Fatalf("no export format %s", format)
		}
		s := m.exportDialog(f)
		if s == nil {
			t.Fatalf("no export dialog for %s", format)
		}
		if !strings.HasPrefix(s.name.Text, "Studio backstage") {
			t.Errorf("%s: default file name %q; want it to start with the project's title", format, s.name.Text)
		}
		out := filepath.Join(dir, s.name.Text)
		s.dlg.Hide()
		m.runExport(f, out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if format != "csv" && !strings.Contains(string(data), "Studio backstage") {
			t.Errorf("%s export does not carry the title \"Studio backstage\"", format)
		}
		if strings.Contains(string(data), "Untitled") {
			t.Errorf("%s export still says Untitled", format)
		}
	}
}

// TestNewShowsProjectSettings: File ▸ New, once the template and platform
// are chosen, opens Project Settings on the new project.
func TestNewShowsProjectSettings(t *testing.T) {
	m := newTestWindow(t)
	m.ed.MarkSaved(t.TempDir() + "/p.reel")
	m.cmds.run("new")
	test.Tap(dialogButtons(m)["Create"])
	if m.settingsFields == nil || m.settingsFields.title.Text != m.ed.Project.Title || !strings.HasPrefix(m.ed.Project.Title, "Untitled") {
		t.Fatalf("after New, the settings dialog shows %+v; want the new project's settings", m.settingsFields)
	}
}
