package ui

import "fyne.io/fyne/v2"

// exportMenu returns the File ▸ Export submenu, or nil while the export
// package is not in this build.
func (m *mainWindow) exportMenu() *fyne.MenuItem { return nil }
