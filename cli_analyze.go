package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/reelboard/reelboard/audio"
)

const analyzeUsage = "usage: reelboard analyze [--json] AUDIO"

// analyzeJSON is the stable --json shape of `reelboard analyze`.
type analyzeJSON struct {
	File       string    `json:"file"`
	Format     string    `json:"format"`
	DurationS  float64   `json:"duration_s"`
	SampleRate int       `json:"sample_rate"`
	Channels   int       `json:"channels"`
	TempoBPM   float64   `json:"tempo_bpm"`
	BeatsS     []float64 `json:"beats_s"`
	DownbeatsS []float64 `json:"downbeats_s"`
	// Beats per bar over most of the song (0 when unknown).
	Meter int `json:"meter"`
	// Beats continued before the first and after the last detected beat.
	ExtrapolatedS []float64     `json:"beats_extrapolated_s"`
	PhrasesS      []float64     `json:"phrases_s"`
	Sections      []sectionJSON `json:"sections"`
	// One loudness value (0..1) per entry of beats_s.
	EnergyPerBeat []float64 `json:"energy_per_beat"`
}

// sectionJSON is one part of the song in the --json output.
type sectionJSON struct {
	StartS     float64 `json:"start_s"`
	EndS       float64 `json:"end_s"`
	Label      string  `json:"label"`
	Energy     float64 `json:"energy"`
	Confidence float64 `json:"confidence"`
	Meter      int     `json:"meter"`
}

// runAnalyze implements `reelboard analyze [--json] AUDIO` (args are the
// words after "analyze"). Exit status: 0 ok, 1 refused file, 2 usage.
func runAnalyze(args []string, stdout, stderr io.Writer) int {
	asJSON := false
	var files []string
	for i, a := range args {
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "-h" || a == "--help" || a == "-help":
			fmt.Fprintln(stdout, analyzeUsage)
			return 0
		case a == "--":
			files = append(files, args[i+1:]...)
		case strings.HasPrefix(a, "-") && a != "-":
			fmt.Fprintf(stderr, "reelboard analyze: unknown flag %s\n%s\n", a, analyzeUsage)
			return 2
		default:
			files = append(files, a)
			continue
		}
		if a == "--" {
			break
		}
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, analyzeUsage)
		return 2
	}
	res, err := audio.Analyze(context.Background(), files[0], nil)
	if err != nil {
		fmt.Fprintf(stderr, "reelboard analyze: %s\n", errorSentence("read", err, files[0]))
		return 1
	}
	round := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	rounded := func(x []float64) []float64 {
		out := make([]float64, len(x))
		for i, v := range x {
			out[i] = round(v)
		}
		return out
	}
	if asJSON {
		secs := make([]sectionJSON, 0, len(res.Sections))
		for _, s := range res.Sections {
			secs = append(secs, sectionJSON{StartS: round(s.Start), EndS: round(s.End), Label: s.Label,
				Energy: math.Round(s.Energy*1000) / 1000, Confidence: math.Round(s.Confidence*1000) / 1000, Meter: s.Meter})
		}
		energy := make([]float64, len(res.EnergyPerBeat))
		for i, e := range res.EnergyPerBeat {
			energy[i] = math.Round(e*1000) / 1000
		}
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(analyzeJSON{
			File: files[0], Format: res.Format, DurationS: round(res.Duration),
			SampleRate: res.SampleRate, Channels: res.Channels, TempoBPM: math.Round(res.TempoBPM*100) / 100,
			BeatsS: rounded(res.Beats.Beats), DownbeatsS: rounded(res.Downbeats),
			Meter: res.Meter, ExtrapolatedS: rounded(res.Extrapolated), PhrasesS: rounded(res.Phrases),
			Sections: secs, EnergyPerBeat: energy,
		}); err != nil {
			fmt.Fprintf(stderr, "reelboard analyze: writing the result: %v\n", err)
			return 1
		}
		return 0
	}
	chans := fmt.Sprintf("%d channels", res.Channels)
	switch res.Channels {
	case 1:
		chans = "mono"
	case 2:
		chans = "stereo"
	}
	mins := int(res.Duration) / 60
	fmt.Fprintf(stdout, "File:       %s\n", files[0])
	fmt.Fprintf(stdout, "Format:     %s, %d Hz, %s\n", strings.ToUpper(res.Format), res.SampleRate, chans)
	fmt.Fprintf(stdout, "Duration:   %d:%04.1f (%.2f s)\n", mins, res.Duration-float64(mins*60), res.Duration)
	if len(res.Beats.Beats) == 0 {
		fmt.Fprintln(stdout, "Tempo:      no steady beat found")
		return 0
	}
	fmt.Fprintf(stdout, "Tempo:      %.1f BPM\n", res.TempoBPM)
	fmt.Fprintf(stdout, "Beats:      %d, first at %.3f s, last at %.3f s\n", len(res.Beats.Beats), res.Beats.Beats[0], res.Beats.Beats[len(res.Beats.Beats)-1])
	if len(res.Downbeats) > 0 {
		fmt.Fprintf(stdout, "Downbeats:  %d (%d beats a bar), first at %.3f s\n", len(res.Downbeats), res.Meter, res.Downbeats[0])
	}
	if len(res.Sections) > 0 {
		var parts []string
		for _, s := range res.Sections {
			parts = append(parts, fmt.Sprintf("%s %.1f–%.1f s", s.Label, s.Start, s.End))
		}
		fmt.Fprintf(stdout, "Sections:   %s\n", strings.Join(parts, ", "))
	}
	return 0
}
