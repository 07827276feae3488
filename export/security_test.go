package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/reelboard/reelboard/internal/crafted"
	"github.com/reelboard/reelboard/storyboard"
)

// writeBombPNG writes a small PNG whose header claims w×h pixels: decoding
// it whole would allocate w*h*4 bytes.
func writeBombPNG(t testing.TB, path string, w, h uint32) {
	t.Helper()
	if err := os.WriteFile(path, crafted.BombPNG(w, h), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImageBomb: a PNG of under a kilobyte claiming 100000×100000 pixels is
// refused by its header, and the sheets and the bundle still export (the
// card shows no image) without running out of memory or leaving files.
func TestImageBomb(t *testing.T) {
	dir := mediaDir(t)
	bomb := filepath.Join(dir, "bomb.png")
	writeBombPNG(t, bomb, 100000, 100000)
	if st, _ := os.Stat(bomb); st.Size() > 1024 {
		t.Fatalf("the bomb is %d bytes; want under 1 KiB", st.Size())
	}
	if _, _, _, err := loadImage(bomb); !errors.Is(err, ErrImageTooLarge) {
		t.Fatalf("loadImage(100000×100000 PNG) = %v; want ErrImageTooLarge", err)
	} else {
		t.Logf("message: %v", err)
	}
	out := t.TempDir()
	for _, f := range []string{"pdf", "html", "bundle"} {
		p := fixture(storyboard.Rate25, dir)
		p.Cards[1].Image = bomb
		path := filepath.Join(out, "bomb."+f)
		if err := Write(p, f, path, Options{Project: filepath.Join(dir, "plan.reel")}); err != nil {
			t.Errorf("Write(%s with an image bomb) = %v; want nil", f, err)
		}
	}
	es, _ := os.ReadDir(out)
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("Write left %s", e.Name())
		}
	}
	if len(es) != 3 {
		t.Errorf("output folder holds %d files; want 3", len(es))
	}
}

func TestLoadImageRefuses(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.png")
	os.WriteFile(garbage, []byte("\x89PNG\r\n\x1a\nnot really"), 0o644)
	zero := filepath.Join(dir, "zero.png")
	writeBombPNG(t, zero, 0, 10)
	for _, tt := range []struct {
		path string
		want error
	}{
		{"/dev/zero", ErrNotRegular},
		{dir, ErrNotRegular},
		{filepath.Join(dir, "none.png"), os.ErrNotExist},
	} {
		if _, _, _, err := loadImage(tt.path); !errors.Is(err, tt.want) {
			t.Errorf("loadImage(%s) = %v; want %v", tt.path, err, tt.want)
		}
	}
	for _, path := range []string{garbage, zero} {
		if _, _, _, err := loadImage(path); err == nil {
			t.Errorf("loadImage(%s) = nil error; want one", path)
		}
	}
}

// TestWriteRefusesInputs: exporting onto the project, its soundtrack, an
// image or media (directly, or through a symbolic or hard link) is refused
// and leaves the file as it was.
func TestWriteRefusesInputs(t *testing.T) {
	dir := mediaDir(t)
	project := filepath.Join(dir, "plan.reel")
	os.WriteFile(project, []byte(`{"version":1}`), 0o644)
	link := filepath.Join(t.TempDir(), "link.reel")
	if err := os.Symlink(project, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.reel")
	if err := os.Link(project, hard); err != nil {
		t.Fatal(err)
	}
	opt := Options{Project: project}
	for _, tt := range []struct {
		name, format, out, what string
	}{
		{"project", "csv", project, "the project file"},
		{"symlink to project", "edl", link, "the project file"},
		{"hard link to project", "otio", hard, "the project file"},
		{"soundtrack", "csv", filepath.Join(dir, "song.wav"), "the soundtrack"},
		{"image", "html", filepath.Join(dir, "ref.png"), "card 2's reference image"},
		{"media", "md", filepath.Join(dir, "hands.mov"), "card 3's linked media"},
		{"relative spelling", "csv", filepath.Join(dir, "..", filepath.Base(dir), "plan.reel"), "the project file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.out)
			err := Write(fixture(storyboard.Rate25, dir), tt.format, tt.out, opt)
			if !errors.Is(err, ErrOutputIsInput) || !strings.Contains(err.Error(), tt.what) {
				t.Fatalf("Write(-o %s) = %v; want ErrOutputIsInput naming %s", tt.out, err, tt.what)
			}
			if after, _ := os.ReadFile(tt.out); !bytes.Equal(before, after) {
				t.Errorf("Write(-o %s) changed the file", tt.out)
			}
		})
	}
}

// TestBundleKeepsToProjectFolder: media outside the project's folder, or
// leading there by a symbolic link, are not bundled; the README says so;
// an --include'd file is; hostile base names become safe entry names that
// Go's strict zip reader accepts.
func TestBundleKeepsToProjectFolder(t *testing.T) {
	t.Setenv("GODEBUG", "zipinsecurepath=0")
	// The control: with this setting the reader refuses an unsafe name.
	var ctl bytes.Buffer
	zw := zip.NewWriter(&ctl)
	zw.Create(`images/..\..\evil.png`)
	zw.Close()
	if _, err := zip.NewReader(bytes.NewReader(ctl.Bytes()), int64(ctl.Len())); !errors.Is(err, zip.ErrInsecurePath) {
		t.Fatalf("zip.NewReader(a backslash name) with zipinsecurepath=0 = %v; want ErrInsecurePath", err)
	}
	dir := mediaDir(t)
	project := filepath.Join(dir, "plan.reel")
	outside := t.TempDir()
	chosen := filepath.Join(outside, "chosen.wav")
	writeWAV(t, chosen, time.Second)
	shadow := filepath.Join(dir, "shadow.mov")
	if err := os.Symlink("/etc/shadow", shadow); err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(dir, `..\..\evil.png`)
	nl := filepath.Join(dir, "new\nline\r.png")
	for _, f := range []string{evil, nl} {
		writePNG(t, f)
	}
	inLink := filepath.Join(dir, "inside-link.png")
	os.Symlink(filepath.Join(dir, "ref.png"), inLink)

	p := fixture(storyboard.Rate25, dir)
	p.Soundtrack.Path = filepath.Join(dir, "../../../../../../../../../etc/passwd")
	p.Cards[0].Image = evil
	p.Cards[2].Media.Path = shadow
	p.Cards[3].Image = nl
	p.Cards[4].Image = inLink
	p.Cards[4].Media = &storyboard.MediaLink{Path: chosen}
	out := filepath.Join(t.TempDir(), "handoff.zip")
	if err := Write(p, "bundle", out, Options{Project: project, Include: []string{chosen}}); err != nil {
		t.Fatalf("Write(bundle) = %v", err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatalf("zip.OpenReader with zipinsecurepath=0 = %v; want nil", err)
	}
	defer zr.Close()
	passwd, _ := os.ReadFile("/etc/passwd")
	names := map[string]string{}
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) || strings.ContainsAny(f.Name, `\:`) || strings.ContainsFunc(f.Name, unicode.IsControl) ||
			strings.Contains(f.Name, "..") {
			t.Errorf("bundle entry %q is not safe on every platform", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		names[f.Name] = string(b)
		if len(passwd) > 0 && bytes.Contains(b, passwd[:min(len(passwd), 40)]) {
			t.Errorf("bundle entry %s holds /etc/passwd", f.Name)
		}
		if strings.Contains(f.Name, "passwd") || strings.Contains(f.Name, "shadow") {
			t.Errorf("bundle holds %s", f.Name)
		}
	}
	for _, want := range []string{"images/__._evil.png", "images/new_line_.png", "images/inside-link.png", "media/chosen.wav"} {
		if _, ok := names[want]; !ok {
			t.Errorf("bundle lacks %s; has %v", want, keys(names))
		}
	}
	readme := names["README.txt"]
	for _, want := range []string{"The soundtrack /etc/passwd was left out of the bundle: it is outside the project's folder",
		"Card 3's linked media " + shadow + " was left out of the bundle: it leads to /etc/shadow, outside the project's folder",
		"--include FILE"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README lacks %q:\n%s", want, readme)
		}
	}
	left := BundleOmissions(p, Options{Project: project, Include: []string{chosen}})
	if len(left) != 2 {
		t.Errorf("BundleOmissions = %v; want the soundtrack and card 3's media", left)
	}
	// Without a project file nothing is bundled unless named by Include.
	if left := BundleOmissions(p, Options{}); len(left) != 7 {
		t.Errorf("BundleOmissions(unsaved) = %d omissions; want 7: %v", len(left), left)
	}
}

func TestSafeEntryName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"ref.png", "ref.png"},
		{`..\..\evil.png`, "__._evil.png"},
		{"..", "file"},
		{"new\nline.png", "new_line.png"},
		{"a:b*c?.mov", "a_b_c_.mov"},
		{"CON.txt", "_CON.txt"},
		{"nul", "_nul"},
		{"trailing. ", "trailing"},
		{".hidden", "_hidden"},
		{"Осень.wav", "Осень.wav"},
		{"bad\xffutf8.wav", "bad_utf8.wav"},
		{strings.Repeat("я", 150) + ".wav", strings.Repeat("я", 98) + ".wav"},
	} {
		if got := safeEntryName(tt.in); got != tt.want {
			t.Errorf("safeEntryName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVInjection: cells a spreadsheet would run as formulas start with a
// quote; the Markdown table keeps one row per card.
func TestCSVInjection(t *testing.T) {
	dir := mediaDir(t)
	p := fixture(storyboard.Rate25, dir)
	hostile := []string{`=HYPERLINK("http://x","y")`, "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"}
	for i, h := range hostile[:5] {
		p.Cards[i].Title = h
	}
	p.Cards[0].Notes = hostile[5]
	p.Cards[1].VoiceOver = "=1|2\nnext | line"
	out := filepath.Join(t.TempDir(), "s.csv")
	if err := Write(p, "csv", out, Options{}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hostile[:5] {
		if got := rows[i+1][3]; got != "'"+h {
			t.Errorf("CSV title of %q = %q; want %q", h, got, "'"+h)
		}
	}
	if got := rows[1][8]; got != "'"+hostile[5] {
		t.Errorf("CSV notes %q = %q; want %q", hostile[5], got, "'"+hostile[5])
	}
	if got := rows[2][10]; got != "'=1|2\nnext | line" {
		t.Errorf("CSV voice-over = %q; want the quoted original", got)
	}
	md := filepath.Join(t.TempDir(), "s.md")
	if err := Write(p, "md", md, Options{}); err != nil {
		t.Fatal(err)
	}
	mb, _ := os.ReadFile(md)
	var tableRows int
	for _, l := range strings.Split(string(mb), "\n") {
		if strings.HasPrefix(l, "| ") {
			tableRows++
			if n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); n != len(shotHeader)+1 {
				t.Errorf("Markdown row has %d cell borders; want %d: %s", n, len(shotHeader)+1, l)
			}
		}
	}
	if tableRows != len(p.Cards)+2 {
		t.Errorf("Markdown table has %d rows; want %d (header, rule, cards)", tableRows, len(p.Cards)+2)
	}
}

// TestRenderRefusesBadImage: an undecodable reference image is refused
// before ffmpeg starts (ffmpeg's -loop 1 would retry it forever).
func TestRenderRefusesBadImage(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := mediaDir(t)
	bad := filepath.Join(dir, "bad.png")
	os.WriteFile(bad, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDRtruncated"), 0o644)
	p := fixture(storyboard.Rate25, dir)
	p.Cards[1].Image = bad
	outDir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := Render(ctx, p, filepath.Join(outDir, "p.mp4"), nil)
	if err == nil || !strings.Contains(err.Error(), "bad.png") || ctx.Err() != nil {
		t.Fatalf("Render(undecodable image) = %v; want a refusal naming bad.png", err)
	}
	t.Logf("message: %v", err)
	if es, _ := os.ReadDir(outDir); len(es) != 0 {
		t.Errorf("Render left %d files", len(es))
	}
}

// TestRenderTimeout: a render that overruns its timeout is stopped, its
// process group killed, and nothing is left.
func TestRenderTimeout(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := mediaDir(t)
	t.Setenv("TMPDIR", t.TempDir())
	outDir := t.TempDir()
	// Cards without media and minutes long: ffmpeg is still encoding when
	// the timeout comes, however fast the machine (the fixture's stand-in
	// clip would make it fail at once on a quiet one).
	p := fixture(storyboard.Rate25, dir)
	for i := range p.Cards {
		p.Cards[i].Media = nil
		p.Cards[i].Duration = storyboard.Minute
	}
	start := time.Now()
	err := render(context.Background(), p, filepath.Join(outDir, "p.mp4"), nil, 300*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "stopped after") {
		t.Fatalf("render(timeout 0.3 s) = %v; want a timeout", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("render took %s after its timeout", d)
	}
	if es, _ := os.ReadDir(outDir); len(es) != 0 {
		t.Errorf("a timed-out render left %d files", len(es))
	}
	if es, _ := os.ReadDir(os.Getenv("TMPDIR")); len(es) != 0 {
		t.Errorf("a timed-out render left %d temporary folders", len(es))
	}
}

func TestFileURL(t *testing.T) {
	for _, in := range []string{"/m/-i", "/m/concat:a.mov|b.mov", "/m/a b.wav"} {
		if got := fileURL(in); got != "file:"+in {
			t.Errorf("fileURL(%q) = %q; want %q", in, got, "file:"+in)
		}
	}
	if got := fileURL("-i"); !strings.HasPrefix(got, "file:/") {
		t.Errorf("fileURL(%q) = %q; want an absolute file: URL", "-i", got)
	}
}
