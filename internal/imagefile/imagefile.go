// Package imagefile reads reference images (PNG, JPEG, GIF) bounded by what
// the file really is, never by what its header claims: only regular files
// are opened (a FIFO or /dev/zero never blocks or streams forever), the
// file's size is limited, and the picture's size is checked with
// image.DecodeConfig before anything is decoded. Exports and the editor's
// thumbnails and preview monitor read images through it. It imports only
// the standard library.
package imagefile

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // reference images may be GIF,
	_ "image/jpeg" // JPEG
	_ "image/png"  // or PNG
	"io"
	"os"
)

const (
	// MaxPixels is the largest picture decoded: 64 megapixels (8192×8192,
	// more than a 48-megapixel phone photo or an 8K frame), at most 256 MiB
	// once decoded as RGBA.
	MaxPixels = 64 << 20
	// MaxBytes is the largest image file read.
	MaxBytes = 256 << 20
)

var (
	// ErrTooLarge reports a picture beyond MaxPixels.
	ErrTooLarge = errors.New("the image is too large (at most 64 megapixels)")
	// ErrNotRegular reports an input that is not a regular file (a folder,
	// a device such as /dev/zero, a FIFO).
	ErrNotRegular = errors.New("not a regular file")
	// ErrFileTooLarge reports a file beyond the size read.
	ErrFileTooLarge = errors.New("the file is too large")
	// ErrFormat reports a file that is not a PNG, JPEG or GIF image.
	ErrFormat = errors.New("not a PNG, JPEG or GIF image")
)

// OpenRegular opens path for reading when it is a regular file (after
// following symbolic links) of at most limit bytes (no limit when limit is
// 0), and returns it with its size. It checks before opening, so a FIFO
// never blocks, and again after, so the file opened is the file checked.
func OpenRegular(path string, limit int64) (*os.File, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	if !st.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	if limit > 0 && st.Size() > limit {
		return nil, 0, fmt.Errorf("%s: %w (%d bytes, at most %d)", path, ErrFileTooLarge, st.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	if fst, err := f.Stat(); err != nil || !os.SameFile(st, fst) {
		f.Close()
		return nil, 0, fmt.Errorf("%s changed while it was opened", path)
	}
	return f, st.Size(), nil
}

// Decode reads the image at path. Errors name the file and wrap
// ErrNotRegular, ErrFileTooLarge, ErrTooLarge, ErrFormat or the file
// system's error.
func Decode(path string) (image.Image, error) {
	f, size, err := OpenRegular(path, MaxBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrFormat, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf("%s claims %d×%d pixels: %w", path, cfg.Width, cfg.Height, ErrTooLarge)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(io.LimitReader(f, size))
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrFormat, err)
	}
	return img, nil
}
