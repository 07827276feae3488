package audio

import (
	"context"
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

func TestRealFFTPower(t *testing.T) {
	const n = 64
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.Float64()*2 - 1
	}
	got := make([]float64, n/2+1)
	newRealFFT(n).power(x, got)
	for k := 0; k <= n/2; k++ {
		var s complex128
		for i, v := range x {
			s += complex(v, 0) * cmplx.Exp(complex(0, -2*math.Pi*float64(k*i)/n))
		}
		want := real(s)*real(s) + imag(s)*imag(s)
		if math.Abs(got[k]-want) > 1e-9*max(1, want) {
			t.Errorf("power[%d] = %v; want %v", k, got[k], want)
		}
	}
}

func BenchmarkRealFFTPower(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	x := make([]float64, odfWin)
	for i := range x {
		x[i] = rng.Float64()*2 - 1
	}
	dst := make([]float64, odfWin/2+1)
	r := newRealFFT(odfWin)
	for b.Loop() {
		r.power(x, dst)
	}
}

func TestAutocorr(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, n := range []int{5, 8, 9, 16, 100, 689} {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.Float64()*2 - 1
		}
		for _, lags := range []int{1, 3, 4, 5, 8, 9, 15, n - 2, n - 1, n} {
			if lags > n || lags < 1 {
				continue
			}
			a := make([]float64, lags)
			autocorr(x, a)
			for l := range a {
				s := 0.0
				for i := l; i < n; i++ {
					s += x[i] * x[i-l]
				}
				if a[l] != s {
					t.Errorf("autocorr(%d values)[%d] = %v; want %v", n, l, a[l], s)
				}
			}
		}
	}
}

// TestMetreScoresAreSalience wants metreScores to be salience summed over
// the columns, exactly, for a real onset envelope.
func TestMetreScoresAreSalience(t *testing.T) {
	x, sr := benchSignal(t)
	o, _ := onsetStrength(context.Background(), x, sr)
	tg := newTempogram(o.all, o.fps)
	got := tg.metreScores()
	for k, m := range metres {
		for j := 0; j < nTempi; j++ {
			l := tempoState(j, tg.fps)
			v := 0.0
			for c := range tg.acf {
				v += tg.salience(c, l, m)
			}
			v /= float64(len(tg.acf))
			v *= listenerPrior(60 * tg.fps / l)
			if g := got[k*nTempi+j]; g != v {
				t.Fatalf("metreScores()[%v, state %d] = %v; want %v", m, j, g, v)
			}
		}
	}
}

// BenchmarkAutocorr is one tempogram column: 8 s of onset envelope, lags
// up to 4.5 s.
func BenchmarkAutocorr(b *testing.B) {
	rng := rand.New(rand.NewPCG(11, 12))
	x := make([]float64, 689)
	for i := range x {
		x[i] = rng.Float64()
	}
	a := make([]float64, 388)
	for b.Loop() {
		autocorr(x, a)
	}
}
