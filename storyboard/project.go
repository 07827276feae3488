package storyboard

import (
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Act is one of the three acts of a backstage reel, in story order.
type Act int

// The acts, in the order they play.
const (
	Arrival Act = iota
	Work
	Fulfilment
)

// Acts lists the acts in story order.
var Acts = []Act{Arrival, Work, Fulfilment}

var actNames = [...]string{"arrival", "work", "fulfilment"}

// String returns the act's identifier: "arrival", "work" or "fulfilment".
func (a Act) String() string {
	if a.Valid() {
		return actNames[a]
	}
	return "act(" + strconv.Itoa(int(a)) + ")"
}

// Valid reports whether a is one of the three acts.
func (a Act) Valid() bool { return a >= Arrival && a <= Fulfilment }

// ParseAct returns the act named s ("arrival", "work", "fulfilment").
func ParseAct(s string) (Act, bool) {
	for i, n := range actNames {
		if n == s {
			return Act(i), true
		}
	}
	return 0, false
}

// Format is the kind of film a project plans.
type Format string

// The formats Reelboard knows.
const (
	FormatBackstage Format = "backstage" // short, fast, music-driven
	FormatMakingOf  Format = "making-of" // longer, slower, with a voice-over line per card
)

// Aspect is a picture aspect ratio such as 9:16.
type Aspect struct {
	W int `json:"w"`
	H int `json:"h"`
}

// String formats a as "9:16".
func (a Aspect) String() string { return strconv.Itoa(a.W) + ":" + strconv.Itoa(a.H) }

// MediaLink is a card's linked media clip: a file and the in-point within it.
type MediaLink struct {
	Path string `json:"path"`         // relative to the project file when saved
	In   Time   `json:"in,omitempty"` // in-point into the clip
}

// Card is one planned shot of the reel.
type Card struct {
	ID           uuid.UUID  `json:"id"`
	Title        string     `json:"title"`
	Kind         ShotKind   `json:"kind"`
	Act          Act        `json:"act"`
	Duration     Time       `json:"duration"`
	Notes        string     `json:"notes,omitempty"`
	OnScreenText string     `json:"on_screen_text,omitempty"`
	VoiceOver    string     `json:"voice_over,omitempty"`
	Image        string     `json:"image,omitempty"` // reference image, relative to the project file when saved
	Media        *MediaLink `json:"media,omitempty"`
	Color        string     `json:"color,omitempty"` // colour tag, one of ColorTags or empty
	Captured     bool       `json:"captured,omitempty"`
	// Optional marks a shot a cut-down variant may drop or shorten; the
	// zero value is a must-have shot, kept in every variant.
	Optional bool `json:"optional,omitempty"`
}

// ColorTags are the colour tags a card may carry. The UI chooses the actual
// colours for each theme.
var ColorTags = []string{"red", "orange", "yellow", "green", "blue", "purple", "grey"}

// Analysis is the stored result of analysing the soundtrack. Times are from the
// start of the audio file, not from the music offset.
type Analysis struct {
	Hash       string  `json:"hash"` // hex SHA-256 of the audio file's content
	Format     string  `json:"format,omitempty"`
	Duration   Time    `json:"duration"`
	SampleRate int     `json:"sample_rate,omitempty"`
	Channels   int     `json:"channels,omitempty"`
	TempoBPM   float64 `json:"tempo_bpm"`
	Beats      []Time  `json:"beats"`
	Downbeats  []Time  `json:"downbeats,omitempty"`

	// Meter is the beats per bar over most of the song, 0 when unknown.
	Meter int `json:"meter,omitempty"`
	// Extrapolated are beats before the first and after the last detected
	// one, continued from the tempo model; ascending, disjoint from Beats.
	Extrapolated []Time `json:"beats_extrapolated,omitempty"`
	// Phrases are the starts of phrase groupings (4 or 8 bars), ascending.
	Phrases []Time `json:"phrases,omitempty"`
	// Sections are the song's parts in order.
	Sections []Section `json:"sections,omitempty"`
	// EnergyPerBeat is a loudness value (0..1) per entry of Beats.
	EnergyPerBeat []float64 `json:"energy_per_beat,omitempty"`
}

// Section is a part of the song, labelled by repetition (A, B, A′…). Times
// are from the start of the audio file.
type Section struct {
	Start      Time    `json:"start"`
	End        Time    `json:"end"`
	Label      string  `json:"label"`
	Energy     float64 `json:"energy"`          // 0..1
	Confidence float64 `json:"confidence"`      // 0..1, how sure the beat grid is here
	Meter      int     `json:"meter,omitempty"` // beats per bar, 0 when unknown
}

// Soundtrack is the music the reel is cut on.
type Soundtrack struct {
	Path     string    `json:"path"`             // relative to the project file when saved
	Offset   Time      `json:"offset,omitempty"` // where in the song the reel starts
	Length   Time      `json:"length,omitempty"` // the reel's chosen length; 0 means the sum of the cards
	Analysis *Analysis `json:"analysis,omitempty"`
	// TempoOverride, when positive, replaces the analysed tempo: the beat
	// grid becomes regular at this tempo, anchored on the first analysed beat.
	TempoOverride float64 `json:"tempo_override,omitempty"`
	// PhaseNudge shifts every beat by this amount.
	PhaseNudge Time `json:"phase_nudge,omitempty"`
	// FitLength is the length the plan was last fitted to (Length is
	// the fitted one, within a beat under it); 0 when never fitted.
	FitLength Time `json:"fit_length,omitempty"`
}

// Project is a storyboard: the reel's settings and its cards in order.
//
// Cards are kept in play order and grouped by act: every arrival card comes
// before every work card, which comes before every fulfilment card.
type Project struct {
	ID         uuid.UUID   `json:"id"`
	Title      string      `json:"title"`
	Author     string      `json:"author,omitempty"`
	Client     string      `json:"client,omitempty"`
	Format     Format      `json:"format"`
	Platform   string      `json:"platform"` // a Platform ID
	Rate       Rate        `json:"rate"`
	Aspect     Aspect      `json:"aspect"`
	Soundtrack *Soundtrack `json:"soundtrack,omitempty"`
	Cards      []Card      `json:"cards"`
	StyleNotes string      `json:"style_notes,omitempty"`
	Created    time.Time   `json:"created"`
	Modified   time.Time   `json:"modified"`
	// Variants are cut-downs of the plan for other lengths and platforms
	// (a 15 s Story, a 60 s Short), derived from these cards.
	Variants []Variant `json:"variants,omitempty"`

	// StartTimecode is the timecode of the reel's first frame, as a time on
	// the timecode clock: hours, minutes and seconds of nominal frames
	// (01:00:00:00 is one hour at every rate). 0 is 00:00:00:00.
	StartTimecode Time `json:"start_timecode,omitempty"`
}

// Length returns the reel's length: the sum of the card durations.
func (p *Project) Length() Time {
	var t Time
	for _, c := range p.Cards {
		t += c.Duration
	}
	return t
}

// Start returns the start time of card i on the reel's timeline (0 is the
// first frame of the reel, at the soundtrack's offset into the song).
func (p *Project) Start(i int) Time {
	var t Time
	for _, c := range p.Cards[:i] {
		t += c.Duration
	}
	return t
}

// Index returns the position of the card with the given ID, or -1.
func (p *Project) Index(id uuid.UUID) int {
	for i := range p.Cards {
		if p.Cards[i].ID == id {
			return i
		}
	}
	return -1
}

// ActSpan returns the half-open range of card indices [from, to) in act a.
func (p *Project) ActSpan(a Act) (from, to int) {
	from = len(p.Cards)
	for i, c := range p.Cards {
		if c.Act >= a {
			from = i
			break
		}
	}
	to = from
	for to < len(p.Cards) && p.Cards[to].Act == a {
		to++
	}
	return from, to
}

// ActLength returns the total duration of the cards in act a.
func (p *Project) ActLength(a Act) Time {
	var t Time
	for _, c := range p.Cards {
		if c.Act == a {
			t += c.Duration
		}
	}
	return t
}

// Template returns the project's template, or the backstage template when the
// format is unknown.
func (p *Project) Template() Template {
	if t, ok := TemplateFor(p.Format); ok {
		return t
	}
	return Templates[0]
}

// PlatformPreset returns the project's platform preset, or the custom preset.
func (p *Project) PlatformPreset() Platform {
	if pl, ok := PlatformByID(p.Platform); ok {
		return pl
	}
	pl, _ := PlatformByID("custom")
	return pl
}

// Clone returns a deep copy of p (reflect.DeepEqual to p).
func (p *Project) Clone() *Project {
	q := *p
	if p.Cards != nil {
		q.Cards = make([]Card, len(p.Cards))
		for i, c := range p.Cards {
			q.Cards[i] = c.Clone()
		}
	}
	q.Soundtrack = p.Soundtrack.Clone()
	q.Variants = cloneVariants(p.Variants)
	return &q
}

// Clone returns a deep copy of c.
func (c Card) Clone() Card {
	if c.Media != nil {
		m := *c.Media
		c.Media = &m
	}
	return c
}
