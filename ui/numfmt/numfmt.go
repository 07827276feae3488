// Package numfmt writes decimal numbers as the language in use does:
// "2.50" in English, "2,50" in Italian and Russian. The window sets the
// language; the panels and widgets format through it.
package numfmt

import (
	"strconv"
	"strings"
	"sync/atomic"
)

var comma atomic.Bool

// commaLanguages write the decimal separator as a comma.
var commaLanguages = map[string]bool{"it": true, "ru": true, "de": true, "fr": true, "es": true, "pt": true}

// SetLanguage makes the language with the given code ("en", "it", "ru") the
// one numbers are written for.
func SetLanguage(code string) { comma.Store(commaLanguages[code]) }

// Fixed writes f with exactly places decimals: Fixed(2.5, 2) is "2.50" or
// "2,50".
func Fixed(f float64, places int) string {
	return local(strconv.FormatFloat(f, 'f', places, 64))
}

// Trim writes f with at most places decimals and no trailing zeros:
// Trim(4.1333, 3) is "4.133" or "4,133", Trim(2, 3) is "2".
func Trim(f float64, places int) string {
	s := strconv.FormatFloat(f, 'f', places, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return local(s)
}

func local(s string) string {
	if comma.Load() {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}
