package export

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

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

// chromium runs Debian's headless Chromium with a throwaway profile.
func chromium(t *testing.T, args ...string) []byte {
	t.Helper()
	needTool(t, "chromium", "chromium")
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--user-data-dir=" + t.TempDir(), "--window-size=1280,2000", "--hide-scrollbars"}
	cmd := exec.Command("chromium", append(base, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// TestHTMLGridInChromium renders the sheet in a real browser at 1280 px and
// checks that the cards of an act form a grid: several cards side by side
// on one row, each narrower than a third of the page.
func TestHTMLGridInChromium(t *testing.T) {
	dir := mediaDir(t)
	for _, tall := range []bool{false, true} {
		p := fixture(storyboard.Rate25, dir)
		if !tall {
			p.Aspect = storyboard.Aspect{W: 16, H: 9}
			p.Platform = "youtube"
		}
		// Eight work cards: enough for a row to fill.
		for len(p.Cards) < 12 {
			c := p.Cards[3]
			c.ID = uuid.New()
			p.Cards = slices.Insert(p.Cards, 3, c)
		}
		path := filepath.Join(t.TempDir(), "sheet.html")
		if err := Write(p, "html", path, Options{}); err != nil {
			t.Fatal(err)
		}
		page, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// A copy with a script that writes every card's box into the DOM.
		probe := `<script>addEventListener("load",()=>{document.body.dataset.boxes=[...document.querySelectorAll(".cards")[1].querySelectorAll("figure")].map(f=>{const r=f.getBoundingClientRect();return [r.left,r.top,r.width].map(Math.round).join(",")}).join(";")})</script></body>`
		probed := filepath.Join(filepath.Dir(path), "probed.html")
		if err := os.WriteFile(probed, []byte(strings.Replace(string(page), "</body>", probe, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		dom := string(chromium(t, "--virtual-time-budget=5000", "--dump-dom", "file://"+probed))
		m := regexp.MustCompile(`data-boxes="([^"]*)"`).FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("tall=%v: Chromium's DOM has no card boxes:\n%.400s", tall, dom)
		}
		rows := map[string]int{}
		for _, box := range strings.Split(m[1], ";") {
			f := strings.Split(box, ",")
			if len(f) != 3 {
				t.Fatalf("tall=%v: card box %q", tall, box)
			}
			rows[f[1]]++
			if w, _ := strconv.Atoi(f[2]); w > 1280/3 {
				t.Errorf("tall=%v: a card is %d px wide at 1280 px; want under %d (a grid, not one card per row)", tall, w, 1280/3)
			}
		}
		if first := rows[strings.Split(strings.Split(m[1], ";")[0], ",")[1]]; first < 3 {
			t.Errorf("tall=%v: the first row of the work act holds %d cards at 1280 px; want at least 3 (boxes %s)", tall, first, m[1])
		}
		if !tall {
			continue
		}
		// The screenshot is the window's size.
		shot := filepath.Join(t.TempDir(), "shot.png")
		chromium(t, "--screenshot="+shot, "file://"+path)
		f, err := os.Open(shot)
		if err != nil {
			t.Fatalf("chromium wrote no screenshot: %v", err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width != 1280 || cfg.Height != 2000 {
			t.Errorf("screenshot size = %dx%d (%v); want 1280x2000", cfg.Width, cfg.Height, err)
		}
	}
}
