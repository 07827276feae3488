package storyboard

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/google/uuid"
)

// Severity ranks a pacing finding.
type Severity int

// Severities, most serious first.
const (
	Error   Severity = iota // the reel cannot be published or built as planned
	Warning                 // the reel will likely suffer
	Hint                    // a suggestion
)

var severityNames = [...]string{"error", "warning", "hint"}

// String returns "error", "warning" or "hint".
func (s Severity) String() string {
	if s >= Error && s <= Hint {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText encodes s as its String, for JSON reports.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one result of the pacing check.
type Finding struct {
	Severity Severity `json:"severity"`
	// CardID is the card concerned; zero for the project or an act.
	CardID uuid.UUID `json:"card_id"`
	// Act is the act concerned, or -1 for the whole reel.
	Act Act `json:"act"`
	// At is the reel time the finding points at: the card's start, the cut,
	// or the act's start; 0 for the whole reel.
	At Time `json:"at"`
	// Code identifies the kind of finding, stable across versions and
	// languages, such as "too-long-for-platform" (see the Code constants).
	Code string `json:"code"`
	// Args holds the values a translated message needs, by name: "Card"
	// (1-based number), "Title", "Act", "Kind", "Path", "Platform",
	// "Template" are strings or ints; "Length", "Max", "Recommended",
	// "Min", "Off", "Beat" are Times; "Share", "Target", "Tolerance" are
	// percentages (ints).
	Args map[string]any `json:"args,omitempty"`
	// Message is the finding in English, naming the card by number and
	// title and saying what to do.
	Message string `json:"message"`
}

// Finding codes.
const (
	CodeTooLongForPlatform    = "too-long-for-platform"
	CodeLongerThanRecommended = "longer-than-recommended"
	CodeActShare              = "act-share"
	CodeCutOffBeat            = "cut-off-beat"
	CodeShotTooShort          = "shot-too-short"
	CodeShotTooLong           = "shot-too-long"
	CodeMissingShotKind       = "missing-shot-kind"
	CodeEmptyAct              = "empty-act"
	CodeNoCards               = "no-cards"
	CodeMediaMissing          = "media-missing"
	CodeImageMissing          = "image-missing"
	CodeSoundtrackMissing     = "soundtrack-missing"
	CodeNoSoundtrack          = "no-soundtrack"
	CodeCardsPastMusic        = "cards-past-music"
	CodeMusicPastCards        = "music-past-cards"
	CodeSongEndsEarly         = "song-ends-early"
	CodeMediaOutsideProject   = "media-outside-project"
)

// Check checks p's pacing and media against its platform and template and
// returns the findings, most serious first, then in timeline order. Files are
// looked for on disk with os.Stat.
func Check(p *Project) []Finding {
	return CheckFS(p, func(path string) error {
		_, err := os.Stat(path)
		return err
	})
}

// CheckFS is Check with stat deciding whether a linked file exists (a nil
// error means it does).
//
// The checks: the reel's length against the platform's maximum (error) and
// recommended length (warning); each act's share against the template's
// target ± tolerance (warning); cuts more than a frame off the nearest beat
// (hint, only with an analysis); shots under the platform's shortest
// (warning) or over the template's or platform's longest (warning); shot
// kinds the template expects in an act and missing there (warning); an
// empty act (warning; with no cards at all, one error instead); missing
// soundtrack file or linked media (error), missing reference image
// (warning); no soundtrack (hint).
func CheckFS(p *Project, stat func(path string) error) []Finding {
	return check(p, stat, "")
}

// CheckFile is Check of the project saved at path: it also warns about each
// media path (soundtrack, reference image, linked media) that leaves the
// project's folder, symbolic links resolved; such a file is not carried
// with the project or its handoff bundle.
func CheckFile(p *Project, path string) []Finding {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return Check(p)
	}
	return check(p, func(path string) error {
		_, err := os.Stat(path)
		return err
	}, dir)
}

func check(p *Project, stat func(path string) error, dir string) []Finding {
	c := checker{p: p, pl: p.PlatformPreset(), t: p.Template()}
	c.length()
	c.music()
	c.acts()
	c.beats()
	c.shots()
	c.files(stat)
	if dir != "" {
		c.outside(dir)
	}
	sort.SliceStable(c.out, func(i, j int) bool {
		a, b := c.out[i], c.out[j]
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.At < b.At
	})
	return c.out
}

type checker struct {
	p   *Project
	pl  Platform
	t   Template
	out []Finding
}

func (c *checker) add(sev Severity, code string, act Act, at Time, args map[string]any, format string, a ...any) {
	c.out = append(c.out, Finding{Severity: sev, Act: act, At: at, Code: code, Args: args, Message: fmt.Sprintf(format, a...)})
}

func (c *checker) addCard(sev Severity, code string, i int, at Time, args map[string]any, format string, a ...any) {
	card := c.p.Cards[i]
	args["Card"], args["Title"] = i+1, card.Title
	c.out = append(c.out, Finding{Severity: sev, CardID: card.ID, Act: card.Act, At: at, Code: code, Args: args, Message: fmt.Sprintf(format, a...)})
}

// label names card i at the start of a sentence: `Card 3 "Hands"`.
func (c *checker) label(i int) string {
	s := cardName(i, c.p.Cards[i])
	return strings.ToUpper(s[:1]) + s[1:]
}

func (c *checker) length() {
	l := c.p.Length()
	switch {
	case c.pl.Max > 0 && l > c.pl.Max:
		c.add(Error, CodeTooLongForPlatform, -1, 0,
			map[string]any{"Length": l, "Max": c.pl.Max, "Platform": c.pl.Name},
			"The reel lasts %s, over the %s maximum of %s: cut %s.", l, c.pl.Max, c.pl.Name, l-c.pl.Max)
	case c.pl.Recommended > 0 && l > c.pl.Recommended:
		c.add(Warning, CodeLongerThanRecommended, -1, 0,
			map[string]any{"Length": l, "Recommended": c.pl.Recommended, "Platform": c.pl.Name},
			"The reel lasts %s, longer than the %s that works best on %s: consider trimming %s.", l, c.pl.Recommended, c.pl.Name, l-c.pl.Recommended)
	}
}

// music compares the cards with the music under them: the chosen music
// region (Soundtrack.Length) and the end of the song itself.
func (c *checker) music() {
	s, l := c.p.Soundtrack, c.p.Length()
	if s == nil || len(c.p.Cards) == 0 {
		return
	}
	frame := c.p.Rate.FrameDuration()
	switch {
	case s.Length > 0 && l > s.Length+frame:
		c.add(Warning, CodeCardsPastMusic, -1, s.Length,
			map[string]any{"Length": l, "Music": s.Length, "Over": l - s.Length},
			"The cards last %s but the music region is %s: lengthen the region or trim %s of cards.", l, s.Length, l-s.Length)
	case s.Length > 0 && l+frame < s.Length:
		c.add(Hint, CodeMusicPastCards, -1, l,
			map[string]any{"Length": l, "Music": s.Length, "Under": s.Length - l},
			"The cards end %s before the music region does: add or lengthen cards, or shorten the region to %s.", s.Length-l, l)
	}
	if a := s.Analysis; a != nil && a.Duration > 0 && s.Offset+l > a.Duration+frame {
		end := max(a.Duration-s.Offset, 0)
		c.add(Warning, CodeSongEndsEarly, -1, end,
			map[string]any{"End": end, "Silent": s.Offset + l - a.Duration},
			"The song ends at %s into the reel: the last %s play in silence; start the music earlier or trim the cards.", end, s.Offset+l-a.Duration)
	}
}

func (c *checker) acts() {
	p := c.p
	if len(p.Cards) == 0 {
		c.add(Error, CodeNoCards, -1, 0, map[string]any{},
			"The storyboard has no cards: add shots to the arrival, work and fulfilment acts.")
		return
	}
	total := p.Length()
	for _, a := range Acts {
		from, to := p.ActSpan(a)
		at := p.Start(from)
		if from == to {
			c.add(Warning, CodeEmptyAct, a, at, map[string]any{"Act": a.String()},
				"The %s act is empty: add at least one shot to it.", a)
			continue
		}
		// Share in whole percent, rounded.
		share := int((int64(p.ActLength(a))*200/int64(total) + 1) / 2)
		target, tol := c.t.Shares[a], c.t.Tolerance
		if share < target-tol || share > target+tol {
			verb := "lengthen"
			if share > target {
				verb = "shorten"
			}
			c.add(Warning, CodeActShare, a, at,
				map[string]any{"Act": a.String(), "Share": share, "Target": target, "Tolerance": tol, "Template": c.t.Name},
				"The %s act takes %d%% of the reel; the %s template aims for %d%% ± %d: %s it.", a, share, strings.ToLower(c.t.Name), target, tol, verb)
		}
		present := map[ShotKind]bool{}
		for _, card := range p.Cards[from:to] {
			present[card.Kind] = true
		}
		for _, k := range c.t.Expected[a] {
			if !present[k] {
				info, _ := KindInfo(k)
				c.add(Warning, CodeMissingShotKind, a, at,
					map[string]any{"Act": a.String(), "Kind": string(k)},
					"The %s act has no %q shot: add one (%s).", a, info.Name, strings.TrimSuffix(strings.ToLower(info.Description[:1])+info.Description[1:], "."))
			}
		}
	}
}

func (c *checker) beats() {
	s := c.p.Soundtrack
	if s == nil || s.Analysis == nil {
		return
	}
	beats, _ := c.p.BeatGrid()
	if len(beats) == 0 {
		return
	}
	frame := c.p.Rate.FrameDuration()
	for i, cut := range c.p.Cuts() {
		beat := SnapTime(cut, beats)
		off := cut - beat
		if off < 0 {
			off = -off
		}
		if off > frame {
			c.addCard(Hint, CodeCutOffBeat, i, cut, map[string]any{"Off": off, "Beat": beat},
				"%s ends %s off the beat (at %s; the nearest beat is at %s): snap the cut to the beat.", c.label(i), off, cut, beat)
		}
	}
}

func (c *checker) shots() {
	minShot := c.pl.MinShot
	if minShot <= 0 {
		minShot = Second / 2
	}
	maxShot := c.pl.MaxShot
	if c.t.MaxShot > 0 {
		maxShot = c.t.MaxShot
	}
	var at Time
	for i, card := range c.p.Cards {
		switch {
		case card.Duration < minShot:
			c.addCard(Warning, CodeShotTooShort, i, at, map[string]any{"Length": card.Duration, "Min": minShot},
				"%s lasts %s, under %s: it will read as a flash; lengthen it or merge it with a neighbour.", c.label(i), card.Duration, minShot)
		case maxShot > 0 && card.Duration > maxShot:
			c.addCard(Warning, CodeShotTooLong, i, at, map[string]any{"Length": card.Duration, "Max": maxShot},
				"%s lasts %s, over %s: it will drag; shorten or split it.", c.label(i), card.Duration, maxShot)
		}
		at += card.Duration
	}
}

func (c *checker) files(stat func(string) error) {
	s := c.p.Soundtrack
	if s == nil || s.Path == "" {
		c.add(Hint, CodeNoSoundtrack, -1, 0, map[string]any{},
			"There is no soundtrack: choose the music to cut the reel on.")
	} else if stat(s.Path) != nil {
		c.add(Error, CodeSoundtrackMissing, -1, 0, map[string]any{"Path": s.Path},
			"The soundtrack %s is missing: choose it again.", s.Path)
	}
	var at Time
	for i, card := range c.p.Cards {
		if card.Media != nil && stat(card.Media.Path) != nil {
			c.addCard(Error, CodeMediaMissing, i, at, map[string]any{"Path": card.Media.Path},
				"The media linked to %s is missing: %s; link the clip again.", cardName(i, card), card.Media.Path)
		}
		if card.Image != "" && stat(card.Image) != nil {
			c.addCard(Warning, CodeImageMissing, i, at, map[string]any{"Path": card.Image},
				"The reference image of %s is missing: %s; choose it again.", cardName(i, card), card.Image)
		}
		at += card.Duration
	}
}

// outside warns about the media paths that leave dir (CodeMediaOutsideProject).
func (c *checker) outside(dir string) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	leaves := func(path string) bool {
		if path == "" {
			return false
		}
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real
		}
		rel, err := filepath.Rel(dir, filepath.Clean(path))
		return err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel)
	}
	if s := c.p.Soundtrack; s != nil && leaves(s.Path) {
		c.add(Warning, CodeMediaOutsideProject, -1, 0, map[string]any{"Path": s.Path},
			"The soundtrack %s is outside the project's folder: move it into the folder so that the project and its bundle carry it.", s.Path)
	}
	var at Time
	for i, card := range c.p.Cards {
		for _, m := range []struct{ what, path string }{{"reference image", card.Image}, {"linked media", mediaPath(card.Media)}} {
			if leaves(m.path) {
				c.addCard(Warning, CodeMediaOutsideProject, i, at, map[string]any{"Path": m.path},
					"The %s of %s, %s, is outside the project's folder: move it into the folder so that the project and its bundle carry it.", m.what, cardName(i, card), m.path)
			}
		}
		at += card.Duration
	}
}

func mediaPath(m *MediaLink) string {
	if m == nil {
		return ""
	}
	return m.Path
}
