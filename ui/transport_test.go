package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/reelboard/reelboard/storyboard"
)

// deadPlayer is a sound player whose device is missing.
type deadPlayer struct{ *clockPlayer }

func (d *deadPlayer) Play() error { return errors.New("no sound device") }
func (d *deadPlayer) Err() error  { return errors.New("no sound device") }

func TestNoSoundDeviceFallsBackOnce(t *testing.T) {
	m := newTestWindow(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m.trans.clock.now = func() time.Time { return now }
	m.trans.setPlayer(&deadPlayer{newClockPlayer()})
	m.trans.play()
	msg := m.status.Text
	if !strings.Contains(msg, "No sound device") {
		t.Fatalf("status after a failed play = %q; want the no-device sentence", msg)
	}
	now = now.Add(1500 * time.Millisecond)
	m.trans.tick()
	if got, want := m.trans.playhead(), 1500*storyboard.Millisecond; got != want {
		t.Errorf("playhead 1.5 s after play = %v; want %v (silent playback)", got, want)
	}
	m.say("")
	m.trans.pause()
	m.trans.setPlayer(&deadPlayer{newClockPlayer()})
	m.trans.play()
	if m.status.Text != "" {
		t.Errorf("second failure said %q; want the message only once", m.status.Text)
	}
}

func TestBarBeat(t *testing.T) {
	p, _ := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Now())
	p.Soundtrack = &storyboard.Soundtrack{Path: "x.ogg", TempoOverride: 120}
	tests := []struct {
		at        storyboard.Time
		bar, beat int
	}{
		{0, 1, 1},
		{storyboard.Second/2 + 1, 1, 2},
		{2 * storyboard.Second, 2, 1},
		{3*storyboard.Second + storyboard.Second/2, 2, 4},
	}
	for _, tt := range tests {
		bar, beat, ok := barBeat(p, tt.at)
		if !ok || bar != tt.bar || beat != tt.beat {
			t.Errorf("barBeat(%v) = %d.%d, %v; want %d.%d", tt.at, bar, beat, ok, tt.bar, tt.beat)
		}
	}
	// A pickup: two beats before the first downbeat are bar 1, so the
	// counter reads 1.1 at the reel's start and 2.1 on the first downbeat.
	beats := []storyboard.Time{0, storyboard.Second / 2, storyboard.Second, 3 * storyboard.Second / 2, 2 * storyboard.Second, 5 * storyboard.Second / 2}
	pk := p.Clone()
	pk.Soundtrack = &storyboard.Soundtrack{Path: "x.ogg", Analysis: &storyboard.Analysis{Hash: "h", TempoBPM: 120, Beats: beats, Downbeats: beats[2:3]}}
	for _, tt := range []struct {
		at        storyboard.Time
		bar, beat int
	}{{0, 1, 1}, {storyboard.Second/2 + 1, 1, 2}, {storyboard.Second, 2, 1}, {2 * storyboard.Second, 2, 3}} {
		if bar, beat, ok := barBeat(pk, tt.at); !ok || bar != tt.bar || beat != tt.beat {
			t.Errorf("barBeat(pickup, %v) = %d.%d, %v; want %d.%d", tt.at, bar, beat, ok, tt.bar, tt.beat)
		}
	}
	// A beat grid that starts after 0 counts from its first beat.
	p.Soundtrack.PhaseNudge = 100 * storyboard.Millisecond
	tests = tests[:1]
	for _, tt := range tests {
		bar, beat, ok := barBeat(p, tt.at)
		if !ok || bar != tt.bar || beat != tt.beat {
			t.Errorf("barBeat(%v) = %d.%d, %v; want %d.%d", tt.at, bar, beat, ok, tt.bar, tt.beat)
		}
	}
}

// lateFailPlayer is audio.Player on a machine with no sound device: Play
// succeeds but the position never moves; a second later the device check
// fails, recording the error just after the transport asked for it, then
// stopping.
type lateFailPlayer struct {
	*clockPlayer
	failed bool
}

func (p *lateFailPlayer) Position() float64 { return 0 }
func (p *lateFailPlayer) Playing() bool     { return !p.failed && p.clockPlayer.Playing() }
func (p *lateFailPlayer) Err() error {
	if !p.failed {
		p.failed = true
		return nil
	}
	return errors.New("no sound device")
}

func TestFirstPlayWithLateDeviceFailure(t *testing.T) {
	m := newTestWindow(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m.trans.clock.now = func() time.Time { return now }
	m.trans.setPlayer(&lateFailPlayer{clockPlayer: newClockPlayer()})
	m.trans.play()
	now = now.Add(time.Second) // the device check takes a second
	m.trans.tick()             // the device fails during this tick
	m.trans.tick()
	now = now.Add(time.Second)
	m.trans.tick()
	if got, want := m.trans.playhead(), 2*storyboard.Second; got != want {
		t.Errorf("playhead 2 s after the first play = %v; want %v (silent playback from the press)", got, want)
	}
	if !m.trans.player.Playing() {
		t.Errorf("transport stopped after the device failed; want it playing on the silent clock")
	}
}

func TestPlayheadStaysOnTheReel(t *testing.T) {
	m := newTestWindow(t)
	m.trans.seekTo(m.ed.Project.Length())
	last := m.ed.Project.Cards[len(m.ed.Project.Cards)-1].ID
	m.ed.Select(last)
	if err := m.ed.DeleteSelected(); err != nil {
		t.Fatal(err)
	}
	if got, want := m.trans.playhead(), m.ed.Project.Length(); got > want {
		t.Errorf("playhead after deleting the last card = %v; want at most the reel length %v", got, want)
	}
}

func TestLoopSelectShowsItsText(t *testing.T) {
	m := newTestWindow(t)
	m.trans.loopSel.SetSelectedIndex(int(loopSelection))
	m.win.Content().Refresh()
	if got, want := m.trans.loopSel.Size().Width, selectWidth(m.trans.loopSel.Options); got < want {
		t.Errorf("loop select is %v wide; want at least %v to show %q", got, want, m.trans.loopSel.Selected)
	}
}
