package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

// lengthChoice is a length the Fit dialog offers.
type lengthChoice struct {
	label  string
	length storyboard.Time // 0: typed
}

// fitLengths are the lengths the Fit dialog offers, in its order: the
// platform's recommended and maximum lengths, the reel's length now, and
// one to type. The excerpt choice takes the first too.
func fitLengths(p *storyboard.Project) []lengthChoice {
	pl := p.PlatformPreset()
	var choices []lengthChoice
	if pl.Recommended > 0 {
		choices = append(choices, lengthChoice{fmt.Sprintf(lang.L("%s recommended: %s"), pl.Name, pl.Recommended), pl.Recommended})
	}
	if pl.Max > 0 && pl.Max != pl.Recommended {
		choices = append(choices, lengthChoice{fmt.Sprintf(lang.L("%s maximum: %s"), pl.Name, pl.Max), pl.Max})
	}
	if l := p.Length(); l > 0 {
		choices = append(choices, lengthChoice{fmt.Sprintf(lang.L("The reel's length now: %s"), l), l})
	}
	return append(choices, lengthChoice{lang.L("Another length…"), 0})
}

// fitDialog asks for the length and the start of the music, then fits the
// plan to the music as one undoable edit (storyboard.FitPlan) and says what
// it did in the status line.
func (m *mainWindow) fitDialog() {
	p := m.ed.Project
	choices := fitLengths(p)
	var labels []string
	for _, c := range choices {
		labels = append(labels, c.label)
	}
	// The music: the three best excerpts of the song for the length (the
	// first chosen), or where the music starts now.
	var excerpts []storyboard.Excerpt
	start := widget.NewRadioGroup(nil, nil)
	here := lang.L("Where the music starts now")
	// Why the excerpt chosen was offered, under the choice: the options stay
	// short, so the dialog fits a small window in every language.
	why := widget.NewLabel("")
	why.Wrapping = fyne.TextWrapWord
	m.fitWhy = why
	start.OnChanged = func(o string) {
		for i, opt := range start.Options {
			if opt == o && i < len(excerpts) {
				why.SetText(excerptWhy(excerpts[i]))
				return
			}
		}
		why.SetText("")
	}
	candidates := func(l storyboard.Time) {
		excerpts = nil
		var opts []string
		if l > 0 {
			excerpts, _ = p.Excerpts(l, 3)
		}
		for i, e := range excerpts {
			label := fmt.Sprintf(lang.L("Excerpt %d: %s"), i+1, minSec(e.Start)+"–"+minSec(e.End))
			opts = append(opts, label)
		}
		opts = append(opts, here)
		start.Options = opts
		start.SetSelected(opts[0])
		start.Refresh()
	}
	m.fitStart = start
	typed := newTextEntry(false, nil, nil)
	typed.SetPlaceHolder(lang.L("seconds, such as 45"))
	typed.Disable()
	length := newSelectField(labels, func(string) {}, nil)
	length.OnChanged = func(string) {
		l := choices[max(0, length.SelectedIndex())].length
		if l == 0 {
			typed.Enable()
			m.win.Canvas().Focus(typed)
		} else {
			typed.Disable()
		}
		candidates(l)
	}
	typed.OnChanged = func(v string) {
		if s, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", "."), 64); err == nil && s > 0 {
			candidates(storyboard.Seconds(s))
		}
	}
	length.SetSelectedIndex(0)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()

	var d dialog.Dialog
	// chosen returns the length chosen, or says what is wrong with the
	// typed one.
	chosen := func() (storyboard.Time, bool) {
		if l := choices[max(0, length.SelectedIndex())].length; l > 0 {
			return l, true
		}
		s, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(typed.Text), ",", "."), 64)
		if err != nil || s <= 0 {
			problem.SetText(lang.L("Type the reel's length in seconds, such as 45."))
			problem.Show()
			return 0, false
		}
		return p.Rate.SnapToFrame(storyboard.Seconds(s)), true
	}
	apply := func() bool {
		var opt storyboard.FitOptions
		var ok bool
		if opt.Length, ok = chosen(); !ok {
			return false
		}
		for i, o := range start.Options {
			switch {
			case o != start.Selected:
			case o == here && p.Soundtrack != nil:
				opt.Start, opt.FixedStart = p.Soundtrack.Offset, true
			case i < len(excerpts):
				opt.Start, opt.FixedStart = excerpts[i].Start, true
			}
		}
		cmd := storyboard.FitPlan(opt)
		if err := m.ed.Do(cmd); err != nil {
			problem.SetText(editReason(err))
			problem.Show()
			return false
		}
		m.say(fitAccount(cmd.Report))
		return true
	}
	var fd *dialog.ConfirmDialog
	onTimeline := widget.NewButtonWithIcon(lang.L("Choose on the Timeline"), theme.VisibilityIcon(), func() {
		if l, ok := chosen(); ok {
			fd.Hide()
			m.chooseExcerpt(l)
		}
	})
	m.fitOnTimeline = onTimeline
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Length"), length),
		widget.NewFormItem("", typed),
		widget.NewFormItem(lang.L("Music"), start),
		widget.NewFormItem("", why),
		widget.NewFormItem("", container.NewHBox(onTimeline)),
	)
	fd = dialog.NewCustomConfirm(lang.L("Fit Plan to Music"), lang.L("Fit"), lang.L("Cancel"), container.NewVBox(form, problem), func(ok bool) {
		if ok && !apply() {
			m.win.Canvas().Focus(typed)
			d.Show() // stays open with the reason
		}
	}, m.win)
	d = fd
	fd.Resize(fyne.NewSize(620, 0))
	m.showAnswered(fd, func() {
		if apply() {
			fd.Hide()
		}
	}, fd.Hide)
}
