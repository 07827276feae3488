package audio

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/reelboard/reelboard/internal/testtool"
)

// Test material is synthesised here: clicks, drums, noise, a music bed.

// segment is a stretch of constant tempo.
type segment struct {
	bpm  float64
	secs float64
}

// beatTimes lays beats from start over the segments.
func beatTimes(start float64, segs []segment) []float64 {
	var out []float64
	t := start
	for _, s := range segs {
		end := t + s.secs
		p := 60 / s.bpm
		for t < end-1e-9 {
			out = append(out, t)
			t += p
		}
	}
	return out
}

// addClick adds a 10 ms click (a decaying 1.5 kHz tone) at sample i.
func addClick(x []float32, sr int, at float64, amp float32) {
	i0 := int(math.Round(at * float64(sr)))
	n := sr / 100
	for i := 0; i < n && i0+i < len(x); i++ {
		ti := float64(i) / float64(sr)
		x[i0+i] += amp * float32(math.Sin(2*math.Pi*1500*ti)*math.Exp(-ti*300))
	}
}

func addKick(x []float32, sr int, at float64, amp float32) {
	i0 := int(math.Round(at * float64(sr)))
	n := int(0.25 * float64(sr))
	ph := 0.0
	for i := 0; i < n && i0+i < len(x); i++ {
		ti := float64(i) / float64(sr)
		f := 50 + 100*math.Exp(-ti*30)
		ph += 2 * math.Pi * f / float64(sr)
		x[i0+i] += amp * float32(math.Sin(ph)*math.Exp(-ti*14))
	}
}

func addSnare(x []float32, sr int, at float64, amp float32, rng *rand.Rand) {
	i0 := int(math.Round(at * float64(sr)))
	n := int(0.18 * float64(sr))
	for i := 0; i < n && i0+i < len(x); i++ {
		ti := float64(i) / float64(sr)
		v := 0.6*(rng.Float64()*2-1)*math.Exp(-ti*25) + 0.5*math.Sin(2*math.Pi*190*ti)*math.Exp(-ti*30)
		x[i0+i] += amp * float32(v)
	}
}

func addHat(x []float32, sr int, at float64, amp float32, rng *rand.Rand) {
	i0 := int(math.Round(at * float64(sr)))
	n := int(0.05 * float64(sr))
	prev := 0.0
	for i := 0; i < n && i0+i < len(x); i++ {
		ti := float64(i) / float64(sr)
		w := rng.Float64()*2 - 1
		hp := w - prev // crude high-pass
		prev = w
		x[i0+i] += amp * float32(0.5*hp*math.Exp(-ti*90))
	}
}

// addGroove adds a rock groove on the beats: kick on 1, 3 and the "and" of 3,
// snare on 2 and 4, hats on eighths, an accent on each bar's first beat.
func addGroove(x []float32, sr int, beats []float64, rng *rand.Rand) {
	for i, b := range beats {
		p := 0.5
		if i+1 < len(beats) {
			p = beats[i+1] - b
		}
		switch i % 4 {
		case 0:
			addKick(x, sr, b, 0.9)
		case 2:
			addKick(x, sr, b, 0.7)
			addKick(x, sr, b+p/2, 0.5)
		default:
			addSnare(x, sr, b, 0.6, rng)
		}
		addHat(x, sr, b, 0.25, rng)
		addHat(x, sr, b+p/2, 0.15, rng)
	}
}

// addBed adds a soft pad (slow attack, chord change at each bar) and a
// gliding bass, so there are few sharp onsets of its own.
func addBed(x []float32, sr int, beats []float64, amp float32) {
	chords := [][]float64{{220, 277.2, 329.6}, {196, 246.9, 293.7}, {174.6, 220, 261.6}, {164.8, 207.7, 246.9}}
	for bar := 0; bar*4 < len(beats); bar++ {
		start := beats[bar*4]
		end := start + 4*0.5
		if bar*4+4 < len(beats) {
			end = beats[bar*4+4]
		}
		ch := chords[bar%len(chords)]
		i0, i1 := int(start*float64(sr)), int(end*float64(sr))
		for i := i0; i < i1 && i < len(x); i++ {
			ti := float64(i-i0) / float64(sr)
			env := math.Min(1, ti/0.3) * math.Min(1, float64(i1-i)/float64(sr)/0.3)
			v := 0.0
			for _, f := range ch {
				v += math.Sin(2*math.Pi*f*ti) + 0.3*math.Sin(2*math.Pi*2*f*ti)
			}
			v += 0.8 * math.Sin(2*math.Pi*ch[0]/4*ti)
			x[i] += amp * float32(env*v/4)
		}
	}
}

func addNoise(x []float32, amp float32, rng *rand.Rand) {
	for i := range x {
		x[i] += amp * float32(rng.Float64()*2-1)
	}
}

// writeWAV writes 16-bit PCM; mono x is duplicated when ch is 2.
func writeWAV(t testing.TB, path string, sr, ch int, x []float32) {
	t.Helper()
	data := make([]byte, 44+len(x)*2*ch)
	copy(data[0:], "RIFF")
	binary.LittleEndian.PutUint32(data[4:], uint32(len(data)-8))
	copy(data[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(data[16:], 16)
	binary.LittleEndian.PutUint16(data[20:], 1)
	binary.LittleEndian.PutUint16(data[22:], uint16(ch))
	binary.LittleEndian.PutUint32(data[24:], uint32(sr))
	binary.LittleEndian.PutUint32(data[28:], uint32(sr*2*ch))
	binary.LittleEndian.PutUint16(data[32:], uint16(2*ch))
	binary.LittleEndian.PutUint16(data[34:], 16)
	copy(data[36:], "data")
	binary.LittleEndian.PutUint32(data[40:], uint32(len(x)*2*ch))
	p := 44
	for _, v := range x {
		v = max(-1, min(1, v))
		s := uint16(int16(math.Round(float64(v) * 32767)))
		for c := 0; c < ch; c++ {
			binary.LittleEndian.PutUint16(data[p:], s)
			p += 2
		}
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// needTool stops the test when an external tool is missing (see testtool.Need).
func needTool(t testing.TB, name, pkg string) {
	t.Helper()
	testtool.Need(t, name, pkg)
}

// encode makes an .mp3/.ogg/.flac copy of wav with ffmpeg.
func encode(t testing.TB, wav, ext string) string {
	t.Helper()
	needTool(t, "ffmpeg", "ffmpeg")
	out := wav[:len(wav)-len(filepath.Ext(wav))] + "." + ext
	args := []string{"-nostdin", "-loglevel", "error", "-y", "-i", wav}
	switch ext {
	case "mp3":
		args = append(args, "-c:a", "libmp3lame", "-b:a", "192k")
	case "ogg":
		args = append(args, "-c:a", "libvorbis", "-q:a", "5")
	}
	args = append(args, out)
	if b, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, b)
	}
	return out
}

// ffmpegDecode returns ffmpeg's decode of path as mono float32 (channel 0) at its own rate.
func ffmpegDecode(t testing.TB, path string) []float32 {
	t.Helper()
	needTool(t, "ffmpeg", "ffmpeg")
	b, err := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-i", path, "-af", "pan=mono|c0=c0", "-f", "f32le", "-").Output()
	if err != nil {
		t.Fatalf("ffmpeg decode %s: %v", path, err)
	}
	x := make([]float32, len(b)/4)
	for i := range x {
		x[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return x
}

// addTone adds a plucked tone (three harmonics, exponential decay) at a time.
func addTone(x []float32, sr int, at, dur, freq float64, amp float32) {
	i0 := int(math.Round(at * float64(sr)))
	n := int(dur * float64(sr))
	for i := 0; i < n && i0+i < len(x); i++ {
		if i0+i < 0 {
			continue
		}
		ti := float64(i) / float64(sr)
		env := math.Exp(-ti*3) * math.Min(1, ti/0.004) * math.Min(1, float64(n-i)/float64(sr)/0.02)
		v := math.Sin(2*math.Pi*freq*ti) + 0.4*math.Sin(4*math.Pi*freq*ti) + 0.2*math.Sin(6*math.Pi*freq*ti)
		x[i0+i] += amp * float32(env*v)
	}
}

// style is a way of playing music on a beat grid for the test material.
type style struct {
	meter  int         // beats per bar
	sub    int         // tatums per beat: 2 or 3
	swing  bool        // the off-beat eighth at 2/3 of the beat, accented
	drums  bool        // kick, snare and hats
	chords [][]float64 // one chord per bar, cycled
}

var (
	progA = [][]float64{{261.6, 329.6, 392}, {220, 261.6, 329.6}, {174.6, 220, 261.6}, {196, 246.9, 293.7}}
	progB = [][]float64{{293.7, 370, 440}, {246.9, 311.1, 370}, {329.6, 415.3, 493.9}, {277.2, 349.2, 415.3}}
)

// addMusic plays bass, chords and (optionally) drums in the style on the
// beats (the last beat closes the last bar).
func addMusic(x []float32, sr int, beats []float64, st style, rng *rand.Rand) {
	for k := 0; k+1 < len(beats); k++ {
		b, p := beats[k], beats[k+1]-beats[k]
		bar, i := k/st.meter, k%st.meter
		ch := st.chords[bar%len(st.chords)]
		if i == 0 || st.sub == 3 {
			addTone(x, sr, b, p*0.95, ch[0]/4, 0.35)
		}
		if st.swing {
			addTone(x, sr, b, p*0.9, ch[(k%3)]/4, 0.3) // walking bass
		}
		switch {
		case st.meter == 3 && i > 0:
			for _, f := range ch {
				addTone(x, sr, b, p*0.7, f, 0.08)
			}
		case i == 0 && st.meter != 3:
			end := beats[min(len(beats)-1, k+st.meter)]
			for _, f := range ch {
				addTone(x, sr, b, end-b, f, 0.1)
			}
		}
		if !st.drums {
			continue
		}
		switch {
		case i == 0:
			addKick(x, sr, b, 0.8)
		case st.meter == 4 && i == 2:
			addKick(x, sr, b, 0.6)
		case st.meter != 3 || st.sub == 3:
			addSnare(x, sr, b, 0.5, rng)
		}
		for j := 0; j < st.sub; j++ {
			off := float64(j) / float64(st.sub)
			amp := float32(0.2)
			if j > 0 {
				amp = 0.12
			}
			if st.swing && j == 1 {
				off, amp = 2.0/3, 0.3 // the swung eighth, louder than the beat's
			}
			addHat(x, sr, b+off*p, amp, rng)
		}
	}
}

// rampBeats lays beats from start, the tempo going linearly from bpm0 to
// bpm1 over n beats.
func rampBeats(start, bpm0, bpm1 float64, n int) []float64 {
	out := make([]float64, 0, n)
	t := start
	for k := 0; k < n; k++ {
		out = append(out, t)
		t += 60 / (bpm0 + (bpm1-bpm0)*float64(k)/float64(max(1, n-1)))
	}
	return out
}
