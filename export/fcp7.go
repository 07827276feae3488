package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// Final Cut Pro 7 XML (xmeml version 5), as imported by Premiere Pro and
// DaVinci Resolve. Frame numbers count frames at the sequence rate; NTSC
// rates say <ntsc>TRUE</ntsc> with the rounded timebase.

func writeFCP7(pl *plan, w io.Writer) error {
	x := newXMLW(w, "<!DOCTYPE xmeml>")
	itoa := func(n int64) string { return strconv.FormatInt(n, 10) }
	rate := func() {
		x.start("rate")
		x.leaf("timebase", itoa(pl.rate.Timebase()))
		x.leaf("ntsc", strings.ToUpper(strconv.FormatBool(pl.rate.NTSC())))
		x.end()
	}
	videoChars := func() {
		x.start("samplecharacteristics")
		rate()
		x.leaf("width", strconv.Itoa(pl.width))
		x.leaf("height", strconv.Itoa(pl.height))
		x.leaf("anamorphic", "FALSE")
		x.leaf("pixelaspectratio", "square")
		x.leaf("fielddominance", "none")
		x.end()
	}
	audioChars := func() {
		x.start("samplecharacteristics")
		x.leaf("depth", "16")
		sr := 48000
		if pl.music != nil {
			sr = pl.music.rate
		}
		x.leaf("samplerate", strconv.Itoa(sr))
		x.end()
	}
	timing := func(start, end, in, out int64) {
		x.leaf("start", itoa(start))
		x.leaf("end", itoa(end))
		x.leaf("in", itoa(in))
		x.leaf("out", itoa(out))
	}

	x.start("xmeml", "version", "5")
	x.start("sequence", "id", "sequence-1")
	x.leaf("uuid", pl.p.ID.String())
	x.leaf("name", pl.title)
	x.leaf("duration", itoa(pl.frames))
	rate()
	x.start("timecode")
	rate()
	df := "NDF"
	if pl.dropFrame() {
		df = "DF"
	}
	x.leaf("string", timecode(0, pl.rate, pl.dropFrame()))
	x.leaf("frame", "0")
	x.leaf("displayformat", df)
	x.end()
	x.leaf("in", "-1")
	x.leaf("out", "-1")
	x.start("media")

	// videoFile writes a <file> of video media; an empty url makes it offline.
	videoFile := func(id, name, url string, frames int64) {
		x.start("file", "id", id)
		x.leaf("name", name)
		if url != "" {
			x.leaf("pathurl", url)
		}
		rate()
		x.leaf("duration", itoa(frames))
		x.start("media")
		x.start("video")
		videoChars()
		x.end()
		x.end()
		x.end()
	}
	x.start("video")
	x.start("format")
	videoChars()
	x.end()
	x.start("track")
	fileIDs := map[string]string{}
	for _, c := range pl.clips {
		x.start("clipitem", "id", fmt.Sprintf("clipitem-%d", c.n))
		x.leaf("name", c.card.Title)
		x.leaf("enabled", "TRUE")
		x.leaf("duration", itoa(c.in+c.dur))
		rate()
		timing(c.start, c.end(), c.in, c.in+c.dur)
		if c.media != "" {
			if id, ok := fileIDs[c.media]; ok {
				x.empty("file", "id", id)
			} else {
				id := fmt.Sprintf("file-%d", len(fileIDs)+1)
				fileIDs[c.media] = id
				videoFile(id, filepath.Base(c.media), pl.fileURL(c.media, true), c.in+c.dur)
			}
		} else {
			// An offline file named after the card: the editor relinks it.
			videoFile(fmt.Sprintf("file-card-%d", c.n), c.card.Title, "", c.dur)
		}
		x.start("logginginfo")
		x.leaf("description", c.card.Notes)
		x.leaf("scene", c.card.Act.String())
		x.leaf("shottake", kindName(c.card.Kind))
		x.leaf("lognote", labelled("On-screen text", c.card.OnScreenText, "Voice-over", c.card.VoiceOver))
		x.end()
		x.end()
	}
	x.end() // track
	x.end() // video

	x.start("audio")
	x.leaf("numOutputChannels", "2")
	x.start("format")
	audioChars()
	x.end()
	x.start("track")
	if m := pl.music; m != nil {
		x.start("clipitem", "id", "clipitem-music")
		x.leaf("name", filepath.Base(m.path))
		x.leaf("enabled", "TRUE")
		x.leaf("duration", itoa(m.length))
		rate()
		timing(0, m.dur, m.in, m.in+m.dur)
		x.start("file", "id", "file-music")
		x.leaf("name", filepath.Base(m.path))
		x.leaf("pathurl", pl.fileURL(m.path, true))
		rate()
		x.leaf("duration", itoa(m.length))
		x.start("media")
		x.start("audio")
		audioChars()
		x.leaf("channelcount", strconv.Itoa(m.chans))
		x.end()
		x.end()
		x.end()
		x.start("sourcetrack")
		x.leaf("mediatype", "audio")
		x.leaf("trackindex", "1")
		x.end()
		x.end()
	}
	x.end() // track
	x.end() // audio
	x.end() // media

	for _, mk := range pl.marks {
		x.start("marker")
		x.leaf("name", mk.name)
		x.leaf("comment", "")
		x.leaf("in", itoa(mk.frame))
		x.leaf("out", "-1")
		x.end()
	}
	x.end() // sequence
	x.end() // xmeml
	return x.flush()
}

// labelled joins the non-empty values of label, value pairs as
// "Label: value | Label: value" on one line.
func labelled(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		if v := oneLine(kv[i+1]); v != "" {
			parts = append(parts, kv[i]+": "+v)
		}
	}
	return strings.Join(parts, " | ")
}
