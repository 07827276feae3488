// Package localeenv makes the neutral C/POSIX locale mean English before any
// GUI package reads the locale.
//
// fyne's lang package reads the user's locale in its package initialiser and
// cannot parse "C" (as in LANG=C.UTF-8, common in containers, CI and minimal
// systems): it logs three error lines to stderr at every start, which breaks
// the command line's promise of one clear sentence on stderr. gettext
// programs treat C as English; so do we, by setting LANGUAGE=en when the
// locale is C-like and LANGUAGE is unset.
//
// Import it for its side effect, with a blank import in package main. Go
// initialises packages in import-path order as soon as their own imports are
// initialised, and this package imports only os and strings, so it runs
// before fyne.io/fyne/v2/lang; TestNoLocaleNoise in package main guards it.
package localeenv

import (
	"os"
	"strings"
)

func init() { Normalize() }

// Normalize sets LANGUAGE=en when the effective message locale (LC_ALL,
// LC_MESSAGES or LANG, the first one set) is C or POSIX and LANGUAGE is
// unset; a plain "C" or "POSIX" becomes "C.UTF-8" so that LANGUAGE is read.
func Normalize() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		loc := os.Getenv(v)
		if loc == "" {
			continue
		}
		if loc == "C" || loc == "POSIX" {
			os.Setenv(v, "C.UTF-8")
			loc = "C.UTF-8"
		}
		if strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX.") {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
