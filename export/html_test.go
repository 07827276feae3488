package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

func TestHTMLEscapesAndInlines(t *testing.T) {
	dir := mediaDir(t)
	p := fixture(storyboard.Rate25, dir)
	p.Title = `<script>alert("x")</script>`
	p.Cards[0].Notes = `<img src=x onerror=alert(1)>`
	p.Cards[3].Title = `" onmouseover="alert(1)`
	path := filepath.Join(t.TempDir(), "s.html")
	if err := Write(p, "html", path, Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, bad := range []string{"<script>", "<img src=x", `" onmouseover="`, "http://", "https://", dir} {
		if strings.Contains(page, bad) {
			t.Errorf("HTML sheet contains %q; want it escaped or absent", bad)
		}
	}
	if !strings.Contains(page, `src="data:image/jpeg;base64,`) {
		t.Errorf("HTML sheet has no inlined image")
	}
}
