package timeline

import (
	"image"
	"image/color"
	"math"
)

// waveView is what the waveform raster shows; the raster is redrawn only
// when it changes.
type waveView struct {
	gen           int     // the widget's refresh count: the waveform may have grown or changed
	start         float64 // song second at the left edge
	pps           float32 // pixels per second
	width, height float32 // in canvas units
	in0, in1      float64 // the music region, in song seconds
	color         color.NRGBA
}

// drawWave is the waveform raster's generator: one column of min..max per
// pixel, brighter inside the music region. w and h are in device pixels.
func (r *renderer) drawWave(w, h int) image.Image {
	wv, wave := r.waveV, r.t.wave
	if r.img == nil || r.img.Rect.Dx() != w || r.img.Rect.Dy() != h {
		r.img = image.NewNRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(r.img.Pix)
	}
	if wave == nil || w <= 0 || h <= 0 || wv.width <= 0 || wv.pps <= 0 {
		return r.img
	}
	dur := wave.Duration()
	secPerPx := float64(wv.width) / float64(w) / float64(wv.pps)
	// Columns [c0, c1) lie within the song.
	c0 := max(0, int(math.Ceil(-wv.start/secPerPx)))
	c1 := min(w, int(math.Floor((dur-wv.start)/secPerPx)))
	if c1 <= c0 {
		return r.img
	}
	t0 := wv.start + float64(c0)*secPerPx
	r.bins = wave.Bins(t0, t0+float64(c1-c0)*secPerPx, c1-c0, r.bins)
	if len(r.bins) < 2*(c1-c0) {
		return r.img
	}
	in := withAlpha(wv.color, waveInAlpha)
	out := withAlpha(wv.color, waveOutAlpha)
	mid := float64(h) / 2
	stride := r.img.Stride
	for c := c0; c < c1; c++ {
		lo, hi := r.bins[2*(c-c0)], r.bins[2*(c-c0)+1]
		lo, hi = min(max(lo, -1), 1), min(max(hi, -1), 1)
		y0 := int(math.Floor(mid - float64(hi)*mid))
		y1 := int(math.Ceil(mid - float64(lo)*mid))
		y0, y1 = max(y0, 0), min(max(y1, y0+1), h)
		col := out
		if at := wv.start + (float64(c)+0.5)*secPerPx; at >= wv.in0 && at < wv.in1 {
			col = in
		}
		for y := y0; y < y1; y++ {
			i := y*stride + 4*c
			r.img.Pix[i], r.img.Pix[i+1], r.img.Pix[i+2], r.img.Pix[i+3] = col.R, col.G, col.B, col.A
		}
	}
	return r.img
}
