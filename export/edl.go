package export

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// CMX 3600 EDL: one video event per card, the music as an audio event on
// A1/A2 ("AA"), markers as "* LOC:" comments. Record timecode starts at the
// project's start timecode; source timecode is the linked clip's own
// (embedded start timecode plus in-point).
//
// Relinking: every event names its file three ways. "* FROM CLIP NAME:" is
// the clip's name (Avid, Premiere, Resolve); "* FROM FILE:" is the media
// path OpenTimelineIO's cmx_3600 reader (and Nucoda) turn into a media
// reference; "* SOURCE FILE:" is the path as DaVinci Resolve writes and
// reads it. Reel names are ASCII, at most 8 characters and unique.
//
// "* LOC:" lines always separate the frames with ":". CMX 3600 marks
// drop-frame in the FCM line, not in the timecodes, and OpenTimelineIO's
// reader accepts only HH:MM:SS:FF there (it drops a LOC written with ";").
// The event lines keep ";" for drop-frame, which every reader accepts.

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
	rec := pl.recTC
	reels := pl.reelNames()
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
			reel, name = reels[c.media], filepath.Base(c.media)
		}
		fmt.Fprintf(b, "\n%03d  %-8s %-5s C        %s %s %s %s\n", c.n, reel, "V",
			tc(c.srcTC), tc(c.srcTC+c.dur), rec(c.start), rec(c.end()))
		fmt.Fprintf(b, "* FROM CLIP NAME: %s\n", oneLine(name))
		if c.media != "" {
			p := oneLine(filepath.ToSlash(pl.path(c.media)))
			fmt.Fprintf(b, "* FROM FILE: %s\n* SOURCE FILE: %s\n", p, p)
		}
		fmt.Fprintf(b, "* COMMENT: CARD %d %s | %s | %s\n", c.n, oneLine(c.card.Title), kindName(c.card.Kind), strings.ToUpper(c.card.Act.String()))
		for _, s := range []struct{ k, v string }{{"NOTES", c.card.Notes}, {"ON-SCREEN TEXT", c.card.OnScreenText}, {"VOICE-OVER", c.card.VoiceOver}, {"MEDIA", pl.mediaNote(c)}} {
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
			fmt.Fprintf(b, "* LOC: %s %-7s %s\n", strings.ReplaceAll(rec(mk.frame), ";", ":"), color, oneLine(mk.name))
		}
	}
	if m := pl.music; m != nil {
		fmt.Fprintf(b, "\n%03d  %-8s %-5s C        %s %s %s %s\n", len(pl.clips)+1, reels[m.path], "AA",
			tc(m.in), tc(m.in+m.dur), rec(0), rec(m.dur))
		p := oneLine(filepath.ToSlash(pl.musicPath()))
		fmt.Fprintf(b, "* FROM CLIP NAME: %s\n* FROM FILE: %s\n* SOURCE FILE: %s\n", oneLine(pl.musicName()), p, p)
		fmt.Fprint(b, "* COMMENT: MUSIC\n")
	}
	return b.Flush()
}

// reelNames returns the EDL reel name of every linked file and the
// soundtrack: unique, at most 8 characters of A-Z, 0-9 and _.
func (pl *plan) reelNames() map[string]string {
	names := map[string]string{}
	used := map[string]bool{"AX": true, "BL": true, "BLACK": true, "BARS": true}
	add := func(abs string) {
		if abs == "" || names[abs] != "" {
			return
		}
		base := reelName(abs)
		name := base
		for i := 2; used[name]; i++ {
			n := strconv.Itoa(i)
			name = strings.TrimRight(base[:min(len(base), 7-len(n))], "_") + "_" + n
		}
		used[name] = true
		names[abs] = name
	}
	for _, c := range pl.clips {
		add(c.media)
	}
	if pl.music != nil {
		add(pl.music.path)
	}
	return names
}

// reelName derives a readable CMX 3600 reel name (at most 8 characters of
// A-Z, 0-9 and _) from a media file name: letters transliterated to ASCII,
// other characters as "_", and a long name keeps its trailing number
// ("A001_C002" becomes "A001_002").
func reelName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var sb strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			sb.WriteRune(r)
		case translit[r] != "":
			sb.WriteString(translit[r])
		case r == 'ъ' || r == 'ь':
		default:
			sb.WriteByte('_')
		}
	}
	s := strings.ToUpper(sb.String())
	for strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "_")
	}
	s = strings.Trim(s, "_")
	if len(s) > 8 {
		tail := len(s)
		for tail > 0 && s[tail-1] >= '0' && s[tail-1] <= '9' && len(s)-tail < 4 {
			tail--
		}
		digits := s[tail:]
		head := s[:8-len(digits)]
		if len(digits) > 0 && tail > 8-len(digits) {
			head = strings.TrimRight(head, "_")
			if len(head)+len(digits) < 8 {
				head += "_"
			}
		}
		s = head + digits
	}
	if s == "" {
		return "REEL"
	}
	return s
}

// translit spells Cyrillic and accented Latin letters in ASCII (lower case).
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'э': "e",
	'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
}
