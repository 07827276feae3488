package audio

import (
	"math"
	"math/bits"
)

// fft is an in-place iterative radix-2 complex FFT of a fixed size.
type fft struct {
	n      int
	rev    []int
	cos    []float64
	sin    []float64
	re, im []float64
}

func newFFT(n int) *fft {
	if n&(n-1) != 0 || n < 2 {
		panic("fft size must be a power of two")
	}
	f := &fft{n: n, rev: make([]int, n), cos: make([]float64, n/2), sin: make([]float64, n/2),
		re: make([]float64, n), im: make([]float64, n)}
	shift := bits.UintSize - bits.TrailingZeros(uint(n))
	for i := range f.rev {
		f.rev[i] = int(bits.Reverse(uint(i)) >> shift)
	}
	for i := range f.cos {
		a := -2 * math.Pi * float64(i) / float64(n)
		f.cos[i], f.sin[i] = math.Cos(a), math.Sin(a)
	}
	return f
}

// transform runs the FFT on f.re, f.im in place.
func (f *fft) transform() {
	re, im := f.re, f.im
	for i, j := range f.rev {
		if i < j {
			re[i], re[j] = re[j], re[i]
			im[i], im[j] = im[j], im[i]
		}
	}
	for size := 2; size <= f.n; size <<= 1 {
		half := size >> 1
		step := f.n / size
		for start := 0; start < f.n; start += size {
			k := 0
			for j := start; j < start+half; j++ {
				wr, wi := f.cos[k], f.sin[k]
				l := j + half
				tr := re[l]*wr - im[l]*wi
				ti := re[l]*wi + im[l]*wr
				re[l], im[l] = re[j]-tr, im[j]-ti
				re[j] += tr
				im[j] += ti
				k += step
			}
		}
	}
}

// powerSpectrum fills dst[0..n/2] with |X|² of the real frame x (len n)
// using one complex FFT of size n/2 (two-for-one real FFT).
type realFFT struct {
	n    int
	half *fft
	c, s []float64
}

func newRealFFT(n int) *realFFT {
	r := &realFFT{n: n, half: newFFT(n / 2), c: make([]float64, n/2), s: make([]float64, n/2)}
	for k := range r.c {
		a := -2 * math.Pi * float64(k) / float64(n)
		r.c[k], r.s[k] = math.Cos(a), math.Sin(a)
	}
	return r
}

func (r *realFFT) power(x []float64, dst []float64) {
	h := r.n / 2
	f := r.half
	for i := 0; i < h; i++ {
		f.re[i], f.im[i] = x[2*i], x[2*i+1]
	}
	f.transform()
	for k := 0; k <= h; k++ {
		zk := k % h
		zn := (h - k) % h
		ar, ai := f.re[zk], f.im[zk]
		br, bi := f.re[zn], -f.im[zn] // conj(Z[h-k])
		er, ei := (ar+br)/2, (ai+bi)/2
		or, oi := (ai-bi)/2, -(ar-br)/2 // (Z[k]-conj(Z[h-k]))/(2i)
		var wr, wi float64
		if k < h {
			wr, wi = r.c[k], r.s[k]
		} else {
			wr, wi = -1, 0
		}
		xr := er + wr*or - wi*oi
		xi := ei + wr*oi + wi*or
		dst[k] = xr*xr + xi*xi
	}
}
