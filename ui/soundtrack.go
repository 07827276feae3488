package ui

import (
	"context"
	"fmt"
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

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/internal/analysis"
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
	form      *widget.Form
	updating  bool
	cancel    context.CancelFunc
	gen       int
	busy      bool   // decoding or analysing
	loaded    string // the music path last loaded
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
		st := s.m.ed.Project.Soundtrack.Clone()
		st.Offset = t
		s.m.report(s.m.ed.SetSoundtrack("soundtrack/offset", st))
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
		st := s.m.ed.Project.Soundtrack.Clone()
		st.TempoOverride = bpm
		s.m.report(s.m.ed.SetSoundtrack("soundtrack/tempo", st))
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
		st := s.m.ed.Project.Soundtrack.Clone()
		st.PhaseNudge = t
		s.m.report(s.m.ed.SetSoundtrack("soundtrack/phase", st))
	}
	s.metronome = widget.NewCheck(lang.L("Metronome"), func(on bool) { s.m.trans.setMetronome(on) })
	s.form = widget.NewForm(
		widget.NewFormItem(lang.L("Music starts at (s)"), s.offset),
		widget.NewFormItem(lang.L("Tempo (BPM)"), s.tempo),
		widget.NewFormItem(lang.L("Beat phase (ms)"), s.phase),
		widget.NewFormItem("", s.metronome),
	)
	hint := widget.NewLabel(lang.L("Or drop an audio file onto the window."))
	hint.SizeName = theme.SizeNameCaptionText
	s.content = container.NewPadded(container.NewVBox(choose, hint, s.file, s.progress, s.status, s.form))
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
	st := &storyboard.Soundtrack{Path: path}
	if old := s.m.ed.Project.Soundtrack; old != nil {
		st.Offset = old.Offset
	}
	err := s.m.ed.SetSoundtrack("", st)
	s.m.report(err) // the refresh that follows the edit loads the music
}

// musicPath is the resolved path of the project's music, or "".
func (s *soundtrackPanel) musicPath() string {
	if st := s.m.ed.Project.Soundtrack; st != nil {
		return s.m.resolve(st.Path)
	}
	return ""
}

// load decodes the project's music in the background, showing the progress
// and the waveform as it grows, then analyses its beats unless the project
// already holds the analysis of this very file.
func (s *soundtrackPanel) load() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	st := s.m.ed.Project.Soundtrack
	s.loaded = s.musicPath()
	s.m.timeline.setWaveform(nil)
	if st == nil || st.Path == "" {
		s.m.trans.setPlayer(nil)
		s.busy = false
		s.progress.Hide()
		s.status.SetText(lang.L("No music yet."))
		return
	}
	path := s.m.resolve(st.Path)
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.gen++
	gen := s.gen
	var known *storyboard.Analysis
	if st.Analysis != nil {
		known = st.Analysis.Clone()
	}
	s.busy = true
	s.progress.SetValue(0)
	s.progress.Show()
	s.status.SetText(fmt.Sprintf(lang.L("Decoding %s…"), filepath.Base(path)))
	s.m.async(func() {
		var last float64
		shown := false
		track, err := audio.Load(ctx, path, func(p audio.Progress) {
			if p.Fraction-last < 0.02 && shown {
				return
			}
			last = p.Fraction
			first := !shown
			shown = true
			fyne.Do(func() {
				if gen != s.gen {
					return
				}
				s.progress.SetValue(p.Fraction * 0.7)
				if first && p.Waveform != nil {
					s.m.timeline.setWaveform(p.Waveform)
				} else {
					s.m.timeline.tl.Refresh()
				}
			})
		})
		if err != nil {
			fyne.Do(func() {
				if gen != s.gen {
					return
				}
				s.busy = false
				s.progress.Hide()
				s.status.SetText(capitalize(err.Error()) + ".")
			})
			return
		}
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.m.timeline.setWaveform(track.Waveform())
			s.m.trans.setTrack(track)
			s.progress.SetValue(0.7)
			s.status.SetText(lang.L("Analysing tempo and beats…"))
		})
		hash, herr := audio.HashFile(path)
		if herr == nil && known != nil && known.Hash == hash {
			fyne.Do(func() {
				if gen != s.gen {
					return
				}
				s.busy = false
				s.progress.Hide()
				s.status.SetText(s.describe(known))
			})
			return
		}
		beats, err := track.Analyze(ctx)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.busy = false
			s.progress.Hide()
			if err != nil {
				s.status.SetText(capitalize(err.Error()) + ".")
				return
			}
			a := analysis.From(hash, track.Info(), beats)
			cur := s.m.ed.Project.Soundtrack
			if cur == nil || s.m.resolve(cur.Path) != path {
				return
			}
			next := cur.Clone()
			next.Analysis = a
			s.m.report(s.m.ed.SetSoundtrack("", next))
			s.status.SetText(s.describe(a))
		})
	})
}

// describe sums up an analysis in one line.
func (s *soundtrackPanel) describe(a *storyboard.Analysis) string {
	return fmt.Sprintf(lang.L("%.1f BPM, %d beats, %s long."), a.TempoBPM, len(a.Beats), a.Duration)
}

func (s *soundtrackPanel) refresh() {
	if s.musicPath() != s.loaded {
		s.load() // the soundtrack changed: chosen, dropped, undone or redone
	}
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
		s.form.Refresh() // the labels follow their fields' state
		return
	}
	s.file.SetText(filepath.Base(st.Path))
	if s.offset.Disabled() {
		for _, e := range []*widget.Entry{s.offset, s.tempo, s.phase} {
			e.Enable()
		}
		s.form.Refresh() // the labels follow their fields' state
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
