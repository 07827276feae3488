package export

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/reelboard/reelboard/storyboard"
)

// The handoff check: what the editor who opens an export will find offline,
// unsupported or renamed, said before the export is sent.

// Finding is one thing the target editor will meet.
type Finding struct {
	Kind    FindingKind
	Card    int    // 1-based card number, 0 for the project or the music
	Message string // one sentence
}

// FindingKind sorts findings by what they do to the editor.
type FindingKind string

// The kinds of finding.
const (
	FindOffline     FindingKind = "offline"     // media the editor will not find
	FindUnsupported FindingKind = "unsupported" // media or data the editor cannot read
	FindConverted   FindingKind = "converted"   // media the editor will conform or that was converted
	FindRenamed     FindingKind = "renamed"     // names the format changes
	FindUnknown     FindingKind = "unknown"     // facts that could not be read
)

// String formats f as "card 3: message" or "message".
func (f Finding) String() string {
	if f.Card > 0 {
		return fmt.Sprintf("card %d: %s", f.Card, f.Message)
	}
	return f.Message
}

// editorOf names the editors that open each edit-plan format.
var editorOf = map[string]string{
	"otio":   "OpenTimelineIO tools (DaVinci Resolve)",
	"edl":    "an EDL importer (Avid, Premiere Pro, Resolve)",
	"fcp7":   "Premiere Pro or DaVinci Resolve",
	"fcpxml": "Final Cut Pro",
	"mlt":    "Shotcut, Kdenlive or melt",
}

// Check lists what the editor that opens format will find offline,
// unsupported or changed in p's export: missing media, a soundtrack it
// cannot import, media of another frame rate, media whose facts could not
// be read, names the format changes. opt is the export's options. An empty
// list means nothing to report; an error means the project cannot be
// exported at all (no cards, an invalid rate, an unknown format).
func Check(p *storyboard.Project, format string, opt Options) ([]Finding, error) {
	if _, ok := LookupFormat(format); !ok {
		return nil, &Error{Err: ErrUnknownFormat, Detail: fmt.Sprintf("%q (valid formats: %s)", format, FormatNames())}
	}
	if p == nil {
		return nil, &Error{Err: ErrNoCards}
	}
	var fs []Finding
	// Missing files first; the rest of the check runs without them.
	q := p.Clone()
	for i := range q.Cards {
		c := &q.Cards[i]
		if c.Media != nil && c.Media.Path != "" && exists(c.Media.Path) != nil {
			fs = append(fs, Finding{FindOffline, i + 1, fmt.Sprintf("the linked file %s is missing; the export will refuse it until it is relinked or unlinked", c.Media.Path)})
			c.Media = nil
		}
		if usesImages(format) && c.Image != "" && exists(c.Image) != nil {
			fs = append(fs, Finding{FindOffline, i + 1, fmt.Sprintf("the reference image %s is missing", c.Image)})
			c.Image = ""
		}
	}
	if s := q.Soundtrack; s != nil && s.Path != "" && exists(s.Path) != nil {
		fs = append(fs, Finding{FindOffline, 0, fmt.Sprintf("the soundtrack %s is missing", s.Path)})
		q.Soundtrack = nil
	}
	pl, err := newPlan(q, opt, usesImages(format))
	if err != nil {
		return nil, err
	}
	pl.probeMedia()
	return append(fs, pl.check(format)...), nil
}

// check lists the findings of the plan's export in format.
func (pl *plan) check(format string) []Finding {
	var fs []Finding
	add := func(k FindingKind, card int, format string, args ...any) {
		fs = append(fs, Finding{k, card, fmt.Sprintf(format, args...)})
	}
	edit := editorOf[format] != ""
	if format == "bundle" {
		edit = true
	}
	if !edit {
		return nil
	}
	seen := map[string]bool{}
	for _, c := range pl.clips {
		if c.media == "" || seen[c.media] {
			continue
		}
		seen[c.media] = true
		name := filepath.Base(c.media)
		f := pl.facts[c.media]
		switch {
		case !f.read():
			add(FindUnknown, c.n, "the facts of %s could not be read (%s): its length, frame rate and timecode are assumed from the plan", name, f.err)
		case !f.video:
			add(FindUnsupported, c.n, "%s has no picture", name)
		default:
			if f.rate != pl.rate {
				add(FindConverted, c.n, "%s runs at %s fps, not the project's %s fps: the editor will conform it, and its in-point was converted through exact time", name, f.rate, pl.rate)
			}
			if f.tc == "" && (format == "edl" || format == "bundle") {
				add(FindUnknown, c.n, "%s has no embedded timecode: the EDL's source timecode counts from 00:00:00:00", name)
			}
		}
	}
	// A card that runs past the end of its file.
	for _, c := range pl.clips {
		f := pl.facts[c.media]
		if c.media == "" || !f.read() || !f.video {
			continue
		}
		if have := pl.rate.Frames(f.rate.FrameTime(f.frames)); c.in+c.dur > have {
			add(FindOffline, c.n, "the card needs %d frames past the end of %s", c.in+c.dur-have, filepath.Base(c.media))
		}
	}
	if n := pl.placeholders(); n > 0 {
		add(FindOffline, 0, "%d of %d cards have no footage yet: they come in as placeholders named after the card", n, len(pl.clips))
	}
	if m := pl.music; m != nil && format != "mlt" {
		f := pl.facts[m.path]
		name := filepath.Base(m.path)
		nle := format == "fcpxml" || format == "fcp7" || format == "edl"
		switch {
		case format == "bundle":
			why := pl.wavErr
			if why == "" && pl.wav == "" && !isEditorWAV(m.path, f) {
				if _, err := exec.LookPath(ffmpegPath); err != nil {
					why = "ffmpeg is not installed"
				}
			}
			if why != "" {
				add(FindUnsupported, 0, "the bundle cannot add a WAV copy of %s (%s): Final Cut Pro and Premiere Pro may not import the original", name, why)
			}
		case pl.wav != "":
		case !f.read():
			add(FindUnknown, 0, "the facts of the soundtrack %s could not be read (%s)", name, f.err)
		case nle && !nleAudio(m.path, f) && pl.bundled && pl.rel[m.path] == "":
			add(FindUnsupported, 0, "Final Cut Pro and Premiere Pro do not import %s (%s), which is left out of this bundle: give the editor a 48 kHz WAV copy of it", name, f.audioCodec)
		case nle && !nleAudio(m.path, f) && pl.bundled:
			add(FindUnsupported, 0, "Final Cut Pro and Premiere Pro do not import %s (%s): the music will be offline there; the bundle could not add a WAV copy (%s)", name, f.audioCodec, pl.wavErr)
		case nle && !nleAudio(m.path, f):
			add(FindUnsupported, 0, "Final Cut Pro and Premiere Pro do not import %s (%s): the music will be offline there; export the bundle, which adds a 48 kHz WAV copy", name, f.audioCodec)
		}
	}
	if format == "edl" || format == "bundle" {
		reels := pl.reelNames()
		for _, c := range pl.clips {
			if c.media == "" || seen[c.media+"\x00reel"] {
				continue
			}
			seen[c.media+"\x00reel"] = true
			stem := strings.TrimSuffix(filepath.Base(c.media), filepath.Ext(c.media))
			if r := reels[c.media]; !strings.EqualFold(r, stem) {
				add(FindRenamed, c.n, "the EDL names the reel of %s %q (8 ASCII characters); the file name travels in its comments", filepath.Base(c.media), r)
			}
		}
		if n := len(pl.clips) + 1; n > edlMaxEvents {
			add(FindUnsupported, 0, "the plan needs %d EDL events, more than CMX 3600's %d: no EDL will be written", n, edlMaxEvents)
		}
	}
	return fs
}

// placeholders counts the cards without linked media.
func (pl *plan) placeholders() int {
	n := 0
	for _, c := range pl.clips {
		if c.media == "" {
			n++
		}
	}
	return n
}

// nleAudio reports whether Final Cut Pro and Premiere Pro import the audio
// file: WAV, AIFF, MP3, AAC/ALAC in MP4 or MOV; not Ogg, Opus, FLAC or WebM.
func nleAudio(path string, f *mediaFacts) bool {
	switch f.audioCodec {
	case "vorbis", "opus", "flac", "speex":
		return false
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ogg", ".oga", ".opus", ".flac", ".webm", ".mka":
		return false
	}
	return true
}
