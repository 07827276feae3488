package storyboard

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// masterPlan returns a 60 s backstage plan of 16 cards (the template's ten
// and six optional extras) fitted to the pop song, the first three
// optional.
func masterPlan(t testing.TB) *Project {
	t.Helper()
	p := songProject(t, FormatBackstage, "youtube-shorts", song(popSong))
	extras := []Card{
		{Title: "Unloading the car", Kind: ShotArrival, Act: Arrival},
		{Title: "Coffee with the crew", Kind: ShotCandid, Act: Work},
		{Title: "Metering the light", Kind: ShotEquipment, Act: Work},
		{Title: "Adjusting the reflector", Kind: ShotHands, Act: Work},
		{Title: "Laugh between takes", Kind: ShotCandid, Act: Work},
		{Title: "Packing up", Kind: ShotWrap, Act: Fulfilment},
	}
	for k, c := range extras {
		c.ID = [16]byte{0xee, byte(k), 6: 0x40, 8: 0x80}
		c.Duration = 2 * Second
		c.Optional = true
		from, to := p.ActSpan(c.Act)
		_ = from
		p.Cards = slices.Insert(p.Cards, to, c)
	}
	for i := range p.Cards[:3] {
		p.Cards[i].Optional = p.Cards[i].Optional || i == 1
	}
	if err := FitPlan(FitOptions{Length: 60 * Second}).Do(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVariantsFromOnePlan(t *testing.T) {
	for _, spec := range VariantPresets {
		t.Run(spec.Name, func(t *testing.T) {
			p := masterPlan(t)
			orig := encoded(t, p)
			h := NewHistory(p)
			c := SetVariant(spec)
			if err := h.Apply(c); err != nil {
				t.Fatalf("SetVariant(%s) = %v", spec.Name, err)
			}
			v, ok := p.Variant(spec.Name)
			if !ok {
				t.Fatalf("SetVariant(%s) stored no variant; have %+v", spec.Name, p.Variants)
			}
			q, err := p.VariantProject(spec.Name)
			if err != nil {
				t.Fatal(err)
			}
			// Must-have cards all kept, in the plan's order.
			kept := map[[16]byte]bool{}
			for _, c := range q.Cards {
				kept[c.ID] = true
			}
			var order []int
			for i, c := range p.Cards {
				if !c.Optional && !kept[c.ID] {
					t.Errorf("variant %s dropped must-have card %d %q", spec.Name, i+1, c.Title)
				}
				if kept[c.ID] {
					order = append(order, i)
				}
			}
			if !slices.IsSorted(order) || len(order) != len(q.Cards) {
				t.Errorf("variant %s cards are not the plan's in order: %v", spec.Name, order)
			}
			if q.Platform != spec.Platform || q.Aspect != q.PlatformPreset().Aspect || !strings.HasSuffix(q.Title, "("+spec.Name+")") {
				t.Errorf("variant project platform %s aspect %s title %q", q.Platform, q.Aspect, q.Title)
			}
			if q.Soundtrack.Offset != v.Offset {
				t.Errorf("variant project music starts at %s; want the variant's %s", q.Soundtrack.Offset, v.Offset)
			}
			// Checked against its own platform, it has no avoidable
			// pacing finding and every cut on the beat.
			assertFitted(t, q, q, spec.Length, c.Report)
			// Short variants drop optional cards; the master is intact.
			if spec.Length <= 30*Second && len(q.Cards) == len(p.Cards) {
				t.Errorf("variant %s kept all %d cards in %s", spec.Name, len(q.Cards), spec.Length)
			}
			want := append(orig[:0:0], orig...)
			h.Undo()
			if got := encoded(t, p); !bytes.Equal(got, want) {
				t.Errorf("Undo of SetVariant(%s) did not restore the plan", spec.Name)
			}
			h.Redo()
			if _, ok := p.Variant(spec.Name); !ok {
				t.Errorf("Redo of SetVariant(%s) lost the variant", spec.Name)
			}
		})
	}
}

func TestVariantsShortenOptionalCards(t *testing.T) {
	p := masterPlan(t)
	if err := SetVariant(VariantSpec{"40", "tiktok", 40 * Second}).Do(p); err != nil {
		t.Fatal(err)
	}
	q, _ := p.VariantProject("40")
	var opt, must []Time
	for _, c := range q.Cards {
		if c.Act != Work {
			continue
		}
		if c.Optional {
			opt = append(opt, c.Duration)
		} else {
			must = append(must, c.Duration)
		}
	}
	if len(opt) == 0 || mean(opt) >= mean(must) {
		t.Errorf("variant work act: optional shots %v, must-have %v; want the optional ones shorter on average", opt, must)
	}
}

func mean(ts []Time) Time {
	var s Time
	for _, t := range ts {
		s += t
	}
	return s / Time(max(len(ts), 1))
}

func TestVariantsInTheFile(t *testing.T) {
	p := masterPlan(t)
	for _, spec := range VariantPresets[:3] {
		if err := SetVariant(spec).Do(p); err != nil {
			t.Fatal(err)
		}
	}
	data := encoded(t, p)
	q, err := Decode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := encoded(t, q); !bytes.Equal(got, data) {
		t.Errorf("Decode(Encode(plan with variants)) differs:\n%s", got)
	}
	if len(q.Variants) != 3 || !q.Cards[1].Optional {
		t.Errorf("decoded %d variants, card 2 optional %v; want 3, true", len(q.Variants), q.Cards[1].Optional)
	}
	// A version 1 file (no variants) still loads.
	v1 := bytes.Replace(encoded(t, songProject(t, FormatBackstage, "tiktok", nil)), []byte(`"version": 2`), []byte(`"version": 1`), 1)
	if _, err := Decode(v1, ""); err != nil {
		t.Errorf("Decode(version 1 file) = %v", err)
	}
}

func TestVariantRefusals(t *testing.T) {
	p := masterPlan(t)
	if err := SetVariant(VariantPresets[1]).Do(p); err != nil {
		t.Fatal(err)
	}
	good := encoded(t, p)
	tests := []struct {
		name, old, new, want string
	}{
		{"no name", `"name": "30 s Reel"`, `"name": ""`, "a variant has no name"},
		{"unknown platform", `"platform": "instagram-reels",`, `"platform": "myspace",`, `unknown platform "myspace"`},
		{"negative offset", `"offset": `, `"offset": -`, "is negative"},
	}
	for _, tt := range tests {
		data := bytes.Replace(good, []byte(tt.old), []byte(tt.new), 1)
		if bytes.Equal(data, good) {
			t.Fatalf("%s: the replacement %q found nothing", tt.name, tt.old)
		}
		_, err := Decode(data, "")
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%s) = %v; want ErrInvalid saying %q", tt.name, err, tt.want)
		}
	}
	// Too many must-haves for a 3 s variant; an unknown variant.
	if err := SetVariant(VariantSpec{"3 s", "instagram-stories", 3 * Second}).Do(p); !errors.Is(err, ErrTooManyCards) {
		t.Errorf("SetVariant(3 s) = %v; want ErrTooManyCards", err)
	}
	if _, err := p.VariantProject("nope"); !errors.Is(err, ErrNoVariant) || !strings.Contains(err.Error(), `"30 s Reel"`) {
		t.Errorf("VariantProject(nope) = %v; want ErrNoVariant listing the variants", err)
	}
	if err := DeleteVariant("nope").Do(p); !errors.Is(err, ErrNoVariant) {
		t.Errorf("DeleteVariant(nope) = %v; want ErrNoVariant", err)
	}
	h := NewHistory(p)
	if err := h.Apply(DeleteVariant("30 s Reel")); err != nil || len(p.Variants) != 0 {
		t.Errorf("DeleteVariant = %v, variants %v", err, p.Variants)
	}
	h.Undo()
	if !bytes.Equal(encoded(t, p), good) {
		t.Error("Undo of DeleteVariant did not restore it")
	}
}

func TestVariantProjectSkipsDeletedCards(t *testing.T) {
	p := masterPlan(t)
	if err := SetVariant(VariantPresets[1]).Do(p); err != nil {
		t.Fatal(err)
	}
	v, _ := p.Variant(VariantPresets[1].Name)
	gone := v.Cards[0].ID
	if err := DeleteCards(gone).Do(p); err != nil {
		t.Fatal(err)
	}
	q, err := p.VariantProject(v.Name)
	if err != nil {
		t.Fatal(err)
	}
	if q.Index(gone) >= 0 || len(q.Cards) != len(v.Cards)-1 {
		t.Errorf("VariantProject after deleting a card: %d cards; want %d without it", len(q.Cards), len(v.Cards)-1)
	}
	// Refitting brings the variant back in shape.
	if err := RefitVariants().Do(p); err != nil {
		t.Fatal(err)
	}
	q, _ = p.VariantProject(v.Name)
	assertFitted(t, q, q, VariantPresets[1].Length, FitReport{Cards: len(q.Cards), Length: q.Length(), Acts: make([]ActFit, 3)})
}

func ExampleProject_DeriveVariant() {
	p, _ := NewProject(FormatBackstage, "youtube-shorts", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	p.Soundtrack = &Soundtrack{Path: "song.ogg", Analysis: song(songSpec{bpm: 120, length: 3 * Minute})}
	for i := range p.Cards {
		p.Cards[i].Optional = i%3 == 1 // three cards may go
	}
	if err := storyboardFit(p, 45*Second); err != nil {
		fmt.Println(err)
		return
	}
	v, r, err := p.DeriveVariant(VariantSpec{"15 s Story", "instagram-stories", 15 * Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d of %d cards, music from %s, %s\n", v.Name, len(v.Cards), len(p.Cards), v.Offset, r.Length)
	// Output:
	// 15 s Story: 7 of 10 cards, music from 0:00.000, 0:15.000
}

// storyboardFit fits p to length, for the examples.
func storyboardFit(p *Project, length Time) error { return FitPlan(FitOptions{Length: length}).Do(p) }
