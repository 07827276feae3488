package timeline

import "github.com/reelboard/reelboard/audio"

// The audio package's peak pyramid is what the window hands to SetWaveform.
var _ Waveform = (*audio.Waveform)(nil)
