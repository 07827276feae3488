package export

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/go-pdf/fpdf"

	"github.com/reelboard/reelboard/storyboard"
)

// DejaVu Sans Condensed covers Latin, Greek and Cyrillic; its licence
// (fonts/LICENSE) permits embedding and redistribution unmodified.
//
//go:embed fonts/DejaVuSansCondensed.ttf
var fontTTF []byte

const (
	fontFamily = "dejavu"
	pageW      = 210.0 // A4, mm
	pageH      = 297.0
	margin     = 12.0
	// panelTextH is the most text under a panel's frame, mm.
	panelTextH = 36.0
)

type rgb struct{ r, g, b int }

var (
	inkDark  = rgb{33, 33, 33}
	inkGrey  = rgb{110, 110, 110}
	inkLight = rgb{200, 200, 200}
	actInk   = map[storyboard.Act]rgb{}
)

// The acts' colours are the editor's (storyboard.Act.Color): the strong
// tone, which carries white text.
func init() {
	for _, a := range storyboard.Acts {
		c, _ := a.Color()
		actInk[a] = rgb{int(c.R), int(c.G), int(c.B)}
	}
}

// sheet wraps an fpdf document with the few drawing helpers the sheets use.
type sheet struct {
	*fpdf.Fpdf
	pl     *plan
	images map[string]bool // registered image names
}

func newSheet(pl *plan, title string) *sheet {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(fontFamily, "", fontTTF)
	f.SetCatalogSort(true)
	f.SetCreationDate(pl.p.Modified)
	f.SetModificationDate(pl.p.Modified)
	f.SetTitle(pdfText(title), true)
	f.SetAuthor(pdfText(pl.p.Author), true)
	f.SetCreator("Reelboard", true)
	f.SetProducer("Reelboard", true)
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(false, margin)
	s := &sheet{Fpdf: f, pl: pl, images: map[string]bool{}}
	f.SetFooterFunc(func() {
		s.font(7, inkGrey)
		f.SetXY(margin, pageH-margin+3)
		f.CellFormat(pageW-2*margin, 4, pdfText(fmt.Sprintf("%s — %s — page %d", pl.title, title, f.PageNo())), "", 0, "C", false, 0, "")
	})
	return s
}

// pdfText keeps s within what the embedded font's tables can index: runes
// outside the Basic Multilingual Plane (emoji) become U+FFFD, control
// characters other than newlines are dropped.
func pdfText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		case r > 0xfffd:
			return '\ufffd'
		}
		return r
	}, s)
}

func (s *sheet) font(size float64, c rgb) {
	s.SetFont(fontFamily, "", size)
	s.SetTextColor(c.r, c.g, c.b)
}

// wrap splits text into lines no wider than w mm in the current font.
func (s *sheet) wrap(text string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(pdfText(text), "\n") {
		line := ""
		// Words split at spaces, never at no-break spaces ("6.1 beats").
		for _, word := range strings.FieldsFunc(para, func(r rune) bool { return r != nbsp && unicode.IsSpace(r) }) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if s.GetStringWidth(try) <= w {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			// A word longer than the line is cut by characters.
			line = ""
			for _, r := range word {
				if s.GetStringWidth(line+string(r)) > w && line != "" {
					lines = append(lines, line)
					line = ""
				}
				line += string(r)
			}
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// text writes wrapped text at (x, y), at most maxLines lines (0: no limit),
// ending a cut text with an ellipsis; it returns the y below it.
func (s *sheet) text(x, y, w, lineH float64, text string, maxLines int) float64 {
	return s.textAlign(x, y, w, lineH, text, maxLines, "L")
}

// textAlign is text aligned "L", "C" or "R" in its width.
func (s *sheet) textAlign(x, y, w, lineH float64, text string, maxLines int, align string) float64 {
	lines := s.wrap(text, w)
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		last := []rune(lines[maxLines-1])
		for len(last) > 0 && s.GetStringWidth(string(last)+"…") > w {
			last = last[:len(last)-1]
		}
		lines[maxLines-1] = string(last) + "…"
	}
	for _, l := range lines {
		s.SetXY(x, y)
		s.CellFormat(w, lineH, l, "", 0, align, false, 0, "")
		y += lineH
	}
	return y
}

// titleBlock draws the project's title and identity; it returns the y below.
func (s *sheet) titleBlock(heading string) float64 {
	pl := s.pl
	s.font(17, inkDark)
	y := s.text(margin, margin, pageW-2*margin, 7.5, pl.title, 2)
	s.font(9, inkGrey)
	y = s.text(margin, y, pageW-2*margin, 4.5, heading, 1) + 1
	for _, kv := range pl.titleBlock()[1:] {
		s.font(8.5, inkGrey)
		s.SetXY(margin, y)
		s.CellFormat(20, 4.2, kv[0], "", 0, "L", false, 0, "")
		s.font(8.5, inkDark)
		y = s.text(margin+20, y, pageW-2*margin-20, 4.2, kv[1], 2)
	}
	s.SetDrawColor(inkLight.r, inkLight.g, inkLight.b)
	s.Line(margin, y+2, pageW-margin, y+2)
	return y + 5
}

// actHeading draws an act's band; it returns the y below.
func (s *sheet) actHeading(a storyboard.Act, y float64) float64 {
	return s.band(a, y, s.pl.actLabel(a))
}

// actHeadingCont draws the band of an act that goes on from the page
// before.
func (s *sheet) actHeadingCont(a storyboard.Act, y float64) float64 {
	return s.band(a, y, actTitle(a)+" (continued)")
}

func (s *sheet) band(a storyboard.Act, y float64, label string) float64 {
	c := actInk[a]
	s.SetFillColor(c.r, c.g, c.b)
	s.Rect(margin, y, pageW-2*margin, 7, "F")
	s.font(10, rgb{255, 255, 255})
	s.SetXY(margin+2, y)
	s.CellFormat(pageW-2*margin-4, 7, pdfText(label), "", 0, "L", false, 0, "")
	return y + 9
}

// image draws the card's reference image contained in the box, and reports
// whether it could.
func (s *sheet) image(path string, x, y, w, h float64) bool {
	if !s.images[path] {
		jpg, _, _, err := loadImage(path)
		if err != nil {
			return false
		}
		s.RegisterImageOptionsReader(path, fpdf.ImageOptions{ImageType: "JPG", ReadDpi: false}, bytes.NewReader(jpg))
		if s.Err() {
			return false
		}
		s.images[path] = true
	}
	info := s.GetImageInfo(path)
	iw, ih := info.Width(), info.Height()
	dw, dh := w, w*ih/iw
	if dh > h {
		dw, dh = h*iw/ih, h
	}
	s.ImageOptions(path, x+(w-dw)/2, y+(h-dh)/2, dw, dh, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	return true
}

// timing is the card's timing line: start, length in seconds and beats.
// A value and its unit ("6.1 beats") never part at a line break, and a
// "·" stays with the value before it.
func (pl *plan) timing(c clip) string {
	secs := pl.seconds(c.end()) - pl.seconds(c.start)
	t := fmt.Sprintf("%s\u00a0· %s\u00a0s", pl.rate.FrameTime(c.start), trimFloat(secs, 2))
	if n, ok := pl.beats(c); ok {
		t += "\u00a0· " + trimFloat(n, 1) + "\u00a0beats"
	}
	return t
}

// nbsp is the no-break space.
const nbsp = '\u00a0'

// writePDF draws the storyboard sheet: a title block, then per act the cards
// as panels in reading order, each with its frame (reference image or a
// placeholder), timing, shot kind and notes.
func writePDF(pl *plan, w io.Writer) error {
	s := newSheet(pl, "Storyboard")
	s.AddPage()
	y := s.titleBlock("Storyboard")

	cols := 3
	if pl.height > pl.width {
		cols = 5
	}
	gap := 4.0
	pw := (pageW - 2*margin - float64(cols-1)*gap) / float64(cols)
	fh := pw * float64(pl.height) / float64(pl.width)
	bottom := pageH - margin - 2

	for _, a := range storyboard.Acts {
		from, to := pl.p.ActSpan(a)
		if from == to {
			continue
		}
		first := true
		for row := from; row < to; row += cols {
			end := min(row+cols, to)
			// The row is as tall as its longest text, up to panelTextH.
			textH := 0.0
			for i := row; i < end; i++ {
				textH = max(textH, s.blocksHeight(s.panelBlocks(pl.clips[i]), pw, panelTextH))
			}
			need := fh + textH + gap + 9
			if y+need > bottom {
				s.AddPage()
				y = margin
				if !first {
					// The act goes on: say so at the top of the page.
					y = s.actHeadingCont(a, y)
				}
			}
			if first {
				y = s.actHeading(a, y)
				first = false
			}
			for i := row; i < end; i++ {
				s.panel(pl.clips[i], margin+float64(i-row)*(pw+gap), y, pw, fh)
			}
			y += fh + textH + gap
		}
		y += 2
	}
	if pl.p.StyleNotes != "" {
		s.font(8.5, inkDark)
		lines := s.wrap("Style notes: "+pl.p.StyleNotes, pageW-2*margin)
		if y+float64(len(lines))*4.2 > bottom {
			s.AddPage()
			y = margin
		}
		s.text(margin, y, pageW-2*margin, 4.2, "Style notes: "+pl.p.StyleNotes, 0)
	}
	return s.Output(w)
}

// panel draws one card: the frame box (w × fh mm) and its text below.
func (s *sheet) panel(c clip, x, y, w, fh float64) {
	cd := c.card
	ac := actInk[cd.Act]
	shown := false
	if cd.Image != "" {
		s.SetFillColor(20, 20, 20)
		s.Rect(x, y, w, fh, "F")
		shown = s.image(cd.Image, x, y, w, fh)
	}
	if !shown {
		s.SetFillColor(ac.r, ac.g, ac.b)
		s.Rect(x, y, w, fh, "F")
		// The on-screen text sits at the bottom of the frame; the title
		// is centred in the space above it and never runs into it.
		bottom := y + fh - 2
		var ost []string
		if cd.OnScreenText != "" {
			s.font(7, rgb{230, 230, 230})
			ost = s.wrap("“"+cd.OnScreenText+"”", w-6)
			ostLines := min(len(ost), 2, max(0, int((fh-4-4.2)/3.4)))
			if ostLines > 0 {
				top := bottom - float64(ostLines)*3.4
				s.text(x+3, top, w-6, 3.4, "“"+cd.OnScreenText+"”", ostLines)
				bottom = top - 1.5
			}
		}
		s.font(9, rgb{255, 255, 255})
		room := bottom - (y + 2)
		maxLines := min(5, max(1, int(room/4.2)))
		n := min(len(s.wrap(cd.Title, w-6)), maxLines)
		ty := y + 2 + (room-float64(n)*4.2)/2
		s.textAlign(x+3, ty, w-6, 4.2, cd.Title, maxLines, "C")
	}
	s.SetDrawColor(inkLight.r, inkLight.g, inkLight.b)
	s.Rect(x, y, w, fh, "D")

	s.drawBlocks(s.panelBlocks(c), x, y+fh+1.5, w, panelTextH)
}

// textBlock is a paragraph under a panel.
type textBlock struct {
	size, lineH float64
	ink         rgb
	text        string
	max         int // most lines shown; 0 for no limit
}

// panelBlocks returns the text under a card's panel.
func (s *sheet) panelBlocks(c clip) []textBlock {
	cd := c.card
	ac := actInk[cd.Act]
	bs := []textBlock{
		{7, 3.3, inkGrey, fmt.Sprintf("#%d · %s", c.n, s.pl.timing(c)), 2},
		{9, 4, inkDark, cd.Title, 2},
		{7, 3.3, ac, kindName(cd.Kind), 1},
	}
	rest := labelledLines("", cd.Notes, "Text", cd.OnScreenText, "VO", cd.VoiceOver)
	if cd.Media != nil {
		rest = append(rest, "Media: "+baseName(cd.Media.Path))
	}
	if cd.Captured {
		rest = append(rest, "✓ captured")
	}
	for _, r := range rest {
		bs = append(bs, textBlock{7, 3.2, inkDark, r, 0})
	}
	return bs
}

// fit returns how many lines of each block fit in limit mm at width w.
func (s *sheet) fit(bs []textBlock, w, limit float64) []int {
	n := make([]int, len(bs))
	h := 0.0
	for i, b := range bs {
		s.font(b.size, b.ink)
		lines := len(s.wrap(b.text, w))
		if b.max > 0 {
			lines = min(lines, b.max)
		}
		lines = min(lines, int((limit-h)/b.lineH+0.001))
		if lines <= 0 {
			break
		}
		n[i] = lines
		h += float64(lines) * b.lineH
	}
	return n
}

// blocksHeight is the height the blocks take, at most limit.
func (s *sheet) blocksHeight(bs []textBlock, w, limit float64) float64 {
	h := 1.5
	for i, n := range s.fit(bs, w, limit-1.5) {
		h += float64(n) * bs[i].lineH
	}
	return h
}

// drawBlocks draws the blocks from (x, y), cutting what does not fit in
// limit with an ellipsis.
func (s *sheet) drawBlocks(bs []textBlock, x, y, w, limit float64) {
	for i, n := range s.fit(bs, w, limit-1.5) {
		if n == 0 {
			break
		}
		s.font(bs[i].size, bs[i].ink)
		y = s.text(x, y, w, bs[i].lineH, bs[i].text, n)
	}
}

// labelledLines returns "Label: value" for each non-empty value (just the
// value when the label is empty).
func labelledLines(kv ...string) []string {
	var out []string
	for i := 0; i+1 < len(kv); i += 2 {
		v := strings.TrimSpace(kv[i+1])
		if v == "" {
			continue
		}
		if kv[i] != "" {
			v = kv[i] + ": " + v
		}
		out = append(out, v)
	}
	return out
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// writeChecklist draws the operator's shooting list: per act, each shot with
// a checkbox (ticked when captured), its kind's description, notes, and the
// project's style notes at the top.
func writeChecklist(pl *plan, w io.Writer) error {
	s := newSheet(pl, "Shooting checklist")
	s.AddPage()
	y := s.titleBlock("Shooting checklist for the backstage operator")
	full := pageW - 2*margin
	bottom := pageH - margin - 2
	if pl.p.StyleNotes != "" {
		s.font(9, inkDark)
		s.SetXY(margin, y)
		s.CellFormat(full, 4.5, "Style", "", 0, "L", false, 0, "")
		s.font(8.5, inkDark)
		y = s.text(margin, y+4.5, full, 4.2, pl.p.StyleNotes, 0) + 3
	}
	textX := margin + 9
	textW := full - 9 - 28
	for _, a := range storyboard.Acts {
		from, to := pl.p.ActSpan(a)
		if from == to {
			continue
		}
		if y+9+14 > bottom {
			s.AddPage()
			y = margin
		}
		y = s.actHeading(a, y)
		for i := from; i < to; i++ {
			c := pl.clips[i]
			cd := c.card
			info, _ := storyboard.KindInfo(cd.Kind)
			// Measure first, so a shot never splits across pages.
			s.font(8, inkGrey)
			desc := s.wrap(kindName(cd.Kind)+" — "+info.Description, textW)
			s.font(8.5, inkDark)
			notes := labelledLines("Notes", cd.Notes, "On-screen text", cd.OnScreenText, "Voice-over", cd.VoiceOver)
			var noteLines []string
			for _, n := range notes {
				noteLines = append(noteLines, s.wrap(n, textW)...)
			}
			s.font(10, inkDark)
			title := s.wrap(fmt.Sprintf("%d. %s", c.n, cd.Title), textW)
			h := float64(len(title))*4.8 + float64(len(desc))*3.8 + float64(len(noteLines))*4 + 4
			if y+h > bottom {
				s.AddPage()
				y = s.actHeadingCont(a, margin)
			}
			// Checkbox.
			s.SetDrawColor(inkDark.r, inkDark.g, inkDark.b)
			s.SetLineWidth(0.35)
			s.Rect(margin+1, y+0.6, 4.2, 4.2, "D")
			if cd.Captured {
				s.Line(margin+1.8, y+2.8, margin+2.9, y+4)
				s.Line(margin+2.9, y+4, margin+4.6, y+1.3)
			}
			s.SetLineWidth(0.2)
			s.font(8, inkGrey)
			s.SetXY(pageW-margin-28, y)
			s.CellFormat(28, 4.8, fmt.Sprintf("%s s", trimFloat(pl.seconds(c.end())-pl.seconds(c.start), 2)), "", 0, "R", false, 0, "")
			s.font(10, inkDark)
			ty := s.text(textX, y, textW, 4.8, strings.Join(title, " "), 0)
			s.font(8, inkGrey)
			ty = s.text(textX, ty, textW, 3.8, strings.Join(desc, " "), 0)
			s.font(8.5, inkDark)
			for _, n := range notes {
				ty = s.text(textX, ty, textW, 4, n, 0)
			}
			s.SetDrawColor(inkLight.r, inkLight.g, inkLight.b)
			s.Line(textX, ty+1.5, pageW-margin, ty+1.5)
			y = ty + 3
		}
		y += 2
	}
	return s.Output(w)
}

// actLabel is an act's heading: "Act 2: Work · 4 cards · 0:08.000".
func (pl *plan) actLabel(a storyboard.Act) string {
	from, to := pl.p.ActSpan(a)
	frames := pl.clips[to-1].end() - pl.clips[from].start
	cards := "cards"
	if to-from == 1 {
		cards = "card"
	}
	return fmt.Sprintf("%s · %d %s · %s", actTitle(a), to-from, cards, pl.rate.FrameTime(frames))
}
