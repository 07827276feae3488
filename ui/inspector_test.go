package ui

import (
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

func TestFormatDecimal(t *testing.T) {
	tests := []struct {
		f      float64
		places int
		want   string
	}{
		{4.133333333333333, 3, "4.133"},
		{2.116666666666666, 3, "2.117"},
		{2, 3, "2"},
		{1.5, 3, "1.5"},
		{0, 3, "0"},
		{3.999, 2, "4"},
		{2.25, 2, "2.25"},
	}
	for _, tt := range tests {
		if got := formatDecimal(tt.f, tt.places); got != tt.want {
			t.Errorf("formatDecimal(%v, %d) = %q; want %q", tt.f, tt.places, got, tt.want)
		}
	}
}

func TestInspectorSecondsShortDecimals(t *testing.T) {
	m := newTestWindow(t)
	id := m.ed.Project.Cards[0].ID
	m.ed.Select(id)
	d := storyboard.Seconds(4.133333333333333)
	if err := m.ed.SetDuration(id, d); err != nil {
		t.Fatal(err)
	}
	if got := m.insp.seconds.Text; len(got) > len("4.133") {
		t.Errorf("inspector seconds for %v = %q; want at most 3 decimals", d, got)
	}
	m.insp.seconds.SetText("2.5")
	if got, want := m.ed.Project.Cards[0].Duration, storyboard.Seconds(2.5); got != want {
		t.Errorf("duration after typing 2.5 = %v; want %v", got, want)
	}
}
