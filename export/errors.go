package export

import (
	"fmt"
	"strconv"
)

// Error is an export refused because of something in the project: which
// card (1-based, 0 for none) or file, the sentinel (ErrMissingMedia,
// ErrShortCard, ErrBadRate, ErrBadTimecode, ErrOutputIsInput, ErrNoCards,
// ErrUnknownFormat…) and an English detail. Surfaces describe it from its
// fields; Error keeps the package's usual "export: …" form for logs.
type Error struct {
	Card   int    // 1-based card number, 0 when the problem is not a card's
	Title  string // the card's title
	Path   string // the file concerned, when there is one
	Err    error  // the sentinel
	Detail string // what more there is to say, in English, without the file
}

func (e *Error) Error() string {
	if e.Err == ErrOutputIsInput {
		return "export: " + e.outputIsInput()
	}
	s := "export: "
	if e.Card > 0 {
		s += "card " + strconv.Itoa(e.Card) + " " + strconv.Quote(e.Title) + ": "
	}
	s += e.Err.Error()
	if e.Detail != "" {
		s += " " + e.Detail
	}
	if e.Path != "" {
		s += ": " + e.Path
	}
	return s
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Sentence describes e as a person reads it: one sentence with its period.
func (e *Error) Sentence() string {
	if e.Err == ErrOutputIsInput {
		return e.outputIsInput() + "."
	}
	s := ""
	switch {
	case e.Card > 0 && e.Title != "":
		s = fmt.Sprintf("card %d %q: ", e.Card, e.Title)
	case e.Card > 0:
		s = fmt.Sprintf("card %d: ", e.Card)
	}
	s += e.Err.Error()
	if e.Detail != "" {
		s += " " + e.Detail
	}
	if e.Path != "" {
		s += ": " + e.Path
	}
	return s + "."
}

// outputIsInput says that the output Path is an input (Detail: "the
// project", "the soundtrack", "the image of card 3"…).
func (e *Error) outputIsInput() string {
	return e.Path + " is " + e.Detail + ": " + e.Err.Error() + "; choose another output file"
}
