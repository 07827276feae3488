package ui

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

// soundtrackPanel chooses the music, shows the analysis progress and lets the
// user override tempo and beat phase, and set where the music starts.
type soundtrackPanel struct {
	m         *mainWindow
	file      *widget.Label
	progress  *widget.ProgressBar
	status    *widget.Label
	offset    *widget.Entry
	tempo     *widget.Entry
	phase     *widget.Entry
	metronome *widget.Check
	updating  bool
	content   fyne.CanvasObject
}

func newSoundtrackPanel(m *mainWindow) *soundtrackPanel {
	s := &soundtrackPanel{m: m}
	s.file = widget.NewLabel("")
	s.file.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButtonWithIcon(lang.L("Choose music…"), theme.MediaMusicIcon(), s.chooseDialog)
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.offset = widget.NewEntry()
	s.offset.SetPlaceHolder("0")
	s.offset.OnChanged = func(v string) {
		t, ok := parseSecondsZero(v)
		if !ok || s.updating || s.m.ed.Project.Soundtrack == nil || s.m.ed.Project.Soundtrack.Offset == t {
			return
		}
		s.m.report(s.m.ed.ApplyMerge(lang.L("Set music start"), "soundtrack/offset", func(p *storyboard.Project) error {
			p.Soundtrack.Offset = t
			return nil
		}))
	}
	s.tempo = widget.NewEntry()
	s.tempo.SetPlaceHolder(lang.L("analysed"))
	s.tempo.OnChanged = func(v string) {
		bpm := 0.0
		if strings.TrimSpace(v) != "" {
			f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", "."), 64)
			if err != nil || f < 20 || f > 400 {
				return
			}
			bpm = f
		}
		if s.updating || s.m.ed.Project.Soundtrack == nil || s.m.ed.Project.Soundtrack.TempoOverride == bpm {
			return
		}
		s.m.report(s.m.ed.ApplyMerge(lang.L("Override tempo"), "soundtrack/tempo", func(p *storyboard.Project) error {
			p.Soundtrack.TempoOverride = bpm
			return nil
		}))
	}
	s.phase = widget.NewEntry()
	s.phase.SetPlaceHolder("0")
	s.phase.OnChanged = func(v string) {
		ms, err := strconv.Atoi(strings.TrimSpace(v))
		if strings.TrimSpace(v) == "" {
			ms, err = 0, nil
		}
		if err != nil || s.updating || s.m.ed.Project.Soundtrack == nil {
			return
		}
		t := storyboard.Time(ms) * storyboard.Millisecond
		if s.m.ed.Project.Soundtrack.PhaseNudge == t {
			return
		}
		s.m.report(s.m.ed.ApplyMerge(lang.L("Nudge beat phase"), "soundtrack/phase", func(p *storyboard.Project) error {
			p.Soundtrack.PhaseNudge = t
			return nil
		}))
	}
	s.metronome = widget.NewCheck(lang.L("Metronome"), func(on bool) { s.m.trans.setMetronome(on) })
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Music starts at (s)"), s.offset),
		widget.NewFormItem(lang.L("Tempo (BPM)"), s.tempo),
		widget.NewFormItem(lang.L("Beat phase (ms)"), s.phase),
		widget.NewFormItem("", s.metronome),
	)
	hint := widget.NewLabel(lang.L("Or drop an audio file onto the window."))
	hint.SizeName = theme.SizeNameCaptionText
	s.content = container.NewPadded(container.NewVBox(choose, hint, s.file, s.progress, s.status, form))
	return s
}

func parseSecondsZero(v string) (storyboard.Time, bool) {
	if strings.TrimSpace(v) == "" || strings.TrimSpace(v) == "0" {
		return 0, true
	}
	return parseSeconds(v)
}

func (s *soundtrackPanel) chooseDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, s.m.win)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.setSoundtrack(path)
	}, s.m.win)
	d.SetFilter(storage.NewExtensionFileFilter(audioExts))
	d.Show()
}

// setSoundtrack makes path the project's music (an undoable step) and starts
// decoding and analysing it.
func (s *soundtrackPanel) setSoundtrack(path string) {
	err := s.m.ed.Apply(lang.L("Set soundtrack"), func(p *storyboard.Project) error {
		st := &storyboard.Soundtrack{Path: path}
		if p.Soundtrack != nil {
			st.Offset = p.Soundtrack.Offset
		}
		p.Soundtrack = st
		return nil
	})
	s.m.report(err)
	if err == nil {
		s.load()
	}
}

// projectLoaded starts loading the music of a newly opened project.
func (s *soundtrackPanel) projectLoaded() { s.load() }

// load decodes and analyses the project's music in the background.
func (s *soundtrackPanel) load() {
	st := s.m.ed.Project.Soundtrack
	if st == nil || st.Path == "" {
		s.status.SetText(lang.L("No music yet."))
		return
	}
	s.status.SetText(lang.L("Decoding and beat analysis are not available in this build."))
}

func (s *soundtrackPanel) refresh() {
	st := s.m.ed.Project.Soundtrack
	s.updating = true
	defer func() { s.updating = false }()
	focused := s.m.win.Canvas().Focused()
	set := func(e *widget.Entry, v string) {
		if focused != fyne.Focusable(e) && e.Text != v {
			e.SetText(v)
		}
	}
	if st == nil {
		s.file.SetText(lang.L("No music chosen."))
		for _, e := range []*widget.Entry{s.offset, s.tempo, s.phase} {
			set(e, "")
			e.Disable()
		}
		return
	}
	s.file.SetText(filepath.Base(st.Path))
	for _, e := range []*widget.Entry{s.offset, s.tempo, s.phase} {
		e.Enable()
	}
	set(s.offset, strconv.FormatFloat(st.Offset.Seconds(), 'f', -1, 64))
	if st.TempoOverride > 0 {
		set(s.tempo, strconv.FormatFloat(st.TempoOverride, 'f', -1, 64))
	} else {
		set(s.tempo, "")
	}
	if st.Analysis != nil && st.TempoOverride <= 0 {
		s.tempo.SetPlaceHolder(strconv.FormatFloat(st.Analysis.TempoBPM, 'f', 1, 64))
	}
	set(s.phase, strconv.Itoa(int(st.PhaseNudge/storyboard.Millisecond)))
}
