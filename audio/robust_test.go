package audio

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/audio/internal/crafted"
)

// TestLoadRefusesCraftedHeaders: every file of the crafted family (headers
// claiming 2^36-1 samples, 0 Hz, 255 channels, 4 GiB of data, truncated
// pages…) is refused with one sentence naming the file, never a panic or
// an allocation sized by the claim.
func TestLoadRefusesCraftedHeaders(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	cases, err := crafted.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			tr, err := Load(context.Background(), c.Path, nil)
			if err == nil {
				t.Fatalf("Load(%s, %s) = %d frames at %d Hz, nil error; want a refusal", c.Name, c.Lie, tr.Frames(), tr.Info().SampleRate)
			}
			msg := err.Error()
			if !strings.Contains(msg, filepath.Base(c.Path)) || strings.Contains(msg, "\n") {
				t.Errorf("Load(%s) error %q; want one line naming the file", c.Name, msg)
			}
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLong) {
				t.Errorf("Load(%s) error %q; want ErrCorrupt or ErrTooLong", c.Name, msg)
			}
			t.Logf("%s (%s): %v", c.Name, c.Lie, err)
		})
	}
}
