package export

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/reelboard/reelboard/storyboard"
)

// OpenTimelineIO JSON (.otio): Timeline.1 → Stack.1 → a Video and an Audio
// Track.1. Clips use the Clip.1 schema, which every OTIO release reads.

type otioFloat float64

// MarshalJSON always writes a decimal point, as OTIO's own writer does.
func (f otioFloat) MarshalJSON() ([]byte, error) {
	s := strconv.FormatFloat(float64(f), 'f', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return []byte(s), nil
}

type otioRT struct {
	Schema string    `json:"OTIO_SCHEMA"`
	Rate   otioFloat `json:"rate"`
	Value  otioFloat `json:"value"`
}

type otioRange struct {
	Schema    string `json:"OTIO_SCHEMA"`
	Duration  otioRT `json:"duration"`
	StartTime otioRT `json:"start_time"`
}

type otioMarker struct {
	Schema      string         `json:"OTIO_SCHEMA"`
	Metadata    map[string]any `json:"metadata"`
	Name        string         `json:"name"`
	Color       string         `json:"color"`
	MarkedRange otioRange      `json:"marked_range"`
	Comment     string         `json:"comment"`
}

type otioRef struct {
	Schema         string         `json:"OTIO_SCHEMA"`
	Metadata       map[string]any `json:"metadata"`
	Name           string         `json:"name"`
	AvailableRange *otioRange     `json:"available_range"`
	TargetURL      *string        `json:"target_url,omitempty"`
}

type otioItem struct {
	Schema         string         `json:"OTIO_SCHEMA"`
	Metadata       map[string]any `json:"metadata"`
	Name           string         `json:"name"`
	SourceRange    *otioRange     `json:"source_range"`
	Effects        []any          `json:"effects"`
	Markers        []otioMarker   `json:"markers"`
	Enabled        bool           `json:"enabled"`
	MediaReference *otioRef       `json:"media_reference,omitempty"`
	Children       *[]otioItem    `json:"children,omitempty"` // tracks and stacks only
	Kind           string         `json:"kind,omitempty"`
}

type otioTimeline struct {
	Schema          string         `json:"OTIO_SCHEMA"`
	Metadata        map[string]any `json:"metadata"`
	Name            string         `json:"name"`
	GlobalStartTime otioRT         `json:"global_start_time"`
	Tracks          otioItem       `json:"tracks"`
}

func (pl *plan) otioRT(frames int64) otioRT { return otioRTAt(frames, pl.rate) }

func otioRTAt(frames int64, r storyboard.Rate) otioRT {
	return otioRT{"RationalTime.1", otioFloat(r.FPS()), otioFloat(frames)}
}

// mediaMetadata is what ffprobe read of a card's linked file, or why it
// could not, under the "reelboard" namespace of its media reference.
func (pl *plan) mediaMetadata(c clip) map[string]any {
	f := pl.facts[c.media]
	m := map[string]any{"facts_read": f.read()}
	if note := pl.mediaNote(c); note != "" {
		m["note"] = note
	}
	if f.read() {
		if f.video {
			m["frame_rate"] = f.rate.String()
			m["width"] = f.width
			m["height"] = f.height
			m["frames"] = f.frames
			if f.tc != "" {
				m["start_timecode"] = f.tc
			}
		}
		if f.audio {
			m["audio_channels"] = f.chans
			m["audio_sample_rate"] = f.sampleRate
		}
	}
	return m
}

func (pl *plan) otioRange(start, dur int64) *otioRange {
	return &otioRange{"TimeRange.1", pl.otioRT(dur), pl.otioRT(start)}
}

func writeOTIO(pl *plan, w io.Writer) error {
	video := otioItem{Schema: "Track.1", Metadata: map[string]any{}, Name: "Video", Effects: []any{}, Markers: []otioMarker{}, Enabled: true, Kind: "Video", Children: &[]otioItem{}}
	for _, c := range pl.clips {
		it := otioItem{
			Schema:      "Clip.1",
			Metadata:    map[string]any{"reelboard": cardMetadata(pl, c)},
			Name:        c.card.Title,
			SourceRange: pl.otioRange(c.srcTC, c.dur),
			Effects:     []any{},
			Markers:     []otioMarker{},
			Enabled:     true,
		}
		if c.media != "" {
			u := pl.fileURL(c.media, false)
			ref := &otioRef{Schema: "ExternalReference.1", Metadata: map[string]any{"reelboard": pl.mediaMetadata(c)}, Name: filepath.Base(c.media), TargetURL: &u}
			if f := pl.facts[c.media]; f.read() && f.video {
				ref.AvailableRange = &otioRange{"TimeRange.1", otioRTAt(f.frames, f.rate), otioRTAt(f.tcFrames, f.rate)}
			}
			it.MediaReference = ref
		} else {
			it.MediaReference = &otioRef{Schema: "MissingReference.1", Metadata: map[string]any{}, Name: c.card.Title}
		}
		*video.Children = append(*video.Children, it)
	}
	tracks := []otioItem{video}
	// No soundtrack, no audio track: an empty track of another length
	// makes OTIO's own checker complain.
	if m := pl.music; m != nil {
		u := pl.musicURL(false)
		tracks = append(tracks, otioItem{Schema: "Track.1", Metadata: map[string]any{}, Name: "Music", Effects: []any{}, Markers: []otioMarker{}, Enabled: true, Kind: "Audio", Children: &[]otioItem{{
			Schema:      "Clip.1",
			Metadata:    map[string]any{"reelboard": map[string]any{"role": "soundtrack", "offset_seconds": pl.seconds(m.in)}},
			Name:        pl.musicName(),
			SourceRange: pl.otioRange(m.in, m.dur),
			Effects:     []any{},
			Markers:     []otioMarker{},
			Enabled:     true,
			MediaReference: &otioRef{Schema: "ExternalReference.1", Metadata: map[string]any{}, Name: pl.musicName(),
				AvailableRange: pl.otioRange(0, m.length), TargetURL: &u},
		}}})
	}
	var marks []otioMarker
	for _, mk := range pl.marks {
		color := "BLUE"
		if mk.act {
			color = "RED"
		}
		marks = append(marks, otioMarker{Schema: "Marker.2", Metadata: map[string]any{}, Name: mk.name, Color: color,
			MarkedRange: *pl.otioRange(mk.frame, 0)})
	}
	if marks == nil {
		marks = []otioMarker{}
	}
	tl := otioTimeline{
		Schema:          "Timeline.1",
		Metadata:        map[string]any{"reelboard": projectMetadata(pl)},
		Name:            pl.title,
		GlobalStartTime: pl.otioRT(pl.tcStart),
		Tracks: otioItem{Schema: "Stack.1", Metadata: map[string]any{}, Name: "tracks", Effects: []any{}, Markers: marks,
			Enabled: true, Children: &tracks},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "    ")
	enc.SetEscapeHTML(false)
	return enc.Encode(tl)
}

// cardMetadata is the card's data under the "reelboard" namespace.
func cardMetadata(pl *plan, c clip) map[string]any {
	cd := c.card
	m := map[string]any{
		"card":           c.n,
		"id":             cd.ID.String(),
		"kind":           string(cd.Kind),
		"kind_name":      kindName(cd.Kind),
		"act":            cd.Act.String(),
		"notes":          cd.Notes,
		"on_screen_text": cd.OnScreenText,
		"voice_over":     cd.VoiceOver,
		"captured":       cd.Captured,
	}
	if cd.Color != "" {
		m["color"] = cd.Color
	}
	if cd.Image != "" {
		m["image"] = pl.path(cd.Image)
	}
	return m
}

func projectMetadata(pl *plan) map[string]any {
	p := pl.p
	return map[string]any{
		"project_id":  p.ID.String(),
		"author":      p.Author,
		"format":      string(p.Format),
		"platform":    p.Platform,
		"rate":        p.Rate.String(),
		"width":       pl.width,
		"height":      pl.height,
		"tempo_bpm":   tempo(p),
		"style_notes": p.StyleNotes,
	}
}
