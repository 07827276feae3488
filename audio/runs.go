package audio

import (
	"io"
	"runtime"
	"sync"
)

// orderedRuns decodes independent runs of a file on every core and hands
// their output out in order. Workers stay at most `ahead` runs beyond the
// run being read, and a run's buffer is dropped once read, so memory stays
// small however long the file is.
type orderedRuns[T any] struct {
	decode  func(i int, buf []T) ([]T, error) // buf: a recycled buffer (len 0) to fill
	free    [][]T                             // buffers of runs already read
	n       int
	ahead   int
	mu      sync.Mutex
	cond    *sync.Cond
	results [][]T
	errs    []error
	ready   []bool
	err     error
	next    int // next run a worker takes
	reading int // run being read
	pos     int
	stopped bool
}

func newOrderedRuns[T any](n int, decode func(i int, buf []T) ([]T, error)) *orderedRuns[T] {
	workers := max(1, min(runtime.NumCPU(), 8))
	r := &orderedRuns[T]{decode: decode, n: n, ahead: workers + 1, results: make([][]T, n), errs: make([]error, n), ready: make([]bool, n)}
	r.cond = sync.NewCond(&r.mu)
	for w := 0; w < workers; w++ {
		go r.work()
	}
	return r
}

func (r *orderedRuns[T]) work() {
	for {
		r.mu.Lock()
		for !r.stopped && r.err == nil && r.next < r.n && r.next >= r.reading+r.ahead {
			r.cond.Wait()
		}
		if r.stopped || r.err != nil || r.next >= r.n {
			r.mu.Unlock()
			return
		}
		i := r.next
		r.next++
		var buf []T
		if k := len(r.free); k > 0 {
			buf, r.free = r.free[k-1][:0], r.free[:k-1]
		}
		r.mu.Unlock()

		out, err := func() (out []T, err error) {
			defer func() {
				if p := recover(); p != nil {
					err = errDecoderPanic{p}
				}
			}()
			return r.decode(i, buf)
		}()
		r.mu.Lock()
		r.results[i], r.errs[i], r.ready[i] = out, err, true
		if err != nil && r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
		r.cond.Broadcast()
	}
}

// read copies the next values into buf, waiting for the run to be ready.
func (r *orderedRuns[T]) read(buf []T) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if r.reading >= r.n {
			return 0, io.EOF
		}
		if r.ready[r.reading] {
			if err := r.errs[r.reading]; err != nil {
				return 0, err
			}
			res := r.results[r.reading]
			if r.pos < len(res) {
				n := copy(buf, res[r.pos:])
				r.pos += n
				return n, nil
			}
			if cap(res) > 0 {
				r.free = append(r.free, res)
			}
			r.results[r.reading] = nil
			r.reading++
			r.pos = 0
			r.cond.Broadcast()
			continue
		}
		if r.err != nil {
			return 0, r.err
		}
		r.cond.Wait()
	}
}

// stop lets the workers end after their current run.
func (r *orderedRuns[T]) stop() {
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
	r.cond.Broadcast()
}
