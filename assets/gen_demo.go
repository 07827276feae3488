//go:build ignore

// gen_demo synthesises the demo soundtrack (a drum and bass song at 120 BPM
// in 4/4, 28 bars: a quiet intro, a verse, a brighter chorus, the verse
// again and an outro) and writes the demo project: its cards fitted by
// storyboard.FitPlan to 24 s of the song, on the analysis Reelboard makes
// of it (beats, sections, energy, phrases), as the editor would.
//
//	go generate ./assets   (needs ffmpeg with libvorbis)
package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/internal/analysis"
	sb "github.com/reelboard/reelboard/storyboard"
)

const (
	rate  = 44100
	bpm   = 120
	bars  = 28
	beat  = 60.0 / bpm
	total = bars * 4 * beat
)

// part is what plays in a bar: the song's form.
type part int

const (
	intro part = iota
	verse
	chorus
	outro
)

func partOf(bar int) part {
	switch {
	case bar < 4:
		return intro
	case bar < 12:
		return verse
	case bar < 20:
		return chorus
	case bar < 24:
		return verse
	}
	return outro
}

func main() {
	log.SetFlags(0)
	left, right := synth()
	tmp, err := os.MkdirTemp("", "reelboard-demo")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	wav := filepath.Join(tmp, "demo.wav")
	if err := writeWAV(wav, left, right); err != nil {
		log.Fatal(err)
	}
	ogg, _ := filepath.Abs("demo/soundtrack.ogg")
	cmd := exec.Command("ffmpeg", "-v", "error", "-y", "-i", wav, "-c:a", "libvorbis", "-q:a", "2", "-map_metadata", "-1", "-fflags", "+bitexact", ogg)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("gen_demo: ffmpeg: %v", err)
	}
	data, err := os.ReadFile(ogg)
	if err != nil {
		log.Fatal(err)
	}
	sum := sha256.Sum256(data)
	res, err := audio.Analyze(context.Background(), ogg, nil)
	if err != nil {
		log.Fatal(err)
	}
	if res.Hash != hex.EncodeToString(sum[:]) {
		log.Fatalf("gen_demo: the analysis hashes %s to %s, not %x", ogg, res.Hash, sum)
	}
	p := project(ogg, exact(analysis.FromResult(res)))
	reel, _ := filepath.Abs("demo/demo.reel")
	if err := sb.Save(p, reel); err != nil {
		log.Fatal(err)
	}
	os.Remove(reel + ".bak")
	fmt.Printf("wrote %s (%d bytes) and %s\n", ogg, len(data), reel)
}

// synth renders the song: kick, snare, hats, a bass line and a pad over
// Am–F–C–G, one chord a bar; the intro and the outro only the pad, hats and
// a kick on one and three; the chorus adds claps, an arpeggio an octave up and a
// louder pad.
func synth() (l, r []float64) {
	n := int(total * rate)
	l, r = make([]float64, n), make([]float64, n)
	rng := rand.New(rand.NewPCG(7, 11))
	roots := []float64{55.00, 43.65, 65.41, 49.00} // A1 F1 C2 G1
	chords := [][]float64{{220, 261.63, 329.63}, {174.61, 220, 261.63}, {196, 261.63, 329.63}, {196, 246.94, 293.66}}
	add := func(buf []float64, at float64, s []float64, gain float64) {
		i0 := int(at * rate)
		for i, v := range s {
			if i0+i < len(buf) {
				buf[i0+i] += v * gain
			}
		}
	}
	both := func(at float64, s []float64, gl, gr float64) {
		add(l, at, s, gl)
		add(r, at, s, gr)
	}
	kick := make([]float64, int(0.35*rate))
	ph := 0.0
	for i := range kick {
		t := float64(i) / rate
		f := 45 + 90*math.Exp(-t*30)
		ph += 2 * math.Pi * f / rate
		kick[i] = math.Sin(ph) * math.Exp(-t*9) * math.Min(1, t*2000)
	}
	snare := make([]float64, int(0.2*rate))
	for i := range snare {
		t := float64(i) / rate
		snare[i] = (0.7*(rng.Float64()*2-1) + 0.5*math.Sin(2*math.Pi*185*t)) * math.Exp(-t*22) * math.Min(1, t*3000)
	}
	clap := make([]float64, int(0.15*rate))
	for i := range clap {
		t := float64(i) / rate
		burst := math.Exp(-math.Mod(t, 0.011) * 300) // three quick slaps, then the tail
		if t > 0.033 {
			burst = math.Exp(-(t - 0.033) * 30)
		}
		clap[i] = (rng.Float64()*2 - 1) * burst
	}
	hat := make([]float64, int(0.05*rate))
	prev := 0.0
	for i := range hat {
		t := float64(i) / rate
		x := rng.Float64()*2 - 1
		hat[i] = (x - prev) * math.Exp(-t*90)
		prev = x
	}
	tone := func(f, length, decay float64, harmonics int) []float64 {
		note := make([]float64, int(length*rate))
		for i := range note {
			t := float64(i) / rate
			v := 0.0
			for h := 1; h <= harmonics; h++ {
				v += math.Sin(2*math.Pi*f*float64(h)*t) / float64(h)
			}
			note[i] = v * math.Exp(-t*decay) * math.Min(1, t*400) * math.Min(1, float64(len(note)-i)/200)
		}
		return note
	}
	for b := 0; b < bars; b++ {
		bar := float64(b) * 4 * beat
		pt := partOf(b)
		full := pt == verse || pt == chorus
		kicks := []float64{0, 2}
		if full {
			kicks = []float64{0, 1.5, 2}
		}
		for _, k := range kicks {
			both(bar+k*beat, kick, 0.9, 0.9)
		}
		if full {
			for _, k := range []float64{1, 3} {
				both(bar+k*beat, snare, 0.45, 0.5)
			}
		}
		if pt == chorus {
			for _, k := range []float64{1, 3} {
				both(bar+k*beat, clap, 0.25, 0.2)
			}
		}
		for e := 0; e < 8; e++ {
			g := 0.12
			if e%2 == 1 {
				g = 0.08
			}
			if !full {
				g *= 0.6
			}
			both(bar+float64(e)*beat/2, hat, g*1.2, g*0.8)
		}
		root := roots[b%4]
		if full {
			for e := 0; e < 8; e++ {
				if e == 3 || e == 7 {
					continue
				}
				f := root
				if e == 6 {
					f *= 1.5
				}
				if pt == chorus {
					f *= 2
				}
				both(bar+float64(e)*beat/2, tone(f, beat*9/20, 4, 6), 0.22, 0.22)
			}
		}
		if pt == chorus {
			ch := chords[b%4]
			for e := 0; e < 8; e++ {
				both(bar+float64(e)*beat/2, tone(2*ch[e%3], beat/2, 7, 3), 0.05, 0.07)
			}
		}
		pad := make([]float64, int(4*beat*rate))
		for i := range pad {
			t := float64(i) / rate
			v := 0.0
			for _, f := range chords[b%4] {
				v += math.Sin(2*math.Pi*f*t) + 0.3*math.Sin(2*math.Pi*f*2.003*t)
			}
			env := math.Min(1, t*3) * math.Min(1, (4*beat-t)*4)
			pad[i] = v * env
		}
		g := 0.035
		switch pt {
		case chorus:
			g = 0.055
		case outro:
			g = 0.035 * float64(bars-b) / 4 // fading out
		}
		both(bar, pad, g, g*1.15)
	}
	peak := 0.0
	for i := range l {
		peak = math.Max(peak, math.Max(math.Abs(l[i]), math.Abs(r[i])))
	}
	for i := range l {
		l[i] *= 0.89 / peak
		r[i] *= 0.89 / peak
	}
	return l, r
}

func writeWAV(path string, l, r []float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	n := uint32(len(l) * 4)
	hdr := []any{[4]byte{'R', 'I', 'F', 'F'}, 36 + n, [4]byte{'W', 'A', 'V', 'E'},
		[4]byte{'f', 'm', 't', ' '}, uint32(16), uint16(1), uint16(2), uint32(rate), uint32(rate * 4), uint16(4), uint16(16),
		[4]byte{'d', 'a', 't', 'a'}, n}
	for _, v := range hdr {
		if err := binary.Write(f, binary.LittleEndian, v); err != nil {
			return err
		}
	}
	buf := make([]int16, 0, 2*len(l))
	for i := range l {
		buf = append(buf, int16(l[i]*32767), int16(r[i]*32767))
	}
	return binary.Write(f, binary.LittleEndian, buf)
}

// exact puts the analysis's beats, bars, phrases and section boundaries on
// the synthesis's own grid (every beat exactly 0.5 s): the song is made
// here, so its truth is known, and the demo's plan reads "2.00 s", not
// "1.999 s". What the analysis found (which beats, sections, energy) stays.
func exact(a *sb.Analysis) *sb.Analysis {
	b := sb.Second / 2
	snap := func(ts []sb.Time) []sb.Time {
		for i, t := range ts {
			ts[i] = (t + b/2) / b * b
		}
		return ts
	}
	snap(a.Beats)
	snap(a.Downbeats)
	snap(a.Extrapolated)
	snap(a.Phrases)
	for i := range a.Sections {
		s := &a.Sections[i]
		if s.Start > 0 {
			s.Start = (s.Start + b/2) / b * b
		}
		if i+1 < len(a.Sections) {
			s.End = (s.End + b/2) / b * b
		}
	}
	a.TempoBPM = bpm
	return a
}

// project is the demo storyboard: an Instagram reel of a portrait shoot,
// fitted to 24 s of the song by storyboard.FitPlan, as Edit ▸ Fit Plan to
// Music would.
func project(soundtrack string, an *sb.Analysis) *sb.Project {
	p, err := sb.NewProject(sb.FormatBackstage, "instagram-reels", time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	if err != nil {
		log.Fatal(err)
	}
	p.ID = uuid.MustParse("5b0f6c1e-2a47-4c1e-9d0b-7a3f0c9e1d01")
	p.Title = "Portrait session — backstage"
	p.Author = "Demo Studio"
	p.StyleNotes = "Soft morning light and a warm grade. Handheld close-ups of hands and gear, shallow depth of field. Frame 9:16 with room for captions at the top."
	type c struct {
		title string
		kind  sb.ShotKind
		act   sb.Act
		notes string
		text  string
	}
	cards := []c{
		{"Van doors open at dawn", sb.ShotArrival, sb.Arrival, "Start on the doors, the light spilling in.", "Day 1 — 6:00"},
		{"Walking onto the set", sb.ShotBehindCamera, sb.Arrival, "Follow from behind, wide; the studio appears.", ""},
		{"Stands and softboxes go up", sb.ShotSetup, sb.Work, "Fast, a little motion blur is fine.", ""},
		{"Hands on the focus ring", sb.ShotHands, sb.Work, "Macro, very tight.", ""},
		{"Lens detail in golden light", sb.ShotEquipment, sb.Work, "", ""},
		{"Eyes on the frame", sb.ShotConcentration, sb.Work, "Profile, let the face breathe.", ""},
		{"Directing the model", sb.ShotDirecting, sb.Work, "Hands explaining the pose.", "Chin up. Hold."},
		{"Client at the monitor", sb.ShotClient, sb.Work, "Over the shoulder, their reaction.", ""},
		{"Checking the take", sb.ShotMonitor, sb.Work, "", ""},
		{"A laugh between takes", sb.ShotCandid, sb.Work, "Unplanned; keep rolling.", ""},
		{"The final portrait", sb.ShotReveal, sb.Fulfilment, "Full screen, hold on it.", "The result"},
		{"Team photo at wrap", sb.ShotWrap, sb.Fulfilment, "", "Thank you, team"},
	}
	p.Cards = nil
	for i, k := range cards {
		p.Cards = append(p.Cards, sb.Card{
			ID:           uuid.NewSHA1(p.ID, []byte{byte(i)}),
			Title:        k.title,
			Kind:         k.kind,
			Act:          k.act,
			Duration:     2 * sb.Second,
			Notes:        k.notes,
			OnScreenText: k.text,
			Captured:     i < 3,
		})
	}
	p.Soundtrack = &sb.Soundtrack{Path: soundtrack, Analysis: an}
	h := sb.NewHistory(p)
	fit := sb.FitPlan(sb.FitOptions{Length: 24 * sb.Second})
	if err := h.Apply(fit); err != nil {
		log.Fatalf("gen_demo: fit: %v", err)
	}
	fmt.Println(fit.Report)
	return h.Project()
}
