package export

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
)

// MLT XML for Shotcut, Kdenlive and melt. A <profile> carries the project's
// size and rate; cards without media are colour producers showing the
// card's title (or image producers with the card's reference image); the
// music plays on its own playlist; act and bar starts are Shotcut markers.
// An entry's out is inclusive: a card of d frames has out = in + d - 1.

func writeMLT(pl *plan, w io.Writer) error {
	x := newXMLW(w, "")
	itoa := func(n int64) string { return strconv.FormatInt(n, 10) }
	prop := func(name, value string) { x.leaf("property", value, "name", name) }
	last := itoa(pl.frames - 1)
	g := gcd(int64(pl.width), int64(pl.height))

	x.start("mlt", "LC_NUMERIC", "C", "version", "7.12.0", "title", pl.title, "producer", "main")
	x.empty("profile", "description", fmt.Sprintf("%dx%d %s fps", pl.width, pl.height, pl.rate),
		"width", strconv.Itoa(pl.width), "height", strconv.Itoa(pl.height), "progressive", "1",
		"sample_aspect_num", "1", "sample_aspect_den", "1",
		"display_aspect_num", itoa(int64(pl.width)/g), "display_aspect_den", itoa(int64(pl.height)/g),
		"frame_rate_num", itoa(pl.rate.Num), "frame_rate_den", itoa(pl.rate.Den), "colorspace", "709")

	// Producers.
	media := map[string]string{}
	for _, c := range pl.clips {
		id := fmt.Sprintf("card%d", c.n)
		switch {
		case c.media != "":
			if _, ok := media[c.media]; ok {
				continue
			}
			id = fmt.Sprintf("media%d", len(media)+1)
			media[c.media] = id
			x.start("producer", "id", id)
			prop("resource", pl.path(c.media))
			prop("mlt_service", "avformat")
			prop("shotcut:caption", filepath.Base(c.media))
			x.end()
		case c.card.Image != "":
			x.start("producer", "id", id, "in", "0", "out", itoa(c.dur-1))
			prop("length", itoa(c.dur))
			prop("eof", "pause")
			prop("resource", pl.path(c.card.Image))
			prop("ttl", "1")
			prop("aspect_ratio", "1")
			prop("mlt_service", "qimage")
			prop("shotcut:caption", c.card.Title)
			x.end()
		default:
			x.start("producer", "id", id, "in", "0", "out", itoa(c.dur-1))
			prop("length", itoa(c.dur))
			prop("eof", "pause")
			prop("resource", placeholderColor(c.card.Act))
			prop("aspect_ratio", "1")
			prop("mlt_service", "color")
			prop("mlt_image_format", "rgba")
			prop("shotcut:caption", c.card.Title)
			x.start("filter", "id", fmt.Sprintf("title%d", c.n))
			prop("argument", c.card.Title)
			prop("geometry", fmt.Sprintf("0 0 %d %d 1", pl.width, pl.height))
			prop("family", "DejaVu Sans")
			prop("size", strconv.Itoa(max(24, min(pl.width, pl.height)/12)))
			prop("weight", "400")
			prop("fgcolour", "#ffffffff")
			prop("bgcolour", "#00000000")
			prop("olcolour", "#ff000000")
			prop("outline", "0")
			prop("pad", "0")
			prop("halign", "center")
			prop("valign", "middle")
			prop("mlt_service", "dynamictext")
			prop("shotcut:filter", "dynamicText")
			x.end()
			x.end()
		}
	}
	x.start("playlist", "id", "video")
	prop("shotcut:video", "1")
	prop("shotcut:name", "V1")
	for _, c := range pl.clips {
		if c.media != "" {
			x.empty("entry", "producer", media[c.media], "in", itoa(c.in), "out", itoa(c.in+c.dur-1))
		} else {
			x.empty("entry", "producer", fmt.Sprintf("card%d", c.n), "in", "0", "out", itoa(c.dur-1))
		}
	}
	x.end()
	if m := pl.music; m != nil {
		x.start("producer", "id", "music")
		prop("resource", pl.path(m.path))
		prop("mlt_service", "avformat")
		prop("video_index", "-1")
		prop("shotcut:caption", filepath.Base(m.path))
		x.end()
		x.start("playlist", "id", "audio")
		prop("shotcut:audio", "1")
		prop("shotcut:name", "A1")
		x.empty("entry", "producer", "music", "in", itoa(m.in), "out", itoa(m.in+m.dur-1))
		x.end()
	}

	x.start("tractor", "id", "main", "title", pl.title, "in", "0", "out", last)
	prop("shotcut", "1")
	// MLT has no timeline start timecode (Shotcut and Kdenlive count from
	// zero); the setting travels as a property for whoever reads it.
	if pl.tcStart != 0 {
		prop("reelboard:start_timecode", pl.recTC(0))
	}
	if len(pl.marks) > 0 {
		x.start("properties", "name", "shotcut:markers")
		for i, mk := range pl.marks {
			x.start("properties", "name", strconv.Itoa(i))
			prop("text", mk.name)
			prop("start", pl.clock(mk.frame))
			prop("end", pl.clock(mk.frame))
			if mk.act {
				prop("color", "#e53935")
			} else {
				prop("color", "#1e88e5")
			}
			x.end()
		}
		x.end()
	}
	x.empty("track", "producer", "video")
	if pl.music != nil {
		x.empty("track", "producer", "audio", "hide", "video")
		x.start("transition", "id", "mix")
		prop("a_track", "0")
		prop("b_track", "1")
		prop("mlt_service", "mix")
		prop("always_active", "1")
		prop("sum", "1")
		x.end()
	}
	x.end() // tractor
	x.end() // mlt
	return x.flush()
}

// clock formats frame n as MLT clock time HH:MM:SS.mmm.
func (pl *plan) clock(n int64) string {
	ms := (int64(pl.rate.FrameTime(n)) + 352_800) / 705_600
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return 1
	}
	return a
}
