package offscreen

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // canvas.Image reads JPEG and PNG files and resources
	_ "image/png"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

const (
	maxImageFile   = 64 << 20 // bytes of an image file read for a capture
	maxImagePixels = 1 << 26  // pixels of an image decoded for a capture
	maxSVGSide     = 2048     // an SVG drawn larger is rasterised at this and scaled
)

type svgKey struct {
	content string
	w, h    int
}

func (p *painter) image(img *canvas.Image, pos fyne.Position, clip image.Rectangle) {
	r := box(pos, img.Size())
	if r.Empty() || r.Intersect(clip).Empty() {
		return
	}
	content, name := imageSource(img)
	if content != nil && isSVG(name, content) {
		p.svg(img, content, r, clip)
		return
	}
	src := img.Image
	if content != nil {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(content))
		if err == nil && int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
			err = fmt.Errorf("%dx%d pixels are too many to draw", cfg.Width, cfg.Height)
		}
		var decoded image.Image
		if err == nil {
			decoded, _, err = image.Decode(bytes.NewReader(content))
		}
		if err != nil {
			fyne.LogError("offscreen: image "+name, err)
			return
		}
		src = decoded
	}
	if src == nil || src.Bounds().Empty() {
		return
	}
	b := src.Bounds()
	aspect := float32(b.Dx()) / float32(b.Dy())
	switch img.FillMode {
	case canvas.ImageFillContain:
		r = fit(r, aspect)
	case canvas.ImageFillOriginal:
		r = centred(r, b.Dx(), b.Dy())
	case canvas.ImageFillCover:
		src = cover(src, r)
	}
	p.pixels(src, r, clip, img.Alpha(), img.ScaleMode, min(img.CornerRadius, float32(min(r.Dx(), r.Dy()))/2))
}

// imageSource returns the bytes of a resource or file image (nil for one
// made from an image.Image) and its name.
func imageSource(img *canvas.Image) ([]byte, string) {
	switch {
	case img.Resource != nil:
		return img.Resource.Content(), img.Resource.Name() // a themed resource comes coloured
	case img.File != "":
		info, err := os.Stat(img.File)
		if err == nil && info.Size() > maxImageFile {
			err = errors.New("file too large to draw")
		}
		var data []byte
		if err == nil {
			data, err = os.ReadFile(img.File)
		}
		if err != nil {
			fyne.LogError("offscreen: image "+img.File, err)
			return nil, img.File
		}
		return data, img.File
	}
	return nil, ""
}

func isSVG(name string, content []byte) bool {
	if strings.EqualFold(filepath.Ext(name), ".svg") {
		return true
	}
	head := strings.ToLower(string(content[:min(len(content), 5)]))
	return head == "<!doc" || head == "<?xml" || head == "<svg "
}

// svg rasterises an SVG into r: fitted to its aspect unless stretched.
func (p *painter) svg(img *canvas.Image, content []byte, r, clip image.Rectangle) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(content))
	if err != nil || icon.ViewBox.W <= 0 || icon.ViewBox.H <= 0 {
		fyne.LogError("offscreen: SVG image", err)
		return
	}
	if img.FillMode != canvas.ImageFillStretch {
		r = fit(r, float32(icon.ViewBox.W/icon.ViewBox.H))
	}
	if r.Empty() {
		return
	}
	w, h := r.Dx(), r.Dy()
	if k := float64(maxSVGSide) / float64(max(w, h)); k < 1 {
		w, h = max(1, int(float64(w)*k)), max(1, int(float64(h)*k))
	}
	key := svgKey{string(content), w, h}
	tex, ok := p.svgs[key]
	if !ok {
		tex = rasteriseSVG(icon, w, h)
		p.svgs[key] = tex
	}
	if tex != nil {
		p.pixels(tex, r, clip, img.Alpha(), img.ScaleMode, min(img.CornerRadius, float32(min(r.Dx(), r.Dy()))/2))
	}
}

// rasteriseSVG draws icon at w×h; nil when oksvg fails on it.
func rasteriseSVG(icon *oksvg.SvgIcon, w, h int) (tex *image.NRGBA) {
	defer func() {
		if recover() != nil { // oksvg panics on some malformed paths
			fyne.LogError("offscreen: SVG image could not be drawn", nil)
			tex = nil
		}
	}()
	y := 0.0
	if icon.ViewBox.Y < 0 { // as fyne: keep a negative view box origin in view
		y = icon.ViewBox.Y + (-icon.ViewBox.Y/icon.ViewBox.H)*float64(h)
	}
	icon.SetTarget(0, y, float64(w), float64(h))
	tex = image.NewNRGBA(image.Rect(0, 0, w, h))
	scanner := rasterx.NewScannerGV(w, h, tex, tex.Bounds())
	icon.Draw(rasterx.NewDasher(w, h, scanner), 1)
	return tex
}

// fit returns the largest rectangle of the aspect (width/height) centred in r.
func fit(r image.Rectangle, aspect float32) image.Rectangle {
	if aspect <= 0 || r.Empty() {
		return r
	}
	w, h := r.Dx(), r.Dy()
	if frame := float32(w) / float32(h); frame > aspect {
		nw := int(float32(h) * aspect)
		return image.Rect(r.Min.X+(w-nw)/2, r.Min.Y, r.Min.X+(w-nw)/2+nw, r.Max.Y)
	} else if frame < aspect {
		nh := int(float32(w) / aspect)
		return image.Rect(r.Min.X, r.Min.Y+(h-nh)/2, r.Max.X, r.Min.Y+(h-nh)/2+nh)
	}
	return r
}

// centred returns a w×h rectangle centred in r.
func centred(r image.Rectangle, w, h int) image.Rectangle {
	x := r.Min.X + (r.Dx()-w)/2
	y := r.Min.Y + (r.Dy()-h)/2
	return image.Rect(x, y, x+w, y+h)
}

// cover crops src to the aspect of r, keeping its centre.
func cover(src image.Image, r image.Rectangle) image.Image {
	b := src.Bounds()
	target := float64(r.Dx()) / float64(r.Dy())
	if float64(b.Dx())/float64(b.Dy()) > target {
		w := int(float64(b.Dy()) * target)
		b = image.Rect(b.Min.X+(b.Dx()-w)/2, b.Min.Y, b.Min.X+(b.Dx()-w)/2+w, b.Max.Y)
	} else {
		h := int(float64(b.Dx()) / target)
		b = image.Rect(b.Min.X, b.Min.Y+(b.Dy()-h)/2, b.Max.X, b.Min.Y+(b.Dy()-h)/2+h)
	}
	if s, ok := src.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(b)
	}
	return src
}
