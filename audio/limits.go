package audio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// What Reelboard reads, whatever a file's header claims. Buffers are sized
// from what the file can really hold (its size) and grow only as audio
// actually decodes; a claim or a stream beyond these is refused with
// ErrTooLong or ErrCorrupt.
const (
	// MaxDuration is the longest soundtrack Reelboard decodes.
	MaxDuration = 3 * time.Hour
	// MinSampleRate and MaxSampleRate bound the sample rates read.
	MinSampleRate = 1000
	MaxSampleRate = 192000
	// MaxChannels is the most channels a file may have (the first two are kept).
	MaxChannels = 32
	// maxCompressedBytes is the largest MP3 or Ogg file read (they are read
	// whole): 3 hours at 795 kbit/s, more than either format's top bitrate.
	maxCompressedBytes = 1 << 30
)

// maxFrames is the most sample frames MaxDuration holds at rate sr.
func maxFrames(sr int) int64 { return int64(sr) * int64(MaxDuration/time.Second) }

// hours formats a frame count at rate sr as hours for messages.
func hours(frames int64, sr int) string {
	h := float64(frames) / float64(sr) / 3600
	if h >= 100 {
		return fmt.Sprintf("%.3g hours", h)
	}
	return fmt.Sprintf("%.1f hours", h)
}

// checkFormat refuses sample rates and channel counts no soundtrack has.
func checkFormat(sr, ch int) error {
	if sr < MinSampleRate || sr > MaxSampleRate {
		return fmt.Errorf("a sample rate of %d Hz, outside the %d to %d Hz Reelboard reads", sr, MinSampleRate, MaxSampleRate)
	}
	if ch < 1 || ch > MaxChannels {
		return fmt.Errorf("%d channels, outside the 1 to %d Reelboard reads", ch, MaxChannels)
	}
	return nil
}

// openRegular opens path for reading only when it is a regular file: a
// device (/dev/zero, /dev/urandom), a FIFO or a socket is refused before it
// is opened, so nothing blocks on open or reads without end.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, pathError(path, err)
	}
	if err := regular(path, st); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, pathError(path, err)
	}
	st2, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("audio: %s: %w", path, err)
	}
	if !os.SameFile(st, st2) {
		f.Close()
		return nil, nil, fmt.Errorf("audio: %s: the file changed while it was opened", path)
	}
	if err := regular(path, st2); err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st2, nil
}

func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("audio: %s: %w", path, pe.Err)
	}
	return fmt.Errorf("audio: %w", err)
}

// regular refuses folders and anything that is not a regular file.
func regular(path string, st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsDir():
		return fileError(path, ErrNotRegular, errors.New("it is a folder"))
	case m.IsRegular():
		return nil
	case m&fs.ModeNamedPipe != 0:
		return fileError(path, ErrNotRegular, errors.New("it is a named pipe"))
	case m&fs.ModeSocket != 0:
		return fileError(path, ErrNotRegular, errors.New("it is a socket"))
	case m&fs.ModeDevice != 0:
		return fileError(path, ErrNotRegular, errors.New("it is a device"))
	}
	return fileError(path, ErrNotRegular, nil)
}

// safeOpen runs a decoder's constructor (header parsing, stream set-up)
// with a panic inside a third-party decoder turned into an error.
func safeOpen(open func() (decoder, error)) (d decoder, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, errDecoderPanic{p}
		}
	}()
	return open()
}
