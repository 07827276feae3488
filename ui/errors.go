package ui

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/storyboard"
)

// Actions for fileError.
const (
	actionOpen = "open"
	actionSave = "save"
)

// fileError turns an error from opening (actionOpen) or saving (actionSave)
// the file at path into one sentence for the user: "Could not open x.reel:
// the file is not valid JSON (line 1, column 1)." The reason is described
// by the error's sentinel, translated, never by parsing its text; the place
// (line and column, card) comes from a structured error that knows it.
func fileError(action, path string, err error) string {
	reason := projectReason(err)
	if w, ok := errorPlace(err); ok {
		reason += " (" + w + ")"
	}
	data := map[string]any{"File": filepath.Base(path), "Reason": reason}
	switch action {
	case actionSave:
		return lang.L("Could not save {{.File}}: {{.Reason}}.", data)
	default:
		return lang.L("Could not open {{.File}}: {{.Reason}}.", data)
	}
}

// projectReason says in a translated clause why a project file could not
// be read or written, by the error's sentinel.
func projectReason(err error) string {
	switch {
	case errors.Is(err, storyboard.ErrEmpty):
		return lang.L("the file is empty")
	case errors.Is(err, storyboard.ErrSyntax):
		return lang.L("the file is not valid JSON")
	case errors.Is(err, storyboard.ErrNewerVersion):
		return lang.L("it was made by a newer Reelboard; update Reelboard to open it")
	case errors.Is(err, storyboard.ErrInvalid):
		return lang.L("it is not a valid Reelboard project")
	case errors.Is(err, audio.ErrNotRegular):
		return lang.L("it is a folder, a device or a pipe, not an audio file")
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("the file does not exist")
	case errors.Is(err, fs.ErrPermission):
		return lang.L("permission denied")
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return lang.L("the disk is full")
	case errors.Is(err, syscall.EISDIR):
		return lang.L("it is a folder")
	}
	return lang.L("the file could not be read or written")
}

// placed is a structured error that knows where in the file (or on which
// card) the problem is, such as storyboard's project errors.
type placed interface{ Where() string }

// errorPlace returns where err happened, when a structured error in its
// chain knows: a line and column or a card. A file from a newer Reelboard
// has no place worth naming (its "version" field is the whole reason).
func errorPlace(err error) (string, bool) {
	var p placed
	if errors.Is(err, storyboard.ErrNewerVersion) || !errors.As(err, &p) || p.Where() == "" {
		return "", false
	}
	return p.Where(), true
}

// audioReason says, in a translated clause, why an audio file cannot be
// used, by the audio package's sentinel errors.
func audioReason(err error) string {
	switch {
	case errors.Is(err, audio.ErrUnsupported):
		return lang.L("it is not in a format Reelboard can decode (WAV, MP3, OGG Vorbis and FLAC; M4A/AAC, AIFF and Opus when ffmpeg is installed)")
	case errors.Is(err, audio.ErrCorrupt):
		return lang.L("the audio data is truncated or corrupt")
	case errors.Is(err, audio.ErrEmpty):
		return lang.L("the file holds no audio")
	case errors.Is(err, audio.ErrNotRegular):
		return lang.L("it is a folder, a device or a pipe, not an audio file")
	case errors.Is(err, fs.ErrNotExist):
		return lang.L("the file does not exist")
	case errors.Is(err, fs.ErrPermission):
		return lang.L("Reelboard is not allowed to read it")
	}
	return lang.L("it cannot be decoded")
}

// Errors of the editor's own edits.
var (
	errNotOverCard = errors.New("the playhead is not over a card")
	errAtEdge      = errors.New("the card is already at the edge of the reel")
)

// editReason says in one translated sentence why an edit was refused, by
// the error's sentinel; "" for nil.
func editReason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, errNoSelection):
		return lang.L("Select a card first.")
	case errors.Is(err, errNotOverCard):
		return lang.L("The playhead is not over a card.")
	case errors.Is(err, errAtEdge):
		return lang.L("The card is already at the edge of the reel.")
	case errors.Is(err, storyboard.ErrNoCard):
		return lang.L("That card no longer exists.")
	case errors.Is(err, storyboard.ErrNoBeats):
		return lang.L("The soundtrack has no beats yet: choose music, wait for its analysis, or type a tempo.")
	case errors.Is(err, storyboard.ErrInvalid):
		return lang.L("The change was refused: it would make the project invalid.")
	}
	return lang.L("The change was refused.")
}
