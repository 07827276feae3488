package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The shot list: one row per card, shared by the CSV and Markdown exports.

var shotHeader = []string{"#", "Act", "Shot kind", "Title", "Start", "Duration", "Seconds", "Beats",
	"Notes", "On-screen text", "Voice-over", "Media", "Captured"}

func (pl *plan) shotRows() [][]string {
	rows := make([][]string, 0, len(pl.clips))
	for _, c := range pl.clips {
		cd := c.card
		secs := pl.seconds(c.start+c.dur) - pl.seconds(c.start)
		beats := ""
		if n, ok := pl.beats(c); ok {
			beats = trimFloat(n, 2)
		}
		media := ""
		if c.media != "" {
			media = pl.path(c.media)
		}
		captured := "no"
		if cd.Captured {
			captured = "yes"
		}
		rows = append(rows, []string{
			strconv.Itoa(c.n), actName(cd.Act.String()), kindName(cd.Kind), cd.Title,
			pl.tc(c.start), pl.tc(c.dur), trimFloat(secs, 3), beats,
			cd.Notes, cd.OnScreenText, cd.VoiceOver, media, captured,
		})
	}
	return rows
}

// tc formats frame n as timecode, drop-frame when asked and possible.
func (pl *plan) tc(n int64) string { return timecode(n, pl.rate, pl.dropFrame()) }

func actName(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// trimFloat formats f with at most prec decimals, without trailing zeros.
func trimFloat(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// writeCSV writes the shot list as CSV, starting with a UTF-8 byte order
// mark so spreadsheets open Italian and Russian text correctly.
func writeCSV(pl *plan, w io.Writer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(shotHeader)
	for _, r := range pl.shotRows() {
		for i := range r {
			r[i] = csvCell(r[i])
		}
		cw.Write(r)
	}
	cw.Flush()
	return cw.Error()
}

// csvCell neutralises a cell that a spreadsheet would run as a formula
// (OWASP's rule for CSV injection): one starting with =, +, -, @, a tab or
// a carriage return gets a leading single quote, which spreadsheets show
// as text and do not evaluate. Our own numbers are never negative, so no
// number is touched.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeMarkdown(pl *plan, w io.Writer) error {
	b := bufio.NewWriter(w)
	p := pl.p
	fmt.Fprintf(b, "# %s — shot list\n\n", mdEscape(pl.title))
	for _, kv := range pl.titleBlock() {
		fmt.Fprintf(b, "- **%s:** %s\n", kv[0], mdEscape(kv[1]))
	}
	if p.StyleNotes != "" {
		fmt.Fprintf(b, "- **Style notes:** %s\n", mdEscape(p.StyleNotes))
	}
	b.WriteString("\n| " + strings.Join(shotHeader, " | ") + " |\n|")
	for range shotHeader {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range pl.shotRows() {
		for i := range r {
			r[i] = mdEscape(r[i])
		}
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	return b.Flush()
}

// mdEscape makes s safe in a Markdown table cell.
func mdEscape(s string) string { return mdEscaper.Replace(strings.TrimSpace(s)) }

var mdEscaper = strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`,
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>")

// titleBlock is the project's identity for sheets: label, value pairs.
func (pl *plan) titleBlock() [][2]string {
	p := pl.p
	pf := p.PlatformPreset()
	tb := [][2]string{
		{"Project", pl.title},
		{"Author", p.Author},
		{"Platform", fmt.Sprintf("%s (%s, %dx%d, %s fps)", pf.Name, p.Aspect, pl.width, pl.height, p.Rate)},
		{"Length", fmt.Sprintf("%s (%d frames, %d cards)", pl.rate.FrameTime(pl.frames), pl.frames, len(pl.clips))},
	}
	if bpm := tempo(p); bpm > 0 {
		tb = append(tb, [2]string{"Tempo", trimFloat(bpm, 1) + " BPM"})
	}
	if p.Author == "" {
		tb = append(tb[:1], tb[2:]...)
	}
	return tb
}
