package export

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/internal/crafted"
	"github.com/reelboard/reelboard/storyboard"
)

// TestBeatsCountedOnTheGrid: a card spanning four beats of a drifting
// grid reads 4 beats in the shot list and on the sheet, not its length at
// the mean tempo (a fitted plan read "4.1 beats" and "1.9 beats").
func TestBeatsCountedOnTheGrid(t *testing.T) {
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	an := &storyboard.Analysis{Hash: "h", TempoBPM: 120, Duration: 40 * storyboard.Second}
	at := storyboard.Time(0)
	for k := range 60 {
		an.Beats = append(an.Beats, at)
		at += storyboard.Seconds([]float64{0.46, 0.5, 0.56}[k%3]) // drifting around 120 BPM
	}
	song, err := crafted.Source(t.TempDir(), "song.wav", 8000, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	p.Soundtrack = &storyboard.Soundtrack{Path: song, Analysis: an}
	p.Cards = nil
	for i, n := range []int{4, 2, 6} { // beats per card
		start := storyboard.Time(0)
		if len(p.Cards) > 0 {
			start = p.Start(len(p.Cards)-1) + p.Cards[len(p.Cards)-1].Duration
		}
		k := 0
		for an.Beats[k] < start {
			k++
		}
		p.Cards = append(p.Cards, storyboard.Card{ID: uuid.New(), Title: "card", Kind: storyboard.ShotHands, Act: storyboard.Act(i), Duration: an.Beats[k+n] - start})
	}
	pl, err := newPlan(p, DefaultOptions(p, ""), false)
	if err != nil {
		t.Fatal(err)
	}
	rows := pl.shotRows()
	for i, want := range []string{"4", "2", "6"} {
		if got := rows[i][7]; got != want {
			t.Errorf("card %d: %s beats in the shot list; want %s", i+1, got, want)
		}
	}
}
