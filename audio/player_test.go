package audio

import (
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/gopxl/beep/v2"
)

// fakeOutput records the streamer; tests pull from it by hand.
type fakeOutput struct {
	mu  sync.Mutex
	r   int
	s   beep.Streamer
	err error
}

func (f *fakeOutput) start(rate int, s beep.Streamer) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	if f.r == 0 {
		f.r = rate
	}
	if s != nil {
		f.s = s
	}
	return nil
}

func (f *fakeOutput) rate() int { return f.r }

func (f *fakeOutput) pull(n int) [][2]float64 {
	buf := make([][2]float64, n)
	f.mu.Lock()
	s := f.s
	f.mu.Unlock()
	got, ok := s.Stream(buf)
	if got != n || !ok {
		panic("player streamer broke pattern 1")
	}
	return buf
}

func peak(b [][2]float64) float64 {
	m := 0.0
	for _, v := range b {
		m = max(m, math.Abs(v[0]), math.Abs(v[1]))
	}
	return m
}

func TestPlayerTransport(t *testing.T) {
	const sr = 1000
	x := make([]float32, 2*10*sr)
	for i := range x {
		x[i] = 0.5
	}
	tr := testTrack(sr, 2, x)
	out := &fakeOutput{}
	p := newPlayer(out)
	defer p.Close()
	p.Load(tr)
	if err := p.Play(); err != nil {
		t.Fatal(err)
	}
	if b := out.pull(500); peak(b) < 0.49 {
		t.Errorf("playing: peak %v; want 0.5", peak(b))
	}
	if got := p.Position(); got != 0.5 {
		t.Errorf("Position() after 500 frames = %v; want 0.5", got)
	}
	p.Pause()
	if b := out.pull(500); peak(b) != 0 || p.Position() != 0.5 || p.Playing() {
		t.Errorf("paused: peak %v, Position %v, Playing %v; want silence at 0.5, not playing", peak(b), p.Position(), p.Playing())
	}
	p.Toggle()
	p.Seek(3)
	p.SetVolume(0.5)
	if b := out.pull(100); math.Abs(peak(b)-0.25) > 0.01 || p.Position() != 3.1 {
		t.Errorf("after Seek(3), SetVolume(0.5): peak %v, Position %v; want 0.25 at 3.1", peak(b), p.Position())
	}
	p.SetLoop(4, 4.2)
	p.Seek(4)
	for i := 0; i < 10; i++ {
		out.pull(77)
		if pos := p.Position(); pos < 4 || pos >= 4.2 {
			t.Fatalf("looping 4..4.2: Position() = %v", pos)
		}
	}
	p.ClearLoop()
	p.Seek(9.9)
	out.pull(300)
	if p.Playing() || p.Position() != 10 {
		t.Errorf("at the end: Playing %v, Position %v; want false, 10", p.Playing(), p.Position())
	}
	if err := p.Play(); err != nil || p.Position() != 0 {
		t.Errorf("Play at the end = %v, Position %v; want a restart at 0", err, p.Position())
	}
	if p.Err() != nil {
		t.Errorf("Err() = %v; want nil", p.Err())
	}
}

func TestPlayerMetronome(t *testing.T) {
	const sr = 8000
	tr := testTrack(sr, 1, make([]float32, 4*sr))
	out := &fakeOutput{}
	p := newPlayer(out)
	defer p.Close()
	p.Load(tr)
	p.SetMetronome(true, []float64{0.5, 1.5})
	p.Play()
	b := out.pull(2 * sr)
	for _, c := range []struct {
		from, to float64
		click    bool
	}{{0, 0.5, false}, {0.5, 0.53, true}, {0.54, 1.5, false}, {1.5, 1.53, true}, {1.54, 2, false}} {
		got := peak(b[int(c.from*sr):int(c.to*sr)]) > 0.1
		if got != c.click {
			t.Errorf("metronome %v..%v s: click %v; want %v", c.from, c.to, got, c.click)
		}
	}
	p.SetMetronome(false, nil)
	if peak(out.pull(sr)) != 0 {
		t.Errorf("metronome off: want silence")
	}
}

func TestPlayerStreamerContract(t *testing.T) {
	tr := testTrack(1000, 1, make([]float32, 100))
	out := &fakeOutput{}
	p := newPlayer(out)
	p.Load(tr)
	p.Play()
	out.pull(512) // pattern 1 past the end of the track
	out.pull(512)
	p.Close()
	buf := make([][2]float64, 64)
	for i := 0; i < 2; i++ {
		if n, ok := out.s.Stream(buf); n != 0 || ok {
			t.Fatalf("Stream after Close = %d, %v; want 0, false", n, ok)
		}
	}
	if out.s.Err() != nil {
		t.Errorf("Err() = %v; want nil", out.s.Err())
	}
}

func TestPlayerReportsNoDevice(t *testing.T) {
	tr := testTrack(1000, 1, make([]float32, 100))
	out := &fakeOutput{} // never pulls
	p := newPlayer(out)
	p.Load(tr)
	if err := p.Play(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for p.Err() == nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !errors.Is(p.Err(), ErrNoDevice) || p.Playing() {
		t.Fatalf("Err() = %v, Playing %v; want ErrNoDevice, false", p.Err(), p.Playing())
	}
	if err := p.Play(); !errors.Is(err, ErrNoDevice) {
		t.Errorf("Play() after detection = %v; want ErrNoDevice", err)
	}
	p.Seek(0.05) // everything else keeps working
	if p.Position() != 0.05 {
		t.Errorf("Position() = %v; want 0.05", p.Position())
	}
	failing := newPlayer(&fakeOutput{err: errors.New("boom")})
	failing.Load(tr)
	if err := failing.Play(); !errors.Is(err, ErrNoDevice) {
		t.Errorf("Play() with a failing device = %v; want ErrNoDevice", err)
	}
}
