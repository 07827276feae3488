package audio

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestProfReal(t *testing.T) {
	p := os.Getenv("RB_PROF_FILE")
	if p == "" {
		t.Skip()
	}
	t0 := time.Now()
	tr, err := load(context.Background(), p, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	b, _ := tr.Analyze(context.Background())
	t.Logf("decode %v analyze %v, %d beats", t1.Sub(t0), time.Since(t1), len(b.Beats))
}
