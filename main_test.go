package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"version"}, exitOK, "reelboard ", ""},
		{[]string{"help"}, exitOK, "reelboard new --template", ""},
		{[]string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`},
		{[]string{"open"}, exitUsage, "", "give exactly one project file"},
		{[]string{"open", "/nonexistent/plan.reel"}, exitRefused, "", "reelboard open: /nonexistent/plan.reel does not exist.\n"},
		{[]string{"new"}, exitUsage, "", "-o FILE.reel"},
		{[]string{"new", "--template", "wedding", "-o", "x.reel"}, exitUsage, "", `unknown template "wedding"`},
		{[]string{"new", "--platform", "myspace", "-o", "x.reel"}, exitUsage, "", `unknown platform "myspace"`},
		{[]string{"new", "--bogus"}, exitUsage, "", "flag provided but not defined"},
		{[]string{"new", "-o", "x.reel", "extra"}, exitUsage, "", `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(tt.args, &out, &errb)
		if code != tt.code || !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errb.String(), tt.stderr) {
			t.Errorf("run(%q) = %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
				tt.args, code, out.String(), errb.String(), tt.code, tt.stdout, tt.stderr)
		}
	}
}

func TestRunNew(t *testing.T) {
	dir := t.TempDir()
	for _, tmpl := range []string{"backstage", "making-of"} {
		path := filepath.Join(dir, tmpl+".reel")
		var out, errb bytes.Buffer
		if code := run([]string{"new", "--template", tmpl, "--platform", "tiktok", "-o", path}, &out, &errb); code != exitOK {
			t.Fatalf("run(new %s) = %d, stderr %q; want 0", tmpl, code, errb.String())
		}
		p, err := storyboard.Load(path)
		if err != nil {
			t.Fatalf("Load(%s) = %v", path, err)
		}
		if string(p.Format) != tmpl || p.Platform != "tiktok" || p.Title != tmpl || len(p.Cards) == 0 {
			t.Errorf("new %s = format %q platform %q title %q %d cards; want %s, tiktok, %s, some cards",
				tmpl, p.Format, p.Platform, p.Title, len(p.Cards), tmpl, tmpl)
		}
		// A second new on the same file is refused and leaves it alone.
		before, _ := os.ReadFile(path)
		errb.Reset()
		if code := run([]string{"new", "-o", path}, &out, &errb); code != exitRefused || !strings.Contains(errb.String(), "already exists") {
			t.Errorf("run(new over %s) = %d, %q; want 1 and 'already exists'", path, code, errb.String())
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Errorf("run(new over %s) changed the existing file", path)
		}
	}
}

func TestRunNewBadSoundtrack(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "song.mp3")
	os.WriteFile(bad, []byte("not an mp3 at all"), 0o644)
	out := filepath.Join(dir, "plan.reel")
	var o, errb bytes.Buffer
	code := run([]string{"new", "--soundtrack", bad, "-o", out}, &o, &errb)
	if code != exitRefused || !strings.Contains(errb.String(), "song.mp3") || strings.Count(strings.TrimSpace(errb.String()), "\n") != 0 {
		t.Errorf("run(new --soundtrack garbage) = %d, %q; want 1 and one line naming song.mp3", code, errb.String())
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("run(new --soundtrack garbage) wrote %s; want nothing written", out)
	}
}

func TestInstallDemo(t *testing.T) {
	dir := t.TempDir()
	path, err := installDemo(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := storyboard.Load(path)
	if err != nil {
		t.Fatalf("the embedded demo does not load: %v", err)
	}
	if len(p.Cards) < 10 || p.Soundtrack == nil || p.Soundtrack.Analysis == nil {
		t.Fatalf("demo = %d cards, soundtrack %v; want a full set of cards over an analysed soundtrack", len(p.Cards), p.Soundtrack)
	}
	if _, err := os.Stat(p.Soundtrack.Path); err != nil {
		t.Errorf("demo soundtrack %s: %v", p.Soundtrack.Path, err)
	}
	for _, a := range storyboard.Acts {
		if p.ActLength(a) == 0 {
			t.Errorf("demo act %v is empty", a)
		}
	}
	// A demo the user edited is kept on the next start.
	p.Title = "My edit"
	if err := storyboard.Save(p, path); err != nil {
		t.Fatal(err)
	}
	if _, err := installDemo(dir); err != nil {
		t.Fatal(err)
	}
	if q, _ := storyboard.Load(path); q.Title != "My edit" {
		t.Errorf("installDemo over an edited demo: title %q; want the user's %q", q.Title, "My edit")
	}
}

func TestRunCheck(t *testing.T) {
	dir := t.TempDir()
	demo, err := installDemo(filepath.Join(dir, "demo"))
	if err != nil {
		t.Fatal(err)
	}
	// A project over the platform's maximum: one card of four minutes on Reels.
	long := filepath.Join(dir, "long.reel")
	if code := run([]string{"new", "-o", long}, new(bytes.Buffer), new(bytes.Buffer)); code != exitOK {
		t.Fatal("new failed")
	}
	p, _ := storyboard.Load(long)
	p.Cards[0].Duration = 4 * storyboard.Minute
	if err := storyboard.Save(p, long); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.reel")
	os.WriteFile(empty, nil, 0o644)
	newer := filepath.Join(dir, "newer.reel")
	os.WriteFile(newer, []byte(`{"version": 99}`), 0o644)
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{demo}, exitOK, "no findings", ""},
		{[]string{"--json", demo}, exitOK, "[]", ""},
		{[]string{long}, exitRefused, "error:", ""},
		{[]string{"--json", long}, exitRefused, `"severity": "error"`, ""},
		{[]string{empty}, exitRefused, "", "reelboard check: " + empty + " is empty.\n"},
		{[]string{newer}, exitRefused, "", "newer Reelboard"},
		{[]string{filepath.Join(dir, "missing.reel")}, exitRefused, "", "missing.reel"},
		{[]string{}, exitUsage, "", "give exactly one project file"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(append([]string{"check"}, tt.args...), &out, &errb)
		if code != tt.code || !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errb.String(), tt.stderr) {
			t.Errorf("run(check %q) = %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
				tt.args, code, out.String(), errb.String(), tt.code, tt.stdout, tt.stderr)
		}
	}
}

// oneSentence reports whether s is one line ending with a period, without
// a Go error chain.
func oneSentence(s string) bool {
	s = strings.TrimSuffix(s, "\n")
	return s != "" && !strings.Contains(s, "\n") && strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") &&
		!strings.Contains(s, "storyboard:") && !strings.Contains(s, "audio:") && !strings.Contains(s, "export:")
}

func TestRunCheckRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(data), 0o644)
		return path
	}
	fifo := filepath.Join(dir, "pipe.reel")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	valid := filepath.Join(dir, "valid.reel")
	if code := run([]string{"new", "-o", valid}, new(bytes.Buffer), new(bytes.Buffer)); code != exitOK {
		t.Fatal("new failed")
	}
	data, _ := os.ReadFile(valid)
	var obj map[string]any
	json.Unmarshal(data, &obj)
	cards := obj["cards"].([]any)
	cards[1].(map[string]any)["duration"] = int64(math.MaxInt64)
	huge, _ := json.Marshal(obj)
	cards[1].(map[string]any)["duration"] = 8 * 3600 * int64(storyboard.Second)
	cards[2].(map[string]any)["duration"] = 8 * 3600 * int64(storyboard.Second)
	long, _ := json.Marshal(obj)
	tests := []struct {
		path string
		want string // the whole of stderr after "reelboard check: "
	}{
		{write("empty.reel", ""), "%s is empty."},
		{write("syntax.reel", "{\n  \"version\": 1,\n  \"title\": }"), "%s is not valid JSON (line 3, column 12)."},
		{write("newer.reel", `{"version": 99}`), "%s was made by a newer Reelboard: version 99; this one reads up to " + strconv.Itoa(storyboard.CurrentVersion) + "; update Reelboard."},
		{write("huge.reel", string(huge)), "%s is not a valid project: card 2 \"" + cards[1].(map[string]any)["title"].(string) + "\" lasts 3631020:06:27.833, longer than 12 hours."},
		{write("long.reel", string(long)), "%s is not a valid project: the cards up to card 3 \"" + cards[2].(map[string]any)["title"].(string) + "\" last more than 12 hours."},
		{"/dev/zero", "%s is not a regular file: it is a device."},
		{fifo, "%s is not a regular file: it is a named pipe (FIFO)."},
		{dir, "%s is not a regular file: it is a folder."},
		{filepath.Join(dir, "none.reel"), "%s does not exist."},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run([]string{"check", tt.path}, &out, &errb)
		want := "reelboard check: " + fmt.Sprintf(tt.want, tt.path) + "\n"
		if code != exitRefused || errb.String() != want || out.Len() != 0 {
			t.Errorf("run(check %s) = %d, stdout %q, stderr %q; want 1, nothing, %q", filepath.Base(tt.path), code, out.String(), errb.String(), want)
		}
		if !oneSentence(errb.String()) {
			t.Errorf("run(check %s) stderr %q; want one sentence", filepath.Base(tt.path), errb.String())
		}
	}
}

func TestRunCheckMediaOutside(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "reel")
	os.Mkdir(dir, 0o755)
	path := filepath.Join(dir, "plan.reel")
	if code := run([]string{"new", "-o", path}, new(bytes.Buffer), new(bytes.Buffer)); code != exitOK {
		t.Fatal("new failed")
	}
	p, _ := storyboard.Load(path)
	p.Soundtrack = &storyboard.Soundtrack{Path: "/etc/passwd"}
	p.Cards[0].Image = filepath.Join(root, "ref.png")
	if err := storyboard.Save(p, path); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	run([]string{"check", path}, &out, &errb)
	for _, want := range []string{"warning: The soundtrack /etc/passwd is outside the project's folder", "reference image of card 1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("run(check with media outside) stdout %q; want %q", out.String(), want)
		}
	}
	out.Reset()
	run([]string{"check", "--json", path}, &out, &errb)
	if n := strings.Count(out.String(), `"code": "media-outside-project"`); n != 2 {
		t.Errorf("run(check --json) has %d media-outside-project findings; want 2:\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), `"severity": "warning",
    "code": "media-outside-project"`) {
		t.Errorf("run(check --json) outside-folder findings are not warnings:\n%s", out.String())
	}
}

func TestRunNewWriteErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none", "plan.reel")
	var out, errb bytes.Buffer
	if code := run([]string{"new", "-o", missing}, &out, &errb); code != exitRefused ||
		errb.String() != "reelboard new: cannot write "+missing+": its folder does not exist.\n" {
		t.Errorf("run(new into a missing folder) = %d, %q; want 1 and one sentence", code, errb.String())
	}
	// A full disk: a 64 KiB tmpfs, nearly filled.
	disk := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk).CombinedOutput(); err != nil {
		if os.Getenv("REELBOARD_REQUIRE_TOOLS") != "" {
			t.Fatalf("mount tmpfs: %v: %s", err, out)
		}
		t.Skipf("cannot mount a small tmpfs here (%v), so no full disk to test", err)
	}
	defer exec.Command("umount", disk).Run()
	path := filepath.Join(disk, "plan.reel")
	if code := run([]string{"new", "-o", path}, &out, &errb); code != exitOK {
		t.Fatalf("run(new on the tmpfs) = %d, %q", code, errb.String())
	}
	before, _ := os.ReadFile(path)
	fill, _ := os.Create(filepath.Join(disk, "filler"))
	fill.Write(make([]byte, 64<<10)) // fills the disk (short write)
	fill.Close()
	errb.Reset()
	code := run([]string{"new", "--force", "--template", "making-of", "-o", path}, &out, &errb)
	if want := "reelboard new: " + path + " was not written: the disk is full; the previous version is unchanged.\n"; code != exitRefused || errb.String() != want {
		t.Errorf("run(new on a full disk) = %d, %q; want 1, %q", code, errb.String(), want)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("run(new on a full disk) changed the old project")
	}
	ents, _ := os.ReadDir(disk)
	if len(ents) != 2 {
		t.Errorf("run(new on a full disk) left %d files; want plan.reel and the filler", len(ents))
	}
}

// TestVersionIsFyneApps: `reelboard version` and the package's metadata
// (FyneApp.toml) name the same version.
func TestVersionIsFyneApps(t *testing.T) {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "Version" {
			want = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	if want == "" || version != want {
		t.Errorf("version %q; FyneApp.toml says %q", version, want)
	}
}
