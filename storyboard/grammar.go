package storyboard

// ShotKind identifies a shot of the backstage grammar, such as "hands".
type ShotKind string

// The shot kinds of the backstage grammar.
const (
	ShotArrival       ShotKind = "arrival"
	ShotSetup         ShotKind = "setup"
	ShotHands         ShotKind = "hands"
	ShotEquipment     ShotKind = "equipment"
	ShotConcentration ShotKind = "concentration"
	ShotDirecting     ShotKind = "directing"
	ShotClient        ShotKind = "client"
	ShotMonitor       ShotKind = "monitor"
	ShotBehindCamera  ShotKind = "behind-camera"
	ShotCandid        ShotKind = "candid"
	ShotReveal        ShotKind = "reveal"
	ShotWrap          ShotKind = "wrap"
)

// ShotKindInfo describes a shot kind for the palette and the operator.
type ShotKindInfo struct {
	Kind        ShotKind
	Name        string // short English name; the UI translates by Kind
	Description string // what to film, in one sentence
}

// ShotKinds is the backstage grammar, in the order a palette shows it.
var ShotKinds = []ShotKindInfo{
	{ShotArrival, "Arrival on set", "The author arrives: walking in, unloading the car, first look at the location."},
	{ShotSetup, "Set and light setup", "Stands going up, lights being placed and shaped, the set taking form."},
	{ShotHands, "Hands close-up", "Tight on the hands at work: focusing, adjusting, touching the material."},
	{ShotEquipment, "Equipment detail", "A detail of the gear: lens, dial, rig, cable, slate; texture and light."},
	{ShotConcentration, "Concentration (face)", "The author's face in a focused moment: looking, judging, deciding."},
	{ShotDirecting, "Directing the crew", "The author giving directions, pointing, explaining a move to the crew."},
	{ShotClient, "Client interaction", "With the client or talent: showing a frame, agreeing, a handshake."},
	{ShotMonitor, "Monitor / playback check", "Over the shoulder on the monitor or the camera screen, reviewing a take."},
	{ShotBehindCamera, "Behind the camera (wide)", "Wide from behind the author and the camera, the whole set in view."},
	{ShotCandid, "Candid moment", "An unplanned moment: a laugh, a break, the crew between takes."},
	{ShotReveal, "Result reveal", "The finished image or film: the result the work was for."},
	{ShotWrap, "Wrap / team", "The end of the day: the team together, packing up, a job well done."},
}

// KindInfo returns the description of k, and false when k is unknown.
func KindInfo(k ShotKind) (ShotKindInfo, bool) {
	for _, i := range ShotKinds {
		if i.Kind == k {
			return i, true
		}
	}
	return ShotKindInfo{}, false
}

// Platform is a publishing target: its picture shape and length limits.
type Platform struct {
	ID          string
	Name        string
	Aspect      Aspect
	Width       int // frame size in pixels
	Height      int
	Rate        Rate // default frame rate
	Recommended Time // the length that performs best (upper end)
	Max         Time // the platform's hard maximum; 0 means none
	MinShot     Time // shorter shots read as flashes
	MaxShot     Time // longer shots drag for the format
}

// Platforms holds the presets. Figures are the platforms' published limits as
// of 2025 (sources: Instagram Help Center "Reels" and "Stories"; TikTok
// Support "Uploading videos" (in-app recording 10 min, uploads up to 60 min);
// YouTube Help "Upload YouTube Shorts" (up to 3 minutes since Oct 2024);
// YouTube Help "Upload videos longer than 15 minutes" (12 h for verified
// accounts); LinkedIn Help "Video specifications" (native video up to 15
// min)). Recommended lengths are common practice for backstage reels, not
// platform rules.
var Platforms = []Platform{
	{"instagram-reels", "Instagram Reels", Aspect{9, 16}, 1080, 1920, Rate30, 30 * Second, 3 * Minute, Second / 2, 6 * Second},
	{"instagram-stories", "Instagram Stories", Aspect{9, 16}, 1080, 1920, Rate30, 15 * Second, 60 * Second, Second / 2, 5 * Second},
	{"tiktok", "TikTok", Aspect{9, 16}, 1080, 1920, Rate30, 34 * Second, 10 * Minute, Second / 2, 6 * Second},
	{"youtube-shorts", "YouTube Shorts", Aspect{9, 16}, 1080, 1920, Rate30, 45 * Second, 3 * Minute, Second / 2, 7 * Second},
	{"youtube", "YouTube", Aspect{16, 9}, 1920, 1080, Rate25, 5 * Minute, 12 * 60 * Minute, Second / 2, 15 * Second},
	{"linkedin", "LinkedIn", Aspect{16, 9}, 1920, 1080, Rate30, 90 * Second, 15 * Minute, Second / 2, 10 * Second},
	{"custom", "Custom", Aspect{16, 9}, 1920, 1080, Rate25, 60 * Second, 0, Second / 2, 20 * Second},
}

// PlatformByID returns the preset with the given ID.
func PlatformByID(id string) (Platform, bool) {
	for _, p := range Platforms {
		if p.ID == id {
			return p, true
		}
	}
	return Platform{}, false
}

// Template is a starting point for a project of a given format: act target
// shares, the shot kinds each act needs, and a starting set of cards.
type Template struct {
	Format Format
	Name   string
	// Shares are the acts' target shares of the reel, in percent, summing to 100.
	Shares [3]int
	// Tolerance is how far, in percentage points, an act may stray from its share.
	Tolerance int
	// Expected lists the shot kinds each act should contain.
	Expected [3][]ShotKind
	// Cards is the starting set of cards (IDs are assigned by NewProject).
	Cards []Card
	// MaxShot, when set, overrides the platform's longest comfortable shot
	// (a making-of holds shots longer).
	MaxShot Time
}

// Templates lists the templates; the first is the default.
var Templates = []Template{
	{
		Format:    FormatBackstage,
		Name:      "Backstage reel",
		Shares:    [3]int{20, 60, 20},
		Tolerance: 10,
		Expected: [3][]ShotKind{
			{ShotArrival},
			{ShotSetup, ShotHands, ShotConcentration},
			{ShotReveal},
		},
		Cards: []Card{
			{Title: "Walking in", Kind: ShotArrival, Act: Arrival, Duration: 2 * Second},
			{Title: "First look at the set", Kind: ShotBehindCamera, Act: Arrival, Duration: 2 * Second},
			{Title: "Lights going up", Kind: ShotSetup, Act: Work, Duration: 2 * Second},
			{Title: "Hands on the lens", Kind: ShotHands, Act: Work, Duration: 2 * Second},
			{Title: "Gear detail", Kind: ShotEquipment, Act: Work, Duration: 2 * Second},
			{Title: "Eyes on the frame", Kind: ShotConcentration, Act: Work, Duration: 2 * Second},
			{Title: "Directing the crew", Kind: ShotDirecting, Act: Work, Duration: 2 * Second},
			{Title: "Checking the take", Kind: ShotMonitor, Act: Work, Duration: 2 * Second},
			{Title: "The result", Kind: ShotReveal, Act: Fulfilment, Duration: 2 * Second},
			{Title: "Team at wrap", Kind: ShotWrap, Act: Fulfilment, Duration: 2 * Second},
		},
	},
	{
		Format:    FormatMakingOf,
		Name:      "Making-of",
		Shares:    [3]int{15, 65, 20},
		Tolerance: 10,
		Expected: [3][]ShotKind{
			{ShotArrival},
			{ShotSetup, ShotDirecting, ShotConcentration, ShotClient},
			{ShotReveal},
		},
		MaxShot: 20 * Second,
		Cards: []Card{
			{Title: "Arriving at the location", Kind: ShotArrival, Act: Arrival, Duration: 6 * Second, VoiceOver: "It started with a simple idea."},
			{Title: "Building the set", Kind: ShotSetup, Act: Work, Duration: 8 * Second, VoiceOver: "We built the light around one window."},
			{Title: "Talking through the shot", Kind: ShotDirecting, Act: Work, Duration: 8 * Second, VoiceOver: "Every move was rehearsed with the crew."},
			{Title: "The decisive moment", Kind: ShotConcentration, Act: Work, Duration: 6 * Second, VoiceOver: "Then you wait for the moment."},
			{Title: "Review with the client", Kind: ShotClient, Act: Work, Duration: 6 * Second, VoiceOver: "We checked each frame together."},
			{Title: "The finished film", Kind: ShotReveal, Act: Fulfilment, Duration: 8 * Second, VoiceOver: "And this is what we made."},
		},
	},
}

// TemplateFor returns the template of format f.
func TemplateFor(f Format) (Template, bool) {
	for _, t := range Templates {
		if t.Format == f {
			return t, true
		}
	}
	return Template{}, false
}
