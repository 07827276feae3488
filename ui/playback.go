package ui

import (
	"sync"
	"time"
)

// player is what the transport needs from a sound player. Positions are song
// seconds (reel time plus the soundtrack offset).
type player interface {
	Play() error
	Pause()
	Playing() bool
	Seek(sec float64)
	Position() float64
	SetLoop(from, to float64)
	ClearLoop()
	SetMetronome(on bool, beats []float64)
	Err() error // non-nil once the sound device failed
	Close()
}

// clockPlayer plays silently on the wall clock: the transport keeps working
// with no soundtrack or no sound device.
type clockPlayer struct {
	mu       sync.Mutex
	playing  bool
	base     float64 // position when started or sought
	started  time.Time
	loopFrom float64
	loopTo   float64
	length   float64 // stop at this position; 0 means no end
	now      func() time.Time
}

func newClockPlayer() *clockPlayer { return &clockPlayer{now: time.Now} }

func (c *clockPlayer) Play() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.playing {
		c.playing = true
		c.started = c.now()
	}
	return nil
}

func (c *clockPlayer) Pause() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = c.posLocked()
	c.playing = false
}

func (c *clockPlayer) Playing() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.posLocked()
	return c.playing
}

func (c *clockPlayer) Seek(sec float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = max(sec, 0)
	c.started = c.now()
}

func (c *clockPlayer) Position() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.posLocked()
}

func (c *clockPlayer) posLocked() float64 {
	if !c.playing {
		return c.base
	}
	p := c.base + c.now().Sub(c.started).Seconds()
	if c.loopTo > c.loopFrom {
		if p >= c.loopTo {
			span := c.loopTo - c.loopFrom
			p = c.loopFrom + mod(p-c.loopFrom, span)
		}
		return p
	}
	if c.length > 0 && p >= c.length {
		c.playing = false
		c.base = c.length
		return c.length
	}
	return p
}

func mod(a, b float64) float64 {
	for a >= b {
		a -= b
	}
	return a
}

func (c *clockPlayer) SetLoop(from, to float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.base = c.posLocked()
	c.started = c.now()
	c.loopFrom, c.loopTo = from, to
}

func (c *clockPlayer) ClearLoop() { c.SetLoop(0, 0) }

func (c *clockPlayer) SetMetronome(bool, []float64) {}

func (c *clockPlayer) Close() { c.Pause() }

func (c *clockPlayer) Err() error { return nil }
