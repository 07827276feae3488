package export

import (
	"archive/zip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reelboard/reelboard/storyboard"
)

// clipCache holds the clips made for this test run, so each is made and
// probed once: the folder lives until the process ends (in the system's
// temporary folder).
var clipCache struct {
	sync.Mutex
	dir string
}

// cachedClip returns a clip named name made by makeClip, shared by the
// tests of this run.
func cachedClip(t testing.TB, name string, r storyboard.Rate, tc string, secs int) string {
	t.Helper()
	clipCache.Lock()
	defer clipCache.Unlock()
	if clipCache.dir == "" {
		d, err := os.MkdirTemp("", "reelboard-clips-")
		if err != nil {
			t.Fatal(err)
		}
		clipCache.dir = d
	}
	sub := filepath.Join(clipCache.dir, fmt.Sprintf("%d-%d-%s-%d", r.Num, r.Den, strings.NewReplacer(":", "", ";", "d").Replace(tc), secs))
	path := filepath.Join(sub, name)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	makeClip(t, path, r, tc, secs)
	return path
}

// makeClip makes a short H.264 .mov with a tone at rate r carrying the
// embedded start timecode tc.
func makeClip(t testing.TB, path string, r storyboard.Rate, tc string, secs int) {
	t.Helper()
	needTool(t, "ffmpeg", "ffmpeg")
	out, err := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-y",
		"-f", "lavfi", "-i", fmt.Sprintf("testsrc=size=96x54:rate=%d/%d:duration=%d", r.Num, r.Den, secs),
		"-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=330:duration=%d", secs),
		"-timecode", tc, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2",
		"file:"+path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg (making %s): %v\n%s", path, err, out)
	}
}

// hourTC is 01:00:00:00 at r, drop-frame (";") at 29.97 and 59.94.
func hourTC(r storyboard.Rate) string {
	if r.NTSC() && r.Timebase()%30 == 0 {
		return "01:00:00;00"
	}
	return "01:00:00:00"
}

// hourFrames is the frame count of hourTC(r).
func hourFrames(r storyboard.Rate) int64 {
	n, _, _ := parseTC(hourTC(r), r)
	return n
}

// otherRate is a rate that is not r, for the clip of another frame rate.
func otherRate(r storyboard.Rate) storyboard.Rate {
	if r == storyboard.Rate25 {
		return storyboard.Rate2997
	}
	return storyboard.Rate25
}

// realFixture is fixture(r) with real linked clips: cards 3 and 4 share a
// 10 s clip with embedded timecode 01:00:00:00 (drop-frame at 29.97 and
// 59.94), card 4 late in it; card 5 links a clip of another frame rate
// starting at 10:00:00:00. The reel starts at timecode 01:00:00:00.
func realFixture(t testing.TB, r storyboard.Rate) (*storyboard.Project, string) {
	dir := mediaDir(t)
	shared := cachedClip(t, "Съёмка дубль 1.mov", r, hourTC(r), 10)
	other := cachedClip(t, "-other: rate.mov", otherRate(r), "10:00:00:00", 6)
	p := fixture(r, dir)
	p.StartTimecode = 3600 * storyboard.Second
	p.Cards[2].Media = &storyboard.MediaLink{Path: shared, In: storyboard.Second}
	p.Cards[3].Media = &storyboard.MediaLink{Path: shared, In: 6 * storyboard.Second}
	p.Cards[4].Media = &storyboard.MediaLink{Path: other, In: storyboard.Second / 2}
	return p, dir
}

var handoffRates = []storyboard.Rate{storyboard.Rate23976, storyboard.Rate25, storyboard.Rate2997, storyboard.Rate5994}

func exportString(t *testing.T, p *storyboard.Project, format string, opt Options) (string, string) {
	t.Helper()
	fm, _ := LookupFormat(format)
	path := filepath.Join(t.TempDir(), "plan"+fm.Ext)
	if err := Write(p, format, path, opt); err != nil {
		t.Fatalf("Write(%s) = %v", format, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), path
}

// fcp7Doc is the part of an FCP7 export the tests read.
type fcp7Doc struct {
	Sequence struct {
		Timecode struct {
			String string `xml:"string"`
			Frame  int64  `xml:"frame"`
			Format string `xml:"displayformat"`
		} `xml:"timecode"`
		Video []struct {
			Clips []struct {
				Name string `xml:"name"`
				In   int64  `xml:"in"`
				Out  int64  `xml:"out"`
				File struct {
					ID       string `xml:"id,attr"`
					Name     string `xml:"name"`
					Duration int64  `xml:"duration"`
					Rate     struct {
						Timebase int64  `xml:"timebase"`
						NTSC     string `xml:"ntsc"`
					} `xml:"rate"`
					Timecode struct {
						String string `xml:"string"`
						Frame  int64  `xml:"frame"`
					} `xml:"timecode"`
				} `xml:"file"`
				Lognote string `xml:"logginginfo>lognote"`
			} `xml:"clipitem"`
		} `xml:"media>video>track"`
		Audio []struct {
			Clips []struct {
				Name string `xml:"name"`
			} `xml:"clipitem"`
		} `xml:"media>audio>track"`
	} `xml:"sequence"`
}

func parseFCP7(t *testing.T, s string) fcp7Doc {
	t.Helper()
	var d fcp7Doc
	if err := xml.Unmarshal([]byte(s), &d); err != nil {
		t.Fatalf("FCP7 XML: %v", err)
	}
	return d
}

// TestFCP7SharedMediaDuration: two cards use one file whose facts cannot
// be read; the file's duration covers the later card's range too.
func TestFCP7SharedMediaDuration(t *testing.T) {
	dir := mediaDir(t)
	p := fixture(storyboard.Rate25, dir)
	p.Cards[3].Media = &storyboard.MediaLink{Path: filepath.Join(dir, "hands.mov"), In: 10 * storyboard.Second}
	s, _ := exportString(t, p, "fcp7", Options{})
	d := parseFCP7(t, s)
	var dur, maxOut int64
	for _, c := range d.Sequence.Video[0].Clips {
		if c.File.Duration > 0 && c.File.Name == "hands.mov" {
			dur = c.File.Duration
		}
		if strings.Contains(c.Lognote, "hands.mov") || c.File.ID == "file-1" {
			maxOut = max(maxOut, c.Out)
		}
	}
	if dur < maxOut || maxOut <= 250 {
		t.Errorf("FCP7 <file> duration of shared hands.mov = %d, last out = %d; want duration >= %d", dur, maxOut, maxOut)
	}
}

// TestNoEmptyAudioTrack: without a soundtrack OTIO has only the video track
// and FCP7 no audio track.
func TestNoEmptyAudioTrack(t *testing.T) {
	dir := mediaDir(t)
	p := fixture(storyboard.Rate25, dir)
	p.Soundtrack = nil
	s, _ := exportString(t, p, "otio", Options{})
	var tl struct {
		Tracks struct {
			Children []struct {
				Kind string `json:"kind"`
			} `json:"children"`
		} `json:"tracks"`
	}
	if err := json.Unmarshal([]byte(s), &tl); err != nil {
		t.Fatal(err)
	}
	if n := len(tl.Tracks.Children); n != 1 || tl.Tracks.Children[0].Kind != "Video" {
		t.Errorf("silent OTIO has %d tracks (%v); want only the video track", n, tl.Tracks.Children)
	}
	if d := parseFCP7(t, mustExport(t, p, "fcp7")); len(d.Sequence.Audio) != 0 {
		t.Errorf("silent FCP7 XML has %d audio tracks; want 0", len(d.Sequence.Audio))
	}
	// With music both have one audio track.
	p = fixture(storyboard.Rate25, dir)
	if d := parseFCP7(t, mustExport(t, p, "fcp7")); len(d.Sequence.Audio) != 1 {
		t.Errorf("FCP7 XML with music has %d audio tracks; want 1", len(d.Sequence.Audio))
	}
}

func mustExport(t *testing.T, p *storyboard.Project, format string) string {
	t.Helper()
	s, _ := exportString(t, p, format, Options{})
	return s
}

// TestMediaFacts exports a project with real clips at 23.976, 25, 29.97 DF
// and 59.94 DF and checks that every edit-plan format carries the clips'
// real length, rate and embedded timecode, and the reel's start timecode.
func TestMediaFacts(t *testing.T) {
	needTool(t, "ffprobe", "ffmpeg")
	for _, r := range handoffRates {
		t.Run(rateName(r), func(t *testing.T) { testMediaFacts(t, r) })
	}
}

func testMediaFacts(t *testing.T, r storyboard.Rate) {
	p, dir := realFixture(t, r)
	shared := p.Cards[2].Media.Path
	other := p.Cards[4].Media.Path
	opt := Options{}
	drop := r.NTSC() && r.Timebase()%30 == 0
	sharedFrames := probeFrames(t, shared)
	otherR := otherRate(r)
	start := hourFrames(r) // the reel's start timecode as frames
	inFrames := func(c int) int64 { return r.Frames(p.Cards[c].Media.In) }

	// EDL: record from the start timecode, source from the clip's own.
	edl, _ := exportString(t, p, "edl", opt)
	ev := regexp.MustCompile(`(?m)^(\d{3})  (\S+) +(V|AA) +C +(\S+) (\S+) (\S+) (\S+)$`).FindAllStringSubmatch(edl, -1)
	if len(ev) != 6 {
		t.Fatalf("EDL has %d events; want 6:\n%s", len(ev), edl)
	}
	if want := timecode(start, r, drop); ev[0][6] != want {
		t.Errorf("EDL first record in = %s; want %s", ev[0][6], want)
	}
	for _, c := range []int{2, 3} {
		if want := timecode(hourFrames(r)+inFrames(c), r, drop); ev[c][4] != want {
			t.Errorf("EDL event %d source in = %s; want %s (clip timecode %s + in-point)", c+1, ev[c][4], want, hourTC(r))
		}
	}
	if ev[2][2] != ev[3][2] || ev[2][2] != "SEMKA_D1" {
		t.Errorf("EDL reels of the shared clip = %s, %s; want SEMKA_D1 for both", ev[2][2], ev[3][2])
	}
	for _, want := range []string{"* SOURCE FILE: " + filepath.ToSlash(shared), "* FROM FILE: " + filepath.ToSlash(shared), "runs at " + otherR.String() + " fps"} {
		if !strings.Contains(edl, want) {
			t.Errorf("EDL lacks %q", want)
		}
	}
	if regexp.MustCompile(`(?m)^\* LOC: \S*;`).MatchString(edl) {
		t.Errorf("EDL has a LOC line with ';' (OpenTimelineIO's reader drops it)")
	}

	// FCP7: the file's real duration, rate and timecode; the sequence's start.
	d := parseFCP7(t, mustExport(t, p, "fcp7"))
	if d.Sequence.Timecode.Frame != start || d.Sequence.Timecode.String != timecode(start, r, drop) {
		t.Errorf("FCP7 sequence timecode = %s (frame %d); want %s (frame %d)", d.Sequence.Timecode.String, d.Sequence.Timecode.Frame, timecode(start, r, drop), start)
	}
	clips := d.Sequence.Video[0].Clips
	f := clips[2].File
	if f.Duration != sharedFrames || f.Timecode.String != hourTC(r) || f.Timecode.Frame != hourFrames(r) || f.Rate.Timebase != r.Timebase() {
		t.Errorf("FCP7 <file> of the shared clip: duration %d, timecode %s (frame %d), timebase %d; want %d, %s (%d), %d",
			f.Duration, f.Timecode.String, f.Timecode.Frame, f.Rate.Timebase, sharedFrames, hourTC(r), hourFrames(r), r.Timebase())
	}
	if o := clips[4].File; o.Rate.Timebase != otherR.Timebase() || o.Duration != probeFrames(t, other) || !strings.Contains(clips[4].Lognote, "runs at") {
		t.Errorf("FCP7 <file> of the other-rate clip: timebase %d, duration %d, lognote %q; want %d, %d and a note", o.Rate.Timebase, o.Duration, clips[4].Lognote, otherR.Timebase(), probeFrames(t, other))
	}

	// FCPXML: asset start and duration from the file, its own format.
	fx, fxPath := exportString(t, p, "fcpxml", opt)
	xmllint(t, "--dtdvalid", filepath.Join("testdata", "dtd", "FCPXMLv1_10.dtd"), fxPath)
	var x struct {
		Formats []struct {
			ID            string `xml:"id,attr"`
			FrameDuration string `xml:"frameDuration,attr"`
		} `xml:"resources>format"`
		Assets []struct {
			ID       string `xml:"id,attr"`
			Name     string `xml:"name,attr"`
			Start    string `xml:"start,attr"`
			Duration string `xml:"duration,attr"`
			Format   string `xml:"format,attr"`
		} `xml:"resources>asset"`
		Sequence struct {
			TCStart string `xml:"tcStart,attr"`
			Clips   []struct {
				Ref   string `xml:"ref,attr"`
				Start string `xml:"start,attr"`
			} `xml:"spine>asset-clip"`
		} `xml:"library>event>project>sequence"`
	}
	if err := xml.Unmarshal([]byte(fx), &x); err != nil {
		t.Fatal(err)
	}
	if want := ratFrames(start, r); x.Sequence.TCStart != want {
		t.Errorf("FCPXML tcStart = %s; want %s", x.Sequence.TCStart, want)
	}
	formats := map[string]string{}
	for _, f := range x.Formats {
		formats[f.ID] = f.FrameDuration
	}
	for _, a := range x.Assets {
		switch a.Name {
		case filepath.Base(shared):
			if a.Start != ratFrames(hourFrames(r), r) || a.Duration != ratFrames(sharedFrames, r) || formats[a.Format] != ratFrames(1, r) {
				t.Errorf("FCPXML asset %s: start %s, duration %s, frame %s; want %s, %s, %s", a.Name, a.Start, a.Duration, formats[a.Format],
					ratFrames(hourFrames(r), r), ratFrames(sharedFrames, r), ratFrames(1, r))
			}
		case filepath.Base(other):
			if formats[a.Format] != ratFrames(1, otherR) {
				t.Errorf("FCPXML asset %s has frame duration %s; want %s", a.Name, formats[a.Format], ratFrames(1, otherR))
			}
		}
	}
	if len(x.Sequence.Clips) != 3 {
		t.Fatalf("FCPXML spine has %d asset-clips; want 3", len(x.Sequence.Clips))
	}
	if want := ratFrames(hourFrames(r)+inFrames(3), r); x.Sequence.Clips[1].Start != want && ratTime(r.FrameTime(hourFrames(r)+inFrames(3))) != x.Sequence.Clips[1].Start {
		t.Errorf("FCPXML asset-clip of card 4 start = %s; want %s", x.Sequence.Clips[1].Start, want)
	}

	// OTIO: available_range from the file, global start time.
	var tl struct {
		Start  struct{ Value float64 } `json:"global_start_time"`
		Tracks struct {
			Children []struct {
				Children []struct {
					SourceRange struct {
						Start struct{ Rate, Value float64 } `json:"start_time"`
					} `json:"source_range"`
					Ref struct {
						Avail *struct {
							Start    struct{ Rate, Value float64 } `json:"start_time"`
							Duration struct{ Rate, Value float64 } `json:"duration"`
						} `json:"available_range"`
					} `json:"media_reference"`
				} `json:"children"`
			} `json:"children"`
		} `json:"tracks"`
	}
	if err := json.Unmarshal([]byte(mustExport(t, p, "otio")), &tl); err != nil {
		t.Fatal(err)
	}
	if tl.Start.Value != float64(start) {
		t.Errorf("OTIO global_start_time = %v; want %d", tl.Start.Value, start)
	}
	c3 := tl.Tracks.Children[0].Children[2]
	if a := c3.Ref.Avail; a == nil || a.Start.Value != float64(hourFrames(r)) || a.Duration.Value != float64(sharedFrames) || a.Start.Rate != r.FPS() {
		t.Errorf("OTIO available_range of the shared clip = %+v; want start %d, duration %d at %v", a, hourFrames(r), sharedFrames, r.FPS())
	}
	if got, want := c3.SourceRange.Start.Value, float64(hourFrames(r)+inFrames(2)); got != want {
		t.Errorf("OTIO source_range start of card 3 = %v; want %v", got, want)
	}

	// MLT: valid, carries the start timecode, and melt plays every frame.
	mlt, mltPath := exportString(t, p, "mlt", opt)
	xmllint(t, "--dtdvalid", filepath.Join("testdata", "dtd", "mlt-xml.dtd"), mltPath)
	if want := `<property name="reelboard:start_timecode">` + timecode(start, r, drop) + `</property>`; !strings.Contains(mlt, want) {
		t.Errorf("MLT lacks %s", want)
	}
	_ = dir
}

// TestStartTimecode checks the typed setting's conversion to frames.
func TestStartTimecode(t *testing.T) {
	tests := []struct {
		t    storyboard.Time
		r    storyboard.Rate
		drop bool
		want int64
	}{
		{0, storyboard.Rate25, false, 0},
		{3600 * storyboard.Second, storyboard.Rate25, false, 90000},
		{3600 * storyboard.Second, storyboard.Rate2997, false, 108000},
		{3600 * storyboard.Second, storyboard.Rate2997, true, 107892},
		{3600 * storyboard.Second, storyboard.Rate5994, true, 215784},
		{3600 * storyboard.Second, storyboard.Rate23976, true, 86400},
		{59*storyboard.Second + 12*storyboard.Second/25, storyboard.Rate25, false, 59*25 + 12},
	}
	for _, tt := range tests {
		if got := startFrames(tt.t, tt.r, tt.drop); got != tt.want {
			t.Errorf("startFrames(%s, %s, %v) = %d; want %d", tt.t, tt.r, tt.drop, got, tt.want)
		}
	}
	p := fixture(storyboard.Rate25, mediaDir(t))
	p.StartTimecode = -storyboard.Second
	if _, err := newPlan(p, Options{}, false); err == nil {
		t.Errorf("newPlan(start timecode -1 s) = nil error; want ErrBadTimecode")
	}
}

func TestReelNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Съёмка дубль 1 25.mov", "SEMKA_25"},
		{"A001_C001.mov", "A001_001"},
		{"A001_C002.mov", "A001_002"},
		{"Caffè all'alba.mp4", "CAFFE_AL"},
		{"hands.mov", "HANDS"},
		{"🎬.mov", "REEL"},
		{"b.mov", "B"},
	}
	for _, tt := range tests {
		if got := reelName(tt.in); got != tt.want {
			t.Errorf("reelName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	// Unique: two files that reduce to the same name.
	dir := mediaDir(t)
	p := fixture(storyboard.Rate25, dir)
	for i, name := range []string{"Съёмка дубль 1 25.mov", "Съёмка дубль 2 25.mov", "Съемка  дубль 3 25.mov"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte("stand-in"), 0o644)
		p.Cards[i+1].Media = &storyboard.MediaLink{Path: path}
	}
	pl, err := newPlan(p, Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for path, r := range pl.reelNames() {
		if len(r) > 8 || !regexp.MustCompile(`^[A-Z0-9_]+$`).MatchString(r) {
			t.Errorf("reel name %q of %s is not CMX 3600 (8 of A-Z, 0-9, _)", r, path)
		}
		if o, dup := seen[r]; dup {
			t.Errorf("reel name %q is shared by %s and %s", r, o, path)
		}
		seen[r] = path
	}
}

func TestDefaultFileNames(t *testing.T) {
	seen := map[string]string{}
	for _, f := range Formats {
		name := DefaultFileName("Studio backstage", f.Name)
		if !strings.HasPrefix(name, "Studio backstage") || !strings.HasSuffix(name, f.Ext) {
			t.Errorf("DefaultFileName(%q) = %q; want the project's name and %s", f.Name, name, f.Ext)
		}
		if o, dup := seen[name]; dup {
			t.Errorf("DefaultFileName(%s) = DefaultFileName(%s) = %q; want one name per format", f.Name, o, name)
		}
		seen[name] = f.Name
	}
	if got, want := DefaultFileName("a/b: c", "checklist"), "a-b- c — checklist.pdf"; got != want {
		t.Errorf("DefaultFileName(a/b: c) = %q; want %q", got, want)
	}
}

func TestTitle(t *testing.T) {
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", fixtureTime)
	if err != nil {
		t.Fatal(err)
	}
	if got := Title(p, "/x/Studio backstage.reel"); got != "Studio backstage" {
		t.Errorf("Title(untitled, Studio backstage.reel) = %q; want the file's name", got)
	}
	p.Title = "Luce d'autunno"
	if got := Title(p, "/x/Studio backstage.reel"); got != p.Title {
		t.Errorf("Title(%q, file) = %q; want the title", p.Title, got)
	}
	// Every format shows Options.Title.
	q := fixture(storyboard.Rate25, mediaDir(t))
	for _, f := range []string{"otio", "edl", "fcp7", "fcpxml", "mlt", "md", "html"} {
		if s := mustExport2(t, q, f, Options{Title: "Studio backstage"}); !strings.Contains(s, "Studio backstage") || strings.Contains(s, "Luce d") {
			t.Errorf("%s export does not show Options.Title instead of the project's title", f)
		}
	}
}

func mustExport2(t *testing.T, p *storyboard.Project, format string, opt Options) string {
	t.Helper()
	s, _ := exportString(t, p, format, opt)
	return s
}

// TestCheck lists what the editors will meet.
func TestCheck(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	p, dir := realFixture(t, storyboard.Rate25)
	ogg := filepath.Join(dir, "song.ogg")
	if out, err := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:duration=20", "-c:a", "libvorbis", "file:"+ogg).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg (ogg): %v\n%s", err, out)
	}
	p.Soundtrack.Path = ogg
	p.Cards[1].Media = &storyboard.MediaLink{Path: filepath.Join(dir, "gone.mov")}
	has := func(fs []Finding, kind FindingKind, sub string) bool {
		for _, f := range fs {
			if f.Kind == kind && strings.Contains(f.String(), sub) {
				return true
			}
		}
		return false
	}
	tests := []struct {
		format string
		kind   FindingKind
		sub    string
		want   bool
	}{
		{"fcpxml", FindOffline, "card 2: the linked file", true},
		{"fcpxml", FindUnsupported, "song.ogg", true},
		{"fcp7", FindUnsupported, "song.ogg", true},
		{"otio", FindUnsupported, "song.ogg", false},
		{"fcpxml", FindConverted, "card 5: -other: rate.mov runs at 29.97 fps", true},
		{"edl", FindRenamed, `"SEMKA_D1"`, true},
		{"fcpxml", FindRenamed, "SEMKA", false},
		{"bundle", FindUnsupported, "song.ogg", false},
		{"fcpxml", FindUnknown, "hands.mov", false},
	}
	for _, tt := range tests {
		fs, err := Check(p, tt.format, Options{})
		if err != nil {
			t.Fatalf("Check(%s) = %v", tt.format, err)
		}
		if got := has(fs, tt.kind, tt.sub); got != tt.want {
			t.Errorf("Check(%s) has %s %q = %v; want %v; findings:\n%v", tt.format, tt.kind, tt.sub, got, tt.want, fs)
		}
	}
}

// TestBundleWAV: an OGG soundtrack gets a 48 kHz WAV copy, which the edit
// plans for the NLEs reference; MLT keeps the original.
func TestBundleWAV(t *testing.T) {
	needTool(t, "ffprobe", "ffmpeg")
	p, dir := realFixture(t, storyboard.Rate2997)
	ogg := filepath.Join(dir, "song.ogg")
	if out, err := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:duration=20", "-ac", "2", "-c:a", "libvorbis", "file:"+ogg).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg (ogg): %v\n%s", err, out)
	}
	p.Soundtrack.Path = ogg
	p.Soundtrack.Analysis.Channels = 2
	out := filepath.Join(t.TempDir(), "handoff.zip")
	if err := Write(p, "bundle", out, Options{Project: filepath.Join(dir, "plan.reel")}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]string{}
	unz := t.TempDir()
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(b)
		os.MkdirAll(filepath.Join(unz, filepath.Dir(f.Name)), 0o755)
		os.WriteFile(filepath.Join(unz, f.Name), b, 0o644)
	}
	if _, ok := files["media/song.wav"]; !ok {
		t.Fatalf("bundle lacks media/song.wav; entries: %v", keys(files))
	}
	got, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", filepath.Join(unz, "media", "song.wav")).Output()
	if err != nil || strings.TrimSpace(string(got)) != "pcm_s24le,48000,2" {
		t.Errorf("ffprobe media/song.wav = %q, %v; want pcm_s24le,48000,2", got, err)
	}
	for _, name := range []string{"plan.otio", "plan-fcp7.xml", "plan.fcpxml", "plan.edl"} {
		if !strings.Contains(files[name], "media/song.wav") || strings.Contains(files[name], "song.ogg") {
			t.Errorf("%s in the bundle does not reference media/song.wav alone", name)
		}
	}
	if !strings.Contains(files["plan.mlt"], "media/song.ogg") {
		t.Errorf("plan.mlt in the bundle does not keep the original media/song.ogg")
	}
	readme := files["README.txt"]
	for _, want := range []string{"media/song.wav is a 48 kHz WAV copy", "Open it in this order", "What the editors will find", "EDL readers (plan.edl)", "runs at 25 fps"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.txt lacks %q:\n%s", want, readme)
		}
	}
	// The bundled plans validate and melt plays the bundled MLT.
	xmllint(t, "--dtdvalid", filepath.Join("testdata", "dtd", "FCPXMLv1_10.dtd"), filepath.Join(unz, "plan.fcpxml"))
	xmllint(t, filepath.Join(unz, "plan-fcp7.xml"))
	xmllint(t, "--dtdvalid", filepath.Join("testdata", "dtd", "mlt-xml.dtd"), filepath.Join(unz, "plan.mlt"))
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestMeltRealClips renders the MLT of a project with real clips of two
// rates at every handoff rate and checks the frame count.
func TestMeltRealClips(t *testing.T) {
	needTool(t, "melt", "melt")
	for _, r := range []storyboard.Rate{storyboard.Rate5994} {
		t.Run(rateName(r), func(t *testing.T) {
			p, _ := realFixture(t, r)
			for i := range p.Cards {
				p.Cards[i].Duration /= 2
			}
			_, mlt := exportString(t, p, "mlt", Options{})
			pl, err := newPlan(p, Options{}, false)
			if err != nil {
				t.Fatal(err)
			}
			mp4 := filepath.Join(filepath.Dir(mlt), "render.mp4")
			cmd := exec.Command("melt", "-quiet", mlt, "-consumer", "avformat:"+mp4, "vcodec=libx264", "acodec=aac", "preset=ultrafast", "crf=35")
			cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("melt %s: %v\n%s", mlt, err, out)
			}
			if got := probeFrames(t, mp4); got != pl.frames {
				t.Errorf("melt render has %d frames; want %d", got, pl.frames)
			}
		})
	}
}

// TestProbeNames: names that start with "-" or hold ":" are files to
// ffprobe, and the cache answers a second time without a run.
func TestProbeNames(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "-i: x.mov")
	makeClip(t, path, storyboard.Rate25, "00:59:58:12", 1)
	f := probe(path)
	if !f.read() || f.rate != storyboard.Rate25 || f.tc != "00:59:58:12" || f.tcFrames != 3598*25+12 || f.frames != 25 || f.chans != 2 || f.width != 96 {
		t.Fatalf("probe(%s) = %+v; want 25 fps, 25 frames, 96 wide, 2 channels, timecode 00:59:58:12", path, f)
	}
	saved := ffprobePath
	ffprobePath = "no-such-ffprobe"
	defer func() { ffprobePath = saved }()
	if g := probe(path); g != f {
		t.Errorf("probe(%s) again = %+v; want the cached facts", path, g)
	}
	other := filepath.Join(dir, "y.mov")
	os.WriteFile(other, []byte("x"), 0o644)
	if g := probe(other); g.read() || !strings.Contains(g.err, "ffprobe is not installed") {
		t.Errorf("probe without ffprobe = %+v; want the reason", g)
	}
}

var fixtureTime = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	code := m.Run()
	if clipCache.dir != "" {
		os.RemoveAll(clipCache.dir)
	}
	os.Exit(code)
}

func TestParseStartTimecode(t *testing.T) {
	tests := []struct {
		in   string
		r    storyboard.Rate
		want storyboard.Time
		ok   bool
	}{
		{"01:00:00:00", storyboard.Rate25, 3600 * storyboard.Second, true},
		{"00:00:00;00", storyboard.Rate2997, 0, true},
		{"00:59:58:12", storyboard.Rate25, 3598*storyboard.Second + 12*storyboard.Second/25, true},
		{"00:00:00:25", storyboard.Rate25, 0, false},
		{"24:00:00:00", storyboard.Rate25, 0, false},
		{"1:00", storyboard.Rate25, 0, false},
		{"-01:00:00:00", storyboard.Rate25, 0, false},
	}
	for _, tt := range tests {
		got, err := ParseStartTimecode(tt.in, tt.r)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseStartTimecode(%q, %s) = %s, %v; want %s, ok %v", tt.in, tt.r, got, err, tt.want, tt.ok)
		}
		if tt.ok {
			if back := FormatStartTimecode(got, tt.r); strings.ReplaceAll(tt.in, ";", ":") != back {
				t.Errorf("FormatStartTimecode(ParseStartTimecode(%q)) = %q", tt.in, back)
			}
		}
	}
}
