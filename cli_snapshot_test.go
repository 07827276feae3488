package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunSnapshot(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // the demo installs here
	t.Setenv("HOME", t.TempDir())
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.reel")
	os.WriteFile(bad, []byte("{\"version\": 1, \"title\": }"), 0o644)
	none, nowhere := filepath.Join(dir, "none.reel"), filepath.Join(dir, "no", "x.png")
	tests := []struct {
		name string
		args []string
		want int
		out  string // a PNG expected here
		say  string // the error sentence expected
	}{
		{"no output", []string{}, exitUsage, "", ""},
		{"two projects", []string{"-o", filepath.Join(dir, "x.png"), "a.reel", "b.reel"}, exitUsage, "", ""},
		{"missing project", []string{"-o", filepath.Join(dir, "x.png"), none}, exitRefused, "", "reelboard snapshot: " + none + " does not exist.\n"},
		{"invalid project", []string{"-o", filepath.Join(dir, "x.png"), bad}, exitRefused, "", "reelboard snapshot: " + bad + " is not valid JSON (line 1, column 25).\n"},
		{"no output folder", []string{"-o", nowhere}, exitRefused, "", "reelboard snapshot: cannot write " + nowhere + ": its folder does not exist.\n"},
		{"demo", []string{"-o", filepath.Join(dir, "demo.png")}, exitOK, filepath.Join(dir, "demo.png"), ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		got := runSnapshot(tt.args, &stdout, &stderr)
		if got != tt.want {
			t.Errorf("%s: runSnapshot(%q) = %d (stderr %q); want %d", tt.name, tt.args, got, stderr.String(), tt.want)
			continue
		}
		if tt.say != "" && stderr.String() != tt.say {
			t.Errorf("%s: stderr %q; want %q", tt.name, stderr.String(), tt.say)
		}
		if got != exitOK && strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 {
			t.Errorf("%s: stderr = %q; want one line", tt.name, stderr.String())
		}
		if tt.out == "" {
			continue
		}
		f, err := os.Open(tt.out)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: not a PNG: %v", tt.name, err)
		}
		if b := img.Bounds(); b.Dx() < 1280 || b.Dy() < 720 {
			t.Errorf("%s: snapshot is %dx%d; want at least 1280x720", tt.name, b.Dx(), b.Dy())
		}
		// A painted window, not a blank canvas: much of it differs from the
		// background of its corner.
		if share := paintedShare(img); share < 0.2 {
			t.Errorf("%s: %.0f%% of the snapshot differs from its background; want a painted window (at least 20%%)", tt.name, 100*share)
		}
	}
}

// paintedShare returns the share of img's pixels not of the colour of its
// top-left corner.
func paintedShare(img image.Image) float64 {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}
