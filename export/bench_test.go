package export

import (
	"fmt"
	"io"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// bigProject returns the fixture grown to n cards in act order, with a beat
// grid as long as the reel.
func bigProject(tb testing.TB, dir string, n int) *storyboard.Project {
	p := fixture(storyboard.Rate2997, dir)
	base := p.Cards
	p.Cards = make([]storyboard.Card, 0, n)
	for i := range n {
		c := base[i%len(base)].Clone()
		c.Act = storyboard.Act(i * 3 / n)
		p.Cards = append(p.Cards, c)
	}
	var end storyboard.Time
	for _, c := range p.Cards {
		end += c.Duration
	}
	a := p.Soundtrack.Analysis
	a.Duration = end + 2*storyboard.Second
	a.Beats, a.Downbeats = nil, nil
	beat := storyboard.Second / 2
	for t := storyboard.Time(0); t < a.Duration; t += beat {
		a.Beats = append(a.Beats, t)
		if t%(4*beat) == 0 {
			a.Downbeats = append(a.Downbeats, t)
		}
	}
	return p
}

// BenchmarkExport measures Write's work (planning and encoding, without the
// file) for every format at 1k, 10k and 100k cards: time and memory per
// card must stay flat. The EDL stops at 999 events, so it is measured only
// where it can be written; the bundle carries every other format.
func BenchmarkExport(b *testing.B) {
	dir := mediaDir(b)
	for _, n := range []int{1000, 10000, 100000} {
		p := bigProject(b, dir, n)
		for _, f := range Formats {
			if f.Name == "edl" {
				continue
			}
			b.Run(fmt.Sprintf("%s/cards=%d", f.Name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					pl, err := newPlan(p, Options{}, f.Images)
					if err != nil {
						b.Fatal(err)
					}
					if err := f.write(pl, io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
