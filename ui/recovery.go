package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/storyboard"
)

// autosaveEvery is how often unsaved changes go to the recovery file
// while the user keeps editing; autosaveAfter is how soon after the last
// edit they go there once the user pauses (a crash then loses at most the
// last few seconds, not a minute). A variable for tests.
const autosaveEvery = time.Minute

var autosaveAfter = 3 * time.Second

// untitledPath is where a project never saved autosaves: its recovery file
// is storyboard.RecoveryPath of this path, in the app's storage folder.
func untitledPath(a fyne.App) string {
	dir := filepath.Join(os.TempDir(), "reelboard")
	if root := a.Storage().RootURI(); root != nil {
		dir = root.Path()
	}
	return filepath.Join(dir, "untitled"+storyboard.Ext)
}

// recoveryTarget returns the path whose recovery file holds the autosave of
// the open project.
func (m *mainWindow) recoveryTarget() string {
	if m.ed.Path != "" {
		return m.ed.Path
	}
	return untitledPath(m.app)
}

// removeRecovery deletes the autosave of the open project.
func (m *mainWindow) removeRecovery() {
	if err := storyboard.RemoveRecovery(m.recoveryTarget()); err != nil {
		fyne.LogError("Reelboard: removing the recovery file", err)
	}
}

// startAutosave writes a copy of the unsaved project to the recovery file
// every minute, in the background.
func (m *mainWindow) startAutosave() {
	m.autosaveStop = make(chan struct{})
	stop := m.autosaveStop
	go func() {
		t := time.NewTicker(autosaveEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(m.autosave)
			}
		}
	}()
}

// autosave runs on the fyne goroutine: it copies the project and writes the
// copy in the background.
func (m *mainWindow) autosave() {
	if !m.ed.Dirty() || m.closing {
		return
	}
	p := m.ed.Project.Clone()
	target := m.recoveryTarget()
	m.async(func() {
		if dir := filepath.Dir(target); dir != "" {
			os.MkdirAll(dir, 0o755)
		}
		if err := storyboard.SaveRecovery(p, target); err != nil {
			fyne.Do(func() {
				m.sayOnce("autosave", fmt.Sprintf(lang.L("Autosave failed: %v"), err))
			})
		}
	})
}

func (m *mainWindow) stopAutosave() {
	if m.autosaveStop != nil {
		close(m.autosaveStop)
		m.autosaveStop = nil
	}
	if m.autosaveSoon != nil {
		m.autosaveSoon.Stop()
		m.autosaveSoon = nil
	}
}

// edited schedules an autosave autosaveAfter the last edit, while
// autosaving runs.
func (m *mainWindow) edited() {
	if m.autosaveStop == nil {
		return
	}
	if m.autosaveSoon == nil {
		m.autosaveSoon = time.AfterFunc(autosaveAfter, func() { fyne.Do(m.autosave) })
		return
	}
	m.autosaveSoon.Reset(autosaveAfter)
}

// offerRecovery offers the recovery file a crash left beside the open
// project (or of the last untitled project).
func (m *mainWindow) offerRecovery() {
	for _, target := range []string{m.ed.Path, untitledPath(m.app)} {
		if target == "" {
			continue
		}
		rec, ok := storyboard.FindRecovery(target)
		if !ok {
			continue
		}
		p, err := storyboard.Load(rec)
		if err != nil {
			storyboard.RemoveRecovery(target)
			continue
		}
		path := target
		if target == untitledPath(m.app) {
			path = ""
		}
		name := p.Title
		if path != "" {
			name = filepath.Base(path)
		}
		when := ""
		if fi, err := os.Stat(rec); err == nil {
			when = fi.ModTime().Format("15:04")
		}
		msg := fmt.Sprintf(lang.L("Reelboard closed without saving “%s”. Recover the changes autosaved at %s?"), name, when)
		d := dialog.NewConfirm(lang.L("Recover unsaved changes"), msg, func(ok bool) {
			if !ok {
				storyboard.RemoveRecovery(target)
				return
			}
			m.trans.stop()
			m.ed.Replace(p, path)
			m.ed.markUnsaved() // the recovered copy is not in the project file
			m.timeline.zoomFit()
		}, m.win)
		// Return recovers; Escape does nothing (No deletes the recovery file).
		m.showAnswered(d, func() { d.Confirm() }, nil)
		return
	}
}
