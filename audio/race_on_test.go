//go:build race

package audio

// raceEnabled: the race detector slows decoding about tenfold, so the
// heaviest robustness tests run fewer cases under it.
const raceEnabled = true
