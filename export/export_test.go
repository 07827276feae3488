package export

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// goldenFormats are the text formats compared byte for byte.
var goldenFormats = []string{"otio", "edl", "fcp7", "fcpxml", "mlt", "csv", "md", "html"}

func TestGolden(t *testing.T) {
	dir := mediaDir(t)
	out := t.TempDir()
	for _, r := range []storyboard.Rate{storyboard.Rate25, storyboard.Rate2997} {
		for _, f := range goldenFormats {
			fm, _ := LookupFormat(f)
			name := f + "-" + rateName(r) + fm.Ext
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(out, name)
				if err := Write(fixture(r, dir), f, path, Options{}); err != nil {
					t.Fatalf("Write(%s) = %v; want nil", f, err)
				}
				got, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				golden(t, name, normalize(got, dir))
			})
		}
	}
}

func TestWriteErrors(t *testing.T) {
	dir := mediaDir(t)
	out := t.TempDir()
	missing := fixture(storyboard.Rate25, dir)
	missing.Cards[2].Media.Path = filepath.Join(dir, "gone.mov")
	short := fixture(storyboard.Rate25, dir)
	short.Cards[1].Duration = storyboard.Second / 100
	empty := fixture(storyboard.Rate25, dir)
	empty.Cards = nil
	noSong := fixture(storyboard.Rate25, dir)
	noSong.Soundtrack.Path = filepath.Join(dir, "nosong.wav")
	tests := []struct {
		name   string
		p      *storyboard.Project
		format string
		out    string
		want   error
	}{
		{"unknown format", fixture(storyboard.Rate25, dir), "avid", filepath.Join(out, "a.x"), ErrUnknownFormat},
		{"missing media", missing, "otio", filepath.Join(out, "b.otio"), ErrMissingMedia},
		{"missing soundtrack", noSong, "edl", filepath.Join(out, "c.edl"), ErrMissingMedia},
		{"short card", short, "fcpxml", filepath.Join(out, "d.fcpxml"), ErrShortCard},
		{"no cards", empty, "mlt", filepath.Join(out, "e.mlt"), ErrNoCards},
		{"unwritable folder", fixture(storyboard.Rate25, dir), "edl", filepath.Join(out, "no", "such", "f.edl"), os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.p, tt.format, tt.out, Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Write(%s, %s) = %v; want %v", tt.name, tt.format, err, tt.want)
			}
			t.Logf("message: %v", err)
		})
	}
	left, _ := os.ReadDir(out)
	for _, e := range left {
		t.Errorf("Write left %s behind after errors", e.Name())
	}
}

func TestWriteKeepsOldFileOnError(t *testing.T) {
	dir := mediaDir(t)
	out := filepath.Join(t.TempDir(), "plan.edl")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := fixture(storyboard.Rate25, dir)
	for len(p.Cards) < 1000 {
		p.Cards = append(p.Cards, p.Cards[0])
	}
	if err := Write(p, "edl", out, Options{}); !errors.Is(err, ErrTooManyEvents) {
		t.Fatalf("Write(1000 cards, edl) = %v; want ErrTooManyEvents", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("after a failed Write the file holds %q; want %q", b, "old")
	}
	if es, _ := os.ReadDir(filepath.Dir(out)); len(es) != 1 {
		t.Errorf("a failed Write left %d files; want 1", len(es))
	}
}

func TestMusicShorterThanReel(t *testing.T) {
	dir := mediaDir(t)
	p := fixture(storyboard.Rate25, dir)
	p.Soundtrack.Analysis.Duration = 5 * storyboard.Second // the reel is 9 s from 1.5 s (frame 38) in
	pl, err := newPlan(p, Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(125 - 38); pl.music.dur != want || pl.music.length != 125 {
		t.Errorf("music (dur, length) = (%d, %d); want (%d, 125)", pl.music.dur, pl.music.length, want)
	}
	path := filepath.Join(t.TempDir(), "short.fcpxml")
	if err := Write(p, "fcpxml", path, Options{}); err != nil {
		t.Fatal(err)
	}
	xmllint(t, "--dtdvalid", filepath.Join("testdata", "dtd", "FCPXMLv1_10.dtd"), path)
}
