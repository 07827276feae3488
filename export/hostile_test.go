package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reelboard/reelboard/storyboard"
)

// hostileNames are texts that break a format written carelessly: markup
// (element and attribute context), ffmpeg options and protocols, and line
// breaks of every kind.
var hostileNames = []string{
	`<script>alert(1)</script>`,
	`"><svg onload=alert(1)>`,
	`-i`,
	`concat:a.mov|b.mov`,
	"two\nlines\r\nand\rthree\u2028four",
	`' onmouseover='alert(1)`,
	`]]><!-- &amp; &`,
}

// hostileProject is the fixture with hostile texts in every field and
// hostile file names for its media.
func hostileProject(t *testing.T) (*storyboard.Project, string) {
	t.Helper()
	dir := mediaDir(t)
	p := fixture(storyboard.Rate2997, dir)
	p.Title = hostileNames[0] + hostileNames[1]
	p.Author = hostileNames[4]
	p.StyleNotes = hostileNames[6] + hostileNames[1]
	for i := range p.Cards {
		c := &p.Cards[i]
		c.Title = hostileNames[i%len(hostileNames)]
		c.Notes = hostileNames[(i+1)%len(hostileNames)]
		c.OnScreenText = hostileNames[(i+2)%len(hostileNames)]
		c.VoiceOver = hostileNames[(i+4)%len(hostileNames)]
	}
	rename := func(old, name string) string {
		nw := filepath.Join(dir, name)
		if err := os.Rename(old, nw); err != nil {
			t.Fatal(err)
		}
		return nw
	}
	p.Soundtrack.Path = rename(p.Soundtrack.Path, "-i")
	p.Cards[1].Image = rename(p.Cards[1].Image, `"><svg onload=alert(1)>.png`)
	p.Cards[2].Media.Path = rename(p.Cards[2].Media.Path, "concat:a.mov|b\nc.mov")
	return p, dir
}

// edlLine is what every line of a CMX 3600 EDL must look like.
var edlLine = regexp.MustCompile(`^(|TITLE: .*|FCM: (NON-)?DROP FRAME|\d{3}  .*|\* [A-Z -]+: .*)$`)

// TestHostileNames sends hostile titles, notes and file names through every
// format: XML stays well-formed, EDL keeps its line grammar, OTIO is valid
// JSON holding the texts unchanged, CSV and Markdown keep one row per card,
// HTML shows the markup as text, and the bundle opens in Go's strict zip
// reader.
func TestHostileNames(t *testing.T) {
	t.Setenv("GODEBUG", "zipinsecurepath=0")
	p, dir := hostileProject(t)
	out := t.TempDir()
	opt := Options{Project: filepath.Join(dir, "plan.reel")}
	for _, f := range Formats {
		t.Run(f.Name, func(t *testing.T) {
			path := filepath.Join(out, f.File)
			if err := Write(p, f.Name, path, opt); err != nil {
				t.Fatalf("Write(%s) = %v; want nil", f.Name, err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			switch f.Name {
			case "fcp7", "fcpxml", "mlt":
				xmllint(t, path)
			case "edl":
				for i, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
					if !edlLine.MatchString(l) {
						t.Errorf("EDL line %d is broken: %q", i+1, l)
					}
				}
			case "otio":
				if !json.Valid(b) {
					t.Fatalf("OTIO is not valid JSON")
				}
				var doc any
				json.Unmarshal(b, &doc)
				texts := map[string]bool{}
				walkStrings(doc, func(s string) { texts[s] = true })
				for _, c := range p.Cards {
					if !texts[c.Title] {
						t.Errorf("OTIO lacks the title %q", c.Title)
					}
				}
			case "csv":
				rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
				if err != nil {
					t.Fatalf("CSV does not parse: %v", err)
				}
				if len(rows) != len(p.Cards)+1 {
					t.Errorf("CSV has %d rows; want %d", len(rows), len(p.Cards)+1)
				}
				for i, c := range p.Cards {
					// The reader reads a quoted CRLF as LF.
					if got, want := strings.TrimPrefix(rows[i+1][3], "'"), strings.ReplaceAll(c.Title, "\r\n", "\n"); got != want {
						t.Errorf("CSV title %d = %q; want %q", i+1, got, want)
					}
				}
			case "md":
				var rows int
				for _, l := range strings.Split(string(b), "\n") {
					if strings.HasPrefix(l, "|") {
						rows++
					}
				}
				if rows != len(p.Cards)+2 {
					t.Errorf("Markdown table has %d lines; want %d", rows, len(p.Cards)+2)
				}
			case "html":
				for _, bad := range []string{"<script>alert", "<svg", `' onmouseover='`, "]]><!--"} {
					if bytes.Contains(b, []byte(bad)) {
						t.Errorf("HTML holds %q unescaped", bad)
					}
				}
			case "bundle":
				zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
				if err != nil {
					t.Fatalf("zip.NewReader (zipinsecurepath=0) = %v", err)
				}
				for _, e := range zr.File {
					if !filepath.IsLocal(e.Name) || strings.ContainsAny(e.Name, "\\:\n\r") {
						t.Errorf("bundle entry %q is unsafe", e.Name)
					}
				}
			}
		})
	}
}

// TestRenderHostileNames renders a project whose soundtrack is called "-i",
// whose reference image has markup in its name and whose clip is called
// "concat:…": ffmpeg must take each as a file.
func TestRenderHostileNames(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	p, _ := hostileProject(t)
	clip := p.Cards[2].Media.Path
	if out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25:duration=3",
		"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mov", "file:"+clip).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg (making a test clip): %v\n%s", err, out)
	}
	for i := range p.Cards {
		p.Cards[i].Duration /= 4
	}
	out := filepath.Join(t.TempDir(), "-i.mp4")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := Render(ctx, p, out, nil); err != nil {
		t.Fatalf("Render(hostile names) = %v; want nil", err)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Errorf("Render wrote no %s: %v", out, err)
	}
}

// walkStrings calls f with every string in a decoded JSON value.
func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case map[string]any:
		for _, e := range v {
			walkStrings(e, f)
		}
	}
}
