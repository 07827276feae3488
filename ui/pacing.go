package ui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

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
	Hint    bool
	Code    string
	Message string         // English
	Args    map[string]any // for the translated message
	raw     map[string]any // the check's own arguments (an act's and a kind's IDs)
	Card    uuid.UUID      // uuid.Nil when the finding is about an act or the reel
	At      storyboard.Time
}

// checkProject runs the pacing checks.
var checkProject = func(p *storyboard.Project) []finding {
	var out []finding
	for _, f := range storyboard.Check(p) {
		args := map[string]any{}
		for k, v := range f.Args {
			args[k] = v
		}
		if a, ok := storyboard.ParseAct(fmt.Sprint(f.Args["Act"])); ok {
			args["Act"] = actName(a)
		}
		if k, ok := f.Args["Kind"].(string); ok {
			args["Kind"] = kindName(storyboard.ShotKind(k))
		}
		out = append(out, finding{Error: f.Severity == storyboard.Error, Hint: f.Severity == storyboard.Hint, Code: f.Code, Message: f.Message, Args: args, raw: f.Args, Card: f.CardID, At: f.At})
	}
	return out
}

// pacingPanel lists the pacing findings, live as the project changes; a tap
// on a finding about a card selects the card.
type pacingPanel struct {
	ed       *Editor
	findings []finding
	list     *widget.List
	summary  *widget.Label
	onSeek   func(storyboard.Time)
	problems func() []finding           // problems found outside the pacing checks (an unreadable soundtrack)
	target   func() *storyboard.Project // the project checked: the plan or the variant shown (nil: the plan)
	report   func(error)                // a fix was refused
	openFit  func()                     // opens Fit Plan to Music (the window's)
	shown    bool                       // the list shows findings
	detail   *widget.Label              // the full sentence of the finding last tapped
	picked   finding                    // that finding
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
			fix := widget.NewButton("", nil)
			fix.Importance = widget.LowImportance
			fix.Hide()
			return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), fix, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(pp.findings) {
				return
			}
			f := pp.findings[i]
			c := o.(*fyne.Container)
			if l, text := c.Objects[0].(*widget.Label), findingText(f); l.Text != text {
				l.SetText(text)
			}
			fix := c.Objects[2].(*widget.Button)
			if label, run := pp.fix(f); run != nil {
				fix.SetText(label)
				fix.OnTapped = func() {
					if err := run(); err != nil && pp.report != nil {
						pp.report(err)
					}
				}
				fix.Show()
			} else {
				fix.Hide()
			}
			icon := c.Objects[1].(*widget.Icon)
			if f.Error {
				icon.SetResource(theme.ErrorIcon())
			} else if f.Hint {
				icon.SetResource(theme.InfoIcon())
			} else {
				icon.SetResource(theme.WarningIcon())
			}
		})
	pp.detail = widget.NewLabel("")
	pp.detail.Wrapping = fyne.TextWrapWord
	pp.detail.Hide()
	pp.list.OnSelected = func(i widget.ListItemID) {
		if i < len(pp.findings) {
			// The list shortens long sentences: the tapped one shows whole.
			pp.picked = pp.findings[i]
			pp.detail.SetText(findingText(pp.picked))
			pp.detail.Show()
			if pp.findings[i].Card != uuid.Nil {
				pp.ed.Select(pp.findings[i].Card)
			}
			if pp.onSeek != nil {
				pp.onSeek(pp.findings[i].At)
			}
		}
		pp.list.UnselectAll()
	}
	pp.content = container.NewBorder(pp.summary, pp.detail, nil, nil, pp.list)
	return pp
}

// fix returns the button label and the edit that fixes f, or a nil edit
// when there is no single-step fix: snap an off-beat cut, shorten the reel
// to the platform's maximum or a shot to the longest comfortable, add the
// missing shot kind to its act, fit the plan to the music when the cards
// and the music region disagree.
func (pp *pacingPanel) fix(f finding) (string, func() error) {
	ed := pp.ed
	switch f.Code {
	case storyboard.CodeCutOffBeat:
		if f.Card != uuid.Nil {
			return lang.L("Snap to beat"), func() error { return ed.SnapCut(f.Card) }
		}
	case storyboard.CodeTooLongForPlatform:
		if max := ed.Project.PlatformPreset().Max; max > 0 {
			return lang.L("Shorten to the maximum"), func() error { return ed.ShortenTo(max) }
		}
	case storyboard.CodeShotTooLong:
		if max, ok := f.raw["Max"].(storyboard.Time); ok && f.Card != uuid.Nil {
			return lang.L("Shorten it"), func() error { return ed.ShortenCard(f.Card, max) }
		}
	case storyboard.CodeCardsPastMusic, storyboard.CodeMusicPastCards:
		if pp.openFit != nil {
			return lang.L("Fit Plan to Music…"), func() error { pp.openFit(); return nil }
		}
	case storyboard.CodeMissingShotKind:
		k, kok := f.raw["Kind"].(string)
		a, aok := storyboard.ParseAct(fmt.Sprint(f.raw["Act"]))
		if kok && aok {
			return lang.L("Add it"), func() error { return ed.AddCardIn(storyboard.ShotKind(k), a) }
		}
	}
	return "", nil
}

// findingText is the translated message of f, looked up by its code.
func findingText(f finding) string {
	return tr("finding."+f.Code, f.Message, f.Args)
}

func (pp *pacingPanel) refresh() {
	p := pp.ed.Project
	if pp.target != nil {
		p = pp.target()
	}
	found := checkProject(p)
	if pp.problems != nil {
		found = append(pp.problems(), found...)
	}
	if pp.shown && sameFindings(found, pp.findings) {
		return // typing a title changes no finding: nothing to redraw
	}
	pp.shown = true
	pp.findings = found
	if pp.detail.Visible() && !slices.ContainsFunc(found, func(f finding) bool { return sameFindings([]finding{f}, []finding{pp.picked}) }) {
		pp.detail.Hide() // the finding shown is fixed
	}
	errs, hints := 0, 0
	for _, f := range pp.findings {
		switch {
		case f.Error:
			errs++
		case f.Hint:
			hints++
		}
	}
	switch {
	case len(pp.findings) == 0:
		pp.summary.SetText(lang.L("Pacing: no findings, the reel is in shape."))
	default:
		pp.summary.SetText(pacingSummary(errs, len(pp.findings)-errs-hints, hints))
	}
	pp.list.Refresh()
}

// sameFindings reports whether a and b are the same findings in the same
// order, and so show the same.
func sameFindings(a, b []finding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Error != y.Error || x.Hint != y.Hint || x.Code != y.Code || x.Message != y.Message || x.Card != y.Card || x.At != y.At || !reflect.DeepEqual(x.Args, y.Args) {
			return false
		}
	}
	return true
}

// pacingSummary is the panel's headline: "Pacing: 0 errors, 1 warning, 13
// hints", with each count in its plural form.
func pacingSummary(errs, warns, hints int) string {
	list := strings.Join([]string{
		pluralCount("pacing.errors", errs, "{{.N}} error", "{{.N}} errors"),
		pluralCount("pacing.warnings", warns, "{{.N}} warning", "{{.N}} warnings"),
		pluralCount("pacing.hints", hints, "{{.N}} hint", "{{.N}} hints"),
	}, ", ")
	return lang.L("Pacing: {{.List}}", map[string]any{"List": list})
}
