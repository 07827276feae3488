package export

import (
	"io"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// BenchmarkEncode measures each format's encoder on a 200-card project.
func BenchmarkEncode(b *testing.B) {
	dir := mediaDir(b)
	p := fixture(storyboard.Rate2997, dir)
	for len(p.Cards) < 200 {
		c := p.Cards[len(p.Cards)%5].Clone()
		p.Cards = append(p.Cards, c)
	}
	// Keep acts in order.
	for i := range p.Cards {
		p.Cards[i].Act = storyboard.Act(i * 3 / len(p.Cards))
	}
	pl, err := newPlan(p, Options{}, true)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range Formats {
		if f.Name == "bundle" {
			continue
		}
		b.Run(f.Name, func(b *testing.B) {
			enc := encoderFor(f.Name)
			for b.Loop() {
				if err := enc(pl, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
