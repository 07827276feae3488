package storyboard

import (
	"fmt"
	"testing"
)

// scaleSizes are the project sizes of the scale benchmarks: their times and
// allocations should grow linearly, ten times per step.
var scaleSizes = []int{1_000, 10_000, 100_000}

// BenchmarkScale measures decoding, encoding and checking a project of 1k,
// 10k and 100k cards, so a quadratic step shows as a 100× jump per 10× cards.
func BenchmarkScale(b *testing.B) {
	for _, n := range scaleSizes {
		p := scaleProject(b, n)
		data, err := Encode(p, "/p")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("Decode/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(data, "/p"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Encode/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Encode(p, "/p"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("Check/%d", n), func(b *testing.B) {
			for b.Loop() {
				CheckFS(p, statAll)
			}
		})
	}
}

// scaleProject is bigProject with half-second cards, so that 100,000 of them
// stay within the 24-hour limit on a reel.
func scaleProject(tb testing.TB, n int) *Project {
	p := bigProject(tb, n)
	for i := range p.Cards {
		p.Cards[i].Duration = Second / 2
	}
	return p
}

// TestScaleLinear checks that Check does per-card work only: doubling the
// cards at most a little more than doubles the findings' work, measured in
// allocations (counts, not time, so the test is stable under load).
func TestScaleLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test in -short mode")
	}
	allocs := func(n int) float64 {
		p := scaleProject(t, n)
		return testing.AllocsPerRun(3, func() { CheckFS(p, statAll) })
	}
	small, large := allocs(2_000), allocs(20_000)
	if large > 15*small+100 {
		t.Errorf("CheckFS allocations: %.0f at 2,000 cards, %.0f at 20,000; want at most ~10× (linear)", small, large)
	}
}
