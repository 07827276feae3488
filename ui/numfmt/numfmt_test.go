package numfmt

import "testing"

func TestNumbers(t *testing.T) {
	defer SetLanguage("en")
	for _, tt := range []struct {
		lang        string
		fixed, trim string
	}{{"en", "2.50", "4.133"}, {"it", "2,50", "4,133"}, {"ru", "2,50", "4,133"}} {
		SetLanguage(tt.lang)
		if got := Fixed(2.5, 2); got != tt.fixed {
			t.Errorf("%s: Fixed(2.5, 2) = %q; want %q", tt.lang, got, tt.fixed)
		}
		if got := Trim(4.13333, 3); got != tt.trim {
			t.Errorf("%s: Trim(4.13333, 3) = %q; want %q", tt.lang, got, tt.trim)
		}
		if got := Trim(2, 3); got != "2" {
			t.Errorf("%s: Trim(2, 3) = %q; want 2", tt.lang, got)
		}
		if got := Trim(-0.0001, 3); got != "0" {
			t.Errorf("%s: Trim(-0.0001, 3) = %q; want 0", tt.lang, got)
		}
	}
}
