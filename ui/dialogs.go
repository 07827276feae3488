package ui

import (
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// answer is a dialog the window shows, with what Return and Escape do.
type answer struct {
	d        dialog.Dialog
	ret, esc func()
}

// showAnswered shows d; while it is the top dialog, Return runs ret and
// Escape runs esc (nil: nothing), and no other key reaches the window
// behind it.
func (m *mainWindow) showAnswered(d dialog.Dialog, ret, esc func()) {
	a := &answer{d: d, ret: ret, esc: esc}
	m.dialogs = append(m.dialogs, a)
	d.SetOnClosed(func() {
		if i := slices.Index(m.dialogs, a); i >= 0 {
			m.dialogs = slices.Delete(m.dialogs, i, i+1)
		}
	})
	d.Show()
}

// answerDialog gives key to the top dialog; it reports whether a dialog
// is shown (and so took the key).
func (m *mainWindow) answerDialog(key fyne.KeyName) bool {
	if len(m.dialogs) == 0 {
		return false
	}
	a := m.dialogs[len(m.dialogs)-1]
	switch key {
	case fyne.KeyReturn, fyne.KeyEnter:
		if a.ret != nil {
			a.ret()
		}
	case fyne.KeyEscape:
		if a.esc != nil {
			a.esc()
		}
	}
	return true
}

// showMessage shows a one-sentence problem in an error dialog that Return
// and Escape close.
func (m *mainWindow) showMessage(msg string) {
	d := dialog.NewError(errors.New(msg), m.win)
	m.showAnswered(d, d.Hide, d.Hide)
}

// showFileError shows fileError's sentence in a dialog.
func (m *mainWindow) showFileError(action, path string, err error) {
	m.showMessage(fileError(action, path, err))
}
