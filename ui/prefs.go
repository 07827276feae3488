package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/timeline"
)

// prefTimeFormat is how the timeline writes times: a timeline.TimeFormat.
const prefTimeFormat = "timeFormat"

// showPreferences edits language, theme, snapping and the defaults of New.
func (m *mainWindow) showPreferences() {
	prefs := m.app.Preferences()
	var langNames []string
	cur := prefs.String(prefLanguage)
	langIdx := 0
	for i, l := range languages {
		name := l.Name
		if l.Code == "" {
			name = lang.L("System")
		}
		langNames = append(langNames, name)
		if l.Code == cur {
			langIdx = i
		}
	}
	langSel := newSelectField(langNames, nil, nil)
	langSel.SetSelectedIndex(langIdx)

	themes := []string{"", "light", "dark"}
	themeSel := newSelectField([]string{lang.L("System"), lang.L("Light"), lang.L("Dark")}, nil, nil)
	themeSel.SetSelectedIndex(max(0, indexOf(themes, prefs.String(prefTheme))))

	snap := widget.NewCheck(lang.L("Snap cuts to beats"), nil)
	snap.SetChecked(m.snap)

	var tnames []string
	for _, t := range storyboard.Templates {
		tnames = append(tnames, templateName(t.Format))
	}
	tsel := newSelectField(tnames, nil, nil)
	tsel.SetSelectedIndex(templateIndex(storyboard.Format(prefs.StringWithFallback(prefDefaultTemplate, string(storyboard.FormatBackstage)))))
	var pnames []string
	for _, p := range storyboard.Platforms {
		pnames = append(pnames, platformName(p))
	}
	psel := newSelectField(pnames, nil, nil)
	psel.SetSelectedIndex(platformIndex(prefs.StringWithFallback(prefDefaultPlatform, "instagram-reels")))

	tfmt := newSelectField([]string{lang.L("Timecode (00:00:04:11)"), lang.L("Minutes and seconds (0:04.45)")}, nil, nil)
	tfmt.SetSelectedIndex(prefs.Int(prefTimeFormat))

	d := dialog.NewForm(lang.L("Preferences"), lang.L("Apply"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Language"), langSel),
		widget.NewFormItem(lang.L("Theme"), themeSel),
		widget.NewFormItem("", snap),
		widget.NewFormItem(lang.L("Timeline times"), tfmt),
		widget.NewFormItem(lang.L("Default template"), tsel),
		widget.NewFormItem(lang.L("Default platform"), psel),
	}, func(ok bool) {
		if !ok {
			return
		}
		code := languages[max(0, langSel.SelectedIndex())].Code
		relabel := false
		if code != cur {
			prefs.SetString(prefLanguage, code)
			setupTranslations(code)
			relabel = true
		}
		th := themes[max(0, themeSel.SelectedIndex())]
		prefs.SetString(prefTheme, th)
		m.app.Settings().SetTheme(newTheme(th))
		m.setSnap(snap.Checked)
		prefs.SetInt(prefTimeFormat, max(0, tfmt.SelectedIndex()))
		m.timeline.tl.SetTimeFormat(timeline.TimeFormat(max(0, tfmt.SelectedIndex())))
		prefs.SetString(prefDefaultTemplate, string(storyboard.Templates[max(0, tsel.SelectedIndex())].Format))
		prefs.SetString(prefDefaultPlatform, storyboard.Platforms[max(0, psel.SelectedIndex())].ID)
		if relabel {
			m.rebuild()
		} else {
			m.refresh()
		}
	}, m.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
