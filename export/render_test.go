package export

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

func TestRender(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	needTool(t, "ffprobe", "ffmpeg")
	dir := mediaDir(t)
	clip := filepath.Join(dir, "hands.mov")
	if out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=3",
		"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mov", clip).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg (making a test clip): %v\n%s", err, out)
	}
	for _, r := range []storyboard.Rate{storyboard.Rate25, storyboard.Rate2997} {
		t.Run(rateName(r), func(t *testing.T) {
			p := fixture(r, dir)
			// A short reel of a few seconds: halve every card.
			for i := range p.Cards {
				p.Cards[i].Duration /= 2
			}
			pl, err := newPlan(p, Options{}, true)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "preview.mp4")
			var got []float64
			if err := Render(context.Background(), p, out, func(f float64) { got = append(got, f) }); err != nil {
				t.Fatalf("Render = %v", err)
			}
			if n := probeFrames(t, out); n != pl.frames {
				t.Errorf("Render made %d frames; want %d", n, pl.frames)
			}
			if !probeHasAudio(t, out) {
				t.Errorf("Render made no audio stream")
			}
			info, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
				"stream=width,height,r_frame_rate", "-of", "csv=p=0", out).Output()
			if err != nil {
				t.Fatal(err)
			}
			want := "1080,1920," + strconv.FormatInt(r.Num, 10) + "/" + strconv.FormatInt(r.Den, 10)
			if s := strings.TrimSpace(string(info)); s != want {
				t.Errorf("Render stream = %s; want %s", s, want)
			}
			if len(got) == 0 || got[len(got)-1] != 1 {
				t.Errorf("progress calls = %v; want increasing, ending at 1", got)
			}
			for i := 1; i < len(got); i++ {
				if got[i] < got[i-1] {
					t.Errorf("progress went back: %v", got)
				}
			}
		})
	}
}

func TestRenderWithoutFFmpeg(t *testing.T) {
	dir := mediaDir(t)
	t.Setenv("PATH", t.TempDir())
	outDir := t.TempDir()
	err := Render(context.Background(), fixture(storyboard.Rate25, dir), filepath.Join(outDir, "preview.mp4"), nil)
	if !errors.Is(err, ErrNoFFmpeg) {
		t.Fatalf("Render without ffmpeg = %v; want ErrNoFFmpeg", err)
	}
	if es, _ := os.ReadDir(outDir); len(es) != 0 {
		t.Errorf("Render without ffmpeg left %d files", len(es))
	}
	t.Logf("message: %v", err)
}

func TestRenderCancel(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := mediaDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	outDir := t.TempDir()
	if err := Render(ctx, fixture(storyboard.Rate25, dir), filepath.Join(outDir, "p.mp4"), nil); err == nil {
		t.Fatal("Render with a cancelled context = nil; want an error")
	}
	if es, _ := os.ReadDir(outDir); len(es) != 0 {
		t.Errorf("a cancelled Render left %d files", len(es))
	}
}

func TestReadProgress(t *testing.T) {
	in := "frame=10\nout_time_us=1000000\nprogress=continue\nout_time_us=N/A\nout_time_us=3000000\nprogress=continue\nout_time_us=5000000\nprogress=end\n"
	var got []float64
	readProgress(strings.NewReader(in), 4, func(f float64) { got = append(got, f) })
	want := []float64{0.25, 0.75, 1}
	if len(got) != len(want) {
		t.Fatalf("readProgress = %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("readProgress = %v; want %v", got, want)
		}
	}
}
