package storyboard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// statAll finds every file; statNone finds none.
func statAll(string) error  { return nil }
func statNone(string) error { return fs.ErrNotExist }

func codes(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Severity.String()+" "+f.Code)
	}
	return out
}

func TestCheckClean(t *testing.T) {
	p := testProject(t, "/p")
	if got := CheckFS(p, statAll); len(got) != 0 {
		t.Errorf("CheckFS(template project) = %v; want no findings", codes(got))
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *Project)
		stat  func(string) error
		want  []string
		first string // the first finding's message
	}{
		{"over the maximum", func(p *Project) { p.Cards[3].Duration = 3 * Minute }, statAll,
			[]string{"error too-long-for-platform", "warning act-share", "warning act-share", "warning shot-too-long", "warning cards-past-music", "warning song-ends-early", "warning act-share"},
			"The reel lasts 3:18.000, over the 3:00.000 maximum of Instagram Reels: cut 0:18.000."},
		{"over the recommended", func(p *Project) {
			for i := range p.Cards {
				p.Cards[i].Duration = 4 * Second
			}
		}, statAll,
			[]string{"warning longer-than-recommended", "warning cards-past-music"},
			"The reel lasts 0:40.000, longer than the 0:30.000 that works best on Instagram Reels: consider trimming 0:10.000."},
		{"act share", func(p *Project) { p.Cards[0].Duration = 6 * Second }, statAll,
			[]string{"warning act-share", "warning cards-past-music"},
			"The arrival act takes 33% of the reel; the backstage reel template aims for 20% ± 10: shorten it."},
		{"too short", func(p *Project) { p.Cards[4].Duration = Second / 4 }, statAll,
			[]string{"warning shot-too-short", "hint music-past-cards"},
			`Card 5 "Gear detail" lasts 0:00.250, under 0:00.500: it will read as a flash; lengthen it or merge it with a neighbour.`},
		{"too long", func(p *Project) { p.Cards[8].Duration = 13 * Second / 2; p.Cards[9].Duration = Second / 2 }, statAll,
			[]string{"warning shot-too-long", "warning cards-past-music"},
			`Card 9 "The result" lasts 0:06.500, over 0:06.000: it will drag; shorten or split it.`},
		{"missing kind", func(p *Project) { p.Cards[3].Kind = ShotCandid }, statAll,
			[]string{"warning missing-shot-kind"},
			`The work act has no "Hands close-up" shot: add one (tight on the hands at work: focusing, adjusting, touching the material).`},
		{"empty act", func(p *Project) { p.Cards = p.Cards[:8] }, statAll,
			[]string{"warning act-share", "warning empty-act", "hint music-past-cards"},
			"The work act takes 75% of the reel; the backstage reel template aims for 60% ± 10: shorten it."},
		{"no cards", func(p *Project) { p.Cards = nil }, statAll,
			[]string{"error no-cards"},
			"The storyboard has no cards: add shots to the arrival, work and fulfilment acts."},
		{"missing files", func(p *Project) {}, statNone,
			[]string{"error soundtrack-missing", "error media-missing", "warning image-missing"},
			"The soundtrack /p/music/song.wav is missing: choose it again."},
		{"no soundtrack", func(p *Project) { p.Soundtrack = nil }, statAll,
			[]string{"hint no-soundtrack"},
			"There is no soundtrack: choose the music to cut the reel on."},
		{"cards past the music region", func(p *Project) { p.Soundtrack.Length = 15 * Second }, statAll,
			[]string{"warning cards-past-music"},
			"The cards last 0:20.000 but the music region is 0:15.000: lengthen the region or trim 0:05.000 of cards."},
		{"music region past the cards", func(p *Project) { p.Soundtrack.Length = 22 * Second }, statAll,
			[]string{"hint music-past-cards"},
			"The cards end 0:02.000 before the music region does: add or lengthen cards, or shorten the region to 0:20.000."},
		{"song ends early", func(p *Project) { p.Soundtrack.Offset = 45 * Second }, statAll,
			[]string{"warning song-ends-early"},
			"The song ends at 0:15.000 into the reel: the last 0:05.000 play in silence; start the music earlier or trim the cards."},
		{"region within one frame", func(p *Project) { p.Soundtrack.Length = 20*Second + p.Rate.FrameDuration() }, statAll, nil, ""},
		{"off beat", func(p *Project) {
			p.Soundtrack.Offset, p.Soundtrack.PhaseNudge = 0, 0
			p.Soundtrack.Analysis.Beats = seq(0, 2*Second, 11)
			p.Soundtrack.Analysis.Beats[2] = 4*Second + Second/10
		}, statAll,
			[]string{"hint cut-off-beat"},
			`Card 2 "First look at the set" ends 0:00.100 off the beat (at 0:04.000; the nearest beat is at 0:04.100): snap the cut to the beat.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testProject(t, "/p")
			tt.edit(p)
			got := CheckFS(p, tt.stat)
			if !reflect.DeepEqual(codes(got), tt.want) {
				t.Fatalf("CheckFS(%s) = %v; want %v", tt.name, codes(got), tt.want)
			}
			if len(got) > 0 && got[0].Message != tt.first {
				t.Errorf("CheckFS(%s)[0].Message = %q; want %q", tt.name, got[0].Message, tt.first)
			}
			for _, f := range got {
				if f.Args == nil || strings.Contains(f.Message, "%!") {
					t.Errorf("finding %s: args %v, message %q", f.Code, f.Args, f.Message)
				}
			}
		})
	}
}

func TestCheckFindingFields(t *testing.T) {
	p := testProject(t, "/p")
	p.Cards[4].Duration = Second / 4
	f := CheckFS(p, statAll)[0]
	want := Finding{Severity: Warning, CardID: p.Cards[4].ID, Act: Work, At: 8 * Second, Code: CodeShotTooShort,
		Args: map[string]any{"Card": 5, "Title": "Gear detail", "Length": Second / 4, "Min": Second / 2}, Message: f.Message}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("finding = %+v; want %+v", f, want)
	}
}

func TestCheckOrder(t *testing.T) {
	p := testProject(t, "/p")
	p.Cards[6].Duration = Second / 4
	p.Cards[2].Duration = Second / 4
	p.Soundtrack = nil
	p.Cards[1].Media.Path = "/missing.mov"
	got := CheckFS(p, func(path string) error {
		if path == "/missing.mov" {
			return errors.New("no")
		}
		return nil
	})
	var summary []string
	for _, f := range got {
		summary = append(summary, fmt.Sprintf("%s %s@%s", f.Severity, f.Code, f.At))
	}
	want := []string{"error media-missing@0:02.000", "warning shot-too-short@0:04.000", "warning shot-too-short@0:10.250", "hint no-soundtrack@0:00.000"}
	if !reflect.DeepEqual(summary, want) {
		t.Errorf("CheckFS order = %v; want %v", summary, want)
	}
}

func TestSeverityString(t *testing.T) {
	for s, want := range map[Severity]string{Error: "error", Warning: "warning", Hint: "hint", 7: "severity(7)"} {
		if got := s.String(); got != want {
			t.Errorf("Severity(%d).String() = %q; want %q", int(s), got, want)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	p := bigProject(b, 1000)
	for b.Loop() {
		CheckFS(p, statAll)
	}
}

func TestCheckBeatsTolerance(t *testing.T) {
	p := testProject(t, "/p")
	frame := p.Rate.FrameDuration()
	p.Soundtrack.Offset, p.Soundtrack.PhaseNudge = 0, 0
	p.Soundtrack.Analysis.Beats = seq(0, 2*Second, 11)
	p.Soundtrack.Analysis.Beats[2] = 4*Second + frame // exactly one frame off: fine
	if got := CheckFS(p, statAll); len(got) != 0 {
		t.Errorf("CheckFS(cut one frame off) = %v; want none", codes(got))
	}
	p.Soundtrack.Analysis.Beats[2]++ // one flick more
	if got := codes(CheckFS(p, statAll)); !reflect.DeepEqual(got, []string{"hint cut-off-beat"}) {
		t.Errorf("CheckFS(cut a frame and a flick off) = %v; want one hint", got)
	}
	// Without an analysis there is no beat hint, even with a tempo.
	p.Soundtrack.Analysis = nil
	p.Soundtrack.TempoOverride = 97
	if got := CheckFS(p, statAll); len(got) != 0 {
		t.Errorf("CheckFS(no analysis) = %v; want none", codes(got))
	}
}

// TestCheckBeatsExtrapolated: a cut in a quiet intro, before the first
// detected beat, is measured against the extrapolated grid there.
func TestCheckBeatsExtrapolated(t *testing.T) {
	ms := Millisecond
	p := &Project{Rate: Rate{Num: 25, Den: 1}, Cards: []Card{{Duration: 2 * Second}, {Duration: 10 * Second}}}
	// Beats every 440 ms detected from 8.8 s; extrapolated before it.
	var detected, extra []Time
	for k := 0; k < 30; k++ {
		if t := Time(k) * 440 * ms; k >= 20 {
			detected = append(detected, t)
		} else {
			extra = append(extra, t)
		}
	}
	p.Soundtrack = &Soundtrack{Path: "/song.wav", Analysis: &Analysis{Hash: "h", TempoBPM: 136.4, Beats: detected, Extrapolated: extra}}
	fs := CheckFS(p, statAll)
	var offs []Time
	for _, f := range fs {
		if f.Code == CodeCutOffBeat {
			offs = append(offs, f.Args["Off"].(Time))
		}
	}
	// The cut at 2.0 s is 200 ms from the beat at 2.2 s, not 6.8 s from 8.8 s.
	if len(offs) == 0 || offs[0] != 200*ms {
		t.Errorf("CheckFS(cut at 2 s, beats every 440 ms from 0 extrapolated) off-beat = %v; want 200ms first (nearest beat 2.2 s)", offs)
	}
}

func TestCheckFileMediaOutsideProject(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "reel")
	os.MkdirAll(filepath.Join(dir, "media"), 0o755)
	inside := filepath.Join(dir, "media", "song.wav")
	outside := filepath.Join(root, "elsewhere.wav")
	for _, f := range []string{inside, outside} {
		os.WriteFile(f, []byte("x"), 0o644)
	}
	// A link inside the folder to a file outside it leaves the folder too;
	// a link outside to a file inside does not.
	linkOut := filepath.Join(dir, "media", "link-out.jpg")
	os.Symlink(outside, linkOut)
	linkIn := filepath.Join(root, "link-in.mov")
	os.Symlink(inside, linkIn)
	path := filepath.Join(dir, "plan.reel")
	tests := []struct {
		name       string
		soundtrack string
		image      string
		media      string
		want       []string // paths warned about
	}{
		{"all inside", inside, inside, inside, nil},
		{"soundtrack above", filepath.Join(dir, "..", "elsewhere.wav"), inside, "", []string{filepath.Join(dir, "..", "elsewhere.wav")}},
		{"absolute elsewhere", "/etc/passwd", "", "", []string{"/etc/passwd"}},
		{"image through a link", inside, linkOut, "", []string{linkOut}},
		{"media link into the folder", inside, "", linkIn, nil},
		{"missing file above", inside, "", filepath.Join(root, "gone.mov"), []string{filepath.Join(root, "gone.mov")}},
	}
	for _, tt := range tests {
		p := testProject(t, dir)
		p.Soundtrack.Path = tt.soundtrack
		p.Cards[0].Image = tt.image
		p.Cards[1].Media = nil
		if tt.media != "" {
			p.Cards[1].Media = &MediaLink{Path: tt.media}
		}
		var got []string
		for _, f := range CheckFile(p, path) {
			if f.Code == CodeMediaOutsideProject {
				if f.Severity != Warning || !strings.Contains(f.Message, "outside the project's folder") {
					t.Errorf("CheckFile(%s) finding = %+v; want a warning saying the file is outside the folder", tt.name, f)
				}
				got = append(got, f.Args["Path"].(string))
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("CheckFile(%s) warns about %q; want %q", tt.name, got, tt.want)
		}
		for _, f := range Check(p) {
			if f.Code == CodeMediaOutsideProject {
				t.Errorf("Check(%s) (no project file) = %+v; want no outside-folder finding", tt.name, f)
			}
		}
	}
}

// TestCheckLastCutBeforeABeat: the last cut a millisecond before a beat is
// on the beat (the grid ended at the reel's end, so the nearest beat was the
// one before: "0.501 off", and its fix cut half a beat off the card).
func TestCheckLastCutBeforeABeat(t *testing.T) {
	an := &Analysis{Hash: "h", TempoBPM: 120, Duration: 60 * Second}
	for b := Time(0); b < 60*Second; b += Second / 2 {
		an.Beats = append(an.Beats, b)
	}
	p, _ := NewProject(FormatBackstage, "instagram-reels", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	p.Soundtrack = &Soundtrack{Path: "song.wav", Analysis: an}
	for i := range p.Cards {
		p.Cards[i].Duration = 2 * Second
	}
	p.Cards[len(p.Cards)-1].Duration = 2*Second - Millisecond
	for _, f := range Check(p) {
		if f.Code == CodeCutOffBeat {
			t.Errorf("finding %q; want none: every cut is within a frame of a beat", f.Message)
		}
	}
}
