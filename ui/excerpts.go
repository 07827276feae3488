package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
	"github.com/reelboard/reelboard/ui/timeline"
)

// excerptChooser offers the song's best excerpts for a reel length on the
// timeline: numbered spans over the music, and a bar above the timeline with
// a button for each and why it was chosen. A click on one, on the timeline
// or in the bar, fits the plan to it (storyboard.FitPlan, one undoable
// edit); Escape or Cancel leaves the choice.
type excerptChooser struct {
	length   storyboard.Time
	excerpts []storyboard.Excerpt
	why      *tipLabel
	buttons  []*widget.Button // one per excerpt, in the bar
}

// excerptCount is how many excerpts the choice offers.
const excerptCount = 3

// chooseExcerptCmd opens the choice for the length the Fit dialog offers
// first (fitLengths), so that both show the same three excerpts.
func (m *mainWindow) chooseExcerptCmd() {
	if l := fitLengths(m.ed.Project)[0].length; l > 0 {
		m.chooseExcerpt(l)
		return
	}
	m.fitDialog() // nothing to offer but a typed length
}

// chooseExcerpt shows the best excerpts for a reel of the given length on
// the timeline, for a click to choose one.
func (m *mainWindow) chooseExcerpt(length storyboard.Time) {
	if m.variant != "" {
		m.variantSel.SetSelectedIndex(0) // the excerpt is chosen for the whole plan
	}
	ex, err := m.ed.Project.Excerpts(length, excerptCount)
	if err != nil {
		m.report(err)
		return
	}
	if len(ex) == 0 {
		m.say(lang.L("The song has no excerpt of that length."))
		return
	}
	if m.viewMode == "grid" {
		m.viewSel.SetSelectedIndex(indexOf(viewModes, "both")) // the choice is made on the timeline
	}
	c := &excerptChooser{length: length, excerpts: ex, why: newTipLabel("")} // all of why on hover
	m.chooser = c
	tl := m.timeline.tl
	cands := make([]timeline.Candidate, len(ex))
	buttons := container.NewHBox()
	for i, e := range ex {
		cands[i] = timeline.Candidate{Start: e.Start, End: e.End, Label: excerptBadge(i, e)}
		b := widget.NewButton(cands[i].Label, func() { m.pickExcerpt(i) })
		if i == 0 {
			b.Importance = widget.HighImportance
		}
		buttons.Add(b)
		c.buttons = append(c.buttons, b)
	}
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), m.closeExcerpts)
	c.showWhy(0)
	tl.SetCandidates(cands)
	tl.OnCandidateChosen = m.pickExcerpt
	tl.OnCandidateHovered = func(i int) { c.showWhy(max(i, 0)) }
	title := widget.NewLabelWithStyle(fmt.Sprintf(lang.L("Music for a %s reel: click an excerpt on the timeline."), secondsText(length)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	// Narrow enough for a small window: the texts shorten, the buttons stay.
	bar := container.NewVBox(title, container.NewBorder(nil, nil, container.NewHBox(buttons, cancel), nil, c.why))
	m.timeline.setBar(bar)
}

// showWhy says why excerpt i was offered.
func (c *excerptChooser) showWhy(i int) {
	if i < len(c.excerpts) {
		c.why.SetText(strconv.Itoa(i+1) + ": " + excerptWhy(c.excerpts[i]))
	}
}

// pickExcerpt fits the plan to excerpt i of the choice and closes it.
func (m *mainWindow) pickExcerpt(i int) {
	c := m.chooser
	if c == nil || i < 0 || i >= len(c.excerpts) {
		return
	}
	e := c.excerpts[i]
	m.closeExcerpts()
	cmd := storyboard.FitPlan(storyboard.FitOptions{Length: c.length, Start: e.Start, FixedStart: true})
	if err := m.ed.Do(cmd); err != nil {
		m.report(err)
		return
	}
	m.say(fitAccount(cmd.Report))
}

// closeExcerpts leaves the choice, if one is open.
func (m *mainWindow) closeExcerpts() {
	if m.chooser == nil {
		return
	}
	m.chooser = nil
	tl := m.timeline.tl
	tl.OnCandidateChosen, tl.OnCandidateHovered = nil, nil
	tl.SetCandidates(nil)
	m.timeline.setBar(nil)
}

// excerptsChanged closes the choice when the song it was made on is no
// longer the soundtrack's, or has lost its beats.
func (m *mainWindow) excerptsChanged(ch Change) {
	if m.chooser == nil || !ch.Soundtrack {
		return
	}
	ex, err := m.ed.Project.Excerpts(m.chooser.length, excerptCount)
	if err != nil || len(ex) != len(m.chooser.excerpts) {
		m.closeExcerpts()
		return
	}
	for i := range ex {
		if ex[i].Start != m.chooser.excerpts[i].Start || ex[i].End != m.chooser.excerpts[i].End {
			m.closeExcerpts()
			return
		}
	}
}

// excerptBadge is excerpt i's label on the timeline and its button: its
// number and where it lies in the song, to the second.
func excerptBadge(i int, e storyboard.Excerpt) string {
	return strconv.Itoa(i+1) + " · " + minSec(e.Start) + "–" + minSec(e.End)
}

// minSec writes a song time as m:ss, rounded to the second.
func minSec(t storyboard.Time) string {
	s := int(math.Round(t.Seconds()))
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// secondsText writes a reel length in seconds, without a fraction when it is
// whole: "30 s", "29.5 s".
func secondsText(t storyboard.Time) string {
	return fmt.Sprintf(lang.L("%s s"), numfmt.Trim(t.Seconds(), 1))
}

// excerptWhy says in the language in use what the excerpt starts and ends
// on, and how much energy it opens with.
func excerptWhy(e storyboard.Excerpt) string {
	var why []string
	switch e.StartOn {
	case "section":
		if e.Section != "" {
			why = append(why, fmt.Sprintf(lang.L("starts on section %s"), e.Section))
		} else {
			why = append(why, lang.L("starts on a section"))
		}
	case "phrase":
		why = append(why, lang.L("starts on a phrase"))
	default:
		why = append(why, lang.L("starts on a downbeat"))
	}
	if e.Hook > 0 {
		why = append(why, fmt.Sprintf(lang.L("opens at %d%% energy"), int(math.Round(100*e.Hook))))
	}
	switch {
	case e.EndOn == "song end":
		why = append(why, lang.L("ends with the song"))
	case e.EndOn == "section" && !e.Fade:
		why = append(why, lang.L("ends where a section ends"))
	case e.EndOn == "phrase" && !e.Fade:
		why = append(why, lang.L("ends where a phrase ends"))
	case e.EndOn == "downbeat":
		why = append(why, lang.L("ends on a downbeat, fade out"))
	default:
		why = append(why, lang.L("ends mid-bar, fade out"))
	}
	return strings.Join(why, "; ")
}

// fitAccount says in the language in use what a fit did: the status
// line's account (storyboard.FitReport's String is the command line's, in
// English). The notes, rare, stay the domain's English sentences.
func fitAccount(r storyboard.FitReport) string {
	var shares []string
	for _, a := range r.Acts {
		shares = append(shares, strconv.Itoa(a.Share))
	}
	s := fmt.Sprintf(lang.L("Fitted %d cards to %s of music from %s (%s): acts %s%%, %d of %d cuts on a bar."),
		r.Cards, r.Length, r.Excerpt.Start, excerptWhy(r.Excerpt), strings.Join(shares, "/"), r.OnBars, r.Cuts)
	for _, n := range r.Notes {
		s += " " + n
	}
	return s
}
