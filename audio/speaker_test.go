package audio

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The beep speaker is process-global, so these tests run the real Player
// in a child process whose HOME holds an ALSA config: the null device (a
// sound card that plays nothing), or a card that does not exist.

const childEnv = "REELBOARD_SPEAKER_CHILD"

func runSpeakerChild(t *testing.T, name, asoundrc string) string {
	t.Helper()
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".asoundrc"), []byte(asoundrc), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "HOME="+home, childEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("child %s failed: %v\n%s", name, err, out)
	}
	return string(out)
}

func TestSpeakerNullDevice(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		runSpeakerChild(t, t.Name(), "pcm.!default { type null }\n")
		return
	}
	x := make([]float32, 2*44100*3)
	for i := range x {
		x[i] = 0.1
	}
	p := NewPlayer()
	defer p.Close()
	p.Load(testTrack(44100, 2, x))
	p.SetMetronome(true, []float64{0.5, 1, 1.5})
	if err := p.Play(); err != nil {
		t.Fatalf("Play() = %v; want nil on the null device", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for p.Position() < 0.2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p.Position() < 0.2 {
		t.Fatalf("Position() = %v after Play; want it to advance", p.Position())
	}
	time.Sleep(noDeviceDelay + 200*time.Millisecond)
	if err := p.Err(); err != nil {
		t.Errorf("Err() = %v; want nil on the null device", err)
	}
	p.Pause()
	at := p.Position()
	time.Sleep(100 * time.Millisecond)
	if p.Position() != at {
		t.Errorf("Position() moved while paused: %v → %v", at, p.Position())
	}
	// A track at another rate gets a resampled stream.
	p.Load(testTrack(22050, 1, x[:22050*2]))
	if err := p.Play(); err != nil {
		t.Fatalf("Play() of a 22050 Hz track = %v", err)
	}
	for p.Position() < 0.2 && time.Now().Before(deadline.Add(5*time.Second)) {
		time.Sleep(10 * time.Millisecond)
	}
	if p.Position() < 0.2 {
		t.Fatalf("22050 Hz track: Position() = %v; want it to advance", p.Position())
	}
}

func TestSpeakerMissingDevice(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		runSpeakerChild(t, t.Name(), "pcm.!default { type hw card 57 }\nctl.!default { type hw card 57 }\n")
		return
	}
	p := NewPlayer()
	defer p.Close()
	p.Load(testTrack(44100, 1, make([]float32, 44100)))
	err := p.Play()
	deadline := time.Now().Add(10 * time.Second)
	for err == nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		err = p.Err()
	}
	if !errors.Is(err, ErrNoDevice) {
		t.Fatalf("Play/Err = %v; want ErrNoDevice", err)
	}
	t.Logf("reported: %v", err)
	p.Seek(0.5)
	if p.Position() != 0.5 {
		t.Errorf("Position() = %v; want 0.5 (seeking still works)", p.Position())
	}
}
