package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// demoDir is the folder the installed demo project lives in (see main's
// demoProjectPath): os.UserConfigDir()/reelboard/demo.
func demoDir() string {
	base, err := os.UserConfigDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "reelboard", "demo")
}

// isDemo reports whether path is inside the installed demo's folder.
func isDemo(path string) bool {
	if path == "" {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(demoDir(), abs)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// saveCommand is File ▸ Save: it saves to the project's file, but asks
// where (Save As) for a new project and for the installed demo, which lives
// in a hidden folder; the status then names the full path.
func (m *mainWindow) saveCommand(then func()) {
	if isDemo(m.ed.Path) {
		m.saveAs(m.afterSave(then))
		return
	}
	m.save(m.afterSave(then))
}

// afterSave says where the project was saved, with the full path, then
// runs then.
func (m *mainWindow) afterSave(then func()) func() {
	return func() {
		if path := m.ed.Path; path != "" {
			if abs, err := filepath.Abs(path); err == nil {
				path = abs
			}
			m.say(lang.L("Saved {{.Path}}.", map[string]any{"Path": path}))
		}
		if then != nil {
			then()
		}
	}
}
