//go:build ignore

// gen_demo synthesises the demo soundtrack (a drum and bass groove at a known
// tempo, 120 BPM in 4/4, 16 bars) and writes the demo project whose stored
// analysis is the exact beat grid of that synthesis.
//
//	go generate ./assets   (needs ffmpeg with libvorbis)
package main

import (
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

	sb "github.com/reelboard/reelboard/storyboard"
)

const (
	rate  = 44100
	bpm   = 120
	bars  = 16
	beat  = 60.0 / bpm
	total = bars * 4 * beat
)

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
	cmd := exec.Command("ffmpeg", "-v", "error", "-y", "-i", wav, "-c:a", "libvorbis", "-q:a", "3", "-map_metadata", "-1", "-fflags", "+bitexact", ogg)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("gen_demo: ffmpeg: %v", err)
	}
	data, err := os.ReadFile(ogg)
	if err != nil {
		log.Fatal(err)
	}
	sum := sha256.Sum256(data)
	p := project(ogg, hex.EncodeToString(sum[:]))
	reel, _ := filepath.Abs("demo/demo.reel")
	if err := sb.Save(p, reel); err != nil {
		log.Fatal(err)
	}
	os.Remove(reel + ".bak")
	fmt.Printf("wrote %s (%d bytes) and %s\n", ogg, len(data), reel)
}

// synth renders the groove: kick, snare, hats, a bass line and a pad over
// Am–F–C–G, one chord a bar.
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
	hat := make([]float64, int(0.05*rate))
	prev := 0.0
	for i := range hat {
		t := float64(i) / rate
		x := rng.Float64()*2 - 1
		hat[i] = (x - prev) * math.Exp(-t*90)
		prev = x
	}
	for b := 0; b < bars; b++ {
		bar := float64(b) * 4 * beat
		for _, k := range []float64{0, 1.5, 2} {
			add(l, bar+k*beat, kick, 0.9)
			add(r, bar+k*beat, kick, 0.9)
		}
		for _, s := range []float64{1, 3} {
			add(l, bar+s*beat, snare, 0.45)
			add(r, bar+s*beat, snare, 0.5)
		}
		for e := 0; e < 8; e++ {
			g := 0.12
			if e%2 == 1 {
				g = 0.08
			}
			add(l, bar+float64(e)*beat/2, hat, g*1.2)
			add(r, bar+float64(e)*beat/2, hat, g*0.8)
		}
		root := roots[b%4]
		for e := 0; e < 8; e++ {
			if e == 3 || e == 7 {
				continue
			}
			f := root
			if e == 6 {
				f *= 1.5
			}
			note := make([]float64, int(int(beat*rate)*9/20))
			for i := range note {
				t := float64(i) / rate
				v := 0.0
				for h := 1; h <= 6; h++ {
					v += math.Sin(2*math.Pi*f*float64(h)*t) / float64(h)
				}
				note[i] = v * math.Exp(-t*4) * math.Min(1, t*400) * math.Min(1, float64(len(note)-i)/200)
			}
			add(l, bar+float64(e)*beat/2, note, 0.22)
			add(r, bar+float64(e)*beat/2, note, 0.22)
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
		add(l, bar, pad, 0.035)
		add(r, bar, pad, 0.04)
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

// project is the demo storyboard: an Instagram reel of a portrait shoot, cut
// on the groove's beats, starting one bar into the song.
func project(soundtrack, hash string) *sb.Project {
	p, err := sb.NewProject(sb.FormatBackstage, "instagram-reels", time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	if err != nil {
		log.Fatal(err)
	}
	p.ID = uuid.MustParse("5b0f6c1e-2a47-4c1e-9d0b-7a3f0c9e1d01")
	p.Title = "Portrait session — backstage"
	p.Author = "Demo Studio"
	p.StyleNotes = "Soft morning light and a warm grade. Handheld close-ups of hands and gear, shallow depth of field. Frame 9:16 with room for captions at the top."
	b := sb.Second / 2 // one beat at 120 BPM
	type c struct {
		title string
		kind  sb.ShotKind
		act   sb.Act
		beats int
		notes string
		text  string
	}
	cards := []c{
		{"Van doors open at dawn", sb.ShotArrival, sb.Arrival, 4, "Start on the doors, the light spilling in.", "Day 1 — 6:00"},
		{"Walking onto the set", sb.ShotBehindCamera, sb.Arrival, 6, "Follow from behind, wide; the studio appears.", ""},
		{"Stands and softboxes go up", sb.ShotSetup, sb.Work, 4, "Fast, a little motion blur is fine.", ""},
		{"Hands on the focus ring", sb.ShotHands, sb.Work, 2, "Macro, very tight.", ""},
		{"Lens detail in golden light", sb.ShotEquipment, sb.Work, 2, "", ""},
		{"Eyes on the frame", sb.ShotConcentration, sb.Work, 4, "Profile, let the face breathe.", ""},
		{"Directing the model", sb.ShotDirecting, sb.Work, 4, "Hands explaining the pose.", "Chin up. Hold."},
		{"Client at the monitor", sb.ShotClient, sb.Work, 4, "Over the shoulder, their reaction.", ""},
		{"Checking the take", sb.ShotMonitor, sb.Work, 4, "", ""},
		{"A laugh between takes", sb.ShotCandid, sb.Work, 4, "Unplanned; keep rolling.", ""},
		{"The final portrait", sb.ShotReveal, sb.Fulfilment, 6, "Full screen, hold on it.", "The result"},
		{"Team photo at wrap", sb.ShotWrap, sb.Fulfilment, 4, "", "Thank you, team"},
	}
	p.Cards = nil
	for i, k := range cards {
		p.Cards = append(p.Cards, sb.Card{
			ID:           uuid.NewSHA1(p.ID, []byte{byte(i)}),
			Title:        k.title,
			Kind:         k.kind,
			Act:          k.act,
			Duration:     sb.Time(k.beats) * b,
			Notes:        k.notes,
			OnScreenText: k.text,
			Captured:     i < 3,
		})
	}
	an := &sb.Analysis{Hash: hash, Format: "ogg", Duration: sb.Seconds(total), SampleRate: rate, Channels: 2, TempoBPM: bpm}
	for i := 0; i < bars*4; i++ {
		an.Beats = append(an.Beats, sb.Time(i)*b)
		if i%4 == 0 {
			an.Downbeats = append(an.Downbeats, sb.Time(i)*b)
		}
	}
	p.Soundtrack = &sb.Soundtrack{Path: soundtrack, Offset: 4 * b, Length: 48 * b, Analysis: an}
	return p
}
