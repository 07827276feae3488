package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// wesnothMusic is where Debian's wesnoth-music package puts its OGGs (make
// test installs it): real orchestral songs with tempo changes, rubato
// intros and endings.
const wesnothMusic = "/usr/share/games/wesnoth/1.16/data/core/music"

// realSongs are the songs the fit is tried on: 115, 121 and 135 bpm.
var realSongs = []string{"loyalists.ogg", "frantic.ogg", "battle.ogg"}

func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, &out, &errb); code != exitOK {
		t.Fatalf("run(%q) = %d, stderr %q; want 0", args, code, errb.String())
	}
	return out.String()
}

// TestFitRealSongs: on real songs, a plan made by `new --soundtrack` and
// fitted by `fit --length` to 15, 30 and 60 s has every cut on the beat
// grid, its acts within the template's tolerance, music starting on a
// downbeat, and no pacing finding from `check` but the one asked for (a
// 60 s Short is longer than the 45 s that works best).
func TestFitRealSongs(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		platform string
		length   string
		want     storyboard.Time
	}{
		{"instagram-stories", "15", 15 * storyboard.Second},
		{"instagram-reels", "30s", 30 * storyboard.Second},
		{"youtube-shorts", "60", 60 * storyboard.Second},
	}
	for _, name := range realSongs {
		// The song goes in the project's folder, as a videomaker keeps it
		// (check warns about media outside the folder).
		data, err := os.ReadFile(filepath.Join(wesnothMusic, name))
		if err != nil {
			t.Fatalf("%s is missing: install wesnoth-music (make test does): %v", name, err)
		}
		songPath := filepath.Join(dir, name)
		if err := os.WriteFile(songPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		base := filepath.Join(dir, strings.TrimSuffix(name, ".ogg")+".reel")
		// new --soundtrack fits by default (to the platform's 30 s).
		msg := runOK(t, "new", "--platform", "instagram-reels", "--soundtrack", songPath, "-o", base)
		if !strings.Contains(msg, "Fitted 10 cards to 0:29.") {
			t.Errorf("new --soundtrack %s said %q; want the fit's account", name, msg)
		}
		for _, c := range cases {
			path := strings.TrimSuffix(base, ".reel") + "-" + c.platform + ".reel"
			data, err := os.ReadFile(base)
			if err != nil {
				t.Fatal(err)
			}
			p, err := storyboard.Decode(data, filepath.Dir(base))
			if err != nil {
				t.Fatal(err)
			}
			p.Platform = c.platform
			if err := storyboard.Save(p, path); err != nil {
				t.Fatal(err)
			}
			out := runOK(t, "fit", "--length", c.length, "--json", path)
			var rep struct {
				Excerpt struct {
					StartS float64 `json:"start_s"`
				} `json:"excerpt"`
				LengthS float64 `json:"length_s"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("fit --json printed %q: %v", out, err)
			}
			p, err = storyboard.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			beats, downs := p.BeatGrid()
			for i, cut := range p.Cuts() {
				if _, ok := slices.BinarySearch(beats, cut); !ok {
					t.Errorf("%s %s: cut %d at %s is off the beat grid", name, c.length, i+1, cut)
				}
			}
			if len(downs) == 0 || downs[0] != 0 {
				t.Errorf("%s %s: the music starts at %s, not on a downbeat (first %v)", name, c.length, p.Soundtrack.Offset, downs[:min(1, len(downs))])
			}
			if l := p.Length(); l > c.want || c.want-l > storyboard.Second {
				t.Errorf("%s %s: the reel lasts %s; want within a beat under %s", name, c.length, l, c.want)
			}
			if rep.Excerpt.StartS != p.Soundtrack.Offset.Seconds() || rep.LengthS != p.Length().Seconds() {
				t.Errorf("%s %s: fit --json says start %g length %g; the file has %g, %g", name, c.length, rep.Excerpt.StartS, rep.LengthS, p.Soundtrack.Offset.Seconds(), p.Length().Seconds())
			}
			var chk bytes.Buffer
			if code := run([]string{"check", "--json", path}, &chk, &bytes.Buffer{}); code != exitOK {
				t.Errorf("%s %s: check exit %d:\n%s", name, c.length, code, chk.String())
			}
			var findings []jsonFinding
			if err := json.Unmarshal(chk.Bytes(), &findings); err != nil {
				t.Fatal(err)
			}
			for _, f := range findings {
				if f.Code == storyboard.CodeLongerThanRecommended && c.want > p.PlatformPreset().Recommended {
					continue
				}
				t.Errorf("%s %s: check: %s %s: %s", name, c.length, f.Severity, f.Code, f.Message)
			}
			// Fitting again changes nothing.
			before, _ := os.ReadFile(path)
			runOK(t, "fit", path)
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Errorf("%s %s: a second fit changed the plan", name, c.length)
			}
		}
	}
}

func TestRunFitVariantsAndExport(t *testing.T) {
	dir := t.TempDir()
	song := clickWAV(t, dir, 120, 90)
	path := filepath.Join(dir, "plan.reel")
	runOK(t, "new", "--platform", "youtube-shorts", "--soundtrack", song, "-o", path)
	p, err := storyboard.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{1, 4, 7} {
		p.Cards[i].Optional = true
	}
	if err := storyboard.Save(p, path); err != nil {
		t.Fatal(err)
	}
	out := runOK(t, "fit", "--variant", "15 s Story", path)
	if !strings.Contains(out, `variant "15 s Story": Fitted`) {
		t.Errorf("fit --variant said %q", out)
	}
	runOK(t, "fit", "--variant", "square", "--platform", "linkedin", "--length", "20", path)
	p, err = storyboard.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Variants) != 2 || p.Variants[0].Platform != "instagram-stories" || p.Variants[1].Platform != "linkedin" || p.Variants[1].Length != 20*storyboard.Second {
		t.Fatalf("variants after fit --variant = %+v", p.Variants)
	}
	csv := filepath.Join(dir, "story.csv")
	runOK(t, "export", "--format", "csv", "--variant", "15 s Story", "-o", csv, path)
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := p.Variant("15 s Story")
	if rows := strings.Count(strings.TrimSpace(string(data)), "\n"); rows != len(v.Cards) {
		t.Errorf("export --variant csv has %d rows; want the variant's %d cards:\n%s", rows, len(v.Cards), data)
	}
	var errb bytes.Buffer
	if code := run([]string{"export", "--format", "csv", "--variant", "nope", "-o", csv, path}, &bytes.Buffer{}, &errb); code != exitRefused || !strings.Contains(errb.String(), `no variant "nope"`) || !strings.Contains(errb.String(), path) {
		t.Errorf("export --variant nope = %d, %q; want 1 naming the file and the variant", code, errb.String())
	}
	// check --variant checks the variant against its own platform: its
	// findings are the variant's, never the plan's.
	vp, _ := p.VariantProject("square")
	vp.Cards[0].Duration += 3*storyboard.Second + 130*storyboard.Millisecond // a first cut off the beat, in the variant only
	vv, _ := p.Variant("square")
	vv.Cards[0].Duration = vp.Cards[0].Duration
	for i := range p.Variants {
		if p.Variants[i].Name == "square" {
			p.Variants[i] = vv
		}
	}
	if err := storyboard.Save(p, path); err != nil {
		t.Fatal(err)
	}
	vp, _ = p.VariantProject("square")
	var want []string
	for _, f := range storyboard.CheckFile(vp, path) {
		want = append(want, f.Message)
	}
	if len(want) == 0 {
		t.Fatal("the square variant has no findings to check for")
	}
	var outb bytes.Buffer
	errb.Reset()
	if code := run([]string{"check", "--variant", "square", path}, &outb, &errb); code == exitUsage || errb.Len() != 0 {
		t.Errorf("check --variant square = %d, stderr %q", code, errb.String())
	}
	for _, w := range want {
		if !strings.Contains(outb.String(), w) {
			t.Errorf("check --variant square printed %q; want %q in it", outb.String(), w)
		}
	}
	errb.Reset()
	if code := run([]string{"check", "--variant", "nope", path}, &bytes.Buffer{}, &errb); code != exitRefused || !strings.Contains(errb.String(), `no variant "nope"`) {
		t.Errorf("check --variant nope = %d, %q; want 1 naming the variant", code, errb.String())
	}
}

func TestRunFitUsageAndRefusals(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.reel")
	runOK(t, "new", "-o", plain)
	before, _ := os.ReadFile(plain)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"fit"}, exitUsage, "give exactly one project file"},
		{[]string{"fit", "--length", "abc", plain}, exitUsage, `--length "abc" is not a length`},
		{[]string{"fit", "--length", "-3", plain}, exitUsage, `--length "-3"`},
		{[]string{"fit", "--start", "soon", plain}, exitUsage, `--start "soon" is neither auto`},
		{[]string{"fit", "--platform", "tiktok", plain}, exitUsage, "--platform goes with --variant"},
		{[]string{"fit", "--variant", "x", "--platform", "myspace", plain}, exitUsage, `unknown platform "myspace"`},
		{[]string{"fit", plain}, exitRefused, plain + ": the project has no soundtrack"},
		{[]string{"fit", filepath.Join(dir, "none.reel")}, exitRefused, "none.reel"},
		{[]string{"new", "--rate", "31", "-o", filepath.Join(dir, "r.reel")}, exitUsage, `unknown frame rate "31"`},
		{[]string{"new", "--no-fit", "-o", filepath.Join(dir, "r.reel")}, exitUsage, "--no-fit goes with --soundtrack"},
	}
	for _, tt := range tests {
		var errb bytes.Buffer
		code := run(tt.args, &bytes.Buffer{}, &errb)
		if code != tt.code || !strings.Contains(errb.String(), tt.stderr) || strings.Count(strings.TrimSpace(errb.String()), "\n") > 1 {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tt.args, code, errb.String(), tt.code, tt.stderr)
		}
	}
	if after, _ := os.ReadFile(plain); !bytes.Equal(before, after) {
		t.Error("a refused fit changed the file")
	}
}

func TestRunNewSettingsAndNoFit(t *testing.T) {
	dir := t.TempDir()
	song := clickWAV(t, dir, 120, 60)
	path := filepath.Join(dir, "Studio backstage.reel")
	runOK(t, "new", "--template", "making-of", "--platform", "youtube", "--author", "Ada", "--client", "Acme", "--rate", "23.976", "--soundtrack", song, "--no-fit", "-o", path)
	p, err := storyboard.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Studio backstage" || p.Author != "Ada" || p.Client != "Acme" || p.Rate != storyboard.Rate23976 {
		t.Errorf("new: title %q author %q client %q rate %s; want Studio backstage, Ada, Acme, 23.976", p.Title, p.Author, p.Client, p.Rate)
	}
	tmpl, _ := storyboard.TemplateFor(storyboard.FormatMakingOf)
	for i, c := range p.Cards {
		if c.Duration != tmpl.Cards[i].Duration {
			t.Errorf("new --no-fit: card %d lasts %s; want the template's %s", i+1, c.Duration, tmpl.Cards[i].Duration)
		}
	}
	if p.Soundtrack == nil || p.Soundtrack.Offset != 0 || p.Soundtrack.Length != 0 {
		t.Errorf("new --no-fit soundtrack = %+v; want the song from 0:00, no region", p.Soundtrack)
	}
	// Without --no-fit the ten cuts of a new plan are all on the beat.
	fitted := filepath.Join(dir, "fitted.reel")
	runOK(t, "new", "--soundtrack", song, "-o", fitted)
	p, err = storyboard.Load(fitted)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range storyboard.Check(p) {
		if f.Code == storyboard.CodeCutOffBeat || f.Severity != storyboard.Hint {
			t.Errorf("new --soundtrack: %s %s", f.Code, f.Message)
		}
	}
}
