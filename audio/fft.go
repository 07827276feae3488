package audio

import (
	"math"
	"math/bits"
)

// fft is an in-place iterative radix-2 complex FFT of a fixed size.
type fft struct {
	n        int
	swaps    [][2]int32 // bit-reversal permutation as swaps
	twr, twi []float64  // twiddles of the stage of half-size h at [h, 2h)
	re, im   []float64
}

func newFFT(n int) *fft {
	if n&(n-1) != 0 || n < 2 {
		panic("fft size must be a power of two")
	}
	f := &fft{n: n, twr: make([]float64, n), twi: make([]float64, n),
		re: make([]float64, n), im: make([]float64, n)}
	shift := bits.UintSize - bits.TrailingZeros(uint(n))
	for i := 0; i < n; i++ {
		if j := int(bits.Reverse(uint(i)) >> shift); i < j {
			f.swaps = append(f.swaps, [2]int32{int32(i), int32(j)})
		}
	}
	// exp(-2πi·k/(2h)) for the stage of half-size h, computed as the
	// angle k·(n/2h) of the whole transform.
	for h := 1; h < n; h <<= 1 {
		step := n / (2 * h)
		for k := 0; k < h; k++ {
			a := -2 * math.Pi * float64(k*step) / float64(n)
			f.twr[h+k], f.twi[h+k] = math.Cos(a), math.Sin(a)
		}
	}
	return f
}

// transform runs the FFT on f.re, f.im in place.
func (f *fft) transform() {
	re, im := f.re[:f.n], f.im[:f.n]
	for _, p := range f.swaps {
		i, j := p[0], p[1]
		re[i], re[j] = re[j], re[i]
		im[i], im[j] = im[j], im[i]
	}
	h := 1
	if len(re) >= 4 {
		// The first two stages together: their twiddles are 1 and -i
		// (-i exactly, where the table has cos(-π/2) ≈ 6e-17).
		for j := 0; j+3 < len(re); j += 4 {
			x, y := re[j:j+4:j+4], im[j:j+4:j+4]
			r0, i0 := x[0]+x[1], y[0]+y[1]
			r1, i1 := x[0]-x[1], y[0]-y[1]
			r2, i2 := x[2]+x[3], y[2]+y[3]
			r3, i3 := x[2]-x[3], y[2]-y[3]
			x[0], y[0] = r0+r2, i0+i2
			x[2], y[2] = r0-r2, i0-i2
			x[1], y[1] = r1+i3, i1-r3 // r1 + (-i)(r3 + i·i3)
			x[3], y[3] = r1-i3, i1+r3
		}
		h = 4
	} else {
		for j := 0; j+1 < len(re); j += 2 {
			ar, ai, br, bi := re[j], im[j], re[j+1], im[j+1]
			re[j], im[j], re[j+1], im[j+1] = ar+br, ai+bi, ar-br, ai-bi
		}
		h = 2
	}
	for ; h < f.n; h <<= 1 {
		wr, wi := f.twr[h:2*h], f.twi[h:2*h]
		for start := 0; start+2*h <= len(re); start += 2 * h {
			xr, xi := re[start:start+h], im[start:start+h]
			yr, yi := re[start+h:start+2*h], im[start+h:start+2*h]
			_, _, _, _ = xi[len(xr)-1], yr[len(xr)-1], yi[len(xr)-1], wr[len(xr)-1]
			_ = wi[len(xr)-1]
			for k := range xr {
				w1, w2 := wr[k], wi[k]
				tr := yr[k]*w1 - yi[k]*w2
				ti := yr[k]*w2 + yi[k]*w1
				yr[k], yi[k] = xr[k]-tr, xi[k]-ti
				xr[k] += tr
				xi[k] += ti
			}
		}
	}
}

// realFFT fills dst[0..n/2] with |X|² of a real frame x (len n) using one
// complex FFT of size n/2 (two-for-one real FFT).
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

// input is the frame's storage: even samples in re, odd ones in im
// (x[2i] is re[i], x[2i+1] is im[i]). Fill it, then call spectrum.
func (r *realFFT) input() (re, im []float64) { return r.half.re, r.half.im }

func (r *realFFT) power(x []float64, dst []float64) {
	re, im := r.input()
	for i := range re {
		re[i], im[i] = x[2*i], x[2*i+1]
	}
	r.spectrum(dst)
}

// spectrum transforms the frame stored through input and writes |X|².
func (r *realFFT) spectrum(dst []float64) {
	h := r.n / 2
	f := r.half
	f.transform()
	re, im := f.re[:h], f.im[:h]
	dst = dst[:h+1]
	c, s := r.c[:h], r.s[:h]
	bin := func(ar, ai, br, bi, wr, wi float64) float64 {
		er, ei := (ar+br)/2, (ai+bi)/2
		or, oi := (ai-bi)/2, -(ar-br)/2 // (Z[k]-conj(Z[h-k]))/(2i)
		xr := er + wr*or - wi*oi
		xi := ei + wr*oi + wi*or
		return xr*xr + xi*xi
	}
	// Bins 0 and h pair Z[0] with itself.
	dst[0] = bin(re[0], im[0], re[0], -im[0], c[0], s[0])
	dst[h] = bin(re[0], im[0], re[0], -im[0], -1, 0)
	for k := 1; k < h; k++ {
		dst[k] = bin(re[k], im[k], re[h-k], -im[h-k], c[k], s[k]) // conj(Z[h-k])
	}
}
