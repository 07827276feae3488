package storyboard

import (
	"errors"
	"fmt"
	"reflect"
	"slices"

	"github.com/google/uuid"
)

// Variant is a cut-down of the plan for another length or platform (a 15 s
// Story, a 60 s Short), derived from the project's cards by DeriveVariant:
// optional cards dropped or shortened, an excerpt of the song of the
// variant's length, every cut on a beat. It stores the result, so a variant
// exports and checks as it was fitted until it is fitted again.
type Variant struct {
	Name     string `json:"name"`
	Platform string `json:"platform"` // a Platform ID
	// Length is the length asked for (the fitted one is within a beat of it).
	Length Time `json:"length"`
	// Offset is where the variant's music starts in the song.
	Offset Time `json:"offset"`
	// Cards are the project's cards the variant keeps, in play order, with
	// their durations in the variant.
	Cards []VariantCard `json:"cards"`
}

// VariantCard is a card kept in a variant.
type VariantCard struct {
	ID       uuid.UUID `json:"id"`
	Duration Time      `json:"duration"`
}

// VariantSpec asks for a variant: its name, platform and length (0 for the
// platform's recommended length).
type VariantSpec struct {
	Name     string
	Platform string
	Length   Time
}

// VariantPresets are the usual cut-downs of a backstage plan.
var VariantPresets = []VariantSpec{
	{"15 s Story", "instagram-stories", 15 * Second},
	{"30 s Reel", "instagram-reels", 30 * Second},
	{"60 s Short", "youtube-shorts", 60 * Second},
	{"2-min making-of", "youtube", 2 * Minute},
}

// ErrNoVariant means a project has no variant of the given name.
var ErrNoVariant = errors.New("no such variant")

// optionalShare is how much of its weight an optional card keeps in a
// variant: optional shots are the first to be shortened.
const optionalShare = 0.7

// Variant returns the variant named name.
func (p *Project) Variant(name string) (Variant, bool) {
	for _, v := range p.Variants {
		if v.Name == name {
			return v, true
		}
	}
	return Variant{}, false
}

// VariantProject returns the variant named name as a project of its own,
// for the pacing check and the exports: a copy of p on the variant's
// platform (and its aspect), with the variant's cards in the project's order
// and durations, the music starting at the variant's offset, no variants,
// and the variant's name after the title. Cards the variant names but the
// project no longer has are left out; it is an error if none is left.
func (p *Project) VariantProject(name string) (*Project, error) {
	v, ok := p.Variant(name)
	if !ok {
		return nil, fmt.Errorf("%w: the project has no variant %q%s", ErrNoVariant, name, p.variantList())
	}
	q := p.Clone()
	q.Variants = nil
	q.Title = p.Title + " (" + v.Name + ")"
	q.Platform = v.Platform
	if pl, ok := PlatformByID(v.Platform); ok {
		q.Aspect = pl.Aspect
	}
	dur := make(map[uuid.UUID]Time, len(v.Cards))
	for _, c := range v.Cards {
		dur[c.ID] = c.Duration
	}
	q.Cards = q.Cards[:0]
	for _, c := range p.Cards {
		if d, ok := dur[c.ID]; ok {
			c = c.Clone()
			c.Duration = d
			q.Cards = append(q.Cards, c)
		}
	}
	if len(q.Cards) == 0 {
		return nil, fmt.Errorf("%w: the variant %q keeps none of the project's cards: fit it again", ErrInvalid, name)
	}
	if q.Soundtrack != nil {
		q.Soundtrack.Offset = v.Offset
		q.Soundtrack.Length = q.Length()
	}
	return q, nil
}

func (p *Project) variantList() string {
	if len(p.Variants) == 0 {
		return " (it has none)"
	}
	s := " (it has "
	for i, v := range p.Variants {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", v.Name)
	}
	return s + ")"
}

// DeriveVariant fits a variant of p to spec: it keeps every must-have card
// and as many optional ones as the length holds at the plan's pace (the
// mean shot of p, a little tighter), dropping first the optional cards
// whose shot kind the act does not need and from the act that has the most
// cards for its share, later cards first, never emptying an act; then it
// fits the kept cards to an excerpt of the song of the variant's length on
// the variant's platform (see FitPlan), shortening optional cards before
// must-haves. p does not change.
func (p *Project) DeriveVariant(spec VariantSpec) (Variant, FitReport, error) {
	v, r, err := p.deriveVariant(spec)
	if err != nil {
		return Variant{}, FitReport{}, fmt.Errorf("storyboard: %w", err)
	}
	return v, r, nil
}

func (p *Project) deriveVariant(spec VariantSpec) (Variant, FitReport, error) {
	if spec.Name == "" {
		return Variant{}, FitReport{}, fmt.Errorf("%w: a variant needs a name", ErrInvalid)
	}
	pl, ok := PlatformByID(spec.Platform)
	if !ok {
		return Variant{}, FitReport{}, fmt.Errorf("%w: the variant %q names an unknown platform %q", ErrInvalid, spec.Name, spec.Platform)
	}
	q := p.Clone()
	q.Variants = nil
	q.Platform, q.Aspect = pl.ID, pl.Aspect
	if q.Soundtrack != nil {
		q.Soundtrack.Length, q.Soundtrack.FitLength = 0, 0
	}
	length := q.fitLength(FitOptions{Length: spec.Length})
	minShot, _ := q.shotLimits()
	must := 0
	for _, c := range q.Cards {
		if !c.Optional {
			must++
		}
	}
	if Time(must)*minShot > length {
		return Variant{}, FitReport{}, fmt.Errorf("%w: the %s variant %q cannot hold the %d must-have cards at %s each: mark some optional or make it longer", ErrTooManyCards, length, spec.Name, must, minShot)
	}
	pace := max(p.Length()/Time(max(len(p.Cards), 1))*3/4, 2*minShot)
	keep := min(len(q.Cards), max(must, int(length/pace)))
	q.Cards = dropOptional(q, keep)
	plan, err := q.planFit(FitOptions{Length: length, optionalWeight: optionalShare})
	if err != nil {
		return Variant{}, FitReport{}, fmt.Errorf("the variant %q: %w", spec.Name, err)
	}
	v := Variant{Name: spec.Name, Platform: pl.ID, Length: length, Offset: plan.offset, Cards: make([]VariantCard, len(q.Cards))}
	for i, c := range q.Cards {
		v.Cards[i] = VariantCard{c.ID, plan.durations[i]}
	}
	if dropped := len(p.Cards) - len(q.Cards); dropped > 0 {
		plan.report.Notes = append(plan.report.Notes, fmt.Sprintf("Dropped %d optional cards.", dropped))
	}
	return v, plan.report, nil
}

// dropOptional returns q's cards with optional ones removed until keep are
// left (or no optional card can go).
func dropOptional(q *Project, keep int) []Card {
	cards := slices.Clone(q.Cards)
	t := q.Template()
	for len(cards) > keep {
		count := [3]int{}
		kinds := [3]map[ShotKind]int{{}, {}, {}}
		for _, c := range cards {
			count[c.Act]++
			kinds[c.Act][c.Kind]++
		}
		best, bestRank := -1, [3]float64{}
		for i := len(cards) - 1; i >= 0; i-- {
			c := cards[i]
			if !c.Optional || count[c.Act] <= 1 {
				continue
			}
			needed := 0.0
			if slices.Contains(t.Expected[c.Act], c.Kind) && kinds[c.Act][c.Kind] == 1 {
				needed = 1 // the act's only shot of a kind it needs
			}
			crowd := float64(count[c.Act]) / float64(max(t.Shares[c.Act], 1))
			rank := [3]float64{-needed, crowd, float64(i)}
			if best < 0 || rank[0] > bestRank[0] || rank[0] == bestRank[0] && (rank[1] > bestRank[1] || rank[1] == bestRank[1] && rank[2] > bestRank[2]) {
				best, bestRank = i, rank
			}
		}
		if best < 0 {
			break
		}
		cards = slices.Delete(cards, best, best+1)
	}
	return cards
}

// SetVariant derives the variant of spec (see DeriveVariant) and adds it to
// the project, replacing the variant of the same name. One undoable edit;
// the report is in the command's Report after Do.
func SetVariant(spec VariantSpec) *VariantCommand {
	c := &VariantCommand{name: "Fit variant"}
	c.fn = func(q *Project) ([]Variant, error) {
		v, r, err := q.deriveVariant(spec)
		if err != nil {
			return nil, err
		}
		c.Report = r
		out := cloneVariants(q.Variants)
		for i := range out {
			if out[i].Name == spec.Name {
				out[i] = v
				return out, nil
			}
		}
		return append(out, v), nil
	}
	return c
}

// DeleteVariant removes the variant named name.
func DeleteVariant(name string) *VariantCommand {
	return &VariantCommand{name: "Delete variant", fn: func(q *Project) ([]Variant, error) {
		if _, ok := q.Variant(name); !ok {
			return nil, fmt.Errorf("%w: the project has no variant %q%s", ErrNoVariant, name, q.variantList())
		}
		return slices.DeleteFunc(cloneVariants(q.Variants), func(v Variant) bool { return v.Name == name }), nil
	}}
}

// RefitVariants fits every variant again to the current plan and music,
// keeping their names, platforms and lengths.
func RefitVariants() *VariantCommand {
	return &VariantCommand{name: "Refit variants", fn: refitVariants}
}

func refitVariants(q *Project) ([]Variant, error) {
	if len(q.Variants) == 0 {
		return q.Variants, nil
	}
	out := make([]Variant, len(q.Variants))
	for i, v := range q.Variants {
		nv, _, err := q.deriveVariant(VariantSpec{v.Name, v.Platform, v.Length})
		if err != nil {
			return nil, err
		}
		out[i] = nv
	}
	return out, nil
}

// VariantCommand is an undoable change of the project's variants.
type VariantCommand struct {
	name   string
	fn     func(q *Project) ([]Variant, error)
	change variantChange
	// Report is the account of the last variant fitted, after Do.
	Report FitReport
}

func (c *VariantCommand) Name() string { return c.name }

func (c *VariantCommand) Do(p *Project) error {
	return c.change.do(p, c.fn)
}

func (c *VariantCommand) Undo(p *Project) error { return c.change.undo(p) }
func (c *VariantCommand) noop() bool            { return c.change.noop() }

// variantChange records a change of p.Variants for undo and redo.
type variantChange struct {
	done     bool
	old, new []Variant
}

func (v *variantChange) do(p *Project, fn func(q *Project) ([]Variant, error)) error {
	if v.done {
		if !reflect.DeepEqual(p.Variants, v.old) {
			return errOutside
		}
		p.Variants = cloneVariants(v.new)
		return nil
	}
	nv, err := fn(p)
	if err != nil {
		return err
	}
	if err := validateVariants(nv); err != nil {
		return fmt.Errorf("%w: %s", ErrInvalid, err)
	}
	v.old, v.new, v.done = cloneVariants(p.Variants), cloneVariants(nv), true
	p.Variants = cloneVariants(nv)
	return nil
}

func (v *variantChange) undo(p *Project) error {
	if !v.done {
		return errors.New("storyboard: undo of an edit that was not done")
	}
	if !reflect.DeepEqual(p.Variants, v.new) {
		return errOutside
	}
	p.Variants = cloneVariants(v.old)
	return nil
}

func (v *variantChange) noop() bool { return v.done && reflect.DeepEqual(v.old, v.new) }

// cloneVariants returns a deep copy of vs, keeping nil and empty apart.
func cloneVariants(vs []Variant) []Variant {
	if vs == nil {
		return nil
	}
	out := make([]Variant, len(vs))
	for i, v := range vs {
		v.Cards = slices.Clone(v.Cards)
		out[i] = v
	}
	return out
}

// validateVariants reports the first problem of vs: a missing or repeated
// name, an unknown platform, a time out of range, a card without an ID or
// kept twice, a duration under a flick.
func validateVariants(vs []Variant) *ProjectError {
	seen := map[string]bool{}
	for _, v := range vs {
		if v.Name == "" {
			return problemf("variants.name", "a variant has no name")
		}
		if seen[v.Name] {
			return problemf("variants.name", "two variants are named %q", v.Name)
		}
		seen[v.Name] = true
		if _, ok := PlatformByID(v.Platform); !ok {
			return problemf("variants.platform", "the variant %q names an unknown platform %q", v.Name, v.Platform)
		}
		if err := checkTime("variants.length", fmt.Sprintf("the length of variant %q", v.Name), v.Length); err != nil {
			return err
		}
		if err := checkTime("variants.offset", fmt.Sprintf("the music offset of variant %q", v.Name), v.Offset); err != nil {
			return err
		}
		ids := map[uuid.UUID]bool{}
		var total Time
		for k, c := range v.Cards {
			if c.ID == uuid.Nil || ids[c.ID] {
				return problemf("variants.cards.id", "card %d of variant %q has no id or repeats one", k+1, v.Name)
			}
			ids[c.ID] = true
			if c.Duration <= 0 || c.Duration > MaxTime {
				return problemf("variants.cards.duration", "card %d of variant %q lasts %s, outside a flick to %s", k+1, v.Name, c.Duration, maxTimeText)
			}
			if total += c.Duration; total > MaxTime {
				return problemf("variants.cards.duration", "the cards of variant %q last more than %s", v.Name, maxTimeText)
			}
		}
	}
	return nil
}
