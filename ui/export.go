package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/export"
)

// exportMenu returns the File ▸ Export submenu: one item per format of the
// export package.
func (m *mainWindow) exportMenu() *fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, f := range export.Formats {
		items = append(items, fyne.NewMenuItem(tr("export."+f.Name, f.Description)+"…", func() { m.exportDialog(f) }))
	}
	it := fyne.NewMenuItem(lang.L("Export"), nil)
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}

// exportDialog asks where to write format f and exports in the background,
// with a progress bar.
func (m *mainWindow) exportDialog(f export.Format) *savePathDialog {
	return m.askSavePath(tr("export."+f.Name, f.Description), lang.L("Export"),
		safeFileName(m.projectName())+f.Ext, f.Ext, func(out string) { m.runExport(f, out) })
}

func (m *mainWindow) runExport(f export.Format, out string) {
	p := m.ed.Project.Clone()
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("Exporting %s…"), filepath.Base(out)), bar, m.win)
	prog.Show()
	m.async(func() {
		err := export.Write(p, f.Name, out, export.Options{DropFrame: p.Rate.NTSC()})
		fyne.Do(func() {
			prog.Hide()
			bar.Stop()
			if err != nil {
				dialog.ShowError(err, m.win)
				return
			}
			m.say(fmt.Sprintf(lang.L("Exported %s."), out))
		})
	})
}
