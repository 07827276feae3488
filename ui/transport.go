package ui

import (
	"fmt"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/storyboard"
)

type loopMode int

const (
	loopOff loopMode = iota
	loopSelection
	loopArrival
	loopWork
	loopFulfilment
)

// transport is play/pause, looping and the position readout. While playing,
// one fyne.Animation polls the player's position each frame and moves the
// playhead: no goroutine floods fyne.Do.
type transport struct {
	ed        *Editor
	shown     func() *storyboard.Project // what plays: the plan or the variant shown (nil: the plan)
	player    player
	clock     *clockPlayer
	anim      *fyne.Animation
	sound     *audio.Player
	metronome bool
	wantPlay  bool            // the user pressed play and has not paused
	playFrom  storyboard.Time // where the last play started
	playAt    time.Time       // when, on the clock's time
	pos       storyboard.Time // the playhead, in reel time
	loop      loopMode
	playBtn   *widget.Button
	posLabel  *widget.Label
	loopSel   *selectField
	content   fyne.CanvasObject

	// Wired by the window.
	OnPosition func(storyboard.Time)          // the playhead moved
	OnLoop     func(from, to storyboard.Time) // the loop range changed (from == to: none)
	OnPlaying  func(bool)                     // playback started or stopped
	say        func(key, msg string)          // a one-time message for the status bar
}

// newTransport returns the transport of ed's project; its widgets are made
// by build, again after a change of language, and its state stays.
func newTransport(ed *Editor) *transport {
	t := &transport{ed: ed, clock: newClockPlayer(), say: func(string, string) {}}
	t.player = t.clock
	t.anim = fyne.NewAnimation(time.Second, func(float32) { t.tick() })
	t.anim.RepeatCount = fyne.AnimationRepeatForever
	t.anim.Curve = fyne.AnimationLinear
	return t
}

// build makes the transport's widgets in the language now in use.
func (t *transport) build() fyne.CanvasObject {
	icon := theme.MediaPlayIcon()
	if t.wantPlay {
		icon = theme.MediaPauseIcon()
	}
	t.playBtn = widget.NewButtonWithIcon("", icon, t.toggle)
	t.posLabel = widget.NewLabelWithStyle(t.format(t.pos), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	loops := []string{lang.L("No loop"), lang.L("Loop selection"), lang.L("Loop arrival"), lang.L("Loop work"), lang.L("Loop fulfilment")}
	t.loopSel = newSelectField(loops, func(string) { t.setLoop(loopMode(t.loopSel.SelectedIndex())) }, t.toggle)
	t.loopSel.SetSelectedIndex(int(t.loop))
	loopBox := minWidth(selectWidth(loops), t.loopSel)
	start := widget.NewButtonWithIcon("", theme.MediaSkipPreviousIcon(), func() { t.seekTo(0) })
	t.content = container.NewHBox(start, t.playBtn, t.posLabel, loopBox)
	return t.content
}

// setPlayer switches to a sound player (nil goes back to the silent clock).
func (t *transport) setPlayer(p player) {
	wasPlaying := t.player.Playing()
	t.player.Pause()
	if p == nil {
		p = t.clock
	}
	t.player = p
	t.applyLoop()
	t.player.Seek(t.songSeconds(t.pos))
	if wasPlaying {
		t.play()
	}
}

func (t *transport) offset() storyboard.Time {
	if s := t.proj().Soundtrack; s != nil {
		return s.Offset
	}
	return 0
}

func (t *transport) songSeconds(reel storyboard.Time) float64 { return (reel + t.offset()).Seconds() }

func (t *transport) playhead() storyboard.Time { return t.pos }

func (t *transport) toggle() {
	if t.player.Playing() {
		t.pause()
	} else {
		t.play()
	}
}

func (t *transport) play() {
	length := t.proj().Length()
	if t.loop == loopOff && t.pos >= length {
		t.seekTo(0)
	}
	t.clock.length = t.songSeconds(length)
	t.wantPlay = true
	t.playFrom, t.playAt = t.pos, t.clock.now()
	if err := t.player.Play(); err != nil {
		// The sound device failed: keep going silently and say so once.
		t.noDevice()
		_ = t.clock.Play()
	}
	t.playBtn.SetIcon(theme.MediaPauseIcon())
	t.playing(true)
	t.anim.Start()
}

func (t *transport) pause() {
	t.wantPlay = false
	t.player.Pause()
	t.anim.Stop()
	t.playing(false)
	t.playBtn.SetIcon(theme.MediaPlayIcon())
	t.tick()
}

func (t *transport) stop() {
	t.pause()
	t.seekTo(0)
}

func (t *transport) close() {
	t.anim.Stop()
	t.player.Close()
	if t.sound != nil {
		t.sound.Close()
	}
}

// tick runs on the fyne goroutine once per frame while playing.
func (t *transport) tick() {
	// Playing before Err: the player records the device failure before it
	// stops, so a stop seen here with no error yet is a real stop.
	playing := t.player.Playing()
	if t.player != t.clock && t.player.Err() != nil {
		t.noDevice()
		playing = t.player.Playing()
	}
	pos := storyboard.Seconds(t.player.Position()) - t.offset()
	length := t.proj().Length()
	if t.loop == loopOff && pos >= length && playing {
		t.player.Pause()
		playing = false
		pos = length
	}
	t.setPos(pos)
	if !playing {
		t.wantPlay = false
		t.anim.Stop()
		t.playing(false)
		t.playBtn.SetIcon(theme.MediaPlayIcon())
	}
}

func (t *transport) playing(on bool) {
	if t.OnPlaying != nil {
		t.OnPlaying(on)
	}
}

func (t *transport) seekTo(pos storyboard.Time) {
	pos = max(pos, 0)
	t.player.Seek(t.songSeconds(pos))
	t.setPos(pos)
}

func (t *transport) setPos(pos storyboard.Time) {
	t.pos = pos
	if t.posLabel != nil {
		t.posLabel.SetText(t.format(pos))
	}
	if t.OnPosition != nil {
		t.OnPosition(pos)
	}
}

// format shows pos as time and bar.beat when the beats are known.
func (t *transport) format(pos storyboard.Time) string {
	s := pos.String()
	if bar, beat, ok := barBeat(t.proj(), pos); ok {
		s += fmt.Sprintf("  %d.%d", bar, beat)
	}
	return s
}

// update follows a change of the project: the loop range, the playhead's
// place on the reel and its bar.beat.
func (t *transport) update(ch Change) {
	if !ch.CardsChanged() && !ch.Soundtrack && !ch.Selection {
		return
	}
	if ch.CardsChanged() || ch.Soundtrack || t.loop == loopSelection {
		t.applyLoop()
	}
	if !ch.CardsChanged() && !ch.Soundtrack {
		return
	}
	if length := t.proj().Length(); t.pos > length {
		// Cards were deleted under the playhead: keep it on the reel.
		t.seekTo(length)
		return
	}
	if t.posLabel != nil {
		t.posLabel.SetText(t.format(t.pos))
	}
}

func (t *transport) setLoop(l loopMode) {
	t.loop = l
	if t.loopSel != nil && t.loopSel.SelectedIndex() != int(l) {
		t.loopSel.SetSelectedIndex(int(l))
	}
	t.applyLoop()
	if l != loopOff {
		from, _, ok := t.loopRange()
		if ok && (t.pos < from || !t.player.Playing()) {
			t.seekTo(from)
		}
	}
}

func (t *transport) loopRange() (from, to storyboard.Time, ok bool) {
	p := t.proj()
	switch t.loop {
	case loopSelection:
		first, last := -1, -1
		for _, id := range t.ed.Selection() {
			i := p.Index(id)
			if i < 0 {
				continue
			}
			if first < 0 || i < first {
				first = i
			}
			last = max(last, i)
		}
		if first < 0 {
			return 0, 0, false
		}
		return p.Start(first), p.Start(last) + p.Cards[last].Duration, true
	case loopArrival, loopWork, loopFulfilment:
		a := storyboard.Act(t.loop - loopArrival)
		i, j := p.ActSpan(a)
		if i == j {
			return 0, 0, false
		}
		return p.Start(i), p.Start(j), true
	}
	return 0, 0, false
}

func (t *transport) applyLoop() {
	if from, to, ok := t.loopRange(); ok && to > from {
		t.player.SetLoop(t.songSeconds(from), t.songSeconds(to))
		if t.OnLoop != nil {
			t.OnLoop(from, to)
		}
		return
	}
	t.player.ClearLoop()
	if t.OnLoop != nil {
		t.OnLoop(0, 0)
	}
}

// songBeats returns the project's beats and downbeats in reel time.
func songBeats(p *storyboard.Project) (beats, downbeats []storyboard.Time) {
	return p.BeatGrid()
}

// barBeat returns the bar and beat (from 1) playing at reel time pos.
func barBeat(p *storyboard.Project, pos storyboard.Time) (bar, beat int, ok bool) {
	beats, downs := songBeats(p)
	if len(beats) == 0 {
		return 0, 0, false
	}
	bi := sort.Search(len(beats), func(i int) bool { return beats[i] > pos }) - 1
	if bi < 0 {
		// Before the first beat: count from it, so that the counter shows
		// from the start of the reel.
		bi, pos = 0, beats[0]
	}
	if len(downs) == 0 {
		return bi/4 + 1, bi%4 + 1, true
	}
	// Bars count from 1.1 at the reel's start: beats before the first
	// downbeat (a pickup) make bar 1, and the first downbeat starts bar 2.
	pickup := 0
	if beats[0] < downs[0] {
		pickup = 1
	}
	di := sort.Search(len(downs), func(i int) bool { return downs[i] > pos }) - 1
	if di < 0 {
		return 1, bi + 1, true
	}
	first := sort.Search(len(beats), func(i int) bool { return beats[i] >= downs[di] })
	return di + 1 + pickup, bi - first + 1, true
}

// setMetronome turns the metronome click on the beats on or off.
func (t *transport) setMetronome(on bool) {
	t.metronome = on
	beats, _ := songBeats(t.proj())
	secs := make([]float64, len(beats))
	for i, b := range beats {
		secs[i] = t.songSeconds(b)
	}
	t.player.SetMetronome(on, secs)
}

// setTrack gives the transport the decoded soundtrack: it plays through the
// sound device from now on, or silently when there is none.
func (t *transport) setTrack(track *audio.Track) {
	if t.sound == nil {
		t.sound = audio.NewPlayer()
	}
	t.sound.Load(track)
	if t.sound.Err() != nil {
		t.noDevice()
		return
	}
	t.setPlayer(t.sound)
	t.setMetronome(t.metronome)
}

// noDevice falls back to the silent clock and says so once.
func (t *transport) noDevice() {
	t.say("nodevice", lang.L("No sound device: playback runs silently, everything else works."))
	if t.player != t.clock {
		pos := t.pos
		playing := t.wantPlay
		if playing && pos == t.playFrom {
			// The device never played: go on from where the sound would be
			// by now, not from where play was pressed.
			pos += storyboard.Seconds(t.clock.now().Sub(t.playAt).Seconds())
		}
		t.player.Pause()
		t.player = t.clock
		t.applyLoop()
		t.clock.Seek(t.songSeconds(pos))
		if playing {
			_ = t.clock.Play()
		}
	}
}

// proj is the project that plays: the variant shown, or the plan.
func (t *transport) proj() *storyboard.Project { return shownOr(t.shown, t.ed) }
