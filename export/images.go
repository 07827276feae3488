package export

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // reference images may be GIF
	"image/jpeg"
	_ "image/png" // or PNG
	"io"
	"os"
)

// maxImageSide bounds the longer side of images placed in sheets, in pixels.
const maxImageSide = 720

// Reference images are bounded before they are decoded: a header may claim
// any size, and decoding allocates what it claims.
const (
	// maxImagePixels is the largest picture decoded: 64 megapixels
	// (8192×8192, more than a 48-megapixel phone photo or an 8K frame),
	// at most 256 MiB once decoded as RGBA.
	maxImagePixels = 64 << 20
	// maxImageBytes is the largest image file read.
	maxImageBytes = 256 << 20
)

// ErrImageTooLarge reports a reference image beyond maxImagePixels.
var ErrImageTooLarge = errors.New("the image is too large (at most 64 megapixels)")

// loadImage decodes a reference image (PNG, JPEG or GIF) and returns it
// re-encoded as a JPEG no larger than maxImageSide, with its size. Sheets
// embed this copy: small, and in a form every PDF reader and browser shows.
// The header's size is checked with image.DecodeConfig before anything is
// decoded, and only regular files are read.
func loadImage(path string) (jpg []byte, w, h int, err error) {
	f, size, err := openRegular(path, maxImageBytes)
	if err != nil {
		return nil, 0, 0, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%s: not a PNG, JPEG or GIF image: %w", path, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
		return nil, 0, 0, fmt.Errorf("%s claims %d×%d pixels: %w", path, cfg.Width, cfg.Height, ErrImageTooLarge)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, 0, 0, err
	}
	src, _, err := image.Decode(io.LimitReader(f, size))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%s: not a PNG, JPEG or GIF image: %w", path, err)
	}
	img := shrink(src, maxImageSide)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, 0, 0, err
	}
	r := img.Bounds()
	return b.Bytes(), r.Dx(), r.Dy(), nil
}

// ErrNotRegular reports an input that is not a regular file (a folder, a
// device such as /dev/zero, a FIFO), which an export never reads.
var ErrNotRegular = errors.New("not a regular file")

// ErrFileTooLarge reports an input beyond the size an export reads.
var ErrFileTooLarge = errors.New("the file is too large")

// openRegular opens path for reading when it is a regular file (after
// following symbolic links) of at most limit bytes (no limit when limit is
// 0), and returns it with its size. It checks before opening, so a FIFO
// never blocks, and again after, so the file opened is the file checked.
func openRegular(path string, limit int64) (*os.File, int64, error) {
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

// shrink box-filters src so that its longer side is at most side pixels,
// flattening transparency onto white.
func shrink(src image.Image, side int) image.Image {
	sb := src.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	w, h := sw, sh
	if m := max(sw, sh); m > side {
		w, h = max(1, sw*side/m), max(1, sh*side/m)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		y0, y1 := sb.Min.Y+y*sh/h, sb.Min.Y+max((y+1)*sh/h, y*sh/h+1)
		for x := range w {
			x0, x1 := sb.Min.X+x*sw/w, sb.Min.X+max((x+1)*sw/w, x*sw/w+1)
			var r, g, b, n uint64
			for yy := y0; yy < y1; yy++ {
				for xx := x0; xx < x1; xx++ {
					cr, cg, cb, ca := src.At(xx, yy).RGBA()
					// Over white: c + (1 - a).
					r += uint64(cr + 0xffff - ca)
					g += uint64(cg + 0xffff - ca)
					b += uint64(cb + 0xffff - ca)
					n++
				}
			}
			dst.Set(x, y, color.RGBA64{uint16(r / n), uint16(g / n), uint16(b / n), 0xffff})
		}
	}
	return dst
}
