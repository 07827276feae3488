package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"

	"github.com/reelboard/reelboard/storyboard"
)

// FCPXML 1.10 for Final Cut Pro: cards on the primary storyline (linked media
// as asset-clips, placeholders as named gaps), the music as a connected clip
// below the first card, markers on the element they fall in. Every time is a
// rational number of seconds on a frame boundary.

const fcpxmlVersion = "1.10"

// rational returns frame n as FCPXML time: "0s", "2s", "3003/30000s".
func (pl *plan) rational(n int64) string {
	num := n * pl.rate.Den
	den := pl.rate.Num
	if num == 0 {
		return "0s"
	}
	if num%den == 0 {
		return strconv.FormatInt(num/den, 10) + "s"
	}
	return fmt.Sprintf("%d/%ds", num, den)
}

func writeFCPXML(pl *plan, w io.Writer) error {
	x := newXMLW(w, "<!DOCTYPE fcpxml>")
	t := pl.rational
	x.start("fcpxml", "version", fcpxmlVersion)
	x.start("resources")
	x.empty("format", "id", "r1", "name", fmt.Sprintf("Reelboard %dx%d %s", pl.width, pl.height, pl.rate),
		"frameDuration", t(1), "width", strconv.Itoa(pl.width), "height", strconv.Itoa(pl.height),
		"colorSpace", "1-1-1 (Rec. 709)")
	assets := map[string]string{}
	next := 2
	if m := pl.music; m != nil {
		assets[m.path] = "r2"
		next++
		x.start("asset", "id", "r2", "name", pl.musicName(), "start", "0s", "duration", t(m.length),
			"hasAudio", "1", "audioSources", "1", "audioChannels", strconv.Itoa(m.chans), "audioRate", strconv.Itoa(pl.musicRate()))
		x.empty("media-rep", "kind", "original-media", "src", pl.musicURL(false))
		x.end()
	}
	// Linked files of another frame rate or size get their own format.
	formats := map[[3]int64]string{{pl.rate.Num, pl.rate.Den, int64(pl.width)<<32 | int64(pl.height)}: "r1"}
	formatOf := func(f *mediaFacts) string {
		if !f.read() || !f.video {
			return "r1"
		}
		k := [3]int64{f.rate.Num, f.rate.Den, int64(f.width)<<32 | int64(f.height)}
		if id, ok := formats[k]; ok {
			return id
		}
		id := "r" + strconv.Itoa(next)
		next++
		formats[k] = id
		x.empty("format", "id", id, "name", fmt.Sprintf("%dx%d %s", f.width, f.height, f.rate),
			"frameDuration", ratFrames(1, f.rate), "width", strconv.Itoa(f.width), "height", strconv.Itoa(f.height))
		return id
	}
	for _, c := range pl.clips {
		if c.media == "" || assets[c.media] != "" {
			continue
		}
		f := pl.facts[c.media]
		format := formatOf(f)
		id := "r" + strconv.Itoa(next)
		next++
		assets[c.media] = id
		// A file whose facts could not be read spans at least every
		// range the cards use.
		start, dur := "0s", t(pl.mediaLength(c.media))
		attrs := []string{}
		if f.read() && f.video {
			start, dur = ratFrames(f.tcFrames, f.rate), ratFrames(f.frames, f.rate)
			if f.audio {
				attrs = []string{"hasAudio", "1", "audioSources", "1", "audioChannels", strconv.Itoa(f.chans), "audioRate", strconv.Itoa(f.sampleRate)}
			}
		}
		x.start("asset", append([]string{"id", id, "name", filepath.Base(c.media), "start", start, "duration", dur,
			"hasVideo", "1", "format", format, "videoSources", "1"}, attrs...)...)
		x.empty("media-rep", "kind", "original-media", "src", pl.fileURL(c.media, false))
		x.end()
	}
	x.end() // resources

	x.start("library")
	x.start("event", "name", "Reelboard")
	x.start("project", "name", pl.title)
	tcFormat := "NDF"
	if pl.dropFrame() {
		tcFormat = "DF"
	}
	x.start("sequence", "format", "r1", "duration", t(pl.frames), "tcStart", t(pl.tcStart), "tcFormat", tcFormat,
		"audioLayout", "stereo", "audioRate", "48k")
	if pl.p.StyleNotes != "" {
		x.leaf("note", pl.p.StyleNotes)
	}
	x.start("spine")
	mi := 0
	for i, c := range pl.clips {
		// local is reel frame n in the clip's own time: its start plus
		// the frames since its offset.
		local := func(n int64) string { return t(c.in + n - c.start) }
		if c.media != "" {
			f := pl.facts[c.media]
			start, attrs := t(c.in), []string{"tcFormat", tcFormat}
			if f.read() && f.video {
				var at storyboard.Time
				if c.otherRate {
					at = f.rate.FrameTime(f.tcFrames + f.rate.Frames(c.card.Media.In))
				} else {
					at = pl.rate.FrameTime(f.tcFrames + c.in)
				}
				start = ratTime(at)
				local = func(n int64) string { return ratTime(at + pl.rate.FrameTime(n-c.start)) }
				tcf := "NDF"
				if f.tcDrop {
					tcf = "DF"
				}
				attrs = []string{"format", formatOf(f), "tcFormat", tcf}
			}
			x.start("asset-clip", append([]string{"ref", assets[c.media], "offset", t(c.start), "name", c.card.Title,
				"start", start, "duration", t(c.dur)}, attrs...)...)
		} else {
			x.start("gap", "name", c.card.Title, "offset", t(c.start), "start", t(c.in), "duration", t(c.dur))
		}
		if note := pl.cardNote(c); note != "" {
			x.leaf("note", note)
		}
		if i == 0 && pl.music != nil {
			m := pl.music
			x.empty("asset-clip", "ref", assets[m.path], "lane", "-1", "offset", local(0), "name", pl.musicName(),
				"start", t(m.in), "duration", t(m.dur), "audioRole", "music")
		}
		for ; mi < len(pl.marks) && (pl.marks[mi].frame < c.end() || i == len(pl.clips)-1); mi++ {
			mk := pl.marks[mi]
			x.empty("marker", "start", local(mk.frame), "duration", t(1), "value", mk.name)
		}
		x.end()
	}
	x.end() // spine
	x.end() // sequence
	x.end() // project
	x.end() // event
	x.end() // library
	x.end() // fcpxml
	return x.flush()
}

// cardNote is the card's data as one line of text for a clip's note,
// with what could not be read of its media.
func (pl *plan) cardNote(c clip) string {
	return labelled("Card", strconv.Itoa(c.n), "Kind", kindName(c.card.Kind), "Act", c.card.Act.String(),
		"Notes", c.card.Notes, "On-screen text", c.card.OnScreenText, "Voice-over", c.card.VoiceOver, "Media", pl.mediaNote(c))
}

// ratFrames returns n frames at rate r as FCPXML time.
func ratFrames(n int64, r storyboard.Rate) string {
	num, den := n*r.Den, r.Num
	if num == 0 {
		return "0s"
	}
	if num%den == 0 {
		return strconv.FormatInt(num/den, 10) + "s"
	}
	return fmt.Sprintf("%d/%ds", num, den)
}

// ratTime returns t as FCPXML time, a reduced fraction of seconds.
func ratTime(t storyboard.Time) string {
	num, den := int64(t), int64(storyboard.Second)
	if num == 0 {
		return "0s"
	}
	g := gcd(num, den)
	num, den = num/g, den/g
	if den == 1 {
		return strconv.FormatInt(num, 10) + "s"
	}
	return fmt.Sprintf("%d/%ds", num, den)
}
