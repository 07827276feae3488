package storyboard

import (
	"errors"
	"io/fs"
	"strconv"
	"syscall"
)

// Errors of Load besides those of Decode (file.go).
var (
	// ErrNotRegular means the path is not a regular file (a folder, a
	// device such as /dev/zero, a FIFO, a socket): it is not read at all.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge means the file is larger than MaxFileSize.
	ErrTooLarge = errors.New("the file is too large for a project")
)

// MaxFileSize bounds the size of a project file Load reads: 64 MiB, about
// 100,000 cards with long notes.
const MaxFileSize = 64 << 20

// ProjectError is a problem with a project file or value, in the shape of
// fs.PathError: what was done (Op) to which file (Path), where in it (Line
// and Column, Card, Field), and why (Err, one of the package's sentinel
// errors or the file system's error; Detail says more).
//
// Every error of Load, Save, SaveRecovery, Decode, Encode and Validate is an
// *ProjectError; find it with errors.As, and test its cause with errors.Is (the
// sentinels, fs.ErrNotExist, syscall.ENOSPC...). Surfaces describe it from
// its fields and Code, translated, instead of parsing Error's text.
type ProjectError struct {
	Op     string // "load", "save", "autosave", "decode", "encode" or "validate"
	Path   string // the file as the caller named it; "" for Decode, Encode and Validate
	Line   int    // 1-based line in the file, or 0
	Column int    // 1-based column in the file, or 0
	Card   int    // 1-based number of the card at fault, or 0
	Title  string // that card's title, if any
	Field  string // the JSON field at fault ("cards.duration", "soundtrack.analysis.sample_rate"), or ""
	Detail string // a clause saying what is wrong, in English, without the file's name; may be ""
	Err    error  // the cause
}

// Error returns the message in the package's usual form, such as
// `storyboard: load plan.reel: invalid project: card 3 "Hands" has an
// unknown shot kind "zoom"`.
func (e *ProjectError) Error() string {
	reason := e.cause().Error()
	switch {
	case e.Path != "":
		return "storyboard: " + e.Op + " " + e.Path + ": " + reason
	case e.Op == "validate" || e.Op == "":
		return reason
	}
	return "storyboard: " + e.Op + ": " + reason
}

// Unwrap returns the cause, with the detail.
func (e *ProjectError) Unwrap() error { return e.cause() }

func (e *ProjectError) cause() error {
	if e.Detail == "" {
		return e.Err
	}
	return &detailed{e.Err, e.Detail}
}

// detailed is a cause with its detail: "invalid project: card 3 ...".
type detailed struct {
	err    error
	detail string
}

func (d *detailed) Error() string { return d.err.Error() + ": " + d.detail }
func (d *detailed) Unwrap() error { return d.err }

// Codes of ProjectError.Code, stable for translation tables and scripts.
const (
	CodeEmpty        = "empty"         // ErrEmpty
	CodeSyntax       = "syntax"        // ErrSyntax, with Line and Column
	CodeNewerVersion = "newer-version" // ErrNewerVersion
	CodeInvalid      = "invalid"       // ErrInvalid, with Card and/or Field when known
	CodeNotRegular   = "not-regular"   // ErrNotRegular
	CodeTooLarge     = "too-large"     // ErrTooLarge
	CodeNotFound     = "not-found"     // fs.ErrNotExist
	CodePermission   = "permission"    // fs.ErrPermission
	CodeDiskFull     = "disk-full"     // no space left (or quota exceeded)
	CodeIO           = "io"            // any other file system error
)

// Code names the kind of problem for translation: one of the Code
// constants.
func (e *ProjectError) Code() string { return ErrorCode(e.Err) }

// ErrorCode returns the Code of any error: that of the sentinel or file
// system error it wraps.
func ErrorCode(err error) string {
	switch {
	case errors.Is(err, ErrEmpty):
		return CodeEmpty
	case errors.Is(err, ErrSyntax):
		return CodeSyntax
	case errors.Is(err, ErrNewerVersion):
		return CodeNewerVersion
	case errors.Is(err, ErrInvalid):
		return CodeInvalid
	case errors.Is(err, ErrNotRegular):
		return CodeNotRegular
	case errors.Is(err, ErrTooLarge):
		return CodeTooLarge
	case errors.Is(err, fs.ErrNotExist):
		return CodeNotFound
	case errors.Is(err, fs.ErrPermission):
		return CodePermission
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return CodeDiskFull
	}
	return CodeIO
}

// Where names the place of the problem in English: `card 3 "Hands"`, `line
// 4, column 12`, `field "title"`, or "".
func (e *ProjectError) Where() string {
	switch {
	case e.Card > 0 && e.Title != "":
		return "card " + strconv.Itoa(e.Card) + " " + strconv.Quote(e.Title)
	case e.Card > 0:
		return "card " + strconv.Itoa(e.Card)
	case e.Line > 0:
		return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column)
	case e.Field != "":
		return "field " + strconv.Quote(e.Field)
	}
	return ""
}

// withFile returns err (from decode or validate) as an *ProjectError of op on path.
func withFile(op, path string, err error) error {
	var e *ProjectError
	if errors.As(err, &e) {
		c := *e
		c.Op, c.Path = op, path
		return &c
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // Path is the file already
	}
	return &ProjectError{Op: op, Path: path, Err: err}
}

// invalid returns an *ProjectError of ErrInvalid with detail.
func invalid(detail string) *ProjectError { return &ProjectError{Err: ErrInvalid, Detail: detail} }

// cardInvalid returns an *ProjectError of ErrInvalid about card i, with field f.
func cardInvalid(i int, c Card, field, detail string) *ProjectError {
	return &ProjectError{Err: ErrInvalid, Card: i + 1, Title: c.Title, Field: field, Detail: detail}
}
