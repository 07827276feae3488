package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
	"github.com/reelboard/reelboard/ui/timeline"
)

// inspector edits every field of the selected card. Each edit becomes an
// undoable step through the Editor; typing in one field merges into one step.
type inspector struct {
	ed       *Editor
	win      fyne.Window
	updating bool
	typing   bool // the change being shown comes from typing in a field
	id       uuid.UUID
	several  *widget.Label // "3 cards selected", while several are

	empty                      *widget.Label
	form                       *fyne.Container
	title, seconds, beats      *textEntry
	notes, onScreen, voiceOver *textEntry
	image, media, mediaIn      *textEntry
	kind, act, color           *selectField
	captured                   *checkField
	beatsHint                  *widget.Label
	problem                    *widget.Label            // why the Seconds value was refused, below the field
	problems                   map[string]*widget.Label // the refusal shown below each field that can refuse
	imageItem, mediaItem       *widget.FormItem
	fields                     *widget.Form
	content                    fyne.CanvasObject
}

// Fields of the inspector that can refuse a value, each with its reason
// shown below it.
const (
	fieldSeconds = "seconds"
	fieldBeats   = "beats"
	fieldIn      = "in-point"
	fieldOther   = "other"
)

func newInspector(ed *Editor, win fyne.Window, space, undo, redo func()) *inspector {
	in := &inspector{ed: ed, win: win, problems: map[string]*widget.Label{}}
	in.empty = widget.NewLabel(lang.L("Select a card to edit it."))
	in.empty.Wrapping = fyne.TextWrapWord
	entry := func() *textEntry { return newTextEntry(false, undo, redo) }
	problem := func(field string) *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		l.SizeName = theme.SizeNameCaptionText
		l.Hide()
		in.problems[field] = l
		return l
	}

	in.title = entry()
	in.title.OnChanged = func(s string) {
		in.edit("title", func(c *storyboard.Card) { c.Title = s })
	}
	var kinds []string
	for _, k := range storyboard.ShotKinds {
		kinds = append(kinds, kindName(k.Kind))
	}
	in.kind = newSelectField(kinds, func(s string) {
		for _, k := range storyboard.ShotKinds {
			if kindName(k.Kind) == s {
				in.edit("kind", func(c *storyboard.Card) { c.Kind = k.Kind })
			}
		}
	}, space)
	var acts []string
	for _, a := range storyboard.Acts {
		acts = append(acts, actName(a))
	}
	in.act = newSelectField(acts, func(s string) {
		for _, a := range storyboard.Acts {
			if actName(a) == s {
				in.edit("act", func(c *storyboard.Card) { c.Act = a })
			}
		}
	}, space)
	in.problem = problem(fieldSeconds)
	problem(fieldBeats)
	problem(fieldIn)
	problem(fieldOther)
	in.seconds = entry()
	in.seconds.OnChanged = func(s string) {
		if in.updating {
			return
		}
		d, ok := parseSeconds(s)
		if !ok {
			in.refuse(fieldSeconds, lang.L("Enter a positive number of seconds."))
			return
		}
		in.setDuration(fieldSeconds, d)
	}
	in.beats = entry()
	in.beats.OnChanged = func(s string) {
		if in.updating {
			return
		}
		p := in.ed.Project
		grid, _ := p.BeatGrid()
		i := in.ed.Selected()
		n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
		if len(grid) < 2 || i < 0 {
			return
		}
		if err != nil || n <= 0 {
			in.refuse(fieldBeats, lang.L("Enter a positive number of beats."))
			return
		}
		// n beats on the song's grid from the card's start.
		start := p.Start(i)
		a, _ := timeline.BeatPos(grid, start)
		in.setDuration(fieldBeats, gridTime(grid, a+n)-start)
	}
	in.beatsHint = widget.NewLabel("")
	in.notes = newTextEntry(true, undo, redo)
	in.notes.SetMinRowsVisible(3)
	in.notes.OnChanged = func(s string) { in.edit("notes", func(c *storyboard.Card) { c.Notes = s }) }
	in.onScreen = entry()
	in.onScreen.OnChanged = func(s string) { in.edit("on-screen text", func(c *storyboard.Card) { c.OnScreenText = s }) }
	in.voiceOver = newTextEntry(true, undo, redo)
	in.voiceOver.SetMinRowsVisible(2)
	in.voiceOver.OnChanged = func(s string) { in.edit("voice-over", func(c *storyboard.Card) { c.VoiceOver = s }) }
	in.image = entry()
	in.image.OnChanged = func(s string) { in.edit("image", func(c *storyboard.Card) { c.Image = strings.TrimSpace(s) }) }
	in.media = entry()
	in.media.OnChanged = func(s string) {
		in.edit("media", func(c *storyboard.Card) {
			s = strings.TrimSpace(s)
			switch {
			case s == "":
				c.Media = nil
			case c.Media == nil:
				c.Media = &storyboard.MediaLink{Path: s}
			default:
				c.Media.Path = s
			}
		})
	}
	in.mediaIn = entry()
	in.mediaIn.OnChanged = func(s string) {
		if in.updating {
			return
		}
		t, ok := parseSecondsZero(s)
		if !ok {
			in.refuse(fieldIn, lang.L("Enter the in-point in seconds from the clip's start (0 or more)."))
			return
		}
		in.editField(fieldIn, "in-point", func(c *storyboard.Card) {
			if c.Media != nil {
				c.Media.In = t
			}
		})
	}
	colors := []string{colorName("")}
	for _, t := range storyboard.ColorTags {
		colors = append(colors, colorName(t))
	}
	in.color = newSelectField(colors, func(s string) {
		tag := ""
		for _, t := range storyboard.ColorTags {
			if colorName(t) == s {
				tag = t
			}
		}
		in.edit("colour tag", func(c *storyboard.Card) { c.Color = tag })
	}, space)
	in.captured = newCheckField(lang.L("Captured on set"), func(b bool) {
		in.edit("captured", func(c *storyboard.Card) { c.Captured = b })
	}, space)

	browse := func(target *textEntry, filter []string) *widget.Button {
		return widget.NewButton(lang.L("Browse…"), func() {
			// In the folder of the file named now, else the project's.
			dir := ""
			if in.ed.Path != "" {
				dir = filepath.Dir(in.ed.Path)
			}
			if t := strings.TrimSpace(target.Text); t != "" {
				if !filepath.IsAbs(t) && dir != "" {
					t = filepath.Join(dir, t)
				}
				if fi, err := os.Stat(filepath.Dir(t)); err == nil && fi.IsDir() {
					dir = filepath.Dir(t)
				}
			}
			browseFile(in.win, dir, filter, func(p string, err error) {
				if err == nil {
					target.SetText(p)
				}
			})
		})
	}
	imageRow := minWidth(pathMinWidth, container.NewBorder(nil, nil, nil, browse(in.image, imageExts), in.image))
	mediaRow := minWidth(pathMinWidth, container.NewBorder(nil, nil, nil, browse(in.media, videoExts), in.media))
	in.imageItem = widget.NewFormItem(lang.L("Reference image"), imageRow)
	in.mediaItem = widget.NewFormItem(lang.L("Linked media"), mediaRow)

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Title"), in.title),
		widget.NewFormItem(lang.L("Shot kind"), in.kind),
		widget.NewFormItem(lang.L("Act"), in.act),
		widget.NewFormItem(lang.L("Seconds"), container.NewVBox(in.seconds, in.problems[fieldSeconds])),
		widget.NewFormItem(lang.L("Beats"), container.NewVBox(container.NewBorder(nil, nil, nil, in.beatsHint, minWidth(beatsMinWidth, in.beats)), in.problems[fieldBeats])),
		widget.NewFormItem(lang.L("Notes"), in.notes),
		widget.NewFormItem(lang.L("On-screen text"), in.onScreen),
		widget.NewFormItem(lang.L("Voice-over"), in.voiceOver),
		in.imageItem,
		in.mediaItem,
		widget.NewFormItem(lang.L("In-point (s)"), container.NewVBox(in.mediaIn, in.problems[fieldIn])),
		widget.NewFormItem(lang.L("Colour tag"), in.color),
		widget.NewFormItem("", in.captured),
	)
	in.fields = form
	in.several = widget.NewLabel("")
	in.several.Importance = widget.WarningImportance
	in.several.Wrapping = fyne.TextWrapWord
	in.several.Hide()
	in.form = container.NewVBox(in.several, form, in.problems[fieldOther])
	in.content = minWidth(inspectorMinWidth, container.NewStack(in.empty, in.form))
	return in
}

func (in *inspector) edit(field string, change func(c *storyboard.Card)) {
	in.editField(fieldOther, field, change)
}

// editField applies change to the card shown; a refusal shows its reason
// below the field shown as problem.
func (in *inspector) editField(shown, field string, change func(c *storyboard.Card)) {
	if in.updating || in.id == uuid.Nil {
		return
	}
	i := in.ed.Project.Index(in.id)
	if i < 0 {
		return
	}
	before := in.ed.Project.Cards[i].Clone()
	after := before.Clone()
	change(&after)
	if cardEqual(before, after) {
		in.refuse(shown, "")
		return
	}
	in.typing = true
	err := in.ed.UpdateCard(in.id, field, change)
	in.typing = false
	in.refuse(shown, editReason(err))
}

// setDuration sets the shown card's duration, typed in the field shown.
func (in *inspector) setDuration(shown string, d storyboard.Time) {
	if in.updating || in.id == uuid.Nil {
		return
	}
	i := in.ed.Project.Index(in.id)
	if i < 0 {
		return
	}
	if in.ed.Project.Cards[i].Duration == d {
		in.refuse(shown, "")
		return
	}
	in.typing = true
	err := in.ed.SetDuration(in.id, d)
	in.typing = false
	if errors.Is(err, storyboard.ErrInvalid) {
		frame := in.ed.Project.Rate.FrameDuration()
		in.refuse(shown, lang.L("A card lasts from one frame ({{.Frame}} s at {{.Rate}} fps) to 24 hours, and the reel at most 24 hours.",
			map[string]any{"Frame": formatDecimal(frame.Seconds(), 3), "Rate": in.ed.Project.Rate.String()}))
		return
	}
	in.refuse(shown, editReason(err))
}

// refuse shows why the value typed in field was refused, or clears it
// when msg is "".
func (in *inspector) refuse(field, msg string) {
	l := in.problems[field]
	if l == nil || l.Text == msg {
		return
	}
	l.SetText(msg)
	l.Hidden = msg == ""
	l.Refresh()
	in.form.Refresh()
}

func cardEqual(a, b storyboard.Card) bool {
	am, bm := a.Media, b.Media
	a.Media, b.Media = nil, nil
	if a != b {
		return false
	}
	if am == nil || bm == nil {
		return am == bm
	}
	return *am == *bm
}

// refresh shows the selected card; the focused field keeps what the user is
// typing.
func (in *inspector) refresh(focused fyne.Focusable) {
	i := in.ed.Selected()
	if i < 0 {
		in.id = uuid.Nil
		in.empty.Show()
		in.form.Hide()
		return
	}
	in.empty.Hide()
	in.form.Show()
	// With several cards selected the fields are the current card's: say
	// so, since an edit here changes that card only.
	if n := len(in.ed.Selection()); n > 1 {
		in.several.SetText(fmt.Sprintf(lang.L("%d cards selected; these fields are card %d's."), n, i+1))
		in.several.Show()
	} else {
		in.several.Hide()
	}
	c := in.ed.Project.Cards[i]
	newCard := in.id != c.ID
	if newCard {
		for f := range in.problems {
			in.refuse(f, "")
		}
	}
	in.id = c.ID
	in.updating = true
	defer func() { in.updating = false }()
	set := func(e *textEntry, s string) {
		// The field being typed in keeps its text (and cursor); an undo,
		// a redo or a drag elsewhere shows in it too.
		if newCard || !in.typing || focused != fyne.Focusable(e) {
			if e.Text != s {
				e.SetText(s)
			}
		}
	}
	set(in.title, c.Title)
	choose := func(sel *selectField, s string) {
		if sel.Selected != s {
			sel.SetSelected(s)
		}
	}
	choose(in.kind, kindName(c.Kind))
	choose(in.act, actName(c.Act))
	set(in.seconds, formatDecimal(c.Duration.Seconds(), 3))
	if n, ok := cardBeats(in.ed.Project, in.ed.Selected()); ok {
		in.beats.Enable()
		bpm := songTempo(in.ed.Project)
		if bpm <= 0 {
			bpm = 60 / beatLength(in.ed.Project).Seconds()
		}
		// The song's tempo, not the local one between two beats.
		if hint := numfmt.Fixed(bpm, 1) + " BPM"; in.beatsHint.Text != hint {
			in.beatsHint.SetText(hint)
		}
		set(in.beats, formatDecimal(n, 2))
	} else {
		in.beats.Disable()
		if hint := lang.L("no tempo yet"); in.beatsHint.Text != hint {
			in.beatsHint.SetText(hint)
		}
		set(in.beats, "")
	}
	set(in.notes, c.Notes)
	set(in.onScreen, c.OnScreenText)
	set(in.voiceOver, c.VoiceOver)
	set(in.image, c.Image)
	hint := func(item *widget.FormItem, path string) {
		if base := baseName(path); item.HintText != base {
			item.HintText = base
			in.fields.Refresh()
		}
	}
	hint(in.imageItem, c.Image)
	if c.Media != nil {
		hint(in.mediaItem, c.Media.Path)
		set(in.media, c.Media.Path)
		set(in.mediaIn, formatDecimal(c.Media.In.Seconds(), 3))
		in.mediaIn.Enable()
	} else {
		hint(in.mediaItem, "")
		set(in.media, "")
		set(in.mediaIn, "")
		in.mediaIn.Disable()
	}
	choose(in.color, colorName(c.Color))
	if in.captured.Checked != c.Captured {
		in.captured.SetChecked(c.Captured)
	}
}

// formatDecimal shows f with at most places decimals, without trailing
// zeros: formatDecimal(4.133333, 3) = "4.133", formatDecimal(2, 3) = "2".
func formatDecimal(f float64, places int) string {
	return numfmt.Trim(f, places) // "4,133" in Italian: the fields read both
}

// parseSeconds parses a positive number of seconds ("2", "1.5", "1,5").
func parseSeconds(s string) (storyboard.Time, bool) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
	if err != nil || f <= 0 || f > 24*3600 {
		return 0, false
	}
	return storyboard.Seconds(f), true
}

// The inspector's minimum widths, so that it stays usable in every language.
const (
	inspectorMinWidth = 360
	pathMinWidth      = 200
	beatsMinWidth     = 80
)

// baseName is the file name a path field shows below it; "" for no path.
func baseName(path string) string {
	if strings.TrimSpace(path) == "" {
		return ""
	}
	return filepath.Base(path)
}

// minWidth lays o out at least w wide.
func minWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&minWidthLayout{width: w}, o)
}

type minWidthLayout struct{ width float32 }

func (l *minWidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *minWidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.width, 0)
	for _, o := range objects {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	return s
}

// selectWidth is the width a widget.Select needs to show the longest of
// options in full, with its padding and drop-down icon.
func selectWidth(options []string) float32 {
	w := float32(0)
	for _, o := range options {
		w = max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return w + 4*theme.Padding() + theme.IconInlineSize() + 2*theme.InnerPadding()
}

// update shows what ch changed of the card shown.
func (in *inspector) update(ch Change, focused fyne.Focusable) {
	if ch.Project || ch.Order || ch.Selection || ch.Soundtrack || ch.Settings || in.id == uuid.Nil || contains(ch.Cards, in.id) {
		in.refresh(focused)
	}
}
