package storyboard

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
)

// songSpec describes a synthetic song for the fitting tests.
type songSpec struct {
	bpm      float64
	length   Time    // song duration
	lead     Time    // time of the first beat
	jitter   float64 // beat timing noise, in fractions of a beat (seeded)
	meter    int     // beats per bar (0: 4, not stored)
	sections []sectionSpec
	phrases  bool // store phrases every 8 bars
	energy   bool // store energy per beat (from the sections)
	noDown   bool // no downbeats stored
}

type sectionSpec struct {
	bars   int
	label  string
	energy float64
}

// song returns the analysis of a synthetic song.
func song(s songSpec) *Analysis {
	meter := s.meter
	if meter == 0 {
		meter = 4
	}
	r := rand.New(rand.NewPCG(uint64(s.bpm*1000), uint64(s.length)))
	period := 60 / s.bpm
	a := &Analysis{Hash: "synthetic", Duration: s.length, TempoBPM: s.bpm, Meter: s.meter}
	for k := 0; ; k++ {
		t := s.lead.Seconds() + float64(k)*period + s.jitter*period*(r.Float64()-0.5)
		if Seconds(t) >= s.length {
			break
		}
		bt := max(Seconds(t), 0)
		if n := len(a.Beats); n > 0 && bt <= a.Beats[n-1] {
			continue
		}
		a.Beats = append(a.Beats, bt)
		if k%meter == 0 && !s.noDown {
			a.Downbeats = append(a.Downbeats, bt)
		}
		if s.phrases && k%(8*meter) == 0 {
			a.Phrases = append(a.Phrases, bt)
		}
	}
	// Sections cover the song bar by bar, repeating the list.
	if len(s.sections) > 0 {
		beat := 0
		for k := 0; beat < len(a.Beats); k++ {
			sec := s.sections[k%len(s.sections)]
			end := min(beat+sec.bars*meter, len(a.Beats))
			endT := s.length
			if end < len(a.Beats) {
				endT = a.Beats[end]
			}
			a.Sections = append(a.Sections, Section{Start: a.Beats[beat], End: endT, Label: sec.label, Energy: sec.energy, Confidence: 0.9, Meter: meter})
			if s.energy {
				for i := beat; i < end; i++ {
					a.EnergyPerBeat = append(a.EnergyPerBeat, math.Min(1, sec.energy+0.05*r.Float64()))
				}
			}
			beat = end
		}
	}
	return a
}

// songProject returns a new project of format f on platform pl with the
// analysed song a as its soundtrack, and fixed card IDs.
func songProject(t testing.TB, f Format, pl string, a *Analysis) *Project {
	t.Helper()
	p, err := NewProject(f, pl, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	p.ID = uuid.MustParse("5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5")
	for i := range p.Cards {
		p.Cards[i].ID = uuid.UUID{0xca, 0x4d, byte(i), 0, 0, 0, 0x40, 0, 0x80}
	}
	p.Soundtrack = &Soundtrack{Path: "/music/song.ogg", Analysis: a}
	return p
}

// popSong is a 4-minute song: a quiet intro, verses and loud choruses.
var popSong = songSpec{
	bpm: 124, length: 4 * Minute, lead: Seconds(0.31), jitter: 0.04, phrases: true, energy: true,
	sections: []sectionSpec{{8, "A", 0.2}, {8, "B", 0.5}, {8, "C", 0.9}, {8, "B", 0.55}, {8, "C", 0.95}, {4, "D", 0.35}},
}
