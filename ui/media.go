package ui

import (
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/reelboard/reelboard/internal/imagefile"
	"github.com/reelboard/reelboard/storyboard"
)

var (
	imageExts = []string{".png", ".jpg", ".jpeg", ".gif"}
	videoExts = []string{".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".mts", ".mxf"}
	audioExts = []string{".mp3", ".wav", ".flac", ".ogg", ".m4a", ".aac", ".aif", ".aiff"}
)

func hasExt(path string, exts []string) bool {
	return slices.Contains(exts, strings.ToLower(filepath.Ext(path)))
}

// thumbWidth is the width thumbnails are scaled down to, in pixels.
const thumbWidth = 320

// resolve returns path made absolute against the project's folder.
func (m *mainWindow) resolve(path string) string {
	if path == "" || filepath.IsAbs(path) || m.ed.Path == "" {
		return path
	}
	return filepath.Join(filepath.Dir(m.ed.Path), path)
}

// thumbFor returns the card's thumbnail when it is ready; a missing one is
// made in the background and the views refresh when it arrives.
func (m *mainWindow) thumbFor(c storyboard.Card) image.Image {
	var path string
	video := false
	switch {
	case c.Image != "":
		path = m.resolve(c.Image)
	case c.Media != nil && hasExt(c.Media.Path, videoExts):
		path = m.resolve(c.Media.Path)
		video = true
	case c.Media != nil && hasExt(c.Media.Path, imageExts):
		path = m.resolve(c.Media.Path)
	default:
		return nil
	}
	key := path
	if video && c.Media != nil {
		key = fmt.Sprintf("%s@%d", path, c.Media.In)
	}
	if img, ok := m.thumbs[key]; ok {
		return img // nil while loading or when it failed
	}
	m.thumbs[key] = nil
	var in storyboard.Time
	if video {
		in = c.Media.In
	}
	m.async(func() {
		var img image.Image
		var err error
		if video {
			img, err = videoThumb(path, in)
		} else {
			img, err = imageThumb(path)
		}
		fyne.Do(func() {
			if err != nil {
				m.sayOnce("thumb:"+key, err.Error())
				return
			}
			m.thumbs[key] = img
			m.thumbArrived()
		})
	})
	return m.thumbs[key] // set already when async ran inline
}

// thumbArrived shows a thumbnail made in the background on the cards in
// view that use it.
func (m *mainWindow) thumbArrived() {
	if m.grid == nil || m.timeline == nil {
		return // arrived while the panels are being made: they bind it
	}
	m.grid.rebindAll()
	m.timeline.thumbnails(Change{Project: true})
}

// imageThumb decodes an image file, bounded by what the file is
// (internal/imagefile), and scales it down to a thumbnail.
func imageThumb(path string) (image.Image, error) { return imageThumbW(path, thumbWidth) }

// imageThumbW is imageThumb at most w pixels wide.
func imageThumbW(path string, w int) (image.Image, error) {
	img, err := imagefile.Decode(path)
	if err != nil {
		return nil, fmt.Errorf("the image %s cannot be shown: %w", filepath.Base(path), err)
	}
	return scaleDown(img, w), nil
}

// errNoFFmpeg says that video thumbnails need ffmpeg.
var errNoFFmpeg = fmt.Errorf("video thumbnails need ffmpeg, which is not installed")

// videoThumb grabs a frame of a video at in with ffmpeg.
func videoThumb(path string, in storyboard.Time) (image.Image, error) {
	return videoFrame(path, in, thumbWidth)
}

// scaleDown returns img scaled to at most w pixels wide (nearest neighbour).
func scaleDown(img image.Image, w int) image.Image {
	b := img.Bounds()
	if b.Dx() <= w || b.Dx() == 0 {
		return img
	}
	h := max(1, b.Dy()*w/b.Dx())
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		sy := b.Min.Y + y*b.Dy()/h
		for x := range w {
			out.Set(x, y, img.At(b.Min.X+x*b.Dx()/w, sy))
		}
	}
	return out
}
