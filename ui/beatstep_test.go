package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// beatSong gives m's project a soundtrack at 135.1 BPM whose beats do not
// fall on whole tenths of a second, as on real music.
func beatSong(m *mainWindow) storyboard.Time {
	p := m.ed.Project.Clone()
	period := storyboard.Seconds(60 / 135.1)
	var beats []storyboard.Time
	for k := range 200 {
		beats = append(beats, storyboard.Time(k)*period)
	}
	p.Soundtrack = &storyboard.Soundtrack{Path: "/nowhere/song.wav", Analysis: &storyboard.Analysis{Hash: "h", TempoBPM: 135.1, Duration: 90 * storyboard.Second, Beats: beats}}
	for i := range p.Cards {
		p.Cards[i].Duration = 2 * storyboard.Second
	}
	m.ed.Replace(p, "")
	return period
}

// TestArrowKeysMoveCutToBeat: ↑ and ↓ move the selected card's end cut to
// the next or previous beat of the song, not by a beat's length.
func TestArrowKeysMoveCutToBeat(t *testing.T) {
	m := newTestWindow(t)
	period := beatSong(m)
	id := m.ed.Project.Cards[0].ID
	m.ed.Select(id)
	key := m.win.Canvas().OnTypedKey()
	key(&fyne.KeyEvent{Name: fyne.KeyUp})
	// The cut at 2.000 s goes to the first beat after it: beat 5.
	if got, want := m.ed.Project.Cards[0].Duration, 5*period; got != want {
		t.Errorf("↑ from a cut at 2 s: duration %s; want %s (the next beat)", got, want)
	}
	key(&fyne.KeyEvent{Name: fyne.KeyDown})
	key(&fyne.KeyEvent{Name: fyne.KeyDown})
	if got, want := m.ed.Project.Cards[0].Duration, 3*period; got != want {
		t.Errorf("↓↓ after ↑: duration %s; want %s (two beats back)", got, want)
	}
	m.setSnap(false)
	before := m.ed.Project.Cards[0].Duration
	key(&fyne.KeyEvent{Name: fyne.KeyUp})
	if got, want := m.ed.Project.Cards[0].Duration, before+m.ed.Project.Rate.FrameDuration(); got != want {
		t.Errorf("↑ without snapping: duration %s; want %s (one frame more)", got, want)
	}
}

// TestPlaybackHighlightsCurrentCard: while playing, the timeline highlights
// the card under the playhead; stopping clears it; a loop is shaded.
func TestPlaybackHighlightsCurrentCard(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	p := m.ed.Project
	m.timeline.SetPlaying(true)
	m.timeline.SetPlayhead(p.Start(2) + storyboard.Second/2)
	if got := m.timeline.tl.Current(); got != p.Cards[2].ID {
		t.Errorf("playing at card 3: current %v; want %v", got, p.Cards[2].ID)
	}
	m.timeline.SetPlayhead(p.Start(4))
	if got := m.timeline.tl.Current(); got != p.Cards[4].ID {
		t.Errorf("playing at card 5's start: current %v; want %v", got, p.Cards[4].ID)
	}
	m.timeline.SetPlaying(false)
	if got := m.timeline.tl.Current(); got != uuid.Nil {
		t.Errorf("stopped: current %v; want none", got)
	}
	m.trans.OnLoop(p.Start(1), p.Start(3))
	if from, to := m.timeline.tl.Loop(); from != p.Start(1) || to != p.Start(3) {
		t.Errorf("loop shaded %s–%s; want %s–%s", from, to, p.Start(1), p.Start(3))
	}
}
