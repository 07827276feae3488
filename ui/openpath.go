package ui

import (
	"fmt"
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

// prefLastMusicFolder remembers the folder of the last music chosen, where
// the next music dialog opens.
const prefLastMusicFolder = "lastMusicFolder"

// openPathDialog asks for an existing file: a path typed or pasted (Return
// opens it; "~" is the home folder) or one picked with Browse…, which opens
// fyne's file dialog large, in the dialog's folder.
type openPathDialog struct {
	win      fyne.Window
	dir      string
	exts     []string
	path     *widget.Entry
	problem  *widget.Label
	dlg      *dialog.CustomDialog
	onChosen func(path string)
}

// showOpenPath shows an open-path dialog titled title, starting in folder
// dir, for files with one of the extensions exts (nil: any), and calls
// onChosen with the file the user opened. Cancel calls nothing.
func showOpenPath(win fyne.Window, title, dir string, exts []string, onChosen func(path string)) *openPathDialog {
	o := &openPathDialog{win: win, dir: dir, exts: exts, onChosen: onChosen}
	o.path = widget.NewEntry()
	if dir != "" {
		o.path.SetText(dir + string(filepath.Separator))
		o.path.CursorColumn = len([]rune(o.path.Text)) // typing goes on from the folder
	}
	o.path.OnSubmitted = func(string) { o.submit() }
	o.path.OnChanged = func(string) { o.problem.Hide() }
	browse := widget.NewButtonWithIcon(lang.L("Browse…"), theme.FolderOpenIcon(), o.browse)
	o.problem = widget.NewLabel("")
	o.problem.Wrapping = fyne.TextWrapWord
	o.problem.Importance = widget.DangerImportance
	o.problem.Hide()
	ok := widget.NewButtonWithIcon(lang.L("Open"), theme.ConfirmIcon(), o.submit)
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { o.dlg.Hide() })
	form := widget.NewForm(widget.NewFormItem(lang.L("File"), container.NewBorder(nil, nil, nil, browse, o.path)))
	o.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, o.problem), win)
	o.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	o.dlg.Resize(fyne.NewSize(min(760, win.Canvas().Size().Width-40), 0))
	o.dlg.Show()
	win.Canvas().Focus(o.path)
	return o
}

// typed is the path in the entry, "~" expanded.
func (o *openPathDialog) typed() string {
	p := strings.TrimSpace(o.path.Text)
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}

// submit opens the typed file, or says in one sentence why it cannot.
func (o *openPathDialog) submit() {
	p := o.typed()
	fi, err := os.Stat(p)
	switch {
	case p == "":
		o.say(lang.L("Type the path of a file, or choose one with Browse…"))
	case err != nil:
		o.say(fmt.Sprintf(lang.L("%s does not exist."), p))
	case fi.IsDir():
		o.dir = p
		o.browse()
	case !fi.Mode().IsRegular():
		o.say(fmt.Sprintf(lang.L("%s is not a regular file."), p))
	case len(o.exts) > 0 && !hasExt(p, o.exts):
		o.say(fmt.Sprintf(lang.L("%s is not one of: %s."), filepath.Base(p), strings.Join(o.exts, " ")))
	default:
		o.dlg.Hide()
		o.onChosen(p)
	}
}

func (o *openPathDialog) say(msg string) {
	o.problem.SetText(msg)
	o.problem.Show()
}

// browse opens fyne's file dialog, large, in the typed folder (or the
// dialog's), and puts the file picked into the entry and opens it.
func (o *openPathDialog) browse() {
	dir := o.dir
	if t := o.typed(); t != "" {
		if fi, err := os.Stat(t); err == nil && fi.IsDir() {
			dir = t
		} else if fi, err := os.Stat(filepath.Dir(t)); err == nil && fi.IsDir() {
			dir = filepath.Dir(t)
		}
	}
	browseFile(o.win, dir, o.exts, func(p string, err error) {
		if err != nil {
			o.say(err.Error())
			return
		}
		o.path.SetText(p)
		o.submit()
	})
}

// browseFile opens fyne's file dialog large, in folder dir when it exists,
// for files with one of the extensions exts (nil: any), and calls done with
// the file picked (nothing on Cancel).
func browseFile(win fyne.Window, dir string, exts []string, done func(path string, err error)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			done("", err)
			return
		}
		if r == nil {
			return
		}
		p := r.URI().Path()
		r.Close()
		done(p, nil)
	}, win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	s := win.Canvas().Size()
	d.Resize(fyne.NewSize(max(600, s.Width*0.85), max(420, s.Height*0.85)))
	d.Show()
}
