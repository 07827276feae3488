package ui

import (
	"fmt"
	"strings"
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

func TestInspectorShowsRefusalAtTheField(t *testing.T) {
	m := newTestWindow(t)
	id := m.ed.Project.Cards[0].ID
	m.ed.Select(id)
	before := m.ed.Project.Cards[0].Duration
	tests := []struct {
		typed   string
		refused bool
		want    storyboard.Time
	}{
		{"0.01", true, before}, // shorter than a frame at 30 fps
		{"abc", true, before},
		{"1.5", false, storyboard.Seconds(1.5)},
	}
	for _, tt := range tests {
		m.insp.seconds.SetText(tt.typed)
		shown := m.insp.problems[fieldSeconds]
		if shown.Visible() != tt.refused || (tt.refused && shown.Text == "") {
			t.Errorf("Seconds %q: reason shown = %v %q; want shown = %v", tt.typed, shown.Visible(), shown.Text, tt.refused)
		}
		if got := m.ed.Project.Cards[0].Duration; got != tt.want {
			t.Errorf("Seconds %q: duration = %v; want %v", tt.typed, got, tt.want)
		}
	}
	m.insp.seconds.SetText("0.01")
	if got := m.insp.problems[fieldSeconds].Text; !strings.Contains(got, "frame") {
		t.Errorf("reason for 0.01 s = %q; want it to say a card lasts at least one frame", got)
	}
}

func TestTempoFieldAcceptsTheDomainRange(t *testing.T) {
	m := newTestWindow(t)
	if err := m.ed.SetSoundtrack("", &storyboard.Soundtrack{Path: "/nonexistent/x.ogg"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typed   string
		want    float64
		refused bool
	}{
		{"10", storyboard.MinTempo, false},
		{"400", storyboard.MaxTempo, false},
		{"9", storyboard.MaxTempo, true},
		{"401", storyboard.MaxTempo, true},
		{"120,5", 120.5, false},
	}
	for _, tt := range tests {
		m.sound.tempo.SetText(tt.typed)
		st := m.ed.Project.Soundtrack
		if st == nil || st.TempoOverride != tt.want {
			t.Errorf("Tempo %q: override = %+v; want %v", tt.typed, st, tt.want)
		}
		if got := m.sound.problem.Visible(); got != tt.refused {
			t.Errorf("Tempo %q: reason shown = %v (%q); want %v", tt.typed, got, m.sound.problem.Text, tt.refused)
		}
	}
}

// TestInspectorSaysSeveralSelected: with several cards selected the
// inspector says how many, and whose fields it shows.
func TestInspectorSaysSeveralSelected(t *testing.T) {
	m := newTestWindow(t)
	p := m.ed.Project
	m.ed.Select(p.Cards[1].ID)
	if m.insp.several.Visible() {
		t.Error("one card selected: the inspector says several are")
	}
	m.ed.Select(p.Cards[1].ID, p.Cards[3].ID)
	i := m.ed.Selected()
	if want := fmt.Sprintf("2 cards selected; these fields are card %d's.", i+1); !m.insp.several.Visible() || m.insp.several.Text != want {
		t.Errorf("two cards selected: the inspector says %q (shown %v); want %q", m.insp.several.Text, m.insp.several.Visible(), want)
	}
}
