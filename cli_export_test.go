package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reelboard/reelboard/internal/testtool"

	"github.com/reelboard/reelboard/storyboard"
)

// exportTestProject saves a small project (two short cards, a silent WAV
// soundtrack, optionally a linked clip) at rate r into dir and returns its
// path.
func exportTestProject(t *testing.T, dir string, r storyboard.Rate, media string) string {
	t.Helper()
	const sr = 8000
	n := 3 * sr
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(sr), uint32(2 * sr), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(2*n))
	b.Write(make([]byte, 2*n))
	song := filepath.Join(dir, "song.wav")
	if err := os.WriteFile(song, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	p.Title = "Прогон / Prova"
	p.Rate = r
	p.Cards = []storyboard.Card{p.Cards[0], p.Cards[len(p.Cards)-1]}
	p.Cards[0].Duration = storyboard.Second / 2
	p.Cards[1].Duration = storyboard.Second/2 + storyboard.Second/3
	if media != "" {
		p.Cards[1].Media = &storyboard.MediaLink{Path: media}
	}
	p.Soundtrack = &storyboard.Soundtrack{Path: song}
	path := filepath.Join(dir, "plan.reel")
	if err := storyboard.Save(p, path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunExport(t *testing.T) {
	dir := t.TempDir()
	reel := exportTestProject(t, dir, storyboard.Rate2997, "")
	clip := filepath.Join(dir, "clip.mov")
	os.WriteFile(clip, []byte("stand-in"), 0o644)
	other := t.TempDir()
	offline := exportTestProject(t, other, storyboard.Rate25, clip)
	os.Remove(clip)
	out := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
		file   string // the file that must exist afterwards ("" for none)
	}{
		{"edl", []string{"--format", "edl", "-o", filepath.Join(out, "a.edl"), reel}, 0, "wrote", "", "a.edl"},
		{"flags after file", []string{reel, "--format", "otio", "-o", filepath.Join(out, "b.otio")}, 0, "wrote", "", "b.otio"},
		{"drop frame", []string{"--format", "edl", "--drop-frame", "-o", filepath.Join(out, "df.edl"), reel}, 0, "wrote", "", "df.edl"},
		{"unknown format", []string{"--format", "avid", "-o", filepath.Join(out, "c"), reel}, 2, "", "valid formats: otio, edl, fcp7, fcpxml, mlt", ""},
		{"no format", []string{"-o", filepath.Join(out, "c"), reel}, 2, "", "--format is missing", ""},
		{"no output", []string{"--format", "edl", reel}, 2, "", "-o OUT is missing", ""},
		{"no file", []string{"--format", "edl", "-o", filepath.Join(out, "c")}, 2, "", "usage", ""},
		{"bad flag", []string{"--bogus", "--format", "edl", "-o", filepath.Join(out, "c"), reel}, 2, "", "bogus", ""},
		{"missing project", []string{"--format", "edl", "-o", filepath.Join(out, "d.edl"), filepath.Join(dir, "none.reel")}, 1, "", "none.reel", ""},
		{"missing media", []string{"--format", "fcpxml", "-o", filepath.Join(out, "e.fcpxml"), offline}, 1, "", "clip.mov", ""},
		{"unwritable", []string{"--format", "mlt", "-o", filepath.Join(out, "no", "f.mlt"), reel}, 1, "", "cannot write", ""},
		{"help", []string{"-h"}, 0, "bundle", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var so, se bytes.Buffer
			code := runExport(tt.args, &so, &se)
			if code != tt.code || !strings.Contains(so.String(), tt.stdout) || !strings.Contains(se.String(), tt.stderr) {
				t.Errorf("runExport(%q) = %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
					tt.args, code, so.String(), se.String(), tt.code, tt.stdout, tt.stderr)
			}
			if code == 1 && strings.Count(strings.TrimSpace(se.String()), "\n") != 0 {
				t.Errorf("runExport(%q) stderr = %q; want one line", tt.args, se.String())
			}
			if tt.file != "" {
				if _, err := os.Stat(filepath.Join(out, tt.file)); err != nil {
					t.Errorf("runExport(%q) did not write %s", tt.args, tt.file)
				}
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(out, "df.edl")); !strings.Contains(string(b), "FCM: DROP FRAME") {
		t.Errorf("runExport(--drop-frame) at 29.97 wrote no drop-frame EDL:\n%s", b)
	}
	es, _ := os.ReadDir(out)
	if len(es) != 3 {
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		t.Errorf("output folder holds %v; want only a.edl, b.otio, df.edl", names)
	}
}

func TestRunRender(t *testing.T) {
	testtool.Need(t, "ffprobe", "ffmpeg")
	dir := t.TempDir()
	reel := exportTestProject(t, dir, storyboard.Rate25, "")
	out := filepath.Join(t.TempDir(), "preview.mp4")
	var so, se bytes.Buffer
	if code := runRender([]string{"-o", out, reel}, &so, &se); code != 0 {
		t.Fatalf("runRender = %d, stderr %q; want 0", code, se.String())
	}
	if !strings.Contains(so.String(), "rendering 100%") {
		t.Errorf("runRender stdout = %q; want progress up to 100%%", so.String())
	}
	frames, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
		"-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	// 0.5 s + 0.8333 s at 25 fps: cuts at frames 13 and 33.
	if got := strings.TrimSpace(string(frames)); got != "33" {
		t.Errorf("runRender made %s frames; want 33", got)
	}

	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{reel}, 2, "-o OUT.mp4 is missing"},
		{[]string{"-o", out}, 2, "usage"},
		{[]string{"-o", out, filepath.Join(dir, "none.reel")}, 1, "none.reel"},
	} {
		var so, se bytes.Buffer
		if code := runRender(tt.args, &so, &se); code != tt.code || !strings.Contains(se.String(), tt.want) {
			t.Errorf("runRender(%q) = %d, stderr %q; want %d, stderr with %q", tt.args, code, se.String(), tt.code, tt.want)
		}
	}

	t.Setenv("PATH", t.TempDir())
	se.Reset()
	if code := runRender([]string{"-o", filepath.Join(dir, "x.mp4"), reel}, &so, &se); code != 1 || !strings.Contains(se.String(), "install ffmpeg") {
		t.Errorf("runRender without ffmpeg = %d, stderr %q; want 1 and a message saying to install ffmpeg", code, se.String())
	}
}

// TestRunExportCheck runs `reelboard export --check FORMAT FILE.reel`.
func TestRunExportCheck(t *testing.T) {
	dir := t.TempDir()
	clip := filepath.Join(dir, "clip.mov")
	os.WriteFile(clip, []byte("stand-in"), 0o644)
	offline := exportTestProject(t, dir, storyboard.Rate25, clip)
	os.Remove(clip)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"missing media", []string{"--check", "fcpxml", offline}, 1, "offline: card 2: the linked file " + clip + " is missing", ""},
		{"flags after file", []string{offline, "--check", "edl"}, 1, "is missing", ""},
		{"unknown format", []string{"--check", "avid", offline}, 2, "", "unknown format \"avid\""},
		{"no file", []string{"--check", "edl"}, 2, "", "give exactly one project file"},
		{"missing project", []string{"--check", "edl", filepath.Join(dir, "none.reel")}, 1, "", "none.reel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var so, se bytes.Buffer
			code := runExport(tt.args, &so, &se)
			if code != tt.code || !strings.Contains(so.String(), tt.stdout) || !strings.Contains(se.String(), tt.stderr) {
				t.Errorf("runExport(%q) = %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
					tt.args, code, so.String(), se.String(), tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

// TestRunExportTitle: a project still carrying the template's untitled
// name is exported under its file's name.
func TestRunExportTitle(t *testing.T) {
	dir := t.TempDir()
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	reel := filepath.Join(dir, "Studio backstage.reel")
	if err := storyboard.Save(p, reel); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.fcpxml")
	var so, se bytes.Buffer
	if code := runExport([]string{"--format", "fcpxml", "-o", out, reel}, &so, &se); code != 0 {
		t.Fatalf("runExport = %d, %s", code, se.String())
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), `<project name="Studio backstage">`) {
		t.Errorf("FCPXML of an untitled project saved as Studio backstage.reel lacks <project name=\"Studio backstage\">")
	}
}

// TestRunExportIntoFolder: -o FOLDER writes each format under its own
// default name, so the storyboard and the checklist do not collide.
func TestRunExportIntoFolder(t *testing.T) {
	dir := t.TempDir()
	reel := exportTestProject(t, dir, storyboard.Rate25, "")
	out := t.TempDir()
	for _, f := range []string{"pdf", "checklist"} {
		var so, se bytes.Buffer
		if code := runExport([]string{"--format", f, "-o", out, reel}, &so, &se); code != 0 {
			t.Fatalf("runExport(%s -o folder) = %d, %s", f, code, se.String())
		}
	}
	for _, name := range []string{"Прогон - Prova — storyboard.pdf", "Прогон - Prova — checklist.pdf"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("runExport(-o folder) did not write %q", name)
		}
	}
}
