package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// finding is one pacing finding as the panel shows it.
type finding struct {
	Error   bool
	Code    string
	Message string
	Card    uuid.UUID // uuid.Nil when the finding is about the whole reel
}

// checkProject runs the pacing checks. It is nil while storyboard.Check is
// not in this build.
var checkProject func(p *storyboard.Project) []finding

// pacingPanel lists the pacing findings, live as the project changes; a tap
// on a finding about a card selects the card.
type pacingPanel struct {
	ed       *Editor
	findings []finding
	list     *widget.List
	summary  *widget.Label
	content  fyne.CanvasObject
}

func newPacingPanel(ed *Editor) *pacingPanel {
	pp := &pacingPanel{ed: ed}
	pp.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pp.list = widget.NewList(
		func() int { return len(pp.findings) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(pp.findings) {
				return
			}
			f := pp.findings[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(findingText(f))
			icon := c.Objects[1].(*widget.Icon)
			if f.Error {
				icon.SetResource(theme.ErrorIcon())
			} else {
				icon.SetResource(theme.WarningIcon())
			}
		})
	pp.list.OnSelected = func(i widget.ListItemID) {
		if i < len(pp.findings) && pp.findings[i].Card != uuid.Nil {
			pp.ed.Select(pp.findings[i].Card)
		}
		pp.list.UnselectAll()
	}
	pp.content = container.NewBorder(pp.summary, nil, nil, nil, pp.list)
	return pp
}

// findingText is the translated message of f, looked up by its code.
func findingText(f finding) string {
	return lang.X("finding."+f.Code, f.Message)
}

func (pp *pacingPanel) refresh() {
	if checkProject == nil {
		pp.findings = nil
		pp.summary.SetText(lang.L("Pacing checks are not available in this build."))
		pp.list.Refresh()
		return
	}
	pp.findings = checkProject(pp.ed.Project)
	errs := 0
	for _, f := range pp.findings {
		if f.Error {
			errs++
		}
	}
	switch {
	case len(pp.findings) == 0:
		pp.summary.SetText(lang.L("Pacing: no findings, the reel is in shape."))
	default:
		pp.summary.SetText(lang.L("Pacing: {{.Errors}} errors, {{.Warnings}} warnings", map[string]any{"Errors": errs, "Warnings": len(pp.findings) - errs}))
	}
	pp.list.Refresh()
}
