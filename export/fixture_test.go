package export

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reelboard/reelboard/internal/testtool"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testRates are the rates every format must be frame-accurate at.
var testRates = []storyboard.Rate{
	storyboard.Rate23976, storyboard.Rate24, storyboard.Rate25, storyboard.Rate2997,
	storyboard.Rate30, storyboard.Rate50, storyboard.Rate5994, storyboard.Rate60,
}

// mediaDir makes a folder with a space in its name (to exercise URL
// escaping) holding a soundtrack, a stand-in media clip and an image.
func mediaDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "my media")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeWAV(t, filepath.Join(dir, "song.wav"), 20*time.Second)
	writePNG(t, filepath.Join(dir, "ref.png"))
	// Golden tests only need the linked clip to exist; render tests make a
	// real one with ffmpeg.
	if err := os.WriteFile(filepath.Join(dir, "hands.mov"), []byte("stand-in"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeWAV writes a 16-bit mono 48 kHz tone of length d.
func writeWAV(t testing.TB, path string, d time.Duration) {
	t.Helper()
	const sr = 48000
	n := int(d.Seconds() * sr)
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	binary.Write(&b, le, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(sr), uint32(2 * sr), uint16(2), uint16(16)} {
		binary.Write(&b, le, v)
	}
	b.WriteString("data")
	binary.Write(&b, le, uint32(2*n))
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(6000 * math.Sin(2*math.Pi*440*float64(i)/sr))
	}
	binary.Write(&b, le, s)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writePNG(t testing.TB, path string) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 32, 18))
	for y := range 18 {
		for x := range 32 {
			img.Set(x, y, color.NRGBA{uint8(x * 8), uint8(y * 14), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fixture returns a project at rate r with media in dir: Italian and Russian
// titles, markup-like characters, durations off the frame grid, a linked
// clip, a reference image and an analysed soundtrack at an offset.
func fixture(r storyboard.Rate, dir string) *storyboard.Project {
	beat := storyboard.Second / 2 // 120 BPM
	id := func(n int) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprint("card", n))) }
	p := &storyboard.Project{
		ID:         uuid.NewSHA1(uuid.NameSpaceOID, []byte("project")),
		Title:      `Backstage "Luce d'autunno" & <Осень>`,
		Author:     "Giulia Bianchi / Юлия Белова",
		Format:     storyboard.FormatBackstage,
		Platform:   "instagram-reels",
		Rate:       r,
		Aspect:     storyboard.Aspect{W: 9, H: 16},
		StyleNotes: "Luce morbida, primi piani delle mani. Мягкий свет.",
		Created:    time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC),
		Modified:   time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC),
		Soundtrack: &storyboard.Soundtrack{
			Path:   filepath.Join(dir, "song.wav"),
			Offset: 3 * storyboard.Second / 2,
			Analysis: &storyboard.Analysis{
				Hash: "00", Format: "wav", Duration: 20 * storyboard.Second, SampleRate: 48000, Channels: 1, TempoBPM: 120,
			},
		},
		Cards: []storyboard.Card{
			{Title: "Arrivo sul set — è l'alba", Kind: storyboard.ShotArrival, Act: storyboard.Arrival, Duration: 4 * beat,
				Notes: "Camminata dal parcheggio, luce radente.", OnScreenText: "Ore 6:00 <prima luce>"},
			{Title: "Первый взгляд на площадку", Kind: storyboard.ShotBehindCamera, Act: storyboard.Arrival, Duration: 3*beat + storyboard.Second/7,
				Image: filepath.Join(dir, "ref.png")},
			{Title: "Руки на объективе", Kind: storyboard.ShotHands, Act: storyboard.Work, Duration: 5*beat - storyboard.Second/7,
				Media: &storyboard.MediaLink{Path: filepath.Join(dir, "hands.mov"), In: storyboard.Second + storyboard.Second/3},
				Notes: "Fuoco manuale & \"breathing\"", Captured: true},
			{Title: "Sguardo concentrato", Kind: storyboard.ShotConcentration, Act: storyboard.Work, Duration: 2*beat + storyboard.Second/3,
				VoiceOver: "Всё решает свет."},
			{Title: "Il risultato", Kind: storyboard.ShotReveal, Act: storyboard.Fulfilment, Duration: 4*beat - storyboard.Second/3,
				OnScreenText: "Fatto ✓"},
		},
	}
	for i := range p.Cards {
		p.Cards[i].ID = id(i)
	}
	for t := storyboard.Time(0); t < 20*storyboard.Second; t += beat {
		p.Soundtrack.Analysis.Beats = append(p.Soundtrack.Analysis.Beats, t)
		if t%(4*beat) == 0 {
			p.Soundtrack.Analysis.Downbeats = append(p.Soundtrack.Analysis.Downbeats, t)
		}
	}
	return p
}

// normalize replaces the media folder (plain and URL-escaped) with $MEDIA so
// golden files do not depend on the temporary folder.
func normalize(b []byte, dir string) []byte {
	esc := (&url.URL{Path: filepath.ToSlash(dir)}).EscapedPath()
	b = bytes.ReplaceAll(b, []byte(dir), []byte("$MEDIA"))
	return bytes.ReplaceAll(b, []byte(esc), []byte("$MEDIA"))
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; diff:\n%s", name, diffLines(string(want), string(got)))
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < max(len(w), len(g)) && len(out) < 20; i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			out = append(out, fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b))
		}
	}
	return strings.Join(out, "\n")
}

// needTool stops the test when an external tool is missing (see testtool.Need).
func needTool(t testing.TB, tool, pkg string) {
	t.Helper()
	testtool.Need(t, tool, pkg)
}

func rateName(r storyboard.Rate) string { return strings.ReplaceAll(r.String(), ".", "") }
