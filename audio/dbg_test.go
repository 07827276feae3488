package audio

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDbgTempo(t *testing.T) {
	p := os.Getenv("DBG_WAV")
	if p == "" {
		t.Skip()
	}
	tr, err := Load(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, rate := tr.analysisSignal()
	o, _ := onsetStrength(context.Background(), x, rate)
	det := make([]float64, len(o.all))
	for i := range det {
		det[i] = o.all[i] + 0.5*o.low[i]
	}
	tg := newTempogram(det, o.fps)
	for _, bpm := range []float64{50, 66.7, 75, 100, 133, 150, 200} {
		l := 60 * o.fps / bpm
		a := 0.0
		for c := range tg.acf {
			a += tg.at(c, l) / float64(len(tg.acf))
		}
		fmt.Printf("bpm %.0f A %.3f", bpm, a)
		for _, m := range []metre{{2, 4}, {2, 3}, {3, 2}, {2, 2}} {
			v := 0.0
			for c := range tg.acf {
				v += tg.salience(c, l, m) / float64(len(tg.acf))
			}
			fmt.Printf("  %v %.3f(%.3f)", m, v, v*listenerPrior(bpm))
		}
		fmt.Println()
	}
	m, j := tg.chooseMetre()
	fmt.Println(m, 60*o.fps/tempoState(j, o.fps))
}

// TestDbgAnalyze prints `reelboard analyze --json`'s beat keys for the file
// in DBG_ANALYZE (a harness for scripts/eval-beats.py without the GUI build).
func TestDbgAnalyze(t *testing.T) {
	p := os.Getenv("DBG_ANALYZE")
	if p == "" {
		t.Skip()
	}
	tr, err := load(context.Background(), p, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tr.Analyze(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(map[string]any{"beats_s": b.Beats, "downbeats_s": b.Downbeats, "meter": b.Meter, "tempo_bpm": b.TempoBPM})
	fmt.Println(string(j))
}
