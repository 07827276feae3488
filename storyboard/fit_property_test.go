package storyboard

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/uuid"
)

// randomPlan returns a project of random cards (1 to 24, acts in order,
// some optional, random durations) on a random platform, with a random beat
// grid: tempo 50 to 220 bpm, jitter, meters 2 to 7, with or without
// downbeats, phrases, sections and energy, and sometimes a tempo override
// or a phase nudge.
func randomPlan(t testing.TB, r *rand.Rand) *Project {
	f := FormatBackstage
	if r.IntN(3) == 0 {
		f = FormatMakingOf
	}
	pl := Platforms[r.IntN(len(Platforms))].ID
	p := songProject(t, f, pl, nil)
	n := 1 + r.IntN(24)
	p.Cards = p.Cards[:0]
	for i := range n {
		act := Act(min(3*i/n+r.IntN(2)*0, 2))
		if i > 0 {
			act = max(act, p.Cards[i-1].Act)
		}
		p.Cards = append(p.Cards, Card{
			ID: uuid.UUID{0xab, byte(i), 6: 0x40, 8: 0x80}, Title: fmt.Sprint("Shot ", i+1),
			Kind: ShotKinds[r.IntN(len(ShotKinds))].Kind, Act: act,
			Duration: Time(1+r.IntN(10000)) * Millisecond, Optional: r.IntN(3) == 0,
		})
	}
	spec := songSpec{
		bpm: 50 + 170*r.Float64(), length: Time(60+r.IntN(300)) * Second, lead: Time(r.IntN(3000)) * Millisecond,
		jitter: 0.1 * r.Float64(), meter: []int{0, 2, 3, 4, 5, 6, 7}[r.IntN(7)],
		phrases: r.IntN(2) == 0, noDown: r.IntN(4) == 0, energy: r.IntN(2) == 0,
	}
	if r.IntN(2) == 0 {
		for range 1 + r.IntN(5) {
			spec.sections = append(spec.sections, sectionSpec{1 + r.IntN(12), string(rune('A' + r.IntN(4))), r.Float64()})
		}
	}
	p.Soundtrack = &Soundtrack{Path: "song.ogg", Analysis: song(spec)}
	if r.IntN(5) == 0 {
		p.Soundtrack.TempoOverride = 60 + 120*r.Float64()
	}
	if r.IntN(5) == 0 {
		p.Soundtrack.PhaseNudge = Time(r.IntN(200)-100) * Millisecond
	}
	return p
}

// TestFitProperties fits random plans to random beat grids: the fit keeps
// card order, IDs and contents, never makes a card shorter than the
// platform's shortest shot, puts every cut on a beat, and lasts within one
// beat under the length asked for; or it refuses with ErrTooManyCards when
// the cards cannot all have the shortest shot.
func TestFitProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	fitted := 0
	for k := range 600 {
		p := randomPlan(t, r)
		before := p.Clone()
		length := Time(5+r.IntN(120)) * Second
		opt := FitOptions{Length: length}
		if r.IntN(4) == 0 {
			opt.FixedStart, opt.Start = true, Time(r.IntN(30))*Second
		}
		err := FitPlan(opt).Do(p)
		if errors.Is(err, ErrTooManyCards) || errors.Is(err, ErrInvalid) && opt.FixedStart {
			continue
		}
		if err != nil {
			t.Fatalf("case %d: FitPlan(%s) = %v", k, length, err)
		}
		fitted++
		msg := fmt.Sprintf("case %d (%d cards, %s, %s, %s)", k, len(p.Cards), p.Platform, length, p.Soundtrack.Analysis.Duration)
		if len(p.Cards) != len(before.Cards) {
			t.Fatalf("%s: %d cards after the fit; want %d", msg, len(p.Cards), len(before.Cards))
		}
		minShot, _ := p.shotLimits()
		for i := range p.Cards {
			a, b := p.Cards[i], before.Cards[i]
			if a.Duration < minShot {
				t.Errorf("%s: card %d lasts %s, under the shortest shot %s", msg, i+1, a.Duration, minShot)
			}
			a.Duration, b.Duration = 0, 0
			if a != b {
				t.Errorf("%s: card %d = %+v; want %+v", msg, i+1, a, b)
			}
		}
		beats, _ := p.BeatGrid()
		for i, c := range p.Cuts() {
			if _, ok := slices.BinarySearch(beats, c); !ok {
				t.Errorf("%s: cut %d at %s is off the beat grid", msg, i+1, c)
			}
		}
		// Within one beat under the target, unless the song is shorter.
		l := p.Length()
		song := p.Soundtrack.Analysis.Duration
		last := beats[len(beats)-1]
		period := last - beats[len(beats)-2]
		if l > length {
			t.Errorf("%s: the reel lasts %s, over the %s asked for", msg, l, length)
		}
		if length-l > period*11/10 && p.Soundtrack.Offset+length < song-2*period {
			t.Errorf("%s: the reel lasts %s, more than a beat (%s) under the %s asked for", msg, l, period, length)
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: the fitted project does not validate: %v", msg, err)
		}
	}
	if fitted < 300 {
		t.Errorf("only %d of 600 random plans could be fitted; the generator is too harsh", fitted)
	}
}

// TestVariantProperties derives variants of random plans: every must-have
// card kept, order kept, nothing under the shortest shot, cuts on beats.
func TestVariantProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	derived := 0
	for k := range 300 {
		p := randomPlan(t, r)
		spec := VariantPresets[r.IntN(len(VariantPresets))]
		v, _, err := p.DeriveVariant(spec)
		if errors.Is(err, ErrTooManyCards) {
			continue
		}
		if err != nil {
			t.Fatalf("case %d: DeriveVariant(%s) = %v", k, spec.Name, err)
		}
		derived++
		p.Variants = []Variant{v}
		q, err := p.VariantProject(spec.Name)
		if err != nil {
			t.Fatal(err)
		}
		kept := map[uuid.UUID]bool{}
		for _, c := range q.Cards {
			kept[c.ID] = true
		}
		for i, c := range p.Cards {
			if !c.Optional && !kept[c.ID] {
				t.Errorf("case %d: variant %s dropped must-have card %d", k, spec.Name, i+1)
			}
		}
		minShot, _ := q.shotLimits()
		beats, _ := q.BeatGrid()
		for i, c := range q.Cards {
			if c.Duration < minShot {
				t.Errorf("case %d: variant card %d lasts %s, under %s", k, i+1, c.Duration, minShot)
			}
		}
		for i, c := range q.Cuts() {
			if _, ok := slices.BinarySearch(beats, c); !ok {
				t.Errorf("case %d: variant cut %d at %s is off the beat", k, i+1, c)
			}
		}
		if err := q.Validate(); err != nil {
			t.Errorf("case %d: variant project does not validate: %v", k, err)
		}
	}
	if derived < 150 {
		t.Errorf("only %d of 300 random plans gave a variant", derived)
	}
}

// BenchmarkFitVariants fits a 4-minute song's plan to three variants (15 s,
// 30 s, 60 s) after analysis. Goal: ≤ 50 ms.
func BenchmarkFitVariants(b *testing.B) {
	p := masterPlan(b)
	for b.Loop() {
		for _, spec := range VariantPresets[:3] {
			if _, _, err := p.DeriveVariant(spec); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFitPlan fits a 16-card plan to 60 s of a 4-minute song.
func BenchmarkFitPlan(b *testing.B) {
	p := masterPlan(b)
	for b.Loop() {
		if _, err := p.planFit(FitOptions{Length: 60 * Second}); err != nil {
			b.Fatal(err)
		}
	}
}
