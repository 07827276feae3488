package audio

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopxl/beep/v2"
)

// output is where the Player's streamer goes: the beep speaker in
// player_speaker.go, a fake in tests.
type output interface {
	// start initialises the device at rate (once) and plays s forever.
	start(rate int, s beep.Streamer) error
	// rate is the device's sample rate once started.
	rate() int
}

// The device check: the speaker's own buffer fills once at start even
// when no device plays it, so Play looks for pulls between noDeviceGrace
// and noDeviceDelay after it; none means ErrNoDevice.
const (
	noDeviceGrace = 300 * time.Millisecond
	noDeviceDelay = 1000 * time.Millisecond
)

// Player plays one Track at a time through the sound device: play, pause,
// seek, loop a region, volume and a metronome click on the beats. Its
// methods are safe for concurrent use; it never calls back into the caller.
type Player struct {
	out output

	mu      sync.Mutex // guards the fields below; never held while calling the speaker
	track   *Track
	started bool
	srcRate int // rate the player streamer was started at
	err     error
	loopA   int64 // loop region in frames, loopB ≤ 0 means no loop
	loopB   int64
	beats   []int64 // metronome beat frames
	metro   bool
	click   []float64
	closed  bool
	gen     int // bumped to retire the device streamer (rate change)

	pos     atomic.Int64 // playhead in frames of the track
	rateNow atomic.Int64 // the loaded track's sample rate, for Position
	playing atomic.Bool
	volume  atomic.Uint64 // float64 bits
	pulls   atomic.Int64  // Stream calls from the device
}

// NewPlayer returns a Player on the default sound device (opened at the
// first Play).
func NewPlayer() *Player { return newPlayer(speakerOutput()) }

func newPlayer(out output) *Player {
	p := &Player{out: out}
	p.volume.Store(math.Float64bits(1))
	return p
}

// Load makes t the track to play, paused at 0, with no loop. The metronome
// keeps its on/off setting but forgets the beats.
func (p *Player) Load(t *Track) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.playing.Store(false)
	p.track = t
	p.pos.Store(0)
	p.loopA, p.loopB = 0, 0
	p.beats = nil
	p.rateNow.Store(0)
	if t != nil {
		p.rateNow.Store(int64(t.info.SampleRate))
		p.click = clickSound(t.info.SampleRate)
		if p.started && p.err == nil && t.info.SampleRate != p.srcRate {
			// The running streamer resamples from the old rate: retire it,
			// the next Play starts one for this rate.
			p.gen++
			p.started = false
		}
	}
}

// Play starts playback from the current position. It returns ErrNoDevice
// once the device was found not to play.
func (p *Player) Play() error {
	p.mu.Lock()
	if p.err != nil {
		err := p.err
		p.mu.Unlock()
		return err
	}
	if p.track == nil || p.closed {
		p.mu.Unlock()
		return errors.New("audio: nothing to play: no track is loaded")
	}
	if p.pos.Load() >= int64(p.track.Frames()) {
		p.pos.Store(0)
	}
	needStart := !p.started
	rate := p.track.info.SampleRate
	p.started = true
	p.srcRate = rate
	gen := p.gen
	p.mu.Unlock()

	p.playing.Store(true)
	if !needStart {
		return nil
	}
	var s beep.Streamer = &playerStreamer{p: p, gen: gen}
	if err := p.out.start(rate, nil); err != nil {
		return p.fail(err)
	}
	if dr := p.out.rate(); dr != rate {
		s = beep.Resample(3, beep.SampleRate(rate), beep.SampleRate(dr), s)
	}
	if err := p.out.start(rate, s); err != nil {
		return p.fail(err)
	}
	go func() {
		time.Sleep(noDeviceGrace)
		before := p.pulls.Load()
		time.Sleep(noDeviceDelay - noDeviceGrace)
		if p.pulls.Load() == before {
			p.mu.Lock()
			if p.err == nil {
				p.err = ErrNoDevice
			}
			p.mu.Unlock()
			p.playing.Store(false)
		}
	}()
	return nil
}

func (p *Player) fail(err error) error {
	p.playing.Store(false)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.err = fmt.Errorf("%w (%v)", ErrNoDevice, err)
	return p.err
}

// Pause stops playback, keeping the position.
func (p *Player) Pause() { p.playing.Store(false) }

// Toggle plays when paused and pauses when playing.
func (p *Player) Toggle() {
	if p.playing.Load() {
		p.Pause()
		return
	}
	_ = p.Play() // the error stays available from Err
}

// Playing reports whether the player is playing.
func (p *Player) Playing() bool { return p.playing.Load() }

// Seek moves the playhead to sec (clamped to the track).
func (p *Player) Seek(sec float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.track == nil || math.IsNaN(sec) {
		return
	}
	f := int64(math.Round(sec * float64(p.track.info.SampleRate)))
	p.pos.Store(max(0, min(f, int64(p.track.Frames()))))
}

// Position is the playhead in seconds. It is cheap (an atomic load).
func (p *Player) Position() float64 {
	r := p.rateNow.Load()
	if r == 0 {
		return 0
	}
	return float64(p.pos.Load()) / float64(r)
}

// SetLoop loops playback over [from, to) seconds; an empty region clears it.
func (p *Player) SetLoop(from, to float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.track == nil || !(to > from) {
		p.loopA, p.loopB = 0, 0
		return
	}
	sr := float64(p.track.info.SampleRate)
	n := int64(p.track.Frames())
	p.loopA = max(0, min(n, int64(math.Round(from*sr))))
	p.loopB = max(0, min(n, int64(math.Round(to*sr))))
	if p.loopB <= p.loopA {
		p.loopA, p.loopB = 0, 0
	}
}

// ClearLoop ends looping.
func (p *Player) ClearLoop() { p.SetLoop(0, 0) }

// SetVolume sets the volume, 0 (silent) to 1 (as decoded).
func (p *Player) SetVolume(v float64) {
	if math.IsNaN(v) {
		return
	}
	p.volume.Store(math.Float64bits(max(0, min(1, v))))
}

// SetMetronome mixes a click on each of beats (seconds) over the music when on.
func (p *Player) SetMetronome(on bool, beats []float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.metro = on
	p.beats = p.beats[:0]
	if p.track == nil {
		return
	}
	sr := float64(p.track.info.SampleRate)
	for _, b := range beats {
		if b >= 0 && !math.IsNaN(b) {
			p.beats = append(p.beats, int64(math.Round(b*sr)))
		}
	}
	sort.Slice(p.beats, func(i, j int) bool { return p.beats[i] < p.beats[j] })
}

// Err returns ErrNoDevice (wrapped) once playback was found not to reach a
// sound device, nil otherwise.
func (p *Player) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Close stops playback for good and releases the player's stream.
func (p *Player) Close() {
	p.playing.Store(false)
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
}

// playerStreamer is what the device pulls: the loaded track at the
// playhead, looped and mixed with the metronome, silence while paused. It
// streams forever (pattern 1) until the Player is closed (pattern 3).
type playerStreamer struct {
	p   *Player
	gen int
}

func (s *playerStreamer) Err() error { return nil }

func (s *playerStreamer) Stream(samples [][2]float64) (int, bool) {
	p := s.p
	p.pulls.Add(1)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || s.gen != p.gen {
		return 0, false
	}
	t := p.track
	if t == nil || !p.playing.Load() {
		clear(samples)
		return len(samples), true
	}
	vol := math.Float64frombits(p.volume.Load())
	frames := int64(t.Frames())
	pos := p.pos.Load()
	out := 0
	for out < len(samples) {
		end := frames
		if p.loopB > 0 && pos <= p.loopB {
			end = p.loopB
		}
		if pos >= end {
			if p.loopB > 0 && end == p.loopB {
				pos = p.loopA
				continue
			}
			// End of the track: pause there, silence for the rest.
			p.playing.Store(false)
			clear(samples[out:])
			break
		}
		n := int(min(int64(len(samples)-out), end-pos))
		got := t.fill(samples[out:out+n], int(pos))
		if p.metro {
			p.mixClicks(samples[out:out+got], pos)
		}
		for i := out; i < out+got; i++ {
			samples[i][0] *= vol
			samples[i][1] *= vol
		}
		out += got
		pos += int64(got)
		if got == 0 {
			clear(samples[out:])
			break
		}
	}
	p.pos.Store(pos)
	return len(samples), true
}

// mixClicks adds the click to buf, whose first frame is track frame pos.
func (p *Player) mixClicks(buf [][2]float64, pos int64) {
	cl := int64(len(p.click))
	end := pos + int64(len(buf))
	i := sort.Search(len(p.beats), func(i int) bool { return p.beats[i]+cl > pos })
	for ; i < len(p.beats) && p.beats[i] < end; i++ {
		b := p.beats[i]
		for f := max(b, pos); f < min(b+cl, end); f++ {
			c := p.click[f-b]
			buf[f-pos][0] += c
			buf[f-pos][1] += c
		}
	}
}
