package export

import (
	"archive/zip"
	"io"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// TestBundle checks the bundle's entries and paths; its golden file is the
// list of entries followed by the README.
func TestBundle(t *testing.T) {
	for _, r := range []storyboard.Rate{storyboard.Rate25, storyboard.Rate2997} {
		t.Run(rateName(r), func(t *testing.T) { testBundle(t, r) })
	}
}

func testBundle(t *testing.T, r storyboard.Rate) {
	dir := mediaDir(t)
	out := filepath.Join(t.TempDir(), "handoff.zip")
	if err := Write(fixture(r, dir), "bundle", out, Options{Project: filepath.Join(dir, "plan.reel")}); err != nil {
		t.Fatalf("Write(bundle) = %v", err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	var listing strings.Builder
	for _, f := range zr.File {
		listing.WriteString(f.Name + "\n")
		if path.IsAbs(f.Name) || strings.HasPrefix(f.Name, "/") || strings.Contains(f.Name, "..") || strings.Contains(f.Name, `\`) {
			t.Errorf("bundle entry %q is not a clean relative path", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("reading %s: %v", f.Name, err)
		}
		files[f.Name] = string(b)
	}
	want := []string{"README.txt", "media/song.wav", "media/hands.mov", "images/ref.png"}
	for _, f := range Formats {
		if f.InBundle {
			want = append(want, f.File)
		}
	}
	for _, name := range want {
		if _, ok := files[name]; !ok {
			t.Errorf("bundle lacks %s", name)
		}
	}
	if len(files) != len(want) {
		t.Errorf("bundle has %d entries; want %d", len(files), len(want))
	}
	for _, name := range []string{"plan.otio", "plan-fcp7.xml", "plan.fcpxml", "plan.edl", "plan.mlt", "shotlist.csv", "shotlist.md", "storyboard.html"} {
		body := files[name]
		if strings.Contains(body, dir) || strings.Contains(body, "file:") {
			t.Errorf("%s in the bundle refers to an absolute path", name)
		}
	}
	for _, name := range []string{"plan.otio", "plan-fcp7.xml", "plan.fcpxml", "plan.mlt"} {
		if !strings.Contains(files[name], "media/hands.mov") || !strings.Contains(files[name], "media/song.wav") {
			t.Errorf("%s in the bundle does not point at media/hands.mov and media/song.wav", name)
		}
	}
	golden(t, "bundle-"+rateName(r)+".txt", []byte(listing.String()+"\n"+files["README.txt"]))
	if !strings.Contains(files["README.txt"], "plan.fcpxml") {
		t.Errorf("README.txt does not say which file to open")
	}
}

// TestBundleVariants: every variant of the plan is in the bundle as editor
// plans of its own, named after it, on the bundle's media, and the README
// lists them.
func TestBundleVariants(t *testing.T) {
	dir := mediaDir(t)
	p := fixture(storyboard.Rate25, dir)
	var kept []storyboard.VariantCard
	for _, c := range p.Cards[:2] {
		kept = append(kept, storyboard.VariantCard{ID: c.ID, Duration: c.Duration})
	}
	p.Variants = []storyboard.Variant{{Name: "15 s Story", Platform: "instagram-stories", Length: 15 * storyboard.Second, Cards: kept}}
	out := filepath.Join(t.TempDir(), "handoff.zip")
	if err := Write(p, "bundle", out, Options{Project: filepath.Join(dir, "plan.reel")}); err != nil {
		t.Fatalf("Write(bundle) = %v", err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
	}
	for _, f := range Formats {
		if !f.InBundle || f.Images {
			continue
		}
		name := "15 s Story — " + f.File
		body, ok := files[name]
		if !ok {
			t.Errorf("the bundle lacks the variant's %s", name)
			continue
		}
		if strings.Contains(body, dir) {
			t.Errorf("%s refers to an absolute path", name)
		}
		if f.Name == "otio" || f.Name == "fcp7" || f.Name == "fcpxml" || f.Name == "mlt" {
			if !strings.Contains(body, "media/song.wav") {
				t.Errorf("%s does not point at the bundled media/song.wav", name)
			}
			if strings.Contains(body, p.Cards[len(p.Cards)-1].Title) {
				t.Errorf("%s holds the last card, which the variant drops", name)
			}
		}
	}
	if !strings.Contains(files["README.txt"], "15 s Story: 2 cards") {
		t.Errorf("README.txt does not list the variant:\n%s", files["README.txt"])
	}
}
