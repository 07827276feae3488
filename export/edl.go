package export

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"
)

// CMX 3600 EDL: one video event per card, the music as an audio event,
// markers as "* LOC:" comments. Record timecode starts at 00:00:00:00.

const edlMaxEvents = 999

func writeEDL(pl *plan, w io.Writer) error {
	events := len(pl.clips)
	if pl.music != nil {
		events++
	}
	if events > edlMaxEvents {
		return fmt.Errorf("%w: this project needs %d; export OTIO, FCP7 XML or FCPXML instead", ErrTooManyEvents, events)
	}
	drop := pl.dropFrame()
	tc := func(n int64) string { return timecode(n, pl.rate, drop) }
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "TITLE: %s\n", oneLine(pl.title))
	if drop {
		fmt.Fprint(b, "FCM: DROP FRAME\n")
	} else {
		fmt.Fprint(b, "FCM: NON-DROP FRAME\n")
	}
	mi := 0
	for i, c := range pl.clips {
		reel, name := "AX", c.card.Title
		if c.media != "" {
			reel, name = reelName(c.media), filepath.Base(c.media)
		}
		fmt.Fprintf(b, "\n%03d  %-8s %-5s C        %s %s %s %s\n", c.n, reel, "V",
			tc(c.in), tc(c.in+c.dur), tc(c.start), tc(c.end()))
		fmt.Fprintf(b, "* FROM CLIP NAME: %s\n", oneLine(name))
		fmt.Fprintf(b, "* COMMENT: CARD %d %s | %s | %s\n", c.n, oneLine(c.card.Title), kindName(c.card.Kind), strings.ToUpper(c.card.Act.String()))
		for _, s := range []struct{ k, v string }{{"NOTES", c.card.Notes}, {"ON-SCREEN TEXT", c.card.OnScreenText}, {"VOICE-OVER", c.card.VoiceOver}} {
			if v := oneLine(s.v); v != "" {
				fmt.Fprintf(b, "* COMMENT: %s: %s\n", s.k, v)
			}
		}
		// Markers inside this event (the last event takes the rest).
		for ; mi < len(pl.marks) && (pl.marks[mi].frame < c.end() || i == len(pl.clips)-1); mi++ {
			mk := pl.marks[mi]
			color := "BLUE"
			if mk.act {
				color = "RED"
			}
			fmt.Fprintf(b, "* LOC: %s %-7s %s\n", tc(mk.frame), color, oneLine(mk.name))
		}
	}
	if m := pl.music; m != nil {
		fmt.Fprintf(b, "\n%03d  %-8s %-5s C        %s %s %s %s\n", len(pl.clips)+1, reelName(m.path), "AA",
			tc(m.in), tc(m.in+m.dur), tc(0), tc(m.dur))
		fmt.Fprintf(b, "* FROM CLIP NAME: %s\n", oneLine(filepath.Base(m.path)))
		fmt.Fprint(b, "* COMMENT: MUSIC\n")
	}
	return b.Flush()
}

// reelName derives a CMX 3600 reel name (at most 8 characters of A-Z, 0-9
// and _) from a media file name.
func reelName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var r []rune
	for _, c := range strings.ToUpper(base) {
		switch {
		case c < unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			r = append(r, c)
		case c == ' ' || c == '-' || c == '_' || c == '.':
			r = append(r, '_')
		}
		if len(r) == 8 {
			break
		}
	}
	if len(r) == 0 {
		return "AX"
	}
	return string(r)
}
