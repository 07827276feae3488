package audio

import (
	"errors"
	"fmt"
)

// Sentinel errors, checked with errors.Is.
var (
	// ErrUnsupported means the file is not in a format Reelboard can decode.
	ErrUnsupported = errors.New("unsupported audio format: Reelboard reads WAV, MP3, OGG Vorbis and FLAC, and M4A/AAC, AIFF and Opus when ffmpeg is installed")
	// ErrCorrupt means the file is truncated or its data is damaged.
	ErrCorrupt = errors.New("the audio data is truncated or corrupt")
	// ErrEmpty means the file holds no audio samples.
	ErrEmpty = errors.New("the file holds no audio")
	// ErrTooLong means the audio (or what its header claims) is longer than
	// MaxDuration, or the file is larger than a soundtrack of that length.
	ErrTooLong = errors.New("the audio is longer than 3 hours, the longest soundtrack Reelboard reads")
	// ErrNotRegular means the path is a device, pipe or socket: only
	// regular files are read, so /dev/zero or a FIFO never hangs a command.
	ErrNotRegular = errors.New("not a regular file")
	// ErrNoDevice is reported by Player.Err when no sound device plays our audio.
	ErrNoDevice = errors.New("no audio device: playback is off")
)

// fileError builds "audio: PATH: sentinel (detail)" wrapping both.
func fileError(path string, sentinel error, detail error) error {
	if detail == nil {
		return fmt.Errorf("audio: %s: %w", path, sentinel)
	}
	return fmt.Errorf("audio: %s: %w (%w)", path, sentinel, detail)
}
