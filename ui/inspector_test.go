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

func TestInspectorErrorKeepsWidth(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Cleanup(func() { setupTranslations("en") })
	setupTranslations("it")
	m := newTestWindow(t)
	m.rebuild()
	m.ed.Select(m.ed.Project.Cards[0].ID)
	before := m.insp.content.MinSize().Width
	if before < inspectorMinWidth {
		t.Errorf("inspector min width = %v; want at least %v", before, inspectorMinWidth)
	}
	m.insp.seconds.SetText("abc")
	if !m.insp.problem.Visible() || m.insp.problem.Text == "" {
		t.Errorf("no error shown after typing abc in Seconds")
	}
	if after := m.insp.content.MinSize().Width; after != before {
		t.Errorf("inspector min width after a Seconds error = %v; want %v (unchanged)", after, before)
	}
	if got := m.insp.beats.Size().Width; got < beatsMinWidth {
		t.Errorf("Beats entry is %v wide; want at least %v", got, beatsMinWidth)
	}
	if got := m.insp.image.Size().Width; got < 100 {
		t.Errorf("image path entry is %v wide; want at least 100", got)
	}
	m.insp.seconds.SetText("3")
	if m.insp.problem.Visible() {
		t.Errorf("error still shown after typing a valid 3")
	}
}
