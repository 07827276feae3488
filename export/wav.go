package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The bundle's WAV copy of the soundtrack: Final Cut Pro and Premiere Pro do
// not import Ogg Vorbis (or Opus, or FLAC in older releases), while every
// editor reads 48 kHz PCM WAV. The copy is the whole song, so the music's
// in-point stays the same in every format.

// wavRate is the sample rate of the bundle's WAV copy of the soundtrack.
const wavRate = 48000

// wavTimeout bounds one conversion.
const wavTimeout = 10 * time.Minute

// ffmpegPath is the ffmpeg the bundle runs; tests may point it elsewhere.
var ffmpegPath = "ffmpeg"

// isEditorWAV reports whether the soundtrack is already what the WAV copy
// would be: PCM WAV at 48 kHz.
func isEditorWAV(path string, f *mediaFacts) bool {
	return strings.EqualFold(filepath.Ext(path), ".wav") && f.read() && f.audio &&
		f.sampleRate == wavRate && strings.HasPrefix(f.audioCodec, "pcm_")
}

// makeWAV converts the audio of src to a 48 kHz 24-bit PCM WAV file in a
// temporary file, keeping its channels; the caller removes the file.
func makeWAV(src string, chans int) (string, error) {
	exe, err := exec.LookPath(ffmpegPath)
	if err != nil {
		return "", errors.New("ffmpeg is not installed")
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp("", "reelboard-*.wav")
	if err != nil {
		return "", err
	}
	tmp.Close()
	ctx, cancel := context.WithTimeout(context.Background(), wavTimeout)
	defer cancel()
	args := []string{"-nostdin", "-v", "error", "-y", "-i", "file:" + abs, "-vn", "-map_metadata", "-1",
		"-ar", strconv.Itoa(wavRate), "-c:a", "pcm_s24le"}
	if chans > 0 {
		args = append(args, "-ac", strconv.Itoa(min(chans, 8)))
	}
	args = append(args, "-f", "wav", "file:"+tmp.Name())
	out, err := exec.CommandContext(ctx, exe, args...).CombinedOutput()
	if err != nil {
		os.Remove(tmp.Name())
		msg := strings.TrimSpace(string(out))
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("ffmpeg cannot convert %s to WAV: %s", filepath.Base(src), msg)
	}
	return tmp.Name(), nil
}
