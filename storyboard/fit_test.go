package storyboard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// songs are the synthetic songs the fitting tests run on: steady and
// jittery tempos, with and without sections, phrases, energy, downbeats,
// in 4/4 and 3/4.
var songs = map[string]songSpec{
	"pop 124 bpm with sections":               popSong,
	"house 128 bpm, beats and downbeats only": {bpm: 128, length: 3 * Minute, lead: Seconds(0.05), jitter: 0.02},
	"ballad 72 bpm, phrases, no energy":       {bpm: 72, length: 4 * Minute, lead: Seconds(1.2), jitter: 0.05, phrases: true},
	"waltz 156 bpm in 3/4 with sections": {bpm: 156, length: 3 * Minute, meter: 3, lead: Seconds(0.4), jitter: 0.03, energy: true,
		sections: []sectionSpec{{16, "A", 0.3}, {16, "B", 0.8}}},
	"rock 97 bpm, no downbeats": {bpm: 97, length: 3 * Minute, lead: Seconds(0.7), jitter: 0.06, noDown: true},
	"dnb 174 bpm with section energy only": {bpm: 174, length: 3 * Minute, lead: Seconds(0.2), jitter: 0.02,
		sections: []sectionSpec{{8, "A", 0.4}, {16, "B", 0.95}, {8, "C", 0.6}}},
}

// fitCases are the lengths and platforms a plan is fitted to.
var fitCases = []struct {
	format   Format
	platform string
	length   Time
}{
	{FormatBackstage, "instagram-stories", 15 * Second},
	{FormatBackstage, "instagram-reels", 30 * Second},
	{FormatBackstage, "youtube-shorts", 60 * Second},
	{FormatMakingOf, "youtube", 90 * Second},
}

// pacingWarnings returns the findings about pacing a fit could have
// avoided: any but the file checks and, when the length asked for is over
// the platform's recommended length, that warning.
func pacingWarnings(p *Project, asked Time) []Finding {
	var out []Finding
	for _, f := range CheckFS(p, func(string) error { return nil }) {
		if f.Code == CodeLongerThanRecommended && asked > p.PlatformPreset().Recommended {
			continue
		}
		out = append(out, f)
	}
	return out
}

// assertFitted checks the invariants of a fitted plan against the song.
func assertFitted(t *testing.T, p *Project, before *Project, asked Time, r FitReport) {
	t.Helper()
	// Order, IDs, acts and contents kept; only durations change.
	if len(p.Cards) != len(before.Cards) {
		t.Fatalf("fit changed the number of cards: %d; want %d", len(p.Cards), len(before.Cards))
	}
	for i := range p.Cards {
		a, b := p.Cards[i], before.Cards[i]
		a.Duration, b.Duration = 0, 0
		if !cardEqual(a, b) {
			t.Errorf("card %d = %+v after the fit; want %+v but for its duration", i+1, a, b)
		}
	}
	// Every cut on an analysed beat, exactly.
	beats, downs := p.BeatGrid()
	for i, c := range p.Cuts() {
		if _, ok := slices.BinarySearch(beats, c); !ok {
			t.Errorf("cut %d at %s is not on a beat of the grid", i+1, c)
		}
	}
	// The excerpt starts on a downbeat (or, without downbeats, on a bar of
	// the grid) and the reel is within one beat of the length asked for.
	if len(downs) > 0 && (len(downs) == 0 || downs[0] != 0) {
		t.Errorf("the music starts %s before the first downbeat of the reel (%v…)", -downs[0], downs[:1])
	}
	if l := p.Length(); l > asked || asked-l >= beats[len(beats)-1]-beats[len(beats)-2]+Millisecond*50 {
		t.Errorf("the fitted reel lasts %s; want within one beat under %s", l, asked)
	}
	if p.Soundtrack.Length != p.Length() {
		t.Errorf("the music region is %s; want the cards' %s", p.Soundtrack.Length, p.Length())
	}
	minShot, _ := p.shotLimits()
	for i, c := range p.Cards {
		if c.Duration < minShot {
			t.Errorf("card %d lasts %s, under the platform's shortest shot %s", i+1, c.Duration, minShot)
		}
	}
	if ws := pacingWarnings(p, asked); len(ws) > 0 {
		for _, w := range ws {
			t.Errorf("pacing after the fit: %s %s: %s", w.Severity, w.Code, w.Message)
		}
	}
	if r.Cards != len(p.Cards) || r.Length != p.Length() || len(r.Acts) != 3 {
		t.Errorf("report = %+v; want %d cards, length %s, 3 acts", r, len(p.Cards), p.Length())
	}
}

func TestFitPlanOnSongs(t *testing.T) {
	for name, spec := range songs {
		for _, fc := range fitCases {
			t.Run(fmt.Sprintf("%s/%s %s", name, fc.platform, fc.length), func(t *testing.T) {
				p := songProject(t, fc.format, fc.platform, song(spec))
				before := p.Clone()
				c := FitPlan(FitOptions{Length: fc.length})
				h := NewHistory(p)
				if err := h.Apply(c); err != nil {
					t.Fatalf("FitPlan(%s) = %v", fc.length, err)
				}
				assertFitted(t, p, before, fc.length, c.Report)
				if h.UndoName() != "Fit plan to music" {
					t.Errorf("the fit's undo step is %q; want one step \"Fit plan to music\"", h.UndoName())
				}
			})
		}
	}
}

// encoded returns p in the file format, for byte-for-byte comparisons.
func encoded(t *testing.T, p *Project) []byte {
	t.Helper()
	b, err := Encode(p, "")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFitPlanDeterministicAndUndoable(t *testing.T) {
	for name, spec := range songs {
		t.Run(name, func(t *testing.T) {
			p := songProject(t, FormatBackstage, "instagram-reels", song(spec))
			orig := encoded(t, p)
			h := NewHistory(p)
			if err := h.Apply(FitPlan(FitOptions{})); err != nil {
				t.Fatal(err)
			}
			first := encoded(t, p)
			if bytes.Equal(first, orig) {
				t.Fatal("FitPlan changed nothing")
			}
			if _, ok := h.Undo(); !ok {
				t.Fatal("Undo after FitPlan = false")
			}
			if got := encoded(t, p); !bytes.Equal(got, orig) {
				t.Errorf("Undo of FitPlan left:\n%s\nwant:\n%s", got, orig)
			}
			if _, ok := h.Redo(); !ok {
				t.Fatal("Redo of FitPlan = false")
			}
			if got := encoded(t, p); !bytes.Equal(got, first) {
				t.Errorf("Redo of FitPlan differs from the fit")
			}
			// Fitting the fresh project again gives the same plan, and
			// fitting the fitted plan again changes nothing.
			q := songProject(t, FormatBackstage, "instagram-reels", song(spec))
			if err := FitPlan(FitOptions{}).Do(q); err != nil {
				t.Fatal(err)
			}
			if got := encoded(t, q); !bytes.Equal(got, first) {
				t.Errorf("a second fit of the same project differs from the first")
			}
			again := FitPlan(FitOptions{})
			if err := h.Apply(again); err != nil {
				t.Fatal(err)
			}
			if got := encoded(t, p); !bytes.Equal(got, first) {
				t.Errorf("fitting a fitted plan changed it")
			}
			if h.UndoName() != "Fit plan to music" || !again.noop() {
				t.Errorf("fitting a fitted plan made an undo step")
			}
		})
	}
}

func TestFitPlanDefaultLength(t *testing.T) {
	tests := []struct {
		format   Format
		platform string
		want     Time // within a beat under
	}{
		{FormatBackstage, "instagram-reels", 30 * Second}, // recommended
		{FormatBackstage, "instagram-stories", 15 * Second},
		{FormatMakingOf, "youtube", 90 * Second}, // 3/4 of 6 cards × 20 s, under the 5 min recommended
		{FormatBackstage, "youtube", 112*Second + 500*Millisecond},
	}
	for _, tt := range tests {
		p := songProject(t, tt.format, tt.platform, song(popSong))
		c := FitPlan(FitOptions{})
		if err := c.Do(p); err != nil {
			t.Fatalf("FitPlan(%s, %s) = %v", tt.format, tt.platform, err)
		}
		if got := c.Report.Target; got != tt.want {
			t.Errorf("FitPlan(%s, %s) target = %s; want %s", tt.format, tt.platform, got, tt.want)
		}
		// A set music region is the default when not fitted before.
		p.Soundtrack.Length, p.Soundtrack.FitLength = 20*Second, 0
		c = FitPlan(FitOptions{})
		if err := c.Do(p); err != nil || c.Report.Target != 20*Second {
			t.Errorf("FitPlan with a 20 s region: target %s, %v; want 0:20.000", c.Report.Target, err)
		}
	}
}

func TestFitPlanActsOnSections(t *testing.T) {
	// 120 bpm, sections of 4 bars (8 s): a 40 s reel at 20/60/20 has its
	// act boundaries at 8 s and 32 s, both section starts.
	spec := songSpec{bpm: 120, length: 3 * Minute, energy: true,
		sections: []sectionSpec{{4, "A", 0.5}, {4, "B", 0.6}, {4, "C", 0.7}}}
	p := songProject(t, FormatBackstage, "custom", song(spec))
	c := FitPlan(FitOptions{Length: 40 * Second, FixedStart: true, Start: 0})
	if err := c.Do(p); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range c.Report.Acts {
		got = append(got, fmt.Sprintf("%s@%s on %s", a.Act, a.Start, a.On))
	}
	want := []string{"arrival@0:00.000 on section", "work@0:08.000 on section", "fulfilment@0:32.000 on section"}
	if !slices.Equal(got, want) {
		t.Errorf("FitPlan acts = %v; want %v", got, want)
	}
	// Off the sections by 2 bars the boundaries still go to them, inside
	// the tolerance, rather than to the exact shares.
	p = songProject(t, FormatBackstage, "custom", song(spec))
	c = FitPlan(FitOptions{Length: 48 * Second, FixedStart: true, Start: 0})
	if err := c.Do(p); err != nil {
		t.Fatal(err)
	}
	for _, a := range c.Report.Acts {
		if a.On != "section" || a.Share < a.Target-a.Tolerance || a.Share > a.Target+a.Tolerance {
			t.Errorf("FitPlan(48 s) act %s = %d%% on a %s; want a section within %d%% ± %d", a.Act, a.Share, a.On, a.Target, a.Tolerance)
		}
	}
}

func TestFitPlanDensityFollowsEnergy(t *testing.T) {
	// A quiet section then a loud one of equal length: the loud half of
	// the work act has shorter shots.
	spec := songSpec{bpm: 120, length: 2 * Minute, energy: true,
		sections: []sectionSpec{{8, "A", 0.05}, {8, "B", 0.95}}}
	p := songProject(t, FormatBackstage, "custom", song(spec))
	for i := range p.Cards {
		p.Cards[i].Act = Work
	}
	c := FitPlan(FitOptions{Length: 32 * Second, FixedStart: true, Start: 0})
	if err := c.Do(p); err != nil {
		t.Fatal(err)
	}
	var quiet, loud []Time
	for i, card := range p.Cards {
		if p.Start(i) < 16*Second {
			quiet = append(quiet, card.Duration)
		} else {
			loud = append(loud, card.Duration)
		}
	}
	if len(loud) <= len(quiet) {
		t.Errorf("FitPlan over quiet then loud: %d shots in the quiet 16 s %v, %d in the loud 16 s %v; want more in the loud", len(quiet), quiet, len(loud), loud)
	}
}

func TestFitPlanBarsWhereTheyRead(t *testing.T) {
	// 120 bpm with 10 cards in 40 s: 4 s a card, exactly two bars: every
	// cut on a downbeat.
	p := songProject(t, FormatBackstage, "custom", song(songSpec{bpm: 120, length: 2 * Minute}))
	c := FitPlan(FitOptions{Length: 40 * Second})
	if err := c.Do(p); err != nil {
		t.Fatal(err)
	}
	if c.Report.OnBars != c.Report.Cuts {
		t.Errorf("FitPlan(40 s, 10 cards at 120 bpm): %d of %d cuts on a bar; want all", c.Report.OnBars, c.Report.Cuts)
	}
}

func TestFitPlanErrors(t *testing.T) {
	noBeats := songProject(t, FormatBackstage, "instagram-reels", &Analysis{Hash: "h", Duration: Minute})
	noSound := songProject(t, FormatBackstage, "instagram-reels", nil)
	noSound.Soundtrack = nil
	tooMany := songProject(t, FormatBackstage, "instagram-reels", song(popSong))
	noCards := songProject(t, FormatBackstage, "instagram-reels", song(popSong))
	noCards.Cards = nil
	tests := []struct {
		name string
		p    *Project
		opt  FitOptions
		want error
	}{
		{"no beats", noBeats, FitOptions{}, ErrNoBeats},
		{"no soundtrack", noSound, FitOptions{}, ErrNoSoundtrack},
		{"ten cards in 4 s", tooMany, FitOptions{Length: 4 * Second}, ErrTooManyCards},
		{"no cards", noCards, FitOptions{}, ErrInvalid},
		{"start past the song", tooMany, FitOptions{Length: 30 * Second, FixedStart: true, Start: 3*Minute + 50*Second}, ErrInvalid},
	}
	for _, tt := range tests {
		before := encodedOrNil(tt.p)
		err := FitPlan(tt.opt).Do(tt.p)
		if !errors.Is(err, tt.want) {
			t.Errorf("FitPlan(%s) = %v; want %v", tt.name, err, tt.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "storyboard: fit plan to music: ") {
			t.Errorf("FitPlan(%s) error %q; want it to name the edit", tt.name, err)
		}
		if !bytes.Equal(encodedOrNil(tt.p), before) {
			t.Errorf("FitPlan(%s) failed but changed the project", tt.name)
		}
	}
}

func encodedOrNil(p *Project) []byte {
	b, _ := json.Marshal(p)
	return b
}

func TestFitPlanFixedStart(t *testing.T) {
	p := songProject(t, FormatBackstage, "instagram-reels", song(popSong))
	_, downs := p.Soundtrack.grid(p.songEnd())
	c := FitPlan(FitOptions{Length: 30 * Second, FixedStart: true, Start: 40 * Second})
	if err := c.Do(p); err != nil {
		t.Fatal(err)
	}
	want := SnapTime(40*Second, downs)
	if p.Soundtrack.Offset != want {
		t.Errorf("FitPlan(start 40 s) offset = %s; want the nearest downbeat %s", p.Soundtrack.Offset, want)
	}
	if !strings.Contains(c.Report.String(), "moved from 0:40.000 to the nearest downbeat") {
		t.Errorf("FitPlan(start 40 s) report %q does not say the start moved", c.Report)
	}
}

func TestFitPlanTempoOverrideAndNudge(t *testing.T) {
	a := song(songSpec{bpm: 120, length: 2 * Minute, lead: Seconds(0.5)})
	p := songProject(t, FormatBackstage, "instagram-reels", a)
	p.Soundtrack.TempoOverride = 100
	p.Soundtrack.PhaseNudge = 30 * Millisecond
	before := p.Clone()
	c := FitPlan(FitOptions{Length: 30 * Second})
	if err := c.Do(p); err != nil {
		t.Fatal(err)
	}
	assertFitted(t, p, before, 30*Second, c.Report)
	if got := c.Report.Tempo; got < 99.9 || got > 100.1 {
		t.Errorf("FitPlan with a 100 bpm override: tempo %g; want 100", got)
	}
}

func TestFitReportJSON(t *testing.T) {
	p := songProject(t, FormatBackstage, "instagram-reels", song(popSong))
	c := FitPlan(FitOptions{Length: 30 * Second})
	if err := c.Do(p); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c.Report)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"summary", "excerpt", "target_s", "length_s", "cards", "beats", "cuts", "cuts_on_bars", "tempo_bpm", "grid", "acts", "shortest_s", "longest_s", "notes"} {
		if _, ok := got[k]; !ok {
			t.Errorf("FitReport JSON lacks %q: %s", k, b)
		}
	}
	if got["target_s"] != 30.0 || got["cards"] != 10.0 || got["grid"] != "sections" {
		t.Errorf("FitReport JSON target_s=%v cards=%v grid=%v; want 30, 10, sections", got["target_s"], got["cards"], got["grid"])
	}
	ex := got["excerpt"].(map[string]any)
	if ex["start_s"] != p.Soundtrack.Offset.Seconds() || ex["start_on"] != "section" {
		t.Errorf("FitReport JSON excerpt = %v; want start_s %g on a section", ex, p.Soundtrack.Offset.Seconds())
	}
	if s := c.Report.String(); !strings.HasPrefix(s, "Fitted 10 cards to 0:29.") || !strings.Contains(s, "acts 2") {
		t.Errorf("FitReport.String() = %q", s)
	}
}

func TestChangeSoundtrack(t *testing.T) {
	p := songProject(t, FormatBackstage, "instagram-reels", song(popSong))
	if err := FitPlan(FitOptions{Length: 30 * Second}).Do(p); err != nil {
		t.Fatal(err)
	}
	if err := SetVariant(VariantPresets[0]).Do(p); err != nil {
		t.Fatal(err)
	}
	other := &Soundtrack{Path: "/music/other.ogg", Analysis: song(songs["ballad 72 bpm, phrases, no energy"])}

	// Keep the timings: durations unchanged, variants too.
	keep := p.Clone()
	h := NewHistory(keep)
	orig := encoded(t, keep)
	if err := h.Apply(ChangeSoundtrack(other, true, FitOptions{})); err != nil {
		t.Fatal(err)
	}
	for i := range keep.Cards {
		if keep.Cards[i].Duration != p.Cards[i].Duration {
			t.Errorf("ChangeSoundtrack(keep) changed card %d: %s; want %s", i+1, keep.Cards[i].Duration, p.Cards[i].Duration)
		}
	}
	if keep.Soundtrack.Path != other.Path || !reflect.DeepEqual(keep.Variants, p.Variants) {
		t.Errorf("ChangeSoundtrack(keep) soundtrack %q, variants %+v; want the new song and the variants as they were", keep.Soundtrack.Path, keep.Variants)
	}
	h.Undo()
	if got := encoded(t, keep); !bytes.Equal(got, orig) {
		t.Errorf("Undo of ChangeSoundtrack(keep) did not restore the plan")
	}

	// Fit to the new song: the same 30 s length, every cut on its beats.
	fit := p.Clone()
	h = NewHistory(fit)
	c := ChangeSoundtrack(other, false, FitOptions{})
	if err := h.Apply(c); err != nil {
		t.Fatal(err)
	}
	assertFitted(t, fit, p, 30*Second, c.Report)
	if fit.Soundtrack.Path != other.Path {
		t.Errorf("ChangeSoundtrack(fit) soundtrack = %q; want %q", fit.Soundtrack.Path, other.Path)
	}
	// The variant is fitted to the new song too.
	if reflect.DeepEqual(fit.Variants, p.Variants) {
		t.Errorf("ChangeSoundtrack(fit) left the variants as they were on the old song")
	}
	q, err := fit.VariantProject(VariantPresets[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	assertFitted(t, q, q, VariantPresets[0].Length, FitReport{Cards: len(q.Cards), Length: q.Length(), Acts: make([]ActFit, 3)})
	// A song without beats: keeping the timings works, fitting is refused.
	flat := &Soundtrack{Path: "/music/drone.ogg", Analysis: &Analysis{Hash: "d", Duration: Minute}}
	if err := ChangeSoundtrack(flat, true, FitOptions{}).Do(p.Clone()); err != nil {
		t.Errorf("ChangeSoundtrack(no beats, keep) = %v; want it done", err)
	}
	if err := ChangeSoundtrack(flat, false, FitOptions{}).Do(p.Clone()); !errors.Is(err, ErrNoBeats) {
		t.Errorf("ChangeSoundtrack(no beats, fit) = %v; want ErrNoBeats", err)
	}
	h.Undo()
	if got := encoded(t, fit); !bytes.Equal(got, orig) {
		t.Errorf("Undo of ChangeSoundtrack(fit) did not restore the plan")
	}
}

func TestTapCut(t *testing.T) {
	// 120 bpm, beats every 0.5 s from 0; cards of 2.2, 1.8, 2 and 2 s:
	// cuts at 2.2 (off the beat), 4 and 6 (on beats), the end at 8.
	ms := Millisecond
	base := func() *Project {
		p := songProject(t, FormatBackstage, "custom", song(songSpec{bpm: 120, length: Minute}))
		p.Cards = p.Cards[:4]
		p.Cards[3].Act = Fulfilment
		for i, d := range []Time{2200 * ms, 1800 * ms, 2 * Second, 2 * Second} {
			p.Cards[i].Duration = d
		}
		return p
	}
	unchanged := []Time{2200 * ms, 1800 * ms, 2 * Second, 2 * Second}
	tests := []struct {
		name string
		at   Time
		want []Time // durations after
		err  error
	}{
		{"on a cut: nothing", 4 * Second, unchanged, nil},
		{"snaps to a cut: nothing", 4*Second + 200*ms, unchanged, nil},
		{"after an off-beat cut: moves it later", 2*Second + 400*ms, []Time{2500 * ms, 1500 * ms, 2 * Second, 2 * Second}, nil},
		{"before an off-beat cut: moves it earlier", 2*Second + 100*ms, []Time{2 * Second, 2 * Second, 2 * Second, 2 * Second}, nil},
		{"a beat after an on-beat cut: splits", 4*Second + 600*ms, []Time{2200 * ms, 1800 * ms, 500 * ms, 1500 * ms, 2 * Second}, nil},
		{"mid-card, a beat or more from the cuts: splits", 3 * Second, []Time{2200 * ms, 800 * ms, Second, 2 * Second, 2 * Second}, nil},
		{"in the first card: splits", 900 * ms, []Time{Second, 1200 * ms, 1800 * ms, 2 * Second, 2 * Second}, nil},
		{"at the start: refused", 100 * ms, nil, ErrInvalid},
		{"at the end: refused", 8 * Second, nil, ErrInvalid},
		{"past the end: refused", 20 * Second, nil, ErrInvalid},
	}
	for _, tt := range tests {
		p := base()
		orig := encoded(t, p)
		h := NewHistory(p)
		err := h.Apply(TapCut(tt.at))
		if !errors.Is(err, tt.err) {
			t.Errorf("TapCut(%s: %s) = %v; want %v", tt.name, tt.at, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		var got []Time
		for _, c := range p.Cards {
			got = append(got, c.Duration)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("TapCut(%s: %s) durations = %v; want %v", tt.name, tt.at, got, tt.want)
		}
		if h.CanUndo() {
			h.Undo()
			if !bytes.Equal(encoded(t, p), orig) {
				t.Errorf("Undo of TapCut(%s) did not restore the plan", tt.name)
			}
		} else if !slices.Equal(tt.want, unchanged) {
			t.Errorf("TapCut(%s) made no undo step", tt.name)
		}
	}
	// Without a beat grid the tap cuts on the nearest frame.
	p := base()
	p.Soundtrack = nil
	if err := TapCut(Seconds(1.01)).Do(p); err != nil {
		t.Fatal(err)
	}
	if got, want := p.Cards[0].Duration, p.Rate.SnapToFrame(Seconds(1.01)); got != want {
		t.Errorf("TapCut(1.01 s) without beats: first card %s; want %s (a frame)", got, want)
	}
	// The split keeps the card's fields and gives the new one a new ID.
	p = base()
	id := p.Cards[1].ID
	if err := TapCut(3 * Second).Do(p); err != nil {
		t.Fatal(err)
	}
	if p.Cards[1].ID != id || p.Cards[2].ID == id || p.Cards[2].ID == uuid.Nil || p.Cards[2].Title != p.Cards[1].Title {
		t.Errorf("TapCut split: cards %+v, %+v", p.Cards[1], p.Cards[2])
	}
}
