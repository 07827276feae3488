package ui

import (
	"context"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/internal/analysis"
	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
	"github.com/reelboard/reelboard/ui/timeline"
)

// music is the soundtrack as a service, not a widget: it follows the
// project's soundtrack path, decodes the file off the fyne goroutine for
// playback and the waveform, analyses it through the same cached
// audio.Analyze the command line uses (the file is hashed once, by the
// cache), converts the result with internal/analysis, and attaches it to
// the project without an undo step (Editor.AttachAnalysis): undoing the
// choice of the music removes the music and its analysis together.
//
// A file chosen as the music that cannot be decoded never becomes the
// soundtrack: the previous one stays and the status says why.
type music struct {
	ed      *Editor
	resolve func(string) string // a project path made absolute
	async   func(func())        // runs work off the fyne goroutine

	path    string // the project's soundtrack path loaded or loading, as the project names it
	gen     int    // increases with each load; stale results are dropped
	cancel  context.CancelFunc
	busy    bool    // decoding or analysing
	done    float64 // 0..1 of the work, while busy
	status  string  // one sentence: progress, the analysis summary or the problem
	problem error   // why the project's soundtrack cannot be read; nil when it can
	wave    *audio.Waveform
	track   *audio.Track
	result  *storyboard.Analysis // the analysis of path, once known

	// Wired by the window.
	OnTrack    func(*audio.Track)      // the decoded music to play; nil for none
	OnWaveform func(timeline.Waveform) // the waveform to show; nil for none
	OnGrow     func()                  // the waveform grew as the file decodes
	OnState    func()                  // busy, done or status changed
}

func newMusic(ed *Editor, resolve func(string) string) *music {
	return &music{ed: ed, resolve: resolve, async: func(f func()) { go f() }, status: lang.L("No music yet.")}
}

// Busy reports whether the music is decoding or analysing.
func (s *music) Busy() bool { return s.busy }

// Status is one sentence about the music for the soundtrack panel.
func (s *music) Status() string { return s.status }

// Problem is why the project's soundtrack cannot be read, or nil.
func (s *music) Problem() error { return s.problem }

// Sync follows the project's soundtrack: a new path (opened, undone,
// redone) loads; an analysis the project lost (redo of the choice of the
// music) is attached again.
func (s *music) Sync() {
	st := s.ed.Project.Soundtrack
	want := ""
	if st != nil {
		want = st.Path
	}
	if want == s.path {
		if st != nil && s.result != nil && !s.busy && (st.Analysis == nil || st.Analysis.Hash != s.result.Hash) {
			s.ed.AttachAnalysis(want, s.result)
		}
		return
	}
	s.load(want, nil, nil)
}

// Choose makes the file at path the project's music, one undoable step,
// once it decodes; where the music starts is kept.
func (s *music) Choose(path string) {
	prev := s.ed.Project.Soundtrack
	s.load(path, func() {
		st := &storyboard.Soundtrack{Path: path}
		if prev != nil {
			st.Offset = prev.Offset
		}
		s.ed.SetSoundtrack("", st)
	}, nil)
}

// ChooseFit makes the file at path the soundtrack and fits the plan to it
// (storyboard.ChangeSoundtrack with opt): one undoable edit once the song is
// decoded and analysed. Until then the project keeps its music; if the file
// cannot be read or analysed, it keeps it for good and the status says why.
// done, when set, gets the fit's account or the edit's error.
func (s *music) ChooseFit(path string, opt storyboard.FitOptions, done func(storyboard.FitReport, error)) {
	s.load(path, nil, func(a *storyboard.Analysis) {
		st := &storyboard.Soundtrack{Path: path, Analysis: a}
		cmd := storyboard.ChangeSoundtrack(st, false, opt)
		err := s.ed.Do(cmd)
		if done != nil {
			done(cmd.Report, err)
		}
	})
}

func (s *music) stop() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

func (s *music) state() {
	if s.OnState != nil {
		s.OnState()
	}
}

func (s *music) setWave(w *audio.Waveform) {
	s.wave = w
	if s.OnWaveform == nil {
		return
	}
	if w == nil {
		s.OnWaveform(nil)
	} else {
		s.OnWaveform(w)
	}
}

func (s *music) setTrack(t *audio.Track) {
	s.track = t
	if s.OnTrack != nil {
		s.OnTrack(t)
	}
}

// load decodes path (as the project names it) in the background, showing
// the waveform as it grows, then analyses it. chosen, when not nil, is a
// choice of the user: it runs once the file decoded and makes it the
// project's soundtrack; if the file cannot be decoded, the previous music
// stays. fitted, when not nil, is a choice that waits for the analysis: it
// runs with it and changes the project then; until then, and for good if
// decoding or analysing fails, the previous music stays.
func (s *music) load(path string, chosen func(), fitted func(*storyboard.Analysis)) {
	s.stop()
	s.gen++
	gen := s.gen
	prevPath, prevWave, prevTrack, prevResult, prevProblem := s.path, s.wave, s.track, s.result, s.problem
	choice := chosen != nil || fitted != nil
	if !choice {
		s.path, s.result, s.problem = path, nil, nil
		s.setTrack(nil)
		s.setWave(nil)
	}
	if path == "" {
		s.busy = false
		s.status = lang.L("No music yet.")
		s.state()
		return
	}
	abs := s.resolve(path)
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	var known *storyboard.Analysis
	if st := s.ed.Project.Soundtrack; !choice && st != nil && st.Analysis != nil {
		known = st.Analysis.Clone()
	}
	s.busy, s.done = true, 0
	s.status = fmt.Sprintf(lang.L("Decoding %s…"), filepath.Base(abs))
	s.state()
	s.async(func() {
		last, shown := 0.0, false
		track, err := audio.Load(ctx, abs, func(p audio.Progress) {
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
				s.done = p.Fraction * 0.7
				if first && p.Waveform != nil {
					s.setWave(p.Waveform)
				} else if s.OnGrow != nil {
					s.OnGrow()
				}
				s.state()
			})
		})
		if err != nil {
			fyne.Do(func() {
				if gen != s.gen {
					return
				}
				s.busy = false
				if choice {
					// The choice is refused: the previous music stays.
					s.path, s.result, s.problem = prevPath, prevResult, prevProblem
					s.setWave(prevWave)
					s.track = prevTrack
					s.status = refusedMusic(abs, prevPath, err)
				} else {
					s.problem = err
					s.status = unreadableMusic(abs, err)
				}
				s.state()
			})
			return
		}
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.path, s.result, s.problem = path, nil, nil
			s.setWave(track.Waveform())
			s.setTrack(track)
			s.done = 0.7
			s.status = lang.L("Analysing tempo and beats…")
			if chosen != nil {
				chosen()
			}
			s.state()
		})
		res, err := audio.Analyze(ctx, abs, nil)
		fyne.Do(func() {
			if gen != s.gen {
				return
			}
			s.busy = false
			s.cancel = nil
			if err != nil && fitted != nil {
				// Nothing to fit to: the previous music stays.
				s.path, s.result, s.problem = prevPath, prevResult, prevProblem
				s.setWave(prevWave)
				s.setTrack(prevTrack)
				s.status = refusedMusic(abs, prevPath, err)
				s.state()
				return
			}
			if err != nil {
				s.status = unreadableMusic(abs, err)
				s.state()
				return
			}
			a := analysis.FromResult(res)
			if fitted != nil {
				s.result = a
				s.status = describeAnalysis(a)
				fitted(a)
				s.state()
				return
			}
			if known != nil && known.Hash == a.Hash {
				a = known // the project's stored analysis of this very file
			}
			s.result = a
			if st := s.ed.Project.Soundtrack; st != nil && st.Path == path && (st.Analysis == nil || st.Analysis.Hash != a.Hash) {
				s.ed.AttachAnalysis(path, a)
			}
			s.status = describeAnalysis(a)
			s.state()
		})
	})
}

// relabel says the status again in the language now in use.
func (s *music) relabel() {
	switch {
	case s.busy:
		return // the next step of the work says it
	case s.path == "":
		s.status = lang.L("No music yet.")
	case s.problem != nil:
		s.status = unreadableMusic(s.resolve(s.path), s.problem)
	case s.result != nil:
		s.status = describeAnalysis(s.result)
	}
}

// describeAnalysis sums up an analysis in one line.
func describeAnalysis(a *storyboard.Analysis) string {
	return fmt.Sprintf(lang.L("%s BPM, %d beats, %s long."), numfmt.Fixed(a.TempoBPM, 1), len(a.Beats), a.Duration)
}

// refusedMusic says why the file at path did not become the soundtrack,
// and what the soundtrack still is.
func refusedMusic(path, kept string, err error) string {
	data := map[string]any{"File": filepath.Base(path), "Reason": audioReason(err), "Kept": filepath.Base(kept)}
	if kept == "" {
		return lang.L("Could not use {{.File}} as the soundtrack: {{.Reason}}. The reel still has no music.", data)
	}
	return lang.L("Could not use {{.File}} as the soundtrack: {{.Reason}}. The soundtrack is still {{.Kept}}.", data)
}

// unreadableMusic says why the project's soundtrack cannot be played.
func unreadableMusic(path string, err error) string {
	return lang.L("Could not read the soundtrack {{.File}}: {{.Reason}}.", map[string]any{"File": filepath.Base(path), "Reason": audioReason(err)})
}
