package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/reelboard/reelboard/storyboard"
)

// Final Cut Pro 7 XML (xmeml version 5), as imported by Premiere Pro and
// DaVinci Resolve. Frame numbers count frames at the sequence rate; NTSC
// rates say <ntsc>TRUE</ntsc> with the rounded timebase.

func writeFCP7(pl *plan, w io.Writer) error {
	x := newXMLW(w, "<!DOCTYPE xmeml>")
	itoa := func(n int64) string { return strconv.FormatInt(n, 10) }
	rateOf := func(r storyboard.Rate) {
		x.start("rate")
		x.leaf("timebase", itoa(r.Timebase()))
		x.leaf("ntsc", strings.ToUpper(strconv.FormatBool(r.NTSC())))
		x.end()
	}
	rate := func() { rateOf(pl.rate) }
	videoCharsOf := func(r storyboard.Rate, w, h int) {
		x.start("samplecharacteristics")
		rateOf(r)
		x.leaf("width", strconv.Itoa(w))
		x.leaf("height", strconv.Itoa(h))
		x.leaf("anamorphic", "FALSE")
		x.leaf("pixelaspectratio", "square")
		x.leaf("fielddominance", "none")
		x.end()
	}
	videoChars := func() { videoCharsOf(pl.rate, pl.width, pl.height) }
	tcElem := func(r storyboard.Rate, n int64, drop bool) {
		x.start("timecode")
		rateOf(r)
		df := "NDF"
		if drop {
			df = "DF"
		}
		x.leaf("string", timecode(n, r, drop))
		x.leaf("frame", itoa(n))
		x.leaf("displayformat", df)
		x.end()
	}
	audioChars := func() {
		x.start("samplecharacteristics")
		x.leaf("depth", "16")
		sr := 48000
		if pl.music != nil {
			sr = pl.musicRate()
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
	tcElem(pl.rate, pl.tcStart, pl.dropFrame())
	x.leaf("in", "-1")
	x.leaf("out", "-1")
	x.start("media")

	// videoFile writes a <file> of video media; an empty url makes it
	// offline. With the file's facts it carries the file's own rate, length,
	// size, start timecode and audio.
	videoFile := func(id, name, url string, frames int64, f *mediaFacts) {
		x.start("file", "id", id)
		x.leaf("name", name)
		if url != "" {
			x.leaf("pathurl", url)
		}
		if f.read() && f.video {
			rateOf(f.rate)
			x.leaf("duration", itoa(f.frames))
			if f.tc != "" {
				tcElem(f.rate, f.tcFrames, f.tcDrop)
			}
			x.start("media")
			x.start("video")
			videoCharsOf(f.rate, f.width, f.height)
			x.end()
			if f.audio {
				x.start("audio")
				x.start("samplecharacteristics")
				x.leaf("depth", "16")
				x.leaf("samplerate", strconv.Itoa(f.sampleRate))
				x.end()
				x.leaf("channelcount", strconv.Itoa(f.chans))
				x.end()
			}
			x.end()
			x.end()
			return
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
				videoFile(id, filepath.Base(c.media), pl.fileURL(c.media, true), pl.mediaLength(c.media), pl.facts[c.media])
			}
		} else {
			// An offline file named after the card: the editor relinks it.
			videoFile(fmt.Sprintf("file-card-%d", c.n), c.card.Title, "", c.dur, nil)
		}
		x.start("logginginfo")
		x.leaf("description", c.card.Notes)
		x.leaf("scene", c.card.Act.String())
		x.leaf("shottake", kindName(c.card.Kind))
		x.leaf("lognote", labelled("On-screen text", c.card.OnScreenText, "Voice-over", c.card.VoiceOver, "Media", pl.mediaNote(c)))
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
	// No soundtrack, no audio track: an empty one only confuses importers.
	if m := pl.music; m != nil {
		x.start("track")
		x.start("clipitem", "id", "clipitem-music")
		x.leaf("name", pl.musicName())
		x.leaf("enabled", "TRUE")
		x.leaf("duration", itoa(m.length))
		rate()
		timing(0, m.dur, m.in, m.in+m.dur)
		x.start("file", "id", "file-music")
		x.leaf("name", pl.musicName())
		x.leaf("pathurl", pl.musicURL(true))
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
		x.end() // track
	}
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
