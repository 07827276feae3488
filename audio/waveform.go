package audio

import (
	"math"
	"sync"
)

// Pyramid geometry: level 0 holds one min/max pair per wfBase frames, each
// following level merges wfFactor bins of the previous one.
const (
	wfBase   = 32
	wfFactor = 4
	wfLevels = 7
)

// Waveform is a min/max peak pyramid of a track. It is filled while the file
// decodes and is safe for concurrent reads while being filled. Peaks are
// kept as the track's int16 samples are (half the memory of float32).
type Waveform struct {
	mu     sync.RWMutex
	rate   float64
	total  float64 // known or estimated duration in seconds
	frames int64   // frames folded in so far
	levels [wfLevels][]int16
	accMin [wfLevels]int16
	accMax [wfLevels]int16
	accN   [wfLevels]int
	done   bool
}

// An empty bin accumulator: any sample lowers the minimum and raises the maximum.
const (
	wfEmptyMin = math.MaxInt16
	wfEmptyMax = math.MinInt16
)

func newWaveform(rate int, estFrames int64) *Waveform {
	w := &Waveform{rate: float64(rate), total: float64(estFrames) / float64(rate)}
	size := estFrames/wfBase + 1
	for l := range w.levels {
		w.levels[l] = make([]int16, 0, 2*(size+1))
		size = size/wfFactor + 1
		w.accMin[l], w.accMax[l] = wfEmptyMin, wfEmptyMax
	}
	return w
}

// Duration is the known (or, while decoding, estimated) total length in seconds.
func (w *Waveform) Duration() float64 {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.total
}

// Decoded is the number of seconds folded into the waveform so far.
func (w *Waveform) Decoded() float64 {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return float64(w.frames) / w.rate
}

// SampleRate is the frame rate of the audio the waveform was built from.
func (w *Waveform) SampleRate() int { return int(w.rate) }

// add folds interleaved samples (ch channels) into the pyramid.
func (w *Waveform) add(samples []int16, ch int) {
	n := len(samples) / ch
	samples = samples[:n*ch]

	w.mu.Lock()
	defer w.mu.Unlock()
	mn, mx, cnt := w.accMin[0], w.accMax[0], w.accN[0]
	i := 0
	// Finish the bin the previous call left open, then whole bins.
	for ; cnt > 0 && i < len(samples); i += ch {
		for _, v := range samples[i : i+ch] {
			mn, mx = min(mn, v), max(mx, v)
		}
		if cnt++; cnt == wfBase {
			w.pushBin(0, mn, mx)
			mn, mx, cnt = wfEmptyMin, wfEmptyMax, 0
		}
	}
	for step := wfBase * ch; i+step <= len(samples); i += step {
		bmn, bmx := int16(wfEmptyMin), int16(wfEmptyMax)
		for _, v := range samples[i : i+step] {
			bmn, bmx = min(bmn, v), max(bmx, v)
		}
		w.pushBin(0, bmn, bmx)
	}
	for ; i < len(samples); i += ch {
		for _, v := range samples[i : i+ch] {
			mn, mx = min(mn, v), max(mx, v)
		}
		cnt++
	}
	w.accMin[0], w.accMax[0], w.accN[0] = mn, mx, cnt
	w.frames += int64(n)
	if est := float64(w.frames) / w.rate; est > w.total {
		w.total = est
	}
}

// pushBin appends a finished bin to level l and feeds it to level l+1.
func (w *Waveform) pushBin(l int, mn, mx int16) {
	w.levels[l] = append(w.levels[l], mn, mx)
	if l+1 >= wfLevels {
		return
	}
	u := l + 1
	if mn < w.accMin[u] {
		w.accMin[u] = mn
	}
	if mx > w.accMax[u] {
		w.accMax[u] = mx
	}
	w.accN[u]++
	if w.accN[u] == wfFactor {
		w.pushBin(u, w.accMin[u], w.accMax[u])
		w.accMin[u], w.accMax[u], w.accN[u] = wfEmptyMin, wfEmptyMax, 0
	}
}

// finish flushes the partial bins and fixes the duration.
func (w *Waveform) finish() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for l := 0; l < wfLevels; l++ {
		if w.accN[l] > 0 {
			mn, mx := w.accMin[l], w.accMax[l]
			w.levels[l] = append(w.levels[l], mn, mx)
			if l+1 < wfLevels {
				u := l + 1
				w.accMin[u] = min(w.accMin[u], mn)
				w.accMax[u] = max(w.accMax[u], mx)
				w.accN[u]++
			}
			w.accMin[l], w.accMax[l], w.accN[l] = wfEmptyMin, wfEmptyMax, 0
		}
	}
	for l := range w.levels {
		w.levels[l] = clip(w.levels[l])
	}
	w.total = float64(w.frames) / w.rate
	w.done = true
}

// heldBytes is the size of the pyramid's buffers.
func (w *Waveform) heldBytes() int64 {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var n int64
	for _, l := range w.levels {
		n += int64(cap(l)) * 2
	}
	return n
}

// Bins returns 2n values, min and max interleaved (in −1..1), for n equal
// bins covering [startSec, endSec). Bins not decoded yet are zero. It reuses
// dst when it has the capacity.
func (w *Waveform) Bins(startSec, endSec float64, n int, dst []float32) []float32 {
	if n <= 0 {
		return dst[:0]
	}
	if cap(dst) >= 2*n {
		dst = dst[:2*n]
	} else {
		dst = make([]float32, 2*n)
	}
	clear(dst)
	if !(endSec > startSec) || math.IsNaN(startSec) || math.IsInf(startSec, 0) || math.IsInf(endSec, 0) {
		return dst
	}
	w.mu.RLock()
	defer w.mu.RUnlock()
	perBin := (endSec - startSec) * w.rate / float64(n) // frames per output bin
	level, bf := 0, float64(wfBase)
	for level+1 < wfLevels && bf*wfFactor <= perBin {
		level++
		bf *= wfFactor
	}
	bins := w.levels[level]
	have := len(bins) / 2
	start := startSec * w.rate
	for i := 0; i < n; i++ {
		a := start + float64(i)*perBin
		b := a + perBin
		// Bins whose centre falls in [a, b): smear at column edges is at
		// most half a bin.
		ia := int(math.Round(a / bf))
		ib := int(math.Round(b / bf))
		if ib <= ia {
			ib = ia + 1
		}
		if ia < 0 {
			ia = 0
		}
		if ib > have {
			ib = have
		}
		if ia >= ib {
			continue
		}
		mn, mx := bins[2*ia], bins[2*ia+1]
		for j := ia + 1; j < ib; j++ {
			mn = min(mn, bins[2*j])
			mx = max(mx, bins[2*j+1])
		}
		dst[2*i], dst[2*i+1] = float32(mn)/32767, float32(mx)/32767
	}
	return dst
}
