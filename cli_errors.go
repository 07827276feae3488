package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"syscall"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

// errorSentence describes err for the command line: one sentence, naming the
// file and the problem, ending with a period, without Go's chain of
// "pkg: op path:" prefixes. It reads the error's structure (a
// storyboard.ProjectError, an fs.PathError, the audio and export sentinels,
// file system errors such as syscall.ENOSPC); file is the file the command
// was reading (op "read") or writing (op "write"), named when err does not
// name one. Every command prints it after its own "reelboard CMD: ".
func errorSentence(op string, err error, file string) string {
	return finish(describeError(op, err, file))
}

func describeError(op string, err error, file string) string {
	var pe *storyboard.ProjectError
	if errors.As(err, &pe) {
		return describeProject(pe, file)
	}
	if errors.Is(err, audio.ErrNotRegular) { // as a project's: "X is not a regular file: it is a folder"
		if d := strings.TrimSuffix(strings.TrimPrefix(audioDetail(err, audio.ErrNotRegular), " ("), ")"); d != "" {
			return file + " is not a regular file: " + d
		}
		return file + " is not a regular file"
	}
	for _, s := range []error{audio.ErrUnsupported, audio.ErrCorrupt, audio.ErrEmpty} {
		if errors.Is(err, s) {
			return file + ": " + s.Error() + audioDetail(err, s)
		}
	}
	for _, s := range []error{export.ErrNoFFmpeg, export.ErrNoCards, export.ErrTooManyEvents} {
		if errors.Is(err, s) {
			return file + ": " + s.Error()
		}
	}
	var ee *export.Error
	if errors.As(err, &ee) {
		return ee.Sentence()
	}
	var fe *fs.PathError
	if errors.As(err, &fe) {
		return describeFS(fe.Op, fe.Path, fe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return describeFS(le.Op, le.New, le.Err)
	}
	var errno syscall.Errno
	if errors.As(err, &errno) && file != "" {
		return describeFS(op, file, errno)
	}
	// Any other refusal (a missing variant, too many cards for a length)
	// carries its own English sentence; it is about the file the command
	// was given, so the sentence names it.
	msg := err.Error()
	if file != "" && !strings.Contains(msg, file) {
		msg = file + ": " + msg
	}
	return msg
}

// describeProject describes a storyboard error by its Code.
func describeProject(e *storyboard.ProjectError, file string) string {
	name := e.Path
	if name == "" {
		name = file
	}
	if name == "" {
		name = "the project"
	}
	detail := func(prefix string) string {
		if e.Detail == "" {
			return ""
		}
		return prefix + e.Detail
	}
	switch e.Code() {
	case storyboard.CodeEmpty:
		return name + " is empty"
	case storyboard.CodeSyntax:
		return fmt.Sprintf("%s is not valid JSON (line %d, column %d)", name, e.Line, e.Column)
	case storyboard.CodeNewerVersion:
		return name + " was made by a newer Reelboard" + detail(": ")
	case storyboard.CodeInvalid:
		return name + " is not a valid project" + detail(": ")
	case storyboard.CodeNotRegular:
		return name + " is not a regular file" + detail(": ")
	case storyboard.CodeTooLarge:
		return name + " is too large for a project" + detail(" (") + closeParen(e.Detail)
	}
	return describeFS(e.Op, name, e.Err)
}

// describeFS describes a file system error of op on path.
func describeFS(op, path string, err error) string {
	writing := op == "save" || op == "autosave" || op == "write" || op == "create" || op == "rename" || op == "link" || op == "keep the backup of"
	switch {
	case errors.Is(err, fs.ErrNotExist) && writing:
		return "cannot write " + path + ": its folder does not exist"
	case errors.Is(err, fs.ErrNotExist):
		return path + " does not exist"
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return path + " was not written: the disk is full; the previous version is unchanged"
	case errors.Is(err, fs.ErrPermission) && writing:
		return "cannot write " + path + ": permission denied"
	case errors.Is(err, fs.ErrPermission):
		return path + " cannot be read: permission denied"
	case errors.Is(err, syscall.EISDIR):
		return path + " is a folder, not a file"
	case writing:
		return path + " was not written: " + err.Error() + "; the previous version is unchanged"
	}
	return path + " cannot be read: " + err.Error()
}

// audioDetail returns the other causes an audio error wraps beside
// sentinel, in brackets.
func audioDetail(err error, sentinel error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		m, ok := e.(interface{ Unwrap() []error })
		if !ok {
			continue
		}
		var parts []string
		for _, d := range m.Unwrap() {
			if d != sentinel && !errors.Is(d, sentinel) {
				parts = append(parts, d.Error())
			}
		}
		if len(parts) > 0 {
			return " (" + strings.Join(parts, "; ") + ")"
		}
		return ""
	}
	return ""
}

func closeParen(detail string) string {
	if detail == "" {
		return ""
	}
	return ")"
}

// finish makes s a sentence: a capital is left to s (it starts with a file
// name), a final period added once.
func finish(s string) string {
	s = strings.TrimRight(s, " \n")
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
