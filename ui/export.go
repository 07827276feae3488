package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
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
func (m *mainWindow) exportDialog(f export.Format) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, m.win)
			return
		}
		if w == nil {
			return
		}
		out := w.URI().Path()
		w.Close()
		os.Remove(out) // export.Write creates the file whole or not at all
		if !strings.EqualFold(filepath.Ext(out), f.Ext) {
			out += f.Ext
		}
		m.runExport(f, out)
	}, m.win)
	d.SetFileName(safeFileName(m.projectName()) + f.Ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{f.Ext}))
	if m.ed.Path != "" {
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(m.ed.Path))); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Show()
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
