package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

// Variants in the window: the toolbar's Variant selector shows the whole
// plan or one of its cut-downs. The cards are always edited on the whole
// plan; with a variant shown, the pacing panel checks the variant against
// its own platform, the length readout is the variant's, and File ▸ Export
// writes the variant.

// variantNames is the selector's list: the whole plan, the variants, and
// Add Variant… (so that a newcomer finds where variants come from).
func (m *mainWindow) variantNames() []string {
	names := []string{lang.L("Whole plan")}
	for _, v := range m.ed.Project.Variants {
		names = append(names, v.Name)
	}
	return append(names, lang.L("Add Variant…"))
}

// shownProject is the project the pacing panel, the length readout and the
// exports are about: the whole plan or the variant shown. A variant that
// cannot be made (its cards were all deleted) falls back to the plan.
//
// The variant is made once per change of the plan (the length readout, the
// pacing panel and an export all ask), so callers must not modify it.
func (m *mainWindow) shownProject() *storyboard.Project {
	if m.variant == "" {
		return m.ed.Project
	}
	if m.shownCache != nil {
		return m.shownCache
	}
	q, err := m.ed.Project.VariantProject(m.variant)
	if err != nil {
		return m.ed.Project
	}
	m.shownCache = q
	return q
}

// showVariant shows the variant named name ("" for the whole plan): the
// timeline shows it, read only, and the transport and the monitor play it;
// the grid and the inspector stay on the plan, where the cards are edited.
func (m *mainWindow) showVariant(name string) {
	if m.chooser != nil {
		m.closeExcerpts() // an excerpt is chosen for the plan
	}
	m.variant = name
	m.shownCache = nil
	m.syncVariants()
	if m.trans.player != nil && m.trans.player.Playing() {
		m.trans.pause()
	}
	m.timeline.tl.SetReadOnly(m.variant != "")
	m.timeline.update(Change{Project: true})
	m.timeline.zoomFit()
	m.showVariantBar()
	m.trans.seekTo(0) // another reel: from its start
	m.pacing.refresh()
	m.showLength()
	if m.cmds.updateEnabled() && m.menu != nil {
		m.menu.Refresh()
	}
}

// syncVariants lists the project's variants in the selector, and falls back
// to the whole plan when the variant shown is gone.
func (m *mainWindow) syncVariants() {
	if _, ok := m.ed.Project.Variant(m.variant); !ok {
		m.variant = ""
	}
	name := m.variant
	if m.variantSel != nil {
		names := m.variantNames()
		m.variantSel.Options = names
		i := 0
		for k, n := range m.ed.Project.Variants {
			if n.Name == name {
				i = k + 1
			}
		}
		if m.variantSel.SelectedIndex() != i {
			m.variantSel.SetSelectedIndex(i)
		}
		m.variantSel.Refresh()
	}
}

// showLength shows the reel's length (or the variant's) against its
// platform.
func (m *mainWindow) showLength() {
	p := m.shownProject()
	t := lengthText(p)
	if m.variant != "" {
		t = m.variant + " · " + t
	}
	if m.length.Text != t || m.length.Importance != lengthImportance(p) {
		m.length.Importance = lengthImportance(p)
		m.length.SetText(t)
	}
}

// addVariantDialog derives a variant from a preset (15 s Story, 30 s Reel,
// 60 s Short, 2-minute making-of) as one undoable edit and shows it.
func (m *mainWindow) addVariantDialog() {
	var labels []string
	for _, v := range storyboard.VariantPresets {
		name := v.Platform
		if pl, ok := storyboard.PlatformByID(v.Platform); ok {
			name = pl.Name
		}
		labels = append(labels, fmt.Sprintf(lang.L("%s (%s, %s)"), lang.L(v.Name), name, v.Length))
	}
	sel := newSelectField(labels, nil, nil)
	sel.SetSelectedIndex(1)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	intro := widget.NewLabel(lang.L("A variant keeps the must-have cards and as many optional ones as its length holds, fitted to an excerpt of the song on its own platform. Mark cards optional in the inspector."))
	intro.Wrapping = fyne.TextWrapWord
	var d *dialog.ConfirmDialog
	apply := func() bool {
		spec := storyboard.VariantPresets[max(0, sel.SelectedIndex())]
		spec.Name = lang.L(spec.Name) // the variant is named in the user's language
		cmd := storyboard.SetVariant(spec)
		if err := m.ed.Do(cmd); err != nil {
			problem.SetText(editReason(err))
			problem.Show()
			return false
		}
		m.showVariant(spec.Name)
		m.say(fmt.Sprintf(lang.L("Variant %s: %s"), spec.Name, fitAccount(cmd.Report)))
		return true
	}
	d = dialog.NewCustomConfirm(lang.L("Add Variant"), lang.L("Add"), lang.L("Cancel"),
		widget.NewForm(widget.NewFormItem(lang.L("Variant"), sel), widget.NewFormItem("", intro), widget.NewFormItem("", problem)),
		func(ok bool) {
			if ok && !apply() {
				d.Show() // stays open with the reason
			}
		}, m.win)
	d.Resize(fyne.NewSize(620, 0))
	m.showAnswered(d, func() {
		if apply() {
			d.Hide()
		}
	}, d.Hide)
}

// deleteVariant deletes the variant shown, one undoable edit.
func (m *mainWindow) deleteVariant() {
	if m.variant == "" {
		return
	}
	name := m.variant
	if err := m.ed.Do(storyboard.DeleteVariant(name)); err != nil {
		m.report(err)
		return
	}
	m.showVariant("")
}

// showVariantBar says above the timeline which variant it shows, read
// only, with a way back to the whole plan; it hides the bar for the plan.
func (m *mainWindow) showVariantBar() {
	if m.variant == "" {
		if m.chooser == nil {
			m.timeline.setBar(nil)
		}
		return
	}
	q := m.shownProject()
	say := fmt.Sprintf(lang.L("Showing the variant %s: %d of %d cards, %s. A view: edit the cards in the grid and the inspector, on the whole plan."),
		m.variant, len(q.Cards), len(m.ed.Project.Cards), q.Length())
	if m.variantBar != nil && m.timeline.showsBar(m.variantBarBox) {
		if m.variantBar.Text != say { // an edit of the plan: the same bar, its text again
			m.variantBar.SetText(say)
		}
		return
	}
	text := widget.NewLabel(say)
	text.Wrapping = fyne.TextWrapWord
	back := widget.NewButtonWithIcon(lang.L("Show the Whole Plan"), theme.NavigateBackIcon(), func() {
		m.variantSel.SetSelectedIndex(0)
	})
	m.variantBar = text
	m.variantBarBox = container.NewBorder(nil, nil, nil, back, text)
	m.timeline.setBar(m.variantBarBox)
}
