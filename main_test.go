package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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
		{[]string{"open", "/nonexistent/plan.reel"}, exitRefused, "", "/nonexistent/plan.reel: no such file"},
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
		{[]string{empty}, exitRefused, "", "empty.reel: the file is empty"},
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
