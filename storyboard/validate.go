package storyboard

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// MaxTime bounds every time and duration of a project (12 hours), so sums
// and frame and sample conversions never overflow, and every timecode an
// export writes (which starts at 1:00:00:00 in an EDL) stays under 24 hours.
const MaxTime = 12 * 60 * Minute

// maxTimeText is MaxTime for messages.
const maxTimeText = "12 hours"

// Bounds of a soundtrack analysis's sample rate and channel count.
const (
	MaxSampleRate = 768_000
	MaxChannels   = 255
	maxMeter      = 64
)

// Tempo overrides are limited to this range, in beats per minute.
const (
	MinTempo = 10.0
	MaxTempo = 400.0
)

// Validate reports the first problem that makes p unusable, as an *ProjectError
// of ErrInvalid whose Detail is a sentence naming the field or card (and
// whose Card and Field say which): missing or duplicate IDs, an unknown
// format, platform, act, shot kind or colour tag, an unsupported frame rate,
// acts out of order, a card shorter than one frame, a negative or
// out-of-range time, rate or channel count, a bad soundtrack analysis.
func (p *Project) Validate() error {
	if err := p.validate(); err != nil {
		e := *err
		e.Op = "validate"
		return &e
	}
	return nil
}

// problemf returns an invalid-project *ProjectError about field.
func problemf(field, format string, args ...any) *ProjectError {
	e := invalid(fmt.Sprintf(format, args...))
	e.Field = field
	return e
}

// cardProblemf returns an invalid-project *ProjectError about field of card i.
func cardProblemf(i int, c *Card, field, format string, args ...any) *ProjectError {
	return cardInvalid(i, *c, field, fmt.Sprintf(format, args...))
}

func (p *Project) validate() *ProjectError {
	if p.ID == uuid.Nil {
		return problemf("id", "the project has no id")
	}
	if _, ok := TemplateFor(p.Format); !ok {
		return problemf("format", "the format %q is unknown (want backstage or making-of)", p.Format)
	}
	if _, ok := PlatformByID(p.Platform); !ok {
		ids := make([]string, len(Platforms))
		for i, pl := range Platforms {
			ids[i] = pl.ID
		}
		return problemf("platform", "the platform %q is unknown (want one of %s)", p.Platform, strings.Join(ids, ", "))
	}
	if !slices.Contains(Rates, p.Rate) {
		names := make([]string, len(Rates))
		for i, r := range Rates {
			names[i] = r.String()
		}
		return problemf("rate", "the frame rate %d/%d is not supported (want one of %s fps)", p.Rate.Num, p.Rate.Den, strings.Join(names, ", "))
	}
	if p.Aspect.W <= 0 || p.Aspect.H <= 0 || p.Aspect.W > 100 || p.Aspect.H > 100 {
		return problemf("aspect", "the aspect ratio %s is invalid (want two whole numbers from 1 to 100, like 9:16)", p.Aspect)
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
func (p *Project) validateCard(i int, frame Time, seen map[uuid.UUID]int, total *Time) *ProjectError {
	c := &p.Cards[i]
	name := func() string { return cardName(i, *c) }
	if c.ID == uuid.Nil {
		return cardProblemf(i, c, "cards.id", "%s has no id", name())
	}
	if j, dup := seen[c.ID]; dup {
		return cardProblemf(i, c, "cards.id", "%s has the same id as card %d (%s)", name(), j+1, c.ID)
	}
	seen[c.ID] = i
	if !c.Act.Valid() {
		return cardProblemf(i, c, "cards.act", "%s has an unknown act %d", name(), int(c.Act))
	}
	if i > 0 && c.Act < p.Cards[i-1].Act {
		return cardProblemf(i, c, "cards.act", "%s is in the %s act but comes after a card of the %s act (acts must be in order: arrival, work, fulfilment)", name(), c.Act, p.Cards[i-1].Act)
	}
	if _, ok := KindInfo(c.Kind); !ok {
		return cardProblemf(i, c, "cards.kind", "%s has an unknown shot kind %q", name(), c.Kind)
	}
	if c.Duration < frame {
		return cardProblemf(i, c, "cards.duration", "%s lasts %s, shorter than one frame (%s)", name(), c.Duration, frame)
	}
	if c.Duration > MaxTime {
		return cardProblemf(i, c, "cards.duration", "%s lasts %s, longer than %s", name(), c.Duration, maxTimeText)
	}
	*total += c.Duration
	if *total > MaxTime {
		return cardProblemf(i, c, "cards.duration", "the cards up to %s last more than %s", name(), maxTimeText)
	}
	if c.Color != "" && !slices.Contains(ColorTags, c.Color) {
		return cardProblemf(i, c, "cards.color", "%s has an unknown colour tag %q (want one of %s)", name(), c.Color, strings.Join(ColorTags, ", "))
	}
	if c.Media != nil {
		if c.Media.Path == "" {
			return cardProblemf(i, c, "cards.media.path", "%s links media without a file path", name())
		}
		if c.Media.In < 0 || c.Media.In > MaxTime-c.Duration {
			return cardProblemf(i, c, "cards.media.in", "%s has a media in-point of %s, outside 0 to %s less its duration", name(), c.Media.In, maxTimeText)
		}
	}
	return nil
}

func (s *Soundtrack) validate() *ProjectError {
	if s == nil {
		return nil
	}
	if err := checkTime("soundtrack.offset", "the soundtrack offset", s.Offset); err != nil {
		return err
	}
	if err := checkTime("soundtrack.length", "the soundtrack length", s.Length); err != nil {
		return err
	}
	if err := checkTime("soundtrack.fit_length", "the fitted length", s.FitLength); err != nil {
		return err
	}
	if s.PhaseNudge < -MaxTime || s.PhaseNudge > MaxTime {
		return problemf("soundtrack.phase_nudge", "the beat phase nudge %s is outside ±%s", s.PhaseNudge, maxTimeText)
	}
	if s.TempoOverride != 0 && !(s.TempoOverride >= MinTempo && s.TempoOverride <= MaxTempo) {
		return problemf("soundtrack.tempo_override", "the tempo override %g BPM is out of range (0 for none, or %g to %g)", s.TempoOverride, MinTempo, MaxTempo)
	}
	a := s.Analysis
	if a == nil {
		return nil
	}
	if err := checkTime("soundtrack.analysis.duration", "the analysed duration", a.Duration); err != nil {
		return err
	}
	if math.IsNaN(a.TempoBPM) || a.TempoBPM < 0 || a.TempoBPM > 1000 {
		return problemf("soundtrack.analysis.tempo_bpm", "the analysed tempo %g BPM is out of range (0 to 1000)", a.TempoBPM)
	}
	if a.SampleRate < 0 || a.SampleRate > MaxSampleRate {
		return problemf("soundtrack.analysis.sample_rate", "the analysed sample rate %d Hz is out of range (0 to %d)", a.SampleRate, MaxSampleRate)
	}
	if a.Channels < 0 || a.Channels > MaxChannels {
		return problemf("soundtrack.analysis.channels", "the analysed channel count %d is out of range (0 to %d)", a.Channels, MaxChannels)
	}
	if a.Meter < 0 || a.Meter > maxMeter {
		return problemf("soundtrack.analysis.meter", "the analysed meter %d is out of range (0 to %d beats per bar)", a.Meter, maxMeter)
	}
	for _, ts := range []struct {
		name, field string
		t           []Time
	}{{"extrapolated beat", "soundtrack.analysis.beats_extrapolated", a.Extrapolated}, {"phrase", "soundtrack.analysis.phrases", a.Phrases}} {
		for i, t := range ts.t {
			if t < -MaxTime || t > MaxTime {
				return problemf(ts.field, "analysed %s %d at %s is outside ±%s", ts.name, i+1, t, maxTimeText)
			}
		}
	}
	for i, sec := range a.Sections {
		if sec.Start < -MaxTime || sec.Start > MaxTime || sec.End < -MaxTime || sec.End > MaxTime {
			return problemf("soundtrack.analysis.sections", "analysed section %d (%s to %s) is outside ±%s", i+1, sec.Start, sec.End, maxTimeText)
		}
		if sec.Meter < 0 || sec.Meter > maxMeter {
			return problemf("soundtrack.analysis.sections", "analysed section %d has a meter of %d, out of range (0 to %d)", i+1, sec.Meter, maxMeter)
		}
	}
	for _, beats := range []struct {
		name, field string
		t           []Time
	}{{"beat", "soundtrack.analysis.beats", a.Beats}, {"downbeat", "soundtrack.analysis.downbeats", a.Downbeats}} {
		for i, b := range beats.t {
			if b < 0 || b > MaxTime {
				return problemf(beats.field, "analysed %s %d at %s is outside 0 to %s", beats.name, i+1, b, maxTimeText)
			}
			if i > 0 && b <= beats.t[i-1] {
				return problemf(beats.field, "analysed %s %d at %s does not come after the one before (%s)", beats.name, i+1, b, beats.t[i-1])
			}
		}
	}
	return nil
}

// checkTime refuses a negative time or one over MaxTime.
func checkTime(field, what string, t Time) *ProjectError {
	if t < 0 {
		return problemf(field, "%s is negative (%s)", what, t)
	}
	if t > MaxTime {
		return problemf(field, "%s is over %s (%s)", what, maxTimeText, t)
	}
	return nil
}

// parseID parses a stored ID; the error completes "the project ..." or
// "card 3 ...".
func parseID(s string) (uuid.UUID, error) {
	if s == "" {
		return uuid.Nil, errors.New("has no id")
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.Nil, fmt.Errorf("has an invalid id %q (want a UUID)", s)
	}
	return id, nil
}
