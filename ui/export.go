package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
		items = append(items, fyne.NewMenuItem(tr(f.LabelKey, f.Description)+"…", func() { m.exportDialog(f) }))
	}
	it := fyne.NewMenuItem(lang.L("Export"), nil)
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}

// exportDialog asks where to write format f and exports in the background,
// with a progress bar.
func (m *mainWindow) exportDialog(f export.Format) *savePathDialog {
	if m.busyWriting() {
		return nil
	}
	title := export.Title(m.ed.Project, m.ed.Path)
	if m.variant != "" {
		title += " (" + m.variant + ")"
	}
	return m.askSavePath(tr(f.LabelKey, f.Description), lang.L("Export"),
		export.DefaultFileName(title, f.Name), f.Ext, func(out string) { m.runExport(f, out) })
}

func formatName(f export.Format) string { return tr(f.ShortKey, f.Short) }

// runExport writes format f to out in the background. Its dialog names the
// format and the file; Keep Working hides it and the status bar tells when
// the export is done. A second export waits until this one has finished.
func (m *mainWindow) runExport(f export.Format, out string) {
	if m.busyWriting() {
		return
	}
	p := m.ed.Project.Clone()
	if m.variant != "" && f.Name != "bundle" { // the bundle carries every variant
		p = m.shownProject()
	}
	opt := export.DefaultOptions(p, m.ed.Path)
	msg := fmt.Sprintf(lang.L("Exporting %s to %s…"), formatName(f), filepath.Base(out))
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons(lang.L("Export"), container.NewVBox(widget.NewLabel(msg), bar), m.win)
	prog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Keep Working"), prog.Hide)})
	prog.Resize(fyne.NewSize(480, 0))
	prog.Show()
	m.writing = out
	m.say(msg)
	m.async(func() {
		err := export.Write(p, f.Name, out, opt)
		var found []export.Finding
		var left []string // what a bundle leaves out, as the command line says it
		if err == nil {
			found, _ = export.Check(p, f.Name, opt)
			if f.Name == "bundle" {
				for _, o := range export.BundleOmissions(p, opt) {
					left = append(left, o.String())
				}
			}
		}
		fyne.Do(func() {
			m.writing = ""
			prog.Hide()
			bar.Stop()
			if err != nil {
				m.say("")
				m.showMessage(exportError(out, err))
				return
			}
			m.say(fmt.Sprintf(lang.L("Exported %s."), out))
			if len(found) > 0 || len(left) > 0 {
				m.showHandoff(out, found, left)
			}
		})
	})
}

// exportError says in one sentence why out could not be written.
func exportError(out string, err error) string {
	var ee *export.Error
	if errors.As(err, &ee) {
		return lang.L("Could not export {{.File}}: {{.Reason}}.", map[string]any{
			"File": filepath.Base(out), "Reason": strings.TrimSuffix(ee.Sentence(), "."),
		})
	}
	return fileError(actionSave, out, err)
}

// showHandoff lists what the editor opening out will find offline,
// unsupported, converted or renamed (export.Check), and the media a bundle
// left out, after the export.
func (m *mainWindow) showHandoff(out string, found []export.Finding, left []string) {
	lines := make([]string, 0, len(found)+len(left))
	for _, f := range found {
		lines = append(lines, "• "+f.String())
	}
	for _, l := range left {
		lines = append(lines, "• "+l)
	}
	text := widget.NewLabel(lang.L("Exported {{.File}}. What the editor will find:", map[string]any{"File": filepath.Base(out)}) +
		"\n" + strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("What the editor will find"), lang.L("Close"), container.NewVScroll(text), m.win)
	d.Resize(fyne.NewSize(560, 320))
	m.showAnswered(d, d.Hide, d.Hide)
}
