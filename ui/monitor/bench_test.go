package monitor

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/reelboard/reelboard/storyboard"
)

// BenchmarkShowAt follows a playhead at 60 frames a second through a
// 1,000-card reel with on-screen text and safe zones: the monitor's work per
// frame of playback.
func BenchmarkShowAt(b *testing.B) {
	test.NewTempApp(b)
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	base := p.Cards
	p.Cards = nil
	for i := range 1000 {
		c := base[i%len(base)]
		c.OnScreenText = "Day 1 — 6:00"
		p.Cards = append(p.Cards, c)
	}
	m := New()
	w := test.NewTempWindow(b, m)
	w.Resize(fyne.NewSize(270, 540))
	m.SetSafeZones(true)
	at, step, end := storyboard.Time(0), storyboard.Second/60, p.Length()
	b.ReportAllocs()
	for b.Loop() {
		m.ShowAt(p, at)
		if at += step; at > end {
			at = 0
		}
	}
}
