package audio

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

func TestDbgTempo(t *testing.T) {
	p := os.Getenv("DBG_WAV")
	if p == "" {
		t.Skip()
	}
	_, _, _, o := dbgLoad(t, p)
	det := o.detection()
	tg := newTempogram(det, o.fps)
	bpms := []float64{50, 66.7, 75, 100, 133, 150, 200}
	if v := os.Getenv("DBG_BPMS"); v != "" {
		bpms = nil
		for _, f := range strings.Fields(v) {
			var b float64
			fmt.Sscan(f, &b)
			bpms = append(bpms, b)
		}
	}
	for _, bpm := range bpms {
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

// TestDbgFold prints the onset envelope folded over DBG_PERIOD seconds in
// DBG_STEPS bins (a loop's accent pattern as the tracker sees it).
func TestDbgFold(t *testing.T) {
	p := os.Getenv("DBG_FOLD")
	if p == "" {
		t.Skip()
	}
	var per float64
	var steps int
	fmt.Sscan(os.Getenv("DBG_PERIOD"), &per)
	fmt.Sscan(os.Getenv("DBG_STEPS"), &steps)
	off := 0.0
	fmt.Sscan(os.Getenv("DBG_OFFSET"), &off)
	_, _, _, o := dbgLoad(t, p)
	all, low := make([]float64, steps), make([]float64, steps)
	n := 0
	for c := off; (c+per)*o.fps < float64(len(o.all)); c += per {
		n++
		for s := range steps {
			f := int(math.Round((c + per*float64(s)/float64(steps)) * o.fps))
			a, l := 0.0, 0.0
			for k := max(0, f-2); k <= min(len(o.all)-1, f+2); k++ {
				a, l = max(a, o.all[k]), max(l, o.low[k])
			}
			all[s] += a
			low[s] += l
		}
	}
	for s := range steps {
		fmt.Printf("%2d %6.3f all %6.3f low %6.3f det %6.3f\n", s, per*float64(s)/float64(steps), all[s]/float64(n), low[s]/float64(n), (all[s]+0.5*low[s])/float64(n))
	}
}

// TestDbgScores prints metreScores without the listener prior, one line per
// tempo state: the BPM and the six structures' scores.
func TestDbgScores(t *testing.T) {
	p := os.Getenv("DBG_SCORES")
	if p == "" {
		t.Skip()
	}
	_, _, _, o := dbgLoad(t, p)
	det := o.detection()
	tg := newTempogram(det, o.fps)
	vs := tg.metreScores()
	for j := range nTempi {
		bpm := 60 * o.fps / tempoState(j, o.fps)
		fmt.Printf("%.3f", bpm)
		for k := range metres {
			fmt.Printf(" %.5f", vs[k*nTempi+j]/listenerPrior(bpm))
		}
		fmt.Println()
	}
}

// TestDbgAccents prints the downbeat evidence of DBG_ACC folded over bars of
// DBG_METER beats (from the first beat).
func TestDbgAccents(t *testing.T) {
	p := os.Getenv("DBG_ACC")
	if p == "" {
		t.Skip()
	}
	var m int
	fmt.Sscan(os.Getenv("DBG_METER"), &m)
	tr, _, _, o := dbgLoad(t, p)
	b, _ := tr.Analyze(context.Background())
	bf := beatFeatures(o, b.Beats)
	d := accents(bf)
	n := len(bf)
	low, chg, all, up := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i, f := range bf {
		low[i], chg[i], all[i], up[i] = f.low, f.change, f.all, f.lowUp
	}
	tonal := 0.0
	for _, f := range bf {
		tonal += f.tonal / float64(n)
	}
	fmt.Printf("tonal %.3f\n", tonal)
	for ph := range m {
		var s [5]float64
		c := 0
		for i := ph; i < n; i += m {
			s[0] += d[i]
			s[1] += low[i]
			s[2] += chg[i]
			s[3] += all[i]
			s[4] += up[i]
			c++
		}
		fmt.Printf("phase %d: acc %6.3f low %6.3f chg %6.3f all %6.3f up %6.3f\n", ph, s[0]/float64(c), s[1]/float64(c), s[2]/float64(c), s[3]/float64(c), s[4]/float64(c))
	}
	for mm := 2; mm <= 6; mm++ {
		fmt.Println(mm, fitMeter(d, mm))
	}
}

// TestDbgPath prints the tempo path of DBG_PATH (BPM per tempogram column).
func TestDbgPath(t *testing.T) {
	p := os.Getenv("DBG_PATH")
	if p == "" {
		t.Skip()
	}
	_, _, _, o := dbgLoad(t, p)
	det := o.detection()
	tg := newTempogram(det, o.fps)
	m, typ := tg.chooseMetre()
	path := tg.tempoPath(m, typ)
	fmt.Println(m, 60*o.fps/tempoState(typ, o.fps))
	for c, l := range path {
		fmt.Printf("%.1f:%.1f ", float64(tg.centre[c])/o.fps, 60*o.fps/l)
	}
	fmt.Println()
}

// TestDbgPhase prints, for the true beats in DBG_TRUTH shifted by 0, 1/4,
// 1/2 and 3/4 of a beat, the mean beat features: which ones mark the phase.
func TestDbgPhase(t *testing.T) {
	p := os.Getenv("DBG_PHASE")
	if p == "" {
		t.Skip()
	}
	raw, err := os.ReadFile(os.Getenv("DBG_TRUTH"))
	if err != nil {
		t.Fatal(err)
	}
	var truth []float64
	for _, f := range strings.Fields(string(raw)) {
		var v float64
		fmt.Sscan(f, &v)
		truth = append(truth, v)
	}
	_, x, rate, o := dbgLoad(t, p)
	loud := func(t0, t1 float64) float64 {
		a, b := max(0, int(t0*rate)), min(len(x), int(t1*rate))
		s := 1e-9
		for _, v := range x[a:b] {
			s += float64(v) * float64(v)
		}
		return math.Log(s / float64(max(1, b-a)))
	}
	for _, sh := range []float64{0, 0.25, 0.5, 0.75} {
		var bs []float64
		for k := 0; k+1 < len(truth); k++ {
			if b := truth[k] + sh*(truth[k+1]-truth[k]); b >= 5 && b < float64(len(x))/rate-0.2 {
				bs = append(bs, b)
			}
		}
		bf := beatFeatures(o, bs)
		var m [6]float64
		for i, f := range bf {
			m[0] += f.all
			m[1] += f.low
			m[2] += f.lowUp
			m[3] += f.change
			m[4] += f.salien
			m[5] += loud(bs[i], bs[i]+0.06) - loud(bs[i]-0.06, bs[i])
		}
		fmt.Printf("PHASE %.2f", sh)
		for _, v := range m {
			fmt.Printf(" %.4f", v/float64(len(bf)))
		}
		fmt.Println()
	}
}

// dbgLoad loads the file p and computes its analysis signal and onsets.
func dbgLoad(t *testing.T, p string) (*Track, []float32, float64, onsets) {
	tr, err := Load(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, rate := tr.analysisSignal()
	o, err := onsetStrength(context.Background(), x, rate)
	if err != nil {
		t.Fatal(err)
	}
	return tr, x, rate, o
}
