package ui

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/storyboard"
)

// demoSong writes a song for the tests: 8 s of clicks at 120 BPM, a WAV
// file small enough to decode and analyse quickly under the race detector.
func demoSong(t *testing.T) string {
	t.Helper()
	return clickSong(t, 120, 8)
}

// clickSong writes secs seconds of clicks at bpm as a 22.05 kHz WAV file.
func clickSong(t *testing.T, bpm, secs float64) string {
	t.Helper()
	const sr = 22050
	x := make([]float32, int(secs*sr))
	for at := 0.25; at < secs; at += 60 / bpm {
		i0 := int(math.Round(at * sr))
		for i := 0; i < sr/100 && i0+i < len(x); i++ {
			ti := float64(i) / sr
			x[i0+i] += 0.8 * float32(math.Sin(2*math.Pi*1500*ti)*math.Exp(-ti*300))
		}
	}
	data := make([]byte, 44+2*len(x))
	copy(data[0:], "RIFF")
	binary.LittleEndian.PutUint32(data[4:], uint32(len(data)-8))
	copy(data[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(data[16:], 16)
	binary.LittleEndian.PutUint16(data[20:], 1) // PCM
	binary.LittleEndian.PutUint16(data[22:], 1) // mono
	binary.LittleEndian.PutUint32(data[24:], sr)
	binary.LittleEndian.PutUint32(data[28:], 2*sr)
	binary.LittleEndian.PutUint16(data[32:], 2)
	binary.LittleEndian.PutUint16(data[34:], 16)
	copy(data[36:], "data")
	binary.LittleEndian.PutUint32(data[40:], uint32(2*len(x)))
	for i, v := range x {
		binary.LittleEndian.PutUint16(data[44+2*i:], uint16(int16(math.Round(float64(max(-1, min(1, v)))*32767))))
	}
	path := filepath.Join(t.TempDir(), "soundtrack.wav")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// withCache makes the analysis cache a fresh folder for the test.
func withCache(t *testing.T) {
	audio.SetCacheDir(t.TempDir())
	t.Cleanup(func() { audio.SetCacheDir("") })
}

func TestUndoChooseMusicRemovesMusicAndAnalysis(t *testing.T) {
	withCache(t)
	m := newTestWindow(t)
	song := demoSong(t)
	m.music.Choose(song)
	st := m.ed.Project.Soundtrack
	if st == nil || st.Path != song {
		t.Fatalf("after choosing the demo song the soundtrack = %+v; want %s", st, song)
	}
	if st.Analysis == nil || len(st.Analysis.Beats) == 0 {
		t.Fatalf("after choosing the demo song the analysis = %+v; want beats", st.Analysis)
	}
	if beats, _ := m.ed.Project.BeatGrid(); len(beats) == 0 {
		t.Fatalf("no beat grid after the analysis")
	}
	if name, _ := m.ed.CanUndo(); name != "Set soundtrack" {
		t.Errorf("undo step after choosing music = %q; want %q (the analysis is no step of its own)", name, "Set soundtrack")
	}
	if !strings.Contains(m.music.Status(), "BPM") {
		t.Errorf("music status after the analysis = %q; want the tempo", m.music.Status())
	}

	shortcut(m, fyne.KeyZ, fyne.KeyModifierShortcutDefault)
	if s := m.ed.Project.Soundtrack; s != nil {
		t.Fatalf("after one Undo the soundtrack = %+v; want none (music and analysis together)", s)
	}
	if beats, _ := m.ed.Project.BeatGrid(); len(beats) != 0 {
		t.Errorf("after one Undo %d beats remain; want none", len(beats))
	}
	if m.music.wave != nil || m.music.track != nil {
		t.Errorf("after one Undo the waveform or the track stays")
	}
	if got := m.music.Status(); strings.Contains(got, "BPM") {
		t.Errorf("after one Undo the music status = %q; want no tempo", got)
	}
	if m.ed.Dirty() {
		t.Errorf("after undoing the only edit Dirty() = true; want false")
	}

	shortcut(m, fyne.KeyY, fyne.KeyModifierShortcutDefault)
	st = m.ed.Project.Soundtrack
	if st == nil || st.Analysis == nil || len(st.Analysis.Beats) == 0 {
		t.Fatalf("after Redo the soundtrack = %+v; want the song with its analysis again", st)
	}
	if _, ok := m.ed.CanRedo(); ok {
		t.Errorf("after Redo there is still a step to redo")
	}
}

func TestUnreadableMusicKeepsThePreviousSoundtrack(t *testing.T) {
	withCache(t)
	m := newTestWindow(t)
	song := demoSong(t)
	m.music.Choose(song)
	fake := filepath.Join(t.TempDir(), "notes.ogg")
	if err := os.WriteFile(fake, []byte("these are my notes, not music\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m.music.Choose(fake)
	if st := m.ed.Project.Soundtrack; st == nil || st.Path != song || st.Analysis == nil {
		t.Fatalf("after choosing a text file as music the soundtrack = %+v; want %s kept with its analysis", st, song)
	}
	got := m.music.Status()
	for _, want := range []string{"notes.ogg", "soundtrack.wav"} {
		if !strings.Contains(got, want) {
			t.Errorf("status after a text file as music = %q; want it to name %s", got, want)
		}
	}
	if name, _ := m.ed.CanUndo(); name != "Set soundtrack" || m.ed.history.CanRedo() {
		t.Errorf("undo step = %q; want the first choice only", name)
	}
	if m.music.wave == nil {
		t.Errorf("the refused file cleared the waveform of the kept song")
	}
}

func TestUnreadableSoundtrackOnOpenIsAPacingError(t *testing.T) {
	withCache(t)
	m := newTestWindow(t)
	if err := m.ed.SetSoundtrack("", &storyboard.Soundtrack{Path: filepath.Join(t.TempDir(), "gone.mp3")}); err != nil {
		t.Fatal(err)
	}
	if m.music.Problem() == nil {
		t.Fatalf("a missing soundtrack file gives no problem")
	}
	found := false
	for _, f := range m.pacing.findings {
		found = found || f.Error && strings.Contains(findingText(f), "gone.mp3")
	}
	if !found {
		t.Errorf("pacing findings %+v; want an error naming gone.mp3", m.pacing.findings)
	}
}

// TestAnotherSongFitsOrKeeps: choosing another song for a timed plan asks;
// "Fit to the new song" fits the cards to its beats as one undoable edit
// once it is analysed; "Keep the timings" keeps every duration.
func TestAnotherSongFitsOrKeeps(t *testing.T) {
	withCache(t)
	m := newTestWindow(t)
	m.music.Choose(clickSong(t, 120, 40))
	before := m.ed.Project.Clone()
	steps := m.ed.History().UndoName()
	next := clickSong(t, 100, 40)

	m.sound.choose(next)
	if len(m.win.Canvas().Overlays().List()) == 0 {
		t.Fatal("choosing another song for a timed plan asks nothing")
	}
	test.Tap(dialogButtons(m)["Fit to the new song"])
	p := m.ed.Project
	if p.Soundtrack == nil || p.Soundtrack.Path != next || p.Soundtrack.Analysis == nil {
		t.Fatalf("after Fit to the new song the soundtrack = %+v; want %s analysed", p.Soundtrack, next)
	}
	beats, _ := p.BeatGrid()
	for _, c := range p.Cuts() {
		if !onBeat(c, beats) {
			t.Errorf("fitted to the new song: cut at %s off its beats", c)
		}
	}
	if !strings.Contains(m.status.Text, "Fitted") {
		t.Errorf("status %q; want the fit's account", m.status.Text)
	}
	m.ed.Undo()
	if got := m.ed.Project.Soundtrack.Path; got != before.Soundtrack.Path || m.ed.History().UndoName() != steps {
		t.Errorf("one Undo: soundtrack %s, undo %q; want the first song back in one step", got, m.ed.History().UndoName())
	}
	for i, c := range m.ed.Project.Cards {
		if c.Duration != before.Cards[i].Duration {
			t.Fatalf("one Undo left card %d at %s; want %s", i+1, c.Duration, before.Cards[i].Duration)
		}
	}

	m.sound.choose(next)
	test.Tap(dialogButtons(m)["Cancel"])
	if got := m.ed.Project.Soundtrack.Path; got != before.Soundtrack.Path || len(m.win.Canvas().Overlays().List()) != 0 {
		t.Errorf("Cancel: soundtrack %s, %d overlays; want the first song kept and the dialog gone", got, len(m.win.Canvas().Overlays().List()))
	}

	m.sound.choose(next)
	test.Tap(dialogButtons(m)["Keep the timings"])
	if got := m.ed.Project.Soundtrack.Path; got != next {
		t.Errorf("Keep the timings: soundtrack %s; want %s", got, next)
	}
	for i, c := range m.ed.Project.Cards {
		if c.Duration != before.Cards[i].Duration {
			t.Errorf("Keep the timings changed card %d to %s", i+1, c.Duration)
		}
	}
}
