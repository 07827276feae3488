package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// TestPDFText exports the sheets and checks their text with pdftotext
// against golden files: Italian and Russian must come out as written.
func TestPDFText(t *testing.T) {
	needTool(t, "pdftotext", "poppler-utils")
	dir := mediaDir(t)
	out := t.TempDir()
	for _, r := range []storyboard.Rate{storyboard.Rate25, storyboard.Rate2997} {
		for _, f := range []string{"pdf", "checklist"} {
			name := f + "-" + rateName(r)
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(out, name+".pdf")
				if err := Write(fixture(r, dir), f, path, Options{}); err != nil {
					t.Fatalf("Write(%s) = %v", f, err)
				}
				txt, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext %s: %v", path, err)
				}
				flat := strings.Join(strings.Fields(string(txt)), " ")
				for _, want := range []string{"Руки на объективе", "Arrivo sul set — è l'alba", "Первый взгляд на площадку"} {
					if !strings.Contains(flat, want) {
						t.Errorf("pdftotext(%s) lacks %q", name, want)
					}
				}
				golden(t, name+".txt", txt)
			})
		}
	}
}

func TestPDFSize(t *testing.T) {
	dir := mediaDir(t)
	path := filepath.Join(t.TempDir(), "s.pdf")
	if err := Write(fixture(storyboard.Rate25, dir), "pdf", path, Options{}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// The font is embedded as a subset: a one-page sheet stays small.
	if st.Size() > 400_000 {
		t.Errorf("size of a one-page PDF sheet = %d bytes; want under 400 kB (is the font subset?)", st.Size())
	}
}
