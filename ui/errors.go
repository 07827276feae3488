package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

// Actions for fileError.
const (
	actionOpen = "open"
	actionSave = "save"
)

// syntaxAt matches the detail of a storyboard.ErrSyntax message, to move the
// line and column into brackets and drop the JSON decoder's own words.
var syntaxAt = regexp.MustCompile(`^(.*?): line (\d+), column (\d+)(: .*)?$`)

// fileError turns an error from opening (actionOpen) or saving (actionSave)
// the file at path into one sentence for the user: "Could not open x.reel:
// the file is not valid JSON (line 1, column 1)." The package prefix and the
// full path the storyboard error repeats are dropped; the base name stays.
func fileError(action, path string, err error) string {
	reason := reasonText(err)
	data := map[string]any{"File": filepath.Base(path), "Reason": reason}
	switch action {
	case actionSave:
		return lang.L("Could not save {{.File}}: {{.Reason}}.", data)
	default:
		return lang.L("Could not open {{.File}}: {{.Reason}}.", data)
	}
}

// reasonText is err's message without the "pkg: verb /path:" prefixes.
func reasonText(err error) string {
	for {
		msg := err.Error()
		inner := errors.Unwrap(err)
		if inner == nil || !strings.HasSuffix(msg, ": "+inner.Error()) {
			break
		}
		err = inner
	}
	msg := strings.TrimSuffix(err.Error(), ".")
	if m := syntaxAt.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s (line %s, column %s)", m[1], m[2], m[3])
	}
	return msg
}

// showFileError shows fileError's sentence in a dialog.
func showFileError(win fyne.Window, action, path string, err error) {
	d := dialog.NewError(errors.New(fileError(action, path, err)), win)
	d.Show()
}
