package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
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
		x.start("asset", "id", "r2", "name", filepath.Base(m.path), "start", "0s", "duration", t(m.length),
			"hasAudio", "1", "audioSources", "1", "audioChannels", strconv.Itoa(m.chans), "audioRate", strconv.Itoa(m.rate))
		x.empty("media-rep", "kind", "original-media", "src", pl.fileURL(m.path, false))
		x.end()
	}
	// A linked file's length is unknown here; the asset spans at least
	// every range the cards use.
	length := map[string]int64{}
	for _, c := range pl.clips {
		if c.media != "" {
			length[c.media] = max(length[c.media], c.in+c.dur)
		}
	}
	for _, c := range pl.clips {
		if c.media == "" || assets[c.media] != "" {
			continue
		}
		id := "r" + strconv.Itoa(next)
		next++
		assets[c.media] = id
		x.start("asset", "id", id, "name", filepath.Base(c.media), "start", "0s", "duration", t(length[c.media]),
			"hasVideo", "1", "format", "r1", "videoSources", "1")
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
	x.start("sequence", "format", "r1", "duration", t(pl.frames), "tcStart", "0s", "tcFormat", tcFormat,
		"audioLayout", "stereo", "audioRate", "48k")
	if pl.p.StyleNotes != "" {
		x.leaf("note", pl.p.StyleNotes)
	}
	x.start("spine")
	mi := 0
	for i, c := range pl.clips {
		local := func(n int64) string { return t(c.in + n - c.start) }
		if c.media != "" {
			x.start("asset-clip", "ref", assets[c.media], "offset", t(c.start), "name", c.card.Title,
				"start", t(c.in), "duration", t(c.dur), "tcFormat", tcFormat)
		} else {
			x.start("gap", "name", c.card.Title, "offset", t(c.start), "start", t(c.in), "duration", t(c.dur))
		}
		if note := cardNote(c); note != "" {
			x.leaf("note", note)
		}
		if i == 0 && pl.music != nil {
			m := pl.music
			x.empty("asset-clip", "ref", assets[m.path], "lane", "-1", "offset", local(0), "name", filepath.Base(m.path),
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

// cardNote is the card's data as one line of text for a clip's note.
func cardNote(c clip) string {
	return labelled("Card", strconv.Itoa(c.n), "Kind", kindName(c.card.Kind), "Act", c.card.Act.String(),
		"Notes", c.card.Notes, "On-screen text", c.card.OnScreenText, "Voice-over", c.card.VoiceOver)
}
