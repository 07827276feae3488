package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reelboard/reelboard/export"
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

// TestExportOntoInputs: an output that is the project or one of its media
// is refused with one sentence, exit 1, and the file stays as it was.
func TestExportOntoInputs(t *testing.T) {
	dir := t.TempDir()
	reel := exportTestProject(t, dir, storyboard.Rate25, "")
	song := filepath.Join(dir, "song.wav")
	link := filepath.Join(t.TempDir(), "link.reel")
	if err := os.Symlink(reel, link); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	for _, tt := range []struct {
		args []string
		file string
		want string
	}{
		{[]string{"--format", "csv", "-o", "plan.reel", "plan.reel"}, reel, "plan.reel is the project file"},
		{[]string{"--format", "otio", "-o", link, "plan.reel"}, reel, "is the project file"},
		{[]string{"--format", "bundle", "-o", "song.wav", "plan.reel"}, song, "song.wav is the soundtrack"},
	} {
		before, _ := os.ReadFile(tt.file)
		var so, se bytes.Buffer
		code := runExport(tt.args, &so, &se)
		msg := strings.TrimSpace(se.String())
		if code != 1 || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, ".") || strings.Contains(msg, "export: export") {
			t.Errorf("runExport(%q) = %d, stderr %q; want 1 and one sentence with %q", tt.args, code, msg, tt.want)
		}
		if after, _ := os.ReadFile(tt.file); !bytes.Equal(before, after) {
			t.Errorf("runExport(%q) changed %s", tt.args, tt.file)
		}
		if _, err := storyboard.Load(reel); err != nil {
			t.Errorf("after runExport(%q) the project does not load: %v", tt.args, err)
		}
	}
}

// TestExportSameBytesAsEditor: the command line and File ▸ Export (which
// calls export.Write with export.DefaultOptions of the project's path)
// write the same bytes, drop-frame at 29.97 unless --non-drop-frame.
func TestExportSameBytesAsEditor(t *testing.T) {
	dir := t.TempDir()
	reel := exportTestProject(t, dir, storyboard.Rate2997, "")
	p, err := storyboard.Load(reel)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, f := range export.Formats {
		cli := filepath.Join(out, "cli-"+f.File)
		var so, se bytes.Buffer
		if code := runExport([]string{"--format", f.Name, "-o", cli, reel}, &so, &se); code != 0 {
			t.Fatalf("runExport(%s) = %d, stderr %q", f.Name, code, se.String())
		}
		gui := filepath.Join(out, "gui-"+f.File)
		if err := export.Write(p, f.Name, gui, export.DefaultOptions(p, reel)); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(cli)
		b, _ := os.ReadFile(gui)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the command line wrote %d bytes, the editor's call %d, and they differ", f.Name, len(a), len(b))
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "cli-plan.edl")); !strings.Contains(string(b), "FCM: DROP FRAME") {
		t.Errorf("the default EDL at 29.97 is not drop-frame:\n%s", b)
	}
	ndf := filepath.Join(out, "ndf.edl")
	var so, se bytes.Buffer
	if code := runExport([]string{"--format", "edl", "--non-drop-frame", "-o", ndf, reel}, &so, &se); code != 0 {
		t.Fatalf("runExport(--non-drop-frame) = %d, stderr %q", code, se.String())
	}
	if b, _ := os.ReadFile(ndf); !strings.Contains(string(b), "FCM: NON-DROP FRAME") {
		t.Errorf("runExport(--non-drop-frame) at 29.97 wrote:\n%s", b)
	}
}

// TestExportBundleWarnsOfOmissions: a soundtrack outside the project's
// folder is left out of the bundle, and the command says so.
func TestExportBundleWarnsOfOmissions(t *testing.T) {
	dir := t.TempDir()
	reel := exportTestProject(t, filepath.Join(dir), storyboard.Rate25, "")
	p, err := storyboard.Load(reel)
	if err != nil {
		t.Fatal(err)
	}
	p.Soundtrack.Path = "/etc/passwd"
	p.Soundtrack.Analysis = nil
	if err := storyboard.Save(p, reel); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.zip")
	var so, se bytes.Buffer
	code := runExport([]string{"--format", "bundle", "-o", out, reel}, &so, &se)
	if code != 0 || !strings.Contains(se.String(), "warning: The soundtrack /etc/passwd was left out of the bundle") {
		t.Errorf("runExport(bundle, soundtrack /etc/passwd) = %d, stderr %q; want 0 and a warning", code, se.String())
	}
}

// TestRenderSignalChild is the child of TestRenderSignals: it renders the
// project named by REELBOARD_RENDER_CHILD.
func TestRenderSignalChild(t *testing.T) {
	reel := os.Getenv("REELBOARD_RENDER_CHILD")
	if reel == "" {
		return // run only as TestRenderSignals' child
	}
	os.Exit(runRender([]string{"-o", os.Getenv("REELBOARD_RENDER_OUT"), reel}, os.Stdout, os.Stderr))
}

// TestRenderSignals sends SIGTERM and SIGINT to a child running `reelboard
// render`: it exits 1, no ffmpeg remains, and neither the output's
// temporary file nor the render's work folder is left.
func TestRenderSignals(t *testing.T) {
	testtool.Need(t, "ffmpeg", "ffmpeg")
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			reel := exportTestProject(t, dir, storyboard.Rate25, "")
			p, _ := storyboard.Load(reel)
			p.Cards[1].Duration = 20 * 60 * storyboard.Second // long enough to be caught rendering
			storyboard.Save(p, reel)
			outDir, tmpDir := t.TempDir(), t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestRenderSignalChild$")
			cmd.Env = append(os.Environ(), "REELBOARD_RENDER_CHILD="+reel,
				"REELBOARD_RENDER_OUT="+filepath.Join(outDir, "p.mp4"), "TMPDIR="+tmpDir)
			var se bytes.Buffer
			cmd.Stderr = &se
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ff := 0
			for deadline := time.Now().Add(2 * time.Minute); ff == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				ff = childNamed(cmd.Process.Pid, "ffmpeg")
			}
			if ff == 0 {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("no ffmpeg child appeared; stderr %q", se.String())
			}
			cmd.Process.Signal(sig)
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				t.Fatalf("reelboard render did not exit a minute after %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 1 {
				t.Errorf("after %v reelboard render exited %d (stderr %q); want 1", sig, code, se.String())
			}
			time.Sleep(200 * time.Millisecond)
			if alive(ff) {
				syscall.Kill(ff, syscall.SIGKILL)
				t.Errorf("ffmpeg (pid %d) still runs after reelboard render got %v", ff, sig)
			}
			for _, d := range []string{outDir, tmpDir} {
				if es, _ := os.ReadDir(d); len(es) != 0 {
					t.Errorf("after %v, %s holds %d leftovers (%s…)", sig, d, len(es), es[0].Name())
				}
			}
		})
	}
}

// childNamed returns the pid of a child of parent whose command is name, or 0.
func childNamed(parent int, name string) int {
	es, _ := os.ReadDir("/proc")
	for _, e := range es {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …
		s := string(b)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open {
			continue
		}
		f := strings.Fields(s[close+1:])
		if len(f) > 1 && s[open+1:close] == name && f[1] == strconv.Itoa(parent) {
			return pid
		}
	}
	return 0
}

// alive reports whether pid runs (a zombie does not count).
func alive(pid int) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(f) > 0 && f[0] != "Z"
}
