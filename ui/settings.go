package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

// aspects are the picture shapes the settings offer, the platforms' own
// first.
var aspects = []storyboard.Aspect{{W: 9, H: 16}, {W: 1, H: 1}, {W: 4, H: 5}, {W: 16, H: 9}, {W: 4, H: 3}, {W: 21, H: 9}}

// showSettings is File ▸ Project Settings…: the project's title, author,
// format, platform, frame rate and aspect, applied as one undoable edit.
// Choosing a platform proposes its frame rate and aspect.
func (m *mainWindow) showSettings() {
	p := m.ed.Project
	f := p.Fields()
	title := widget.NewEntry()
	title.SetText(f.Title)
	author := widget.NewEntry()
	author.SetText(f.Author)
	client := widget.NewEntry()
	client.SetText(f.Client)
	startTC := widget.NewEntry()
	startTC.SetText(export.FormatStartTimecode(f.StartTimecode, f.Rate))
	startTC.SetPlaceHolder("01:00:00:00")
	var tnames []string
	for _, t := range storyboard.Templates {
		tnames = append(tnames, templateName(t.Format))
	}
	format := newSelectField(tnames, nil, nil)
	format.SetSelectedIndex(templateIndex(f.Format))
	var rnames []string
	for _, r := range storyboard.Rates {
		rnames = append(rnames, r.String()+" fps")
	}
	rate := newSelectField(rnames, nil, nil)
	rate.SetSelectedIndex(max(0, rateIndex(f.Rate)))
	startTC.Validator = func(s string) error {
		_, err := parseStartTC(s, storyboard.Rates[max(0, rate.SelectedIndex())])
		return err
	}
	opts := slices.Clone(aspects)
	var anames []string
	for _, a := range opts {
		anames = append(anames, a.String())
	}
	aspect := newSelectField(anames, nil, nil)
	if i := slices.Index(opts, f.Aspect); i >= 0 {
		aspect.SetSelectedIndex(i)
	} else {
		opts = append(opts, f.Aspect) // a custom aspect stays on offer
		aspect.Options = append(aspect.Options, f.Aspect.String())
		aspect.SetSelectedIndex(len(opts) - 1)
	}
	var pnames []string
	for _, pl := range storyboard.Platforms {
		pnames = append(pnames, platformName(pl))
	}
	platform := newSelectField(pnames, nil, nil)
	platform.SetSelectedIndex(platformIndex(f.Platform))
	limits := widget.NewLabel(platformLimits(storyboard.Platforms[platform.SelectedIndex()]))
	limits.Wrapping = fyne.TextWrapWord
	platform.OnChanged = func(string) {
		pl := storyboard.Platforms[max(0, platform.SelectedIndex())]
		limits.SetText(platformLimits(pl))
		if i := rateIndex(pl.Rate); i >= 0 {
			rate.SetSelectedIndex(i)
		}
		if i := slices.Index(opts, pl.Aspect); i >= 0 {
			aspect.SetSelectedIndex(i)
		}
	}
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	problem.Hide()
	d := dialog.NewForm(lang.L("Project settings"), lang.L("Apply"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Title"), title),
		widget.NewFormItem(lang.L("Author"), author),
		widget.NewFormItem(lang.L("Client"), client),
		widget.NewFormItem(lang.L("Format"), minWidth(selectWidth(tnames), format)),
		widget.NewFormItem(lang.L("Platform"), minWidth(selectWidth(pnames), platform)),
		widget.NewFormItem("", limits),
		widget.NewFormItem(lang.L("Frame rate"), minWidth(selectWidth(rnames), rate)),
		widget.NewFormItem(lang.L("Aspect"), minWidth(selectWidth(anames), aspect)),
		widget.NewFormItem(lang.L("Start timecode"), startTC),
		widget.NewFormItem("", problem),
	}, func(ok bool) {
		if !ok {
			return
		}
		next := p.Fields()
		next.Title = strings.TrimSpace(title.Text)
		next.Author = strings.TrimSpace(author.Text)
		next.Format = storyboard.Templates[max(0, format.SelectedIndex())].Format
		next.Platform = storyboard.Platforms[max(0, platform.SelectedIndex())].ID
		next.Rate = storyboard.Rates[max(0, rate.SelectedIndex())]
		next.Aspect = opts[max(0, aspect.SelectedIndex())]
		next.Client = strings.TrimSpace(client.Text)
		next.StartTimecode, _ = parseStartTC(startTC.Text, next.Rate) // the validator let only a valid one through
		if next == p.Fields() {
			return
		}
		m.report(m.ed.Do(storyboard.SetProjectFields(next)))
	}, m.win)
	d.Resize(fyne.NewSize(600, 0))
	m.showAnswered(d, nil, d.Hide)
	m.settingsDialog = d
	m.settingsFields = &settingsFields{title, author, client, startTC, format, platform, rate, aspect}
}

// settingsFields are the Project Settings dialog's fields, for tests.
type settingsFields struct {
	title, author, client, startTC *widget.Entry
	format, platform, rate, aspect *selectField
}

func rateIndex(r storyboard.Rate) int {
	for i, x := range storyboard.Rates {
		if x == r {
			return i
		}
	}
	return -1
}

// platformLimits says a platform's recommended and maximum length.
func platformLimits(pl storyboard.Platform) string {
	data := map[string]any{"Recommended": pl.Recommended.String(), "Max": pl.Max.String()}
	if pl.Max <= 0 {
		return lang.L("Best at most {{.Recommended}}; no maximum length.", data)
	}
	return lang.L("Best at most {{.Recommended}}; at most {{.Max}}.", data)
}

// lengthText is the window's readout of the reel's length against its
// platform: "Reel 0:42.000 · best ≤ 0:30.000 · max 1:30.000".
func lengthText(p *storyboard.Project) string {
	data := map[string]any{"Length": p.Length().String()}
	pl, ok := storyboard.PlatformByID(p.Platform)
	if !ok {
		return lang.L("Reel {{.Length}}", data)
	}
	data["Platform"] = pl.Name
	data["Recommended"] = pl.Recommended.String()
	data["Max"] = pl.Max.String()
	if pl.Max <= 0 {
		return lang.L("Reel {{.Length}} · {{.Platform}}: best ≤ {{.Recommended}}", data)
	}
	return lang.L("Reel {{.Length}} · {{.Platform}}: best ≤ {{.Recommended}}, max {{.Max}}", data)
}

// lengthImportance colours the readout: danger past the maximum, warning
// past the recommended length.
func lengthImportance(p *storyboard.Project) widget.Importance {
	pl, ok := storyboard.PlatformByID(p.Platform)
	switch {
	case !ok:
		return widget.MediumImportance
	case pl.Max > 0 && p.Length() > pl.Max:
		return widget.DangerImportance
	case pl.Recommended > 0 && p.Length() > pl.Recommended:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// parseStartTC reads the start timecode typed in the settings: empty is
// 00:00:00:00; a refusal says the form it wants, translated.
func parseStartTC(s string, r storyboard.Rate) (storyboard.Time, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	tc, err := export.ParseStartTimecode(s, r)
	if err != nil {
		return 0, errors.New(lang.L("Type the start timecode as HH:MM:SS:FF, such as 01:00:00:00."))
	}
	return tc, nil
}
