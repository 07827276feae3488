package storyboard

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// MaxTime bounds every time and duration of a project (24 hours), so sums
// and frame conversions never overflow.
const MaxTime = 24 * 60 * Minute

// Tempo overrides are limited to this range, in beats per minute.
const (
	MinTempo = 10.0
	MaxTempo = 400.0
)

// Validate reports the first problem that makes p unusable, as an error
// wrapping ErrInvalid with a sentence naming the field or card: missing or
// duplicate IDs, an unknown format, platform, act, shot kind or colour tag,
// an unsupported frame rate, acts out of order, a card shorter than one
// frame, a negative or out-of-range time, a bad soundtrack analysis.
func (p *Project) Validate() error {
	err := p.validate()
	if err != nil {
		return fmt.Errorf("%w: %s", ErrInvalid, err)
	}
	return nil
}

// problem is a validation failure's sentence.
type problem string

func (e problem) Error() string { return string(e) }

func problemf(format string, args ...any) error { return problem(fmt.Sprintf(format, args...)) }

func (p *Project) validate() error {
	if p.ID == uuid.Nil {
		return problem("the project has no id")
	}
	if _, ok := TemplateFor(p.Format); !ok {
		return problemf("the format %q is unknown (want backstage or making-of)", p.Format)
	}
	if _, ok := PlatformByID(p.Platform); !ok {
		ids := make([]string, len(Platforms))
		for i, pl := range Platforms {
			ids[i] = pl.ID
		}
		return problemf("the platform %q is unknown (want one of %s)", p.Platform, strings.Join(ids, ", "))
	}
	if !slices.Contains(Rates, p.Rate) {
		names := make([]string, len(Rates))
		for i, r := range Rates {
			names[i] = r.String()
		}
		return problemf("the frame rate %d/%d is not supported (want one of %s fps)", p.Rate.Num, p.Rate.Den, strings.Join(names, ", "))
	}
	if p.Aspect.W <= 0 || p.Aspect.H <= 0 || p.Aspect.W > 100 || p.Aspect.H > 100 {
		return problemf("the aspect ratio %s is invalid (want two whole numbers from 1 to 100, like 9:16)", p.Aspect)
	}
	if err := p.Soundtrack.validate(); err != nil {
		return err
	}
	if err := validateVariants(p.Variants); err != nil {
		return err
	}
	frame := p.Rate.FrameDuration()
	seen := make(map[uuid.UUID]int, len(p.Cards))
	var total Time
	for i := range p.Cards {
		if err := p.validateCard(i, frame, seen, &total); err != nil {
			return err
		}
	}
	return nil
}

// validateCard checks card i, adding its duration to total.
func (p *Project) validateCard(i int, frame Time, seen map[uuid.UUID]int, total *Time) error {
	c := &p.Cards[i]
	name := func() string { return cardName(i, *c) }
	if c.ID == uuid.Nil {
		return problemf("%s has no id", name())
	}
	if j, dup := seen[c.ID]; dup {
		return problemf("%s has the same id as card %d (%s)", name(), j+1, c.ID)
	}
	seen[c.ID] = i
	if !c.Act.Valid() {
		return problemf("%s has an unknown act %d", name(), int(c.Act))
	}
	if i > 0 && c.Act < p.Cards[i-1].Act {
		return problemf("%s is in the %s act but comes after a card of the %s act (acts must be in order: arrival, work, fulfilment)", name(), c.Act, p.Cards[i-1].Act)
	}
	if _, ok := KindInfo(c.Kind); !ok {
		return problemf("%s has an unknown shot kind %q", name(), c.Kind)
	}
	if c.Duration < frame {
		return problemf("%s lasts %s, shorter than one frame (%s)", name(), c.Duration, frame)
	}
	if c.Duration > MaxTime {
		return problemf("%s lasts %s, longer than 24 hours", name(), c.Duration)
	}
	*total += c.Duration
	if *total > MaxTime {
		return problemf("the cards up to %s last more than 24 hours", name())
	}
	if c.Color != "" && !slices.Contains(ColorTags, c.Color) {
		return problemf("%s has an unknown colour tag %q (want one of %s)", name(), c.Color, strings.Join(ColorTags, ", "))
	}
	if c.Media != nil {
		if c.Media.Path == "" {
			return problemf("%s links media without a file path", name())
		}
		if c.Media.In < 0 || c.Media.In > MaxTime {
			return problemf("%s has a media in-point of %s, outside 0 to 24 hours", name(), c.Media.In)
		}
	}
	return nil
}

func (s *Soundtrack) validate() error {
	if s == nil {
		return nil
	}
	if err := checkTime("the soundtrack offset", s.Offset); err != nil {
		return err
	}
	if err := checkTime("the soundtrack length", s.Length); err != nil {
		return err
	}
	if err := checkTime("the fitted length", s.FitLength); err != nil {
		return err
	}
	if s.PhaseNudge < -MaxTime || s.PhaseNudge > MaxTime {
		return problemf("the beat phase nudge %s is outside ±24 hours", s.PhaseNudge)
	}
	if s.TempoOverride != 0 && !(s.TempoOverride >= MinTempo && s.TempoOverride <= MaxTempo) {
		return problemf("the tempo override %g BPM is out of range (0 for none, or %g to %g)", s.TempoOverride, MinTempo, MaxTempo)
	}
	a := s.Analysis
	if a == nil {
		return nil
	}
	if err := checkTime("the analysed duration", a.Duration); err != nil {
		return err
	}
	if math.IsNaN(a.TempoBPM) || a.TempoBPM < 0 || a.TempoBPM > 1000 {
		return problemf("the analysed tempo %g BPM is out of range (0 to 1000)", a.TempoBPM)
	}
	if a.SampleRate < 0 || a.Channels < 0 {
		return problemf("the analysis has a negative sample rate or channel count")
	}
	for _, beats := range []struct {
		name string
		t    []Time
	}{{"beat", a.Beats}, {"downbeat", a.Downbeats}} {
		for i, b := range beats.t {
			if b < 0 || b > MaxTime {
				return problemf("analysed %s %d at %s is outside 0 to 24 hours", beats.name, i+1, b)
			}
			if i > 0 && b <= beats.t[i-1] {
				return problemf("analysed %s %d at %s does not come after the one before (%s)", beats.name, i+1, b, beats.t[i-1])
			}
		}
	}
	return nil
}

// checkTime refuses a negative time or one over MaxTime.
func checkTime(what string, t Time) error {
	if t < 0 {
		return problemf("%s is negative (%s)", what, t)
	}
	if t > MaxTime {
		return problemf("%s is over 24 hours (%s)", what, t)
	}
	return nil
}

// parseID parses a stored ID; the error completes "the project ..." or
// "card 3 ...".
func parseID(s string) (uuid.UUID, error) {
	if s == "" {
		return uuid.Nil, problem("has no id")
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, problemf("has an invalid id %q (want a UUID)", s)
	}
	return id, nil
}
