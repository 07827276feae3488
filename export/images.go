package export

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"

	"github.com/reelboard/reelboard/internal/imagefile"
)

// maxImageSide bounds the longer side of images placed in sheets, in pixels.
const maxImageSide = 720

// Reference images are bounded before they are decoded (internal/imagefile):
// a header may claim any size, and decoding allocates what it claims.

var (
	// ErrImageTooLarge reports a reference image beyond 64 megapixels.
	ErrImageTooLarge = imagefile.ErrTooLarge
	// ErrNotRegular reports an input that is not a regular file (a folder,
	// a device such as /dev/zero, a FIFO), which an export never reads.
	ErrNotRegular = imagefile.ErrNotRegular
	// ErrFileTooLarge reports an input beyond the size an export reads.
	ErrFileTooLarge = imagefile.ErrFileTooLarge
)

// loadImage decodes a reference image (PNG, JPEG or GIF) and returns it
// re-encoded as a JPEG no larger than maxImageSide, with its size. Sheets
// embed this copy: small, and in a form every PDF reader and browser shows.
func loadImage(path string) (jpg []byte, w, h int, err error) {
	src, err := imagefile.Decode(path)
	if err != nil {
		return nil, 0, 0, err
	}
	img := shrink(src, maxImageSide)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		return nil, 0, 0, err
	}
	r := img.Bounds()
	return b.Bytes(), r.Dx(), r.Dy(), nil
}

// openRegular opens path when it is a regular file of at most limit bytes
// (no limit when 0), with its size.
func openRegular(path string, limit int64) (*os.File, int64, error) {
	return imagefile.OpenRegular(path, limit)
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
