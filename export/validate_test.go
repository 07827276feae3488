package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

func xmllint(t *testing.T, args ...string) {
	t.Helper()
	needTool(t, "xmllint", "libxml2-utils")
	out, err := exec.Command("xmllint", append([]string{"--noout"}, args...)...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("xmllint %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// TestValidateXML checks every XML export at every rate: FCPXML and MLT
// against their DTDs, FCP7 XML for well-formedness (xmeml has no DTD).
func TestValidateXML(t *testing.T) {
	dir := mediaDir(t)
	out := t.TempDir()
	for _, r := range testRates {
		for _, variant := range []string{"", "-df", "-silent"} {
			drop := variant == "-df"
			p := fixture(r, dir)
			if variant == "-silent" {
				p.Soundtrack = nil
			}
			name := rateName(r) + variant
			t.Run(name, func(t *testing.T) {
				for _, f := range []struct{ format, dtd string }{
					{"fcpxml", "FCPXMLv1_10.dtd"}, {"mlt", "mlt-xml.dtd"}, {"fcp7", ""},
				} {
					path := filepath.Join(out, name+"."+f.format)
					if err := Write(p, f.format, path, Options{NonDropFrame: !drop}); err != nil {
						t.Fatalf("Write(%s) = %v", f.format, err)
					}
					if f.dtd != "" {
						xmllint(t, "--dtdvalid", filepath.Join("testdata", "dtd", f.dtd), path)
					} else {
						xmllint(t, path)
					}
				}
			})
		}
	}
}

// TestMeltRender renders the real MLT export (its own profile, a linked
// clip, an image, title cards and the music) with melt and checks that the
// video has exactly the reel's frame count.
func TestMeltRender(t *testing.T) {
	needTool(t, "melt", "melt")
	needTool(t, "ffmpeg", "ffmpeg")
	needTool(t, "ffprobe", "ffmpeg")
	dir := mediaDir(t)
	clip := filepath.Join(dir, "hands.mov")
	os.Remove(clip)
	if out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=6",
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
			mlt := filepath.Join(t.TempDir(), "plan.mlt")
			if err := Write(p, "mlt", mlt, Options{}); err != nil {
				t.Fatalf("Write(mlt) = %v", err)
			}
			pl, err := newPlan(p, Options{}, false)
			if err != nil {
				t.Fatal(err)
			}
			mp4 := filepath.Join(filepath.Dir(mlt), "render.mp4")
			cmd := exec.Command("melt", "-quiet", mlt, "-consumer", "avformat:"+mp4, "vcodec=libx264", "acodec=aac", "preset=ultrafast", "crf=35")
			cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("melt %s: %v\n%s", mlt, err, out)
			}
			got := probeFrames(t, mp4)
			if got != pl.frames {
				t.Errorf("melt render of %s has %d frames; want %d", mlt, got, pl.frames)
			}
			if !probeHasAudio(t, mp4) {
				t.Errorf("melt render of %s has no audio stream", mlt)
			}
		})
	}
}

func probeFrames(t *testing.T, path string) int64 {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames",
		"-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		t.Fatalf("ffprobe %s: frame count %q: %v", path, out, err)
	}
	return n
}

func probeHasAudio(t *testing.T, path string) bool {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "stream=codec_type", "-of", "csv=p=0", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	return strings.Contains(string(out), "audio")
}
