package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefLastFolder remembers the folder of the last file written through a
// save-path dialog, the default when the project has no folder yet.
const prefLastFolder = "lastSaveFolder"

// savePathDialog asks where to write a file without touching the disk: a
// file name, a folder and, when the file exists, a confirmation naming it.
//
// fyne's dialog.NewFileSave hands over a writer that it opened with
// os.Create, truncating an existing file before our atomic writers
// (storyboard.Save, export.Write, export.Render) run: the old file would be
// lost, and a failed write would leave it empty. This dialog only returns
// the path; the writer replaces the file whole once the new one is ready.
type savePathDialog struct {
	win      fyne.Window
	prefs    fyne.Preferences
	ext      string // added to the name when missing, such as ".reel"
	dir      string
	name     *widget.Entry
	folder   *widget.Label
	problem  *widget.Label
	dlg      *dialog.CustomDialog
	confirm  *dialog.CustomDialog // the overwrite question, while shown
	replace  *widget.Button       // its Replace button
	onChosen func(path string)
}

// askSavePath shows a save-path dialog titled title, offering name in the
// project's folder, and calls onChosen with the path the user settled on.
// Cancel calls nothing.
func (m *mainWindow) askSavePath(title, action, name, ext string, onChosen func(path string)) *savePathDialog {
	s := &savePathDialog{win: m.win, prefs: m.app.Preferences(), ext: ext, onChosen: onChosen}
	s.name = widget.NewEntry()
	s.name.SetText(name)
	s.name.OnSubmitted = func(string) { s.submit() }
	s.folder = widget.NewLabel("")
	s.folder.Truncation = fyne.TextTruncateEllipsis
	s.setDir(m.defaultFolder())
	choose := widget.NewButtonWithIcon(lang.L("Choose Folder…"), theme.FolderOpenIcon(), s.chooseFolder)
	s.problem = widget.NewLabel("")
	s.problem.Wrapping = fyne.TextWrapWord
	s.problem.Importance = widget.DangerImportance
	s.problem.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("File name"), s.name),
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, choose, s.folder)),
	)
	ok := widget.NewButtonWithIcon(action, theme.ConfirmIcon(), s.submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { s.dlg.Hide() })
	s.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, s.problem), m.win)
	s.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	s.dlg.Resize(fyne.NewSize(620, 0))
	s.dlg.Show()
	m.win.Canvas().Focus(s.name)
	return s
}

// defaultFolder is the project's folder, else the last folder written to,
// else the home folder. The installed demo's folder is hidden: a project
// or an export made from the demo goes where the user will find it.
func (m *mainWindow) defaultFolder() string {
	if m.ed.Path != "" && !isDemo(m.ed.Path) {
		if abs, err := filepath.Abs(filepath.Dir(m.ed.Path)); err == nil {
			return abs
		}
	}
	if d := m.app.Preferences().String(prefLastFolder); d != "" {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	wd, _ := os.Getwd()
	return wd
}

func (s *savePathDialog) setDir(dir string) {
	s.dir = dir
	s.folder.SetText(dir)
}

func (s *savePathDialog) chooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(err, s.win)
			return
		}
		if l != nil {
			s.setDir(l.Path())
		}
	}, s.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(s.dir)); err == nil {
		d.SetLocation(l)
	}
	d.Show()
}

// path returns the file the dialog names, or an error saying what is wrong.
func (s *savePathDialog) path() (string, error) {
	name := strings.TrimSpace(s.name.Text)
	switch {
	case name == "":
		return "", errors.New(lang.L("Type a file name."))
	case strings.ContainsAny(name, `/\`):
		return "", errors.New(lang.L("A file name cannot contain a slash; choose the folder with Choose Folder…"))
	}
	if fi, err := os.Stat(s.dir); err != nil || !fi.IsDir() {
		return "", fmt.Errorf(lang.L("The folder %s does not exist."), s.dir)
	}
	if s.ext != "" && !strings.EqualFold(filepath.Ext(name), s.ext) {
		name += s.ext
	}
	return filepath.Join(s.dir, name), nil
}

// submit checks the name and asks before replacing an existing file.
func (s *savePathDialog) submit() {
	path, err := s.path()
	if err != nil {
		s.problem.SetText(err.Error())
		s.problem.Show()
		return
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.choose(path)
		return
	case err == nil && fi.IsDir():
		s.problem.SetText(fmt.Sprintf(lang.L("“%s” is a folder; choose another name."), filepath.Base(path)))
		s.problem.Show()
		return
	}
	// The file exists (or cannot be examined; the writer will say why).
	msg := widget.NewLabel(fmt.Sprintf(lang.L("“%s” already exists in %s. Replace it?"), filepath.Base(path), s.dir))
	msg.Wrapping = fyne.TextWrapWord
	keep := widget.NewButton(lang.L("Cancel"), func() { s.confirm.Hide(); s.confirm = nil })
	s.replace = widget.NewButton(lang.L("Replace"), func() {
		s.confirm.Hide()
		s.confirm = nil
		s.choose(path)
	})
	s.replace.Importance = widget.DangerImportance
	s.confirm = dialog.NewCustomWithoutButtons(lang.L("Replace file?"), msg, s.win)
	s.confirm.SetButtons([]fyne.CanvasObject{keep, s.replace})
	s.confirm.Resize(fyne.NewSize(480, 0))
	s.confirm.Show()
}

func (s *savePathDialog) choose(path string) {
	s.dlg.Hide()
	s.prefs.SetString(prefLastFolder, s.dir)
	s.onChosen(path)
}
