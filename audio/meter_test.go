package audio

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// analyzeMono writes x as a WAV, loads and analyses it. With
// REELBOARD_KEEP_TEST_AUDIO set to a directory, the WAV is kept there
// under name (to compare other trackers on the same material).
func analyzeMono(t *testing.T, name string, sr int, x []float32) Beats {
	t.Helper()
	dir := t.TempDir()
	if keep := os.Getenv("REELBOARD_KEEP_TEST_AUDIO"); keep != "" {
		dir = keep
	}
	p := filepath.Join(dir, strings.NewReplacer(" ", "-", "/", "-", "→", "-").Replace(name)+".wav")
	writeWAV(t, p, sr, 1, x)
	tr, err := Load(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tr.Analyze(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// within keeps the times in [a, b].
func within(ts []float64, a, b float64) []float64 {
	var out []float64
	for _, t := range ts {
		if t >= a && t <= b {
			out = append(out, t)
		}
	}
	return out
}

// TestMetricalLevel covers the failure classes of issue 10: the meter and
// the level of the beat in 3/4 and 6/8, a swung shuffle, downbeats after a
// pickup, tempo steps and a final ritardando.
func TestMetricalLevel(t *testing.T) {
	const sr = 22050
	rng := rand.New(rand.NewPCG(21, 22))
	every := func(b []float64, from, n int) []float64 {
		var out []float64
		for i := from; i < len(b); i += n {
			out = append(out, b[i])
		}
		return out
	}
	tests := []struct {
		name    string
		beats   []float64 // truth, the last closing the last bar
		st      style
		pickup  int // beats before the first downbeat
		meter   int // wanted beats per bar, 0: not checked
		minF    float64
		minDown float64 // wanted downbeat F, 0: not checked
		from    float64 // F measured from here (0: the first 5 s skipped)
	}{
		{"waltz 3/4 150", beatTimes(0.5, []segment{{150, 27}}), style{3, 2, false, true, progA}, 0, 3, 0.9, 0.8, 0},
		{"waltz 3/4 96 no drums", beatTimes(0.5, []segment{{96, 27}}), style{3, 2, false, false, progA}, 0, 3, 0.9, 0.8, 0},
		{"jig 6/8 104", beatTimes(0.5, []segment{{104, 27}}), style{2, 3, false, true, progA}, 0, 2, 0.9, 0.8, 0},
		{"shuffle 4/4 132", beatTimes(0.5, []segment{{132, 27}}), style{4, 2, true, true, progA}, 0, 0, 0.9, 0, 0},
		{"pickup 4/4 100", beatTimes(0.5, []segment{{100, 27}}), style{4, 2, false, true, progA}, 1, 4, 0.9, 0.8, 0},
		// A step beyond the old 0.7–1.45× window: 0.80 before issue 10.
		{"step 100→150→100", beatTimes(0.5, []segment{{100, 10}, {150, 10}, {100, 10}}), style{4, 2, false, true, progA}, 0, 0, 0.83, 0, 0},
		{"ritardando 120→48", append(beatTimes(0.5, []segment{{120, 12}})[:24], rampBeats(12.5, 120, 48, 18)...),
			style{4, 2, false, true, progA}, 0, 0, 0.9, 0, 12.3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			end := tt.beats[len(tt.beats)-1] + 1.5
			x := make([]float32, int(end*sr))
			// Music with a pickup: the bars start pickup beats in.
			addMusic(x, sr, tt.beats[tt.pickup:], tt.st, rng)
			if tt.pickup > 0 {
				addTone(x, sr, tt.beats[0], 0.3, 392, 0.2)
			}
			b := analyzeMono(t, tt.name, sr, x)
			truth := tt.beats[:len(tt.beats)-1]
			f, _ := fMeasure(b.Beats, truth)
			if tt.from > 0 { // the beats from tt.from on, the 5 s skip aside
				sh := func(ts []float64) []float64 {
					var o []float64
					for _, v := range within(ts, tt.from, math.Inf(1)) {
						o = append(o, v-tt.from+5)
					}
					return o
				}
				f, _ = fMeasure(sh(b.Beats), sh(truth))
			}
			downs := every(truth, tt.pickup, tt.st.meter)
			df, _ := fMeasure(b.Downbeats, downs)
			t.Logf("%s: F=%.3f tempo %.1f, meter %d, downbeat F=%.3f, %d beats (truth %d)", tt.name, f, b.TempoBPM, b.Meter, df, len(b.Beats), len(truth))
			if f < tt.minF {
				t.Errorf("Analyze(%s) F-measure = %.3f; want ≥ %.2f", tt.name, f, tt.minF)
			}
			if tt.meter != 0 && b.Meter != tt.meter {
				t.Errorf("Analyze(%s) meter = %d; want %d", tt.name, b.Meter, tt.meter)
			}
			if tt.minDown > 0 && df < tt.minDown {
				t.Errorf("Analyze(%s) downbeat F-measure = %.3f; want ≥ %.2f", tt.name, df, tt.minDown)
			}
		})
	}
}

// TestExtrapolatedIntro: a groove after a quiet 8 s intro has its grid
// continued back to the start, marked as extrapolated, on the tempo.
func TestExtrapolatedIntro(t *testing.T) {
	const sr = 22050
	rng := rand.New(rand.NewPCG(23, 24))
	x := make([]float32, 26*sr)
	addNoise(x, 0.001, rng)
	truth := beatTimes(8.14, []segment{{60 / 0.44, 17}})
	addGroove(x, sr, truth, rng)
	b := analyzeMono(t, "quiet intro", sr, x)
	if len(b.Beats) == 0 || b.Beats[0] < 7.5 {
		t.Fatalf("Analyze(quiet intro) beats = %v; want the first near 8.14 s", b.Beats)
	}
	pre := within(b.Extrapolated, 0, b.Beats[0])
	if len(pre) < 17 || pre[0] > 0.44 {
		t.Fatalf("Analyze(quiet intro) extrapolated = %v; want beats every 0.44 s from under 0.44 s", pre)
	}
	for _, e := range pre {
		k := math.Round((8.14 - e) / 0.44)
		if d := math.Abs(8.14 - k*0.44 - e); d > 0.03 {
			t.Errorf("Analyze(quiet intro) extrapolated beat %.3f is %.0f ms off the grid; want ≤ 30 ms", e, d*1000)
		}
	}
	post := within(b.Extrapolated, b.Beats[len(b.Beats)-1], 26)
	last := b.Beats[len(b.Beats)-1]
	if len(post) > 0 {
		last = post[len(post)-1]
	}
	if 26-last > 0.45 {
		t.Errorf("Analyze(quiet intro) grid ends at %.3f; want within a beat of the end (26 s)", last)
	}
	if len(b.EnergyPerBeat) != len(b.Beats) {
		t.Errorf("Analyze(quiet intro) energy per beat has %d values; want %d", len(b.EnergyPerBeat), len(b.Beats))
	}
}

// TestExtrapolateToTheFirstSample: a song trimmed to start on the one has
// its first beat at 0, a few milliseconds before the first beat the
// extrapolation lands on; a beat a tenth of a beat or more before the file
// is not in it.
func TestExtrapolateToTheFirstSample(t *testing.T) {
	beats := []float64{1.9832, 2.4832, 2.9832, 3.4832, 3.9832}
	got := extrapolate(beats, 4.5)
	if len(got) < 4 || got[0] != 0 || math.Abs(got[1]-0.4832) > 1e-9 {
		t.Errorf("extrapolate(first beat 1.9832, period 0.5) = %v; want 0 (the beat at -17 ms), 0.4832, 0.9832, 1.4832 first", got)
	}
	beats = []float64{2.1, 2.6, 3.1, 3.6}
	if got := extrapolate(beats, 4); len(got) == 0 || math.Abs(got[0]-0.1) > 1e-9 {
		t.Errorf("extrapolate(first beat 2.1, period 0.5) = %v; want it to start at 0.1 (a beat at -0.4 is not in the file)", got)
	}
}

// TestSectionsLateLockedIntro: a 4-bar intro whose first bar the tracker
// missed (beats from 2 s, bars of 2 s) is still a section of its own: the
// bar before the first detected downbeat counts towards its length.
func TestSectionsLateLockedIntro(t *testing.T) {
	res := Beats{Meter: 4}
	var bf []beatFeat
	for i := range 4 * 15 { // bars 1 to 15 of a 16-bar song
		at := 2 + 0.5*float64(i)
		res.Beats = append(res.Beats, at)
		if i%4 == 0 {
			res.Downbeats = append(res.Downbeats, at)
		}
		f := beatFeat{t: at, salien: 0.8}
		verse := at >= 8
		for p := range 12 {
			if (p%4 == 0) != verse { // other chords, another timbre
				f.chroma[p] = 1
			}
		}
		for p := range nTimbre {
			if (p < nTimbre/2) == verse {
				f.timbre[p] = 1
			}
		}
		bf = append(bf, f)
		res.EnergyPerBeat = append(res.EnergyPerBeat, 0.5)
	}
	secs := sections(bf, &res, 32, 2)
	if len(secs) != 2 || secs[0].Start != 0 || math.Abs(secs[1].Start-8) > 1e-9 {
		t.Fatalf("sections(intro of bars 0-3, the first missed) = %+v; want [0, 8) and [8, 32)", secs)
	}
}

// TestSectionsABA: a part, another, the first again: three sections on
// the bars where they change, labelled A B A.
func TestSectionsABA(t *testing.T) {
	const sr = 22050
	rng := rand.New(rand.NewPCG(25, 26))
	beats := beatTimes(0.5, []segment{{120, 36.1}})
	x := make([]float32, 38*sr)
	const bar = 2.0
	part := func(from, to int) []float64 { return beats[from*4 : to*4+1] }
	addMusic(x, sr, part(0, 6), style{4, 2, false, true, progA}, rng)
	addMusic(x, sr, part(6, 12), style{4, 2, false, false, progB}, rng)
	for i := int((0.5 + 6*bar) * sr); i < int((0.5+12*bar)*sr); i++ {
		x[i] += 0.03 * float32(rng.Float64()*2-1) // a brighter timbre in B
	}
	addMusic(x, sr, part(12, 18), style{4, 2, false, true, progA}, rng)
	b := analyzeMono(t, "sections ABA", sr, x)
	var labels []string
	for _, s := range b.Sections {
		labels = append(labels, s.Label)
	}
	got := strings.Join(labels, " ")
	if got != "A B A" && got != "A B A′" {
		t.Fatalf("Analyze(ABA) sections = %+v; want labels A B A", b.Sections)
	}
	for i, want := range []float64{0, 0.5 + 6*bar, 0.5 + 12*bar} {
		if d := math.Abs(b.Sections[i].Start - want); d > 0.1 {
			t.Errorf("Analyze(ABA) section %d starts at %.2f s; want %.2f", i, b.Sections[i].Start, want)
		}
	}
	for i, s := range b.Sections {
		if s.Confidence <= 0 || s.Confidence > 1 || s.Energy <= 0 || s.Energy > 1 || s.Meter != 4 {
			t.Errorf("Analyze(ABA) section %d = %+v; want confidence and energy in (0, 1], meter 4", i, s)
		}
	}
	if b.Sections[len(b.Sections)-1].End != float64(len(x))/sr {
		t.Errorf("Analyze(ABA) last section ends at %v; want the end %v", b.Sections[len(b.Sections)-1].End, float64(len(x))/sr)
	}
	if len(b.Phrases) < 3 {
		t.Errorf("Analyze(ABA) phrases = %v; want at least one per section", b.Phrases)
	}
}

// TestLoopLevel: one-bar drum loops whose kick or snare falls every three
// sixteenths or a dotted quarter, at 44.1 and 48 kHz. Before the bar's
// periodicity weighed as much as the beat's, the 3+3+2 kick at 126 BPM and
// 48 kHz was beaten at 77.5 BPM (F 0.46: the independent set's breakbeat)
// and the dotted snare at 148 BPM at 92.9 (F 0.31).
func TestLoopLevel(t *testing.T) {
	tests := []struct {
		name              string
		kick, snare, hats string // 16 sixteenths: x loud, o soft
		bpm               float64
		sr                int
	}{
		{"3+3+2 kick 126 48k", "x.....x...x.....", "....x.......x...", "xoxoxoxoxoxoxoxo", 126, 48000},
		{"3+3+2 kick 148", "x.....x...x.....", "....x.......x...", "xoxoxoxoxoxoxoxo", 148, 44100},
		{"dotted snare 148", "x.......x.......", "...x..x..x..x...", "xoxoxoxoxoxoxoxo", 148, 44100},
		{"dotted kick 126 48k", "x.....x.....x...", "....x.......x...", "xoxoxoxoxoxoxoxo", 126, 48000},
		{"broken 126", "x.....x...x.....", "....x..x....x..x", "xoxoxoxoxoxoxoxo", 126, 44100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			x := make([]float32, 30*tt.sr)
			six := 60 / tt.bpm / 4
			for k := 0; float64(k)*six < 29.5; k++ {
				at, i := 0.3+float64(k)*six, k%16
				if tt.kick[i] == 'x' {
					addKick(x, tt.sr, at, 0.8)
				}
				if tt.snare[i] == 'x' {
					addSnare(x, tt.sr, at, 0.5, rng)
				}
				switch tt.hats[i] {
				case 'x':
					addHat(x, tt.sr, at, 0.25, rng)
				case 'o':
					addHat(x, tt.sr, at, 0.12, rng)
				}
			}
			b := analyzeMono(t, tt.name, tt.sr, x)
			f, _ := fMeasure(b.Beats, beatTimes(0.3, []segment{{tt.bpm, 29.2}}))
			t.Logf("%s: tempo %.1f BPM, F=%.3f", tt.name, b.TempoBPM, f)
			if f < 0.95 {
				t.Errorf("Analyze(%s) F-measure = %.3f (tempo %.1f); want ≥ 0.95 at %.0f BPM", tt.name, f, b.TempoBPM, tt.bpm)
			}
		})
	}
}

// TestFastRock: kick on 1 and 3, snare on 2 and 4, eighth hats and a 3+3+2
// bass, the class of the corpus's rock44-180. Under the old listener prior
// (log-normal at 115 BPM, 0.9 octave) all of 160–200 BPM went at half the
// tempo; 170 and 200 still do (the half level explains the bar as well, and
// only the backbeat says otherwise: issue 10, open).
func TestFastRock(t *testing.T) {
	const sr = 22050
	for _, bpm := range []float64{160, 180, 190} {
		t.Run(fmt.Sprint(bpm), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			beats := beatTimes(0.5, []segment{{bpm, 29}})
			x := make([]float32, 31*sr)
			roots := []float64{110, 87.3, 130.8, 98}
			for k := 0; k+1 < len(beats); k++ {
				b, p := beats[k], beats[k+1]-beats[k]
				if k%2 == 0 {
					addKick(x, sr, b, 0.8)
				} else {
					addSnare(x, sr, b, 0.5, rng)
				}
				addHat(x, sr, b, 0.2, rng)
				addHat(x, sr, b+p/2, 0.12, rng)
				if k%4 == 0 {
					r := roots[(k/4)%4]
					for j, e := range [][2]float64{{0, 3}, {3, 3}, {6, 2}} {
						addTone(x, sr, b+e[0]*p/2, e[1]*p/2*0.9, r*[]float64{1, 1.5, 2}[j], 0.3)
					}
				}
			}
			b := analyzeMono(t, fmt.Sprintf("fast rock %.0f", bpm), sr, x)
			f, _ := fMeasure(b.Beats, beats[:len(beats)-1])
			t.Logf("fast rock %.0f: tempo %.1f BPM, F=%.3f", bpm, b.TempoBPM, f)
			if f < 0.95 {
				t.Errorf("Analyze(fast rock %.0f) F-measure = %.3f (tempo %.1f); want ≥ 0.95", bpm, f, b.TempoBPM)
			}
		})
	}
}
