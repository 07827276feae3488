package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/reelboard/reelboard/audio"
)

// clickWAV writes a mono 16-bit click track at bpm and returns its path.
func clickWAV(t *testing.T, dir string, bpm float64, secs int) string {
	t.Helper()
	const sr = 22050
	x := make([]int16, secs*sr)
	for b := 0.5; b < float64(secs)-0.1; b += 60 / bpm {
		i0 := int(b * sr)
		for i := 0; i < sr/100 && i0+i < len(x); i++ {
			ti := float64(i) / sr
			x[i0+i] = int16(20000 * math.Sin(2*math.Pi*1500*ti) * math.Exp(-ti*300))
		}
	}
	var buf bytes.Buffer
	buf.WriteString("RIFF")
	binary.Write(&buf, binary.LittleEndian, uint32(36+2*len(x)))
	buf.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(sr), uint32(2 * sr), uint16(2), uint16(16)} {
		binary.Write(&buf, binary.LittleEndian, v)
	}
	buf.WriteString("data")
	binary.Write(&buf, binary.LittleEndian, uint32(2*len(x)))
	binary.Write(&buf, binary.LittleEndian, x)
	p := filepath.Join(dir, "clicks.wav")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRunAnalyze(t *testing.T) {
	dir := t.TempDir()
	audio.SetCacheDir(filepath.Join(dir, "cache"))
	defer audio.SetCacheDir("")
	wav := clickWAV(t, dir, 120, 20)
	bad := filepath.Join(dir, "bad.wav")
	os.WriteFile(bad, []byte("RIFF\x10\x00\x00\x00WAVEjunkjunk"), 0o644)
	tests := []struct {
		args     []string
		code     int
		stdout   string // substring
		stderrIn string // substring
	}{
		{[]string{wav}, 0, "Tempo:      120.0 BPM", ""},
		{[]string{"--json", wav}, 0, `"tempo_bpm":120`, ""},
		{[]string{wav, "--json"}, 0, `"sample_rate":22050`, ""},
		{nil, 2, "", "usage"},
		{[]string{"a.wav", "b.wav"}, 2, "", "usage"},
		{[]string{"--bogus", wav}, 2, "", "unknown flag"},
		{[]string{filepath.Join(dir, "missing.mp3")}, 1, "", "missing.mp3"},
		{[]string{bad}, 1, "", "bad.wav"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := runAnalyze(tt.args, &out, &errb)
		if code != tt.code || !strings.Contains(out.String(), tt.stdout) || !strings.Contains(errb.String(), tt.stderrIn) {
			t.Errorf("runAnalyze(%q) = %d, stdout %q, stderr %q; want %d, stdout with %q, stderr with %q",
				tt.args, code, out.String(), errb.String(), tt.code, tt.stdout, tt.stderrIn)
		}
		if code == 1 && strings.Count(strings.TrimSpace(errb.String()), "\n") != 0 {
			t.Errorf("runAnalyze(%q) stderr = %q; want one line", tt.args, errb.String())
		}
	}
}

func TestRunAnalyzeJSONShape(t *testing.T) {
	dir := t.TempDir()
	audio.SetCacheDir(filepath.Join(dir, "cache"))
	defer audio.SetCacheDir("")
	wav := clickWAV(t, dir, 100, 15)
	var out, errb bytes.Buffer
	if code := runAnalyze([]string{"--json", wav}, &out, &errb); code != 0 {
		t.Fatalf("runAnalyze(--json) = %d, stderr %q", code, errb.String())
	}
	var m map[string]any
	dec := json.NewDecoder(&out)
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if dec.More() {
		t.Errorf("runAnalyze(--json) printed more than one object")
	}
	want := []string{"file", "format", "duration_s", "sample_rate", "channels", "tempo_bpm", "beats_s", "downbeats_s",
		"meter", "beats_extrapolated_s", "phrases_s", "sections", "energy_per_beat"}
	if len(m) != len(want) {
		t.Errorf("runAnalyze(--json) keys = %v; want %v", m, want)
	}
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("runAnalyze(--json) has no %q", k)
		}
	}
	beats, _ := m["beats_s"].([]any)
	prev := -1.0
	for _, b := range beats {
		if v := b.(float64); v <= prev {
			t.Errorf("beats_s not ascending: %v", beats)
			break
		} else {
			prev = v
		}
	}
	if len(beats) < 15 || m["format"] != "wav" || m["channels"] != 1.0 {
		t.Errorf("runAnalyze(--json) = %v; want ~24 beats of a mono wav", m)
	}
	if e, _ := m["energy_per_beat"].([]any); len(e) != len(beats) {
		t.Errorf("runAnalyze(--json) energy_per_beat has %d values; want one per beat (%d)", len(e), len(beats))
	}
	// Sections cover the song without gaps, each with its six keys.
	secs, _ := m["sections"].([]any)
	end := 0.0
	for i, s := range secs {
		sec, _ := s.(map[string]any)
		for _, k := range []string{"start_s", "end_s", "label", "energy", "confidence", "meter"} {
			if _, ok := sec[k]; !ok {
				t.Errorf("runAnalyze(--json) sections[%d] has no %q: %v", i, k, sec)
			}
		}
		if st, _ := sec["start_s"].(float64); st != end {
			t.Errorf("runAnalyze(--json) sections[%d] starts at %v; want %v (no gap)", i, st, end)
		}
		end, _ = sec["end_s"].(float64)
	}
	if len(secs) == 0 || end != m["duration_s"] {
		t.Errorf("runAnalyze(--json) sections = %v; want parts covering 0..%v", secs, m["duration_s"])
	}
	// Extrapolated beats continue the grid to the end, disjoint from beats_s.
	ex, _ := m["beats_extrapolated_s"].([]any)
	last := beats[len(beats)-1].(float64)
	for _, x := range ex {
		v := x.(float64)
		if v > last && v-last > 0.6+0.01 {
			t.Errorf("runAnalyze(--json) beats_extrapolated_s = %v; want every 0.6 s after the last beat %v", ex, last)
			break
		}
		if v > last {
			last = v
		}
	}
	if d := m["duration_s"].(float64); d-last > 0.6 {
		t.Errorf("runAnalyze(--json) grid ends at %v; want a beat within 0.6 s of the end %v", last, d)
	}
}

// TestAnalyzeNotAFile: a folder, a device and a pipe are said the way a
// project that is one is said, with no package prefix.
func TestAnalyzeNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.ogg")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, what := range map[string]string{dir: "a folder", "/dev/zero": "a device", fifo: "a named pipe"} {
		var out, errb bytes.Buffer
		code := run([]string{"analyze", path}, &out, &errb)
		want := "reelboard analyze: " + path + " is not a regular file: it is " + what + ".\n"
		if code != exitRefused || errb.String() != want {
			t.Errorf("analyze %s = %d, %q; want %d, %q", path, code, errb.String(), exitRefused, want)
		}
	}
}
