package export

import (
	"html"
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

// pdfWords returns the words pdftotext finds on the pages of path, with
// their boxes in points.
type pdfWord struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

func pdfWords(t *testing.T, path string) []pdfWord {
	t.Helper()
	needTool(t, "pdftotext", "poppler-utils")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	var ws []pdfWord
	page := 0
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "<page ") {
			page++
		}
		if m := re.FindStringSubmatch(line); m != nil {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
			ws = append(ws, pdfWord{page, html.UnescapeString(m[5]), f(m[1]), f(m[2]), f(m[3]), f(m[4])})
		}
	}
	return ws
}

// TestPDFLayout checks the sheet's layout fixes: a long card title stays
// clear of the on-screen text in its frame, an act that goes on to the
// next page is named there, a value keeps its unit on its line.
func TestPDFLayout(t *testing.T) {
	dir := mediaDir(t)
	for _, tall := range []bool{false, true} {
		p := fixture(storyboard.Rate25, dir)
		if !tall {
			p.Aspect, p.Platform = storyboard.Aspect{W: 16, H: 9}, "youtube"
		}
		p.Cards[0].Title = strings.Repeat("Titolo lunghissimo ", 8)
		p.Cards[0].OnScreenText = "Ostword ostword ostword"
		for len(p.Cards) < 40 {
			c := p.Cards[3]
			c.ID = uuid.New()
			p.Cards = slices.Insert(p.Cards, 3, c)
		}
		path := filepath.Join(t.TempDir(), "sheet.pdf")
		if err := Write(p, "pdf", path, Options{}); err != nil {
			t.Fatal(err)
		}
		ws := pdfWords(t, path)
		for _, a := range ws {
			if a.page != 1 || !strings.HasPrefix(a.text, "Titolo") && !strings.HasPrefix(a.text, "lunghissimo") {
				continue
			}
			for _, b := range ws {
				if b.page == 1 && strings.Contains(strings.ToLower(b.text), "ostword") &&
					a.xMin < b.xMax && b.xMin < a.xMax && a.yMin < b.yMax && b.yMin < a.yMax {
					t.Errorf("tall=%v: title word %q at %.1f–%.1f pt overprints on-screen text %q at %.1f–%.1f pt", tall, a.text, a.yMin, a.yMax, b.text, b.yMin, b.yMax)
				}
			}
		}
		pages := map[int]string{}
		for _, w := range ws {
			pages[w.page] += w.text + " "
		}
		if len(pages) < 2 {
			t.Fatalf("tall=%v: the 40-card sheet has %d page; want several", tall, len(pages))
		}
		for n := 2; n <= len(pages); n++ {
			if !strings.Contains(pages[n], "Act 2: Work (continued)") && !strings.Contains(pages[n], "Act 3: Fulfilment") {
				t.Errorf("tall=%v: page %d of the sheet names no act; want \"Act 2: Work (continued)\" at its top", tall, n)
			}
		}
		txt, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(txt), "\n") {
			if f := strings.Fields(line); len(f) > 0 && (f[0] == "beats" || f[0] == "s") {
				t.Errorf("tall=%v: the sheet has a line starting with its unit: %q", tall, line)
			}
		}
	}
}

// TestPDFActColors renders the sheet with pdftoppm and finds each act's
// colour, the editor's (storyboard.Act.Color), in its band.
func TestPDFActColors(t *testing.T) {
	needTool(t, "pdftoppm", "poppler-utils")
	dir := mediaDir(t)
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := Write(fixture(storyboard.Rate25, dir), "pdf", path, Options{}); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(filepath.Dir(path), "page")
	if out, err := exec.Command("pdftoppm", "-r", "40", "-png", path, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(prefix + "-*.png")
	if len(pages) == 0 {
		t.Fatalf("pdftoppm rendered no page of %s", path)
	}
	count := map[storyboard.Act]int{}
	for _, page := range pages {
		f, err := os.Open(page)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				for _, a := range storyboard.Acts {
					want, _ := a.Color()
					if near(r>>8, want.R) && near(g>>8, want.G) && near(bl>>8, want.B) {
						count[a]++
					}
				}
			}
		}
	}
	for _, a := range storyboard.Acts {
		if want, _ := a.Color(); count[a] < 200 {
			t.Errorf("the sheet shows %d pixels of act %s's colour #%02x%02x%02x; want its band in the editor's colour", count[a], a, want.R, want.G, want.B)
		}
	}
}

func near(a uint32, b uint8) bool { return int(a)-int(b) <= 3 && int(b)-int(a) <= 3 }
