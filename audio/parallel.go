package audio

import (
	"runtime"
	"sync"
)

// parallel runs f over [0, n) cut into one contiguous range per core the
// process may use (GOMAXPROCS), and waits for them all; with one core, or
// little work, it is a plain call. It returns the first range's error in
// range order. A panic in a range is raised again in the caller, as a
// plain call would.
func parallel(n, minPerCore int, f func(lo, hi int) error) error {
	p := min(runtime.GOMAXPROCS(0), n/max(1, minPerCore))
	if p <= 1 {
		return f(0, n)
	}
	errs := make([]error, p)
	panics := make([]any, p)
	var wg sync.WaitGroup
	for k := 0; k < p; k++ {
		wg.Go(func() {
			defer func() { panics[k] = recover() }()
			errs[k] = f(n*k/p, n*(k+1)/p)
		})
	}
	wg.Wait()
	for k := range p {
		if panics[k] != nil {
			panic(panics[k])
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
