package audio

import (
	"sync"

	"github.com/gopxl/beep/v2"
	"github.com/gopxl/beep/v2/speaker"
)

// This is the only file that touches beep's process-global speaker.

var speakerState struct {
	sync.Mutex
	inited bool
	rate   int
	err    error
}

type speakerOut struct{}

func speakerOutput() output { return speakerOut{} }

// start initialises the speaker once (at the first track's rate, 50 ms
// buffer) and, when s is not nil, adds s to its mixer.
func (speakerOut) start(rate int, s beep.Streamer) error {
	speakerState.Lock()
	if !speakerState.inited {
		speakerState.inited = true
		speakerState.rate = rate
		speakerState.err = speaker.Init(beep.SampleRate(rate), rate/20)
	}
	err := speakerState.err
	speakerState.Unlock()
	if err != nil {
		return err
	}
	if s != nil {
		speaker.Play(s)
	}
	return nil
}

func (speakerOut) rate() int {
	speakerState.Lock()
	defer speakerState.Unlock()
	return speakerState.rate
}
