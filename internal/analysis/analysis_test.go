package analysis

import (
	"testing"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/storyboard"
)

func TestFrom(t *testing.T) {
	b := audio.Beats{
		TempoBPM: 120, Beats: []float64{0.5, 1, 1.5, 2}, Downbeats: []float64{0.5, 2},
		Meter: 3, Extrapolated: []float64{0}, Phrases: []float64{0.5},
		Sections:      []audio.Section{{Start: 0.5, End: 2, Label: "A", Energy: 0.25, Confidence: 0.75, Meter: 3}},
		EnergyPerBeat: []float64{0.1, 0.2, 0.3, 0.4},
	}
	a := From("abc", audio.Info{Format: "wav", SampleRate: 48000, Channels: 2, Duration: 2.5}, b)
	if a.Hash != "abc" || a.Format != "wav" || a.SampleRate != 48000 || a.Channels != 2 || a.Duration != storyboard.Seconds(2.5) {
		t.Errorf("From facts = %+v", a)
	}
	if len(a.Beats) != 4 || a.Beats[1] != storyboard.Second || a.Downbeats[1] != 2*storyboard.Second {
		t.Errorf("From beats = %v, downbeats %v", a.Beats, a.Downbeats)
	}
	if a.Meter != 3 || len(a.Extrapolated) != 1 || a.Extrapolated[0] != 0 || len(a.Phrases) != 1 {
		t.Errorf("From meter/extrapolated/phrases = %d %v %v", a.Meter, a.Extrapolated, a.Phrases)
	}
	want := storyboard.Section{Start: storyboard.Seconds(0.5), End: 2 * storyboard.Second, Label: "A", Energy: 0.25, Confidence: 0.75, Meter: 3}
	if len(a.Sections) != 1 || a.Sections[0] != want {
		t.Errorf("From sections = %+v; want [%+v]", a.Sections, want)
	}
	if len(a.EnergyPerBeat) != 4 || a.EnergyPerBeat[3] != 0.4 {
		t.Errorf("From energy = %v", a.EnergyPerBeat)
	}
	b.EnergyPerBeat[0] = 9
	if a.EnergyPerBeat[0] == 9 {
		t.Error("From shares EnergyPerBeat with its input")
	}
	if e := From("", audio.Info{}, audio.Beats{}); e.Beats != nil || e.Sections != nil || e.EnergyPerBeat != nil {
		t.Errorf("From(empty) = %+v; want nil slices", e)
	}
}
