package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/storyboard"
)

// autosaveEvery is how often unsaved changes go to the recovery file.
const autosaveEvery = time.Minute

// recoveryMeta says which project a recovery file belongs to.
type recoveryMeta struct {
	Path  string    `json:"path"` // the project's file; empty if never saved
	Saved time.Time `json:"saved"`
}

func recoveryDir(a fyne.App) string {
	root := a.Storage().RootURI()
	if root == nil {
		return filepath.Join(os.TempDir(), "reelboard")
	}
	return root.Path()
}

func recoveryFiles(a fyne.App) (project, meta string) {
	d := recoveryDir(a)
	return filepath.Join(d, "recovery.reel"), filepath.Join(d, "recovery.json")
}

func removeRecovery(a fyne.App) {
	p, meta := recoveryFiles(a)
	os.Remove(p)
	os.Remove(meta)
}

// writeRecovery saves p and where it belongs; it runs off the fyne goroutine.
func writeRecovery(a fyne.App, p *storyboard.Project, meta recoveryMeta) error {
	path, metaPath := recoveryFiles(a)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := saveProject(p, path); err != nil {
		return err
	}
	data, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	return os.WriteFile(metaPath, data, 0o644)
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
	meta := recoveryMeta{Path: m.ed.Path, Saved: time.Now()}
	go func() {
		err := writeRecovery(m.app, p, meta)
		if err != nil {
			fyne.Do(func() {
				m.sayOnce("autosave", fmt.Sprintf(lang.L("Autosave failed: %v"), err))
			})
		}
	}()
}

func (m *mainWindow) stopAutosave() {
	if m.autosaveStop != nil {
		close(m.autosaveStop)
		m.autosaveStop = nil
	}
}

// offerRecovery offers the recovery file a crashed session left behind.
func (m *mainWindow) offerRecovery() {
	path, metaPath := recoveryFiles(m.app)
	data, err := os.ReadFile(metaPath)
	if err != nil {
		return
	}
	var meta recoveryMeta
	if json.Unmarshal(data, &meta) != nil {
		removeRecovery(m.app)
		return
	}
	p, err := loadProject(path)
	if err != nil {
		removeRecovery(m.app)
		return
	}
	name := p.Title
	if meta.Path != "" {
		name = filepath.Base(meta.Path)
	}
	msg := fmt.Sprintf(lang.L("Reelboard closed without saving “%s”. Recover the changes autosaved at %s?"), name, meta.Saved.Local().Format("15:04"))
	dialog.ShowConfirm(lang.L("Recover unsaved changes"), msg, func(ok bool) {
		if !ok {
			removeRecovery(m.app)
			return
		}
		m.trans.stop()
		m.ed.Replace(p, meta.Path)
		m.ed.saved = nil // the recovered copy is not on disk: mark it unsaved
		m.ed.dirty = true
		m.ed.changed()
		m.sound.projectLoaded()
		m.timeline.zoomFit()
	}, m.win)
}
