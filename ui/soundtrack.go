package ui

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
)

// soundtrackPanel chooses the music, shows the analysis progress and lets the
// user override tempo and beat phase, and set where the music starts. The
// music itself (decoding, analysis) is the music service's; the panel shows
// its state.
type soundtrackPanel struct {
	ed        *Editor
	svc       *music
	win       fyne.Window
	file      *widget.Label
	progress  *widget.ProgressBar
	status    *widget.Label
	offset    *textEntry
	tempo     *textEntry
	phase     *textEntry
	problem   *widget.Label // why the last typed value was refused
	metronome *checkField
	form      *widget.Form
	tapBtn    *widget.Button
	taps      tapTempo
	now       func() time.Time // the clock of the taps (tests set it)
	updating  bool
	typing    bool // the change being shown comes from typing in a field
	content   fyne.CanvasObject

	// Wired by the window.
	report      func(error)
	OnMetronome func(bool)
	OnFitted    func(storyboard.FitReport) // the plan was fitted to a new song
}

func newSoundtrackPanel(ed *Editor, svc *music, win fyne.Window, metronome bool, space, undo, redo func()) *soundtrackPanel {
	s := &soundtrackPanel{ed: ed, svc: svc, win: win, report: func(error) {}}
	s.file = widget.NewLabel("")
	s.file.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButtonWithIcon(lang.L("Choose music…"), theme.MediaMusicIcon(), s.chooseDialog)
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.problem = widget.NewLabel("")
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	s.offset = newTextEntry(false, undo, redo)
	s.offset.SetPlaceHolder("0")
	s.offset.OnChanged = func(v string) {
		if s.updating || ed.Project.Soundtrack == nil {
			return
		}
		t, ok := parseSecondsZero(v)
		if !ok {
			s.setProblem(lang.L("Type where the music starts, in seconds from the song's start (0 or more)."))
			return
		}
		s.setProblem("")
		if ed.Project.Soundtrack.Offset == t {
			return
		}
		st := ed.Project.Soundtrack.Clone()
		st.Offset = t
		s.typing = true
		s.report(ed.SetSoundtrack("soundtrack/offset", st))
		s.typing = false
	}
	s.tempo = newTextEntry(false, undo, redo)
	s.tempo.SetPlaceHolder(lang.L("analysed"))
	s.tempo.OnChanged = func(v string) {
		if s.updating || ed.Project.Soundtrack == nil {
			return
		}
		bpm := 0.0
		if strings.TrimSpace(v) != "" {
			f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", "."), 64)
			if err != nil || f < storyboard.MinTempo || f > storyboard.MaxTempo {
				s.setProblem(fmt.Sprintf(lang.L("Type a tempo from %g to %g BPM, or leave it empty for the analysed one."), storyboard.MinTempo, storyboard.MaxTempo))
				return
			}
			bpm = f
		}
		s.setProblem("")
		if ed.Project.Soundtrack.TempoOverride == bpm {
			return
		}
		st := ed.Project.Soundtrack.Clone()
		st.TempoOverride = bpm
		s.typing = true
		s.report(ed.SetSoundtrack("soundtrack/tempo", st))
		s.typing = false
	}
	s.phase = newTextEntry(false, undo, redo)
	s.phase.SetPlaceHolder("0")
	s.phase.OnChanged = func(v string) {
		if s.updating || ed.Project.Soundtrack == nil {
			return
		}
		ms, err := strconv.Atoi(strings.TrimSpace(v))
		if strings.TrimSpace(v) == "" {
			ms, err = 0, nil
		}
		if err != nil {
			s.setProblem(lang.L("Type the beat phase as a whole number of milliseconds, such as -20 or 15."))
			return
		}
		s.setProblem("")
		t := storyboard.Time(ms) * storyboard.Millisecond
		if ed.Project.Soundtrack.PhaseNudge == t {
			return
		}
		st := ed.Project.Soundtrack.Clone()
		st.PhaseNudge = t
		s.typing = true
		s.report(ed.SetSoundtrack("soundtrack/phase", st))
		s.typing = false
	}
	s.metronome = newCheckField(lang.L("Metronome"), func(on bool) {
		if s.OnMetronome != nil {
			s.OnMetronome(on)
		}
	}, space)
	s.metronome.SetChecked(metronome)
	s.now = time.Now
	s.tapBtn = widget.NewButton(lang.L("Tap"), s.tap)
	s.form = widget.NewForm(
		widget.NewFormItem(lang.L("Music starts at (s)"), s.offset),
		widget.NewFormItem(lang.L("Tempo (BPM)"), newFieldButton(s.tempo, s.tapBtn)),
		widget.NewFormItem(lang.L("Beat phase (ms)"), s.phase),
		widget.NewFormItem("", s.metronome),
	)
	hint := widget.NewLabel(lang.L("Or drop an audio file onto the window."))
	hint.SizeName = theme.SizeNameCaptionText
	s.content = container.NewPadded(container.NewVBox(choose, hint, s.file, s.progress, s.status, s.form, s.problem))
	s.showState()
	s.refresh()
	return s
}

// tap is a press of the Tap button: from the fourth tap on, the tempo field
// takes the tapped tempo (one undoable step for the whole count, as typing
// is), for music the analysis found no steady beat in.
func (s *soundtrackPanel) tap() {
	if s.ed.Project.Soundtrack == nil {
		return
	}
	bpm, ok := s.taps.tap(s.now())
	if !ok {
		s.tapBtn.SetText(fmt.Sprintf(lang.L("Tap (%d)"), s.taps.count()))
		return
	}
	s.tapBtn.SetText(lang.L("Tap"))
	bpm = math.Round(bpm*10) / 10
	s.tempo.SetText(numfmt.Fixed(bpm, 1)) // OnChanged applies it
}

func (s *soundtrackPanel) setProblem(msg string) {
	if s.problem.Text == msg {
		return
	}
	s.problem.SetText(msg)
	s.problem.Hidden = msg == ""
	s.problem.Refresh()
}

func parseSecondsZero(v string) (storyboard.Time, bool) {
	if strings.TrimSpace(v) == "" || strings.TrimSpace(v) == "0" {
		return 0, true
	}
	return parseSeconds(v)
}

func (s *soundtrackPanel) chooseDialog() {
	prefs := fyne.CurrentApp().Preferences()
	dir := prefs.String(prefLastMusicFolder)
	if fi, err := os.Stat(dir); dir == "" || err != nil || !fi.IsDir() {
		dir = s.projectDir()
	}
	showOpenPath(s.win, lang.L("Choose Music"), dir, audioExts, func(path string) {
		prefs.SetString(prefLastMusicFolder, filepath.Dir(path))
		s.choose(path)
	})
}

// choose makes path the music. When the plan already has music and cards,
// it asks first: keep the cards' timings (the new song slides under them),
// or fit the plan to the new song (one undoable edit, once it is analysed).
func (s *soundtrackPanel) choose(path string) {
	p := s.ed.Project
	if p.Soundtrack == nil || p.Soundtrack.Path == "" || len(p.Cards) == 0 || p.Soundtrack.Path == path {
		s.svc.Choose(path)
		return
	}
	msg := widget.NewLabel(fmt.Sprintf(lang.L("The plan is timed on %s. Fit it to %s (whole beats, acts on its sections), or keep the cards' timings?"),
		filepath.Base(p.Soundtrack.Path), filepath.Base(path)))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	keep := widget.NewButtonWithIcon(lang.L("Keep the timings"), theme.MediaMusicIcon(), func() {
		d.Hide()
		s.svc.Choose(path)
	})
	fit := widget.NewButtonWithIcon(lang.L("Fit to the new song"), theme.ConfirmIcon(), func() {
		d.Hide()
		s.svc.ChooseFit(path, storyboard.FitOptions{}, func(r storyboard.FitReport, err error) {
			if err != nil {
				s.report(err)
				return
			}
			if s.OnFitted != nil {
				s.OnFitted(r)
			}
		})
	})
	fit.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { d.Hide() }) // the song stays
	d = dialog.NewCustomWithoutButtons(lang.L("Another song"), msg, s.win)
	d.SetButtons([]fyne.CanvasObject{cancel, keep, fit})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// projectDir is the project's folder, else the home folder.
func (s *soundtrackPanel) projectDir() string {
	if s.ed.Path != "" {
		if abs, err := filepath.Abs(filepath.Dir(s.ed.Path)); err == nil {
			return abs
		}
	}
	home, _ := os.UserHomeDir()
	return home
}

// showState shows the music service's progress and status.
func (s *soundtrackPanel) showState() {
	if s.svc.Busy() {
		s.progress.SetValue(s.svc.done)
		s.progress.Show()
	} else {
		s.progress.Hide()
	}
	if s.status.Text != s.svc.Status() {
		s.status.SetText(s.svc.Status())
	}
}

// update shows what ch changed of the soundtrack.
func (s *soundtrackPanel) update(ch Change) {
	if ch.Soundtrack || ch.Project {
		s.refresh()
	}
}

func (s *soundtrackPanel) refresh() {
	st := s.ed.Project.Soundtrack
	s.updating = true
	defer func() { s.updating = false }()
	focused := s.win.Canvas().Focused()
	set := func(e *textEntry, v string) {
		if (!s.typing || focused != fyne.Focusable(e)) && e.Text != v {
			e.SetText(v)
		}
	}
	if st == nil || st.Analysis == nil || st.TempoOverride > 0 {
		s.tempo.SetPlaceHolder(lang.L("analysed"))
	}
	if st == nil {
		s.file.SetText(lang.L("No music chosen."))
		for _, e := range []*textEntry{s.offset, s.tempo, s.phase} {
			set(e, "")
			e.Disable()
		}
		s.tapBtn.Disable()
		s.setProblem("")
		s.form.Refresh() // the labels follow their fields' state
		return
	}
	s.file.SetText(filepath.Base(st.Path))
	if s.offset.Disabled() {
		for _, e := range []*textEntry{s.offset, s.tempo, s.phase} {
			e.Enable()
		}
		s.form.Refresh() // the labels follow their fields' state
	}
	s.tapBtn.Enable()
	set(s.offset, numfmt.Trim(st.Offset.Seconds(), 3)) // to the millisecond, as the ruler
	if st.TempoOverride > 0 {
		set(s.tempo, numfmt.Trim(st.TempoOverride, 3))
	} else {
		set(s.tempo, "")
	}
	if st.Analysis != nil && st.TempoOverride <= 0 {
		s.tempo.SetPlaceHolder(numfmt.Fixed(st.Analysis.TempoBPM, 1))
	}
	set(s.phase, strconv.Itoa(int(st.PhaseNudge/storyboard.Millisecond)))
}
