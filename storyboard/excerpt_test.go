package storyboard

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestExcerptsPreferTheHook(t *testing.T) {
	// The pop song: quiet intro A (0:00), verse B, loud chorus C at 8+8
	// bars, and so on. The best 30 s starts on a chorus.
	p := songProject(t, FormatBackstage, "instagram-reels", song(popSong))
	ex, err := p.Excerpts(30*Second, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 3 {
		t.Fatalf("Excerpts(30 s, 3) = %d candidates; want 3", len(ex))
	}
	_, downs := p.Soundtrack.grid(p.songEnd())
	for i, e := range ex {
		if _, ok := slices.BinarySearch(downs, e.Start); !ok {
			t.Errorf("candidate %d starts at %s, not on a downbeat", i+1, e.Start)
		}
		if e.Length() > 30*Second || e.Length() < 29*Second {
			t.Errorf("candidate %d lasts %s; want within a beat under 0:30.000", i+1, e.Length())
		}
		if i > 0 && e.Score > ex[i-1].Score {
			t.Errorf("candidate %d scores %g, more than candidate %d (%g)", i+1, e.Score, i, ex[i-1].Score)
		}
		for j := range i {
			if d := absTime(e.Start - ex[j].Start); d < 4*2*Second*60/124 {
				t.Errorf("candidates %d and %d start %s apart; want a phrase apart", j+1, i+1, d)
			}
		}
	}
	if best := ex[0]; best.Section != "C" || best.StartOn != "section" || best.Hook < 0.85 || !strings.Contains(best.String(), "starts on section C") {
		t.Errorf("best excerpt = %+v; want one starting on the loud section C", best)
	}
}

func TestExcerptEnds(t *testing.T) {
	// 120 bpm, sections of 4 bars (8 s). A 16 s excerpt from a section
	// start ends where a section ends: no fade. 15 s ends mid-bar: fade.
	spec := songSpec{bpm: 120, length: 2 * Minute, energy: true, sections: []sectionSpec{{4, "A", 0.5}, {4, "B", 0.9}}}
	p := songProject(t, FormatBackstage, "custom", song(spec))
	tests := []struct {
		length Time
		endOn  string
		fade   bool
	}{
		{16 * Second, "section", false},
		{15 * Second, "half bar", true},
		{14 * Second, "downbeat", true},
		{13*Second + 500*Millisecond, "beat", true},
	}
	for _, tt := range tests {
		e, err := p.ExcerptAt(8*Second, tt.length)
		if err != nil {
			t.Fatal(err)
		}
		if e.EndOn != tt.endOn || e.Fade != tt.fade {
			t.Errorf("ExcerptAt(8 s, %s) ends on %q, fade %v; want %q, %v", tt.length, e.EndOn, e.Fade, tt.endOn, tt.fade)
		}
	}
	// To the song's very end: a musical end.
	e, err := p.ExcerptAt(2*Minute-20*Second, 19*Second+500*Millisecond)
	if err != nil || e.EndOn != "song end" || e.Fade {
		t.Errorf("ExcerptAt(last 20 s) = %+v, %v; want it to end with the song, no fade", e, err)
	}
}

func TestExcerptsShortSongAndErrors(t *testing.T) {
	p := songProject(t, FormatBackstage, "custom", song(songSpec{bpm: 120, length: 10 * Second, lead: 250 * Millisecond}))
	ex, err := p.Excerpts(30*Second, 3)
	if err != nil || len(ex) != 1 || ex[0].Start != 250*Millisecond || !strings.Contains(ex[0].String(), "the song lasts only") {
		t.Errorf("Excerpts(30 s of a 10 s song) = %+v, %v; want the whole song from its first downbeat", ex, err)
	}
	if _, err := p.Excerpts(0, 3); !errors.Is(err, ErrInvalid) {
		t.Errorf("Excerpts(0) = %v; want ErrInvalid", err)
	}
	p.Soundtrack.Analysis.Beats = p.Soundtrack.Analysis.Beats[:1]
	if _, err := p.Excerpts(5*Second, 3); !errors.Is(err, ErrNoBeats) {
		t.Errorf("Excerpts(one beat) = %v; want ErrNoBeats", err)
	}
	p.Soundtrack = nil
	if _, err := p.ExcerptAt(0, 5*Second); !errors.Is(err, ErrNoSoundtrack) {
		t.Errorf("ExcerptAt(no soundtrack) = %v; want ErrNoSoundtrack", err)
	}
}

func ExampleProject_Excerpts() {
	// A 124 bpm song: quiet intro, verse, loud chorus, repeated.
	p, _ := NewProject(FormatBackstage, "instagram-reels", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	p.Soundtrack = &Soundtrack{Path: "song.ogg", Analysis: song(popSong)}
	ex, _ := p.Excerpts(15*Second, 3)
	for _, e := range ex {
		fmt.Println(e)
	}
	// Output:
	// 1:02.251–1:16.765 (starts on section C; opens at 98% energy; ends mid-bar, fade out)
	// 2:27.406–2:41.924 (starts on section C; opens at 98% energy; ends mid-bar, fade out)
	// 0:31.271–0:46.271 (starts on section C; opens at 92% energy; ends mid-bar, fade out)
}

// TestFitOnACandidate: the UI shows three candidates and fits on the one
// chosen, starting exactly there.
func TestFitOnACandidate(t *testing.T) {
	p := songProject(t, FormatBackstage, "instagram-reels", song(popSong))
	ex, err := p.Excerpts(30*Second, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range ex {
		q := p.Clone()
		c := FitPlan(FitOptions{Length: 30 * Second, FixedStart: true, Start: e.Start})
		if err := c.Do(q); err != nil {
			t.Fatal(err)
		}
		if q.Soundtrack.Offset != e.Start || q.Length() != e.Length() || !slices.Equal(c.Report.Excerpt.Reasons, e.Reasons) {
			t.Errorf("fit on candidate %d: music %s + %s, reasons %q; want %s + %s, %q", i+1, q.Soundtrack.Offset, q.Length(), c.Report.Excerpt.Reasons, e.Start, e.Length(), e.Reasons)
		}
	}
}
