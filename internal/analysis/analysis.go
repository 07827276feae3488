// Package analysis turns the audio package's analysis (plain seconds) into
// the storyboard's stored form (exact times). It is the one place where the
// two meet, used by the command line and the editor alike, so that `audio`
// never imports `storyboard` and `storyboard` never imports `audio`.
package analysis

import (
	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/storyboard"
)

// FromResult converts an analysis of a whole file (its hash, facts and
// rhythm) into the project's stored analysis.
func FromResult(r audio.Result) *storyboard.Analysis {
	return From(r.Hash, r.Info, r.Beats)
}

// From converts the facts and rhythm of a file whose content hashes to hash.
func From(hash string, info audio.Info, b audio.Beats) *storyboard.Analysis {
	a := &storyboard.Analysis{
		Hash:          hash,
		Format:        info.Format,
		Duration:      storyboard.Seconds(info.Duration),
		SampleRate:    info.SampleRate,
		Channels:      info.Channels,
		TempoBPM:      b.TempoBPM,
		Beats:         times(b.Beats),
		Downbeats:     times(b.Downbeats),
		Meter:         b.Meter,
		Extrapolated:  times(b.Extrapolated),
		Phrases:       times(b.Phrases),
		EnergyPerBeat: append([]float64(nil), b.EnergyPerBeat...),
	}
	if len(a.EnergyPerBeat) == 0 {
		a.EnergyPerBeat = nil
	}
	for _, s := range b.Sections {
		a.Sections = append(a.Sections, storyboard.Section{
			Start:      storyboard.Seconds(s.Start),
			End:        storyboard.Seconds(s.End),
			Label:      s.Label,
			Energy:     s.Energy,
			Confidence: s.Confidence,
			Meter:      s.Meter,
		})
	}
	return a
}

// Soundtrack returns the project soundtrack for the analysed file at path,
// starting at the song's start with the reel's length unset.
func Soundtrack(path string, r audio.Result) *storyboard.Soundtrack {
	return &storyboard.Soundtrack{Path: path, Analysis: FromResult(r)}
}

// times converts seconds to exact times; nil stays nil and so does empty.
func times(s []float64) []storyboard.Time {
	if len(s) == 0 {
		return nil
	}
	out := make([]storyboard.Time, len(s))
	for i, v := range s {
		out[i] = storyboard.Seconds(v)
	}
	return out
}
