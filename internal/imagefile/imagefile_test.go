package imagefile

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/reelboard/reelboard/internal/crafted"
)

func TestDecode(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.png")
	img := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.NRGBA{255, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(good)
	if err != nil || got.Bounds().Dx() != 4 || got.Bounds().Dy() != 3 {
		t.Fatalf("Decode(4×3 PNG) = %v, %v", got, err)
	}

	bomb := filepath.Join(dir, "bomb.png")
	if err := os.WriteFile(bomb, crafted.BombPNG(100000, 100000), 0o644); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "notes.png")
	if err := os.WriteFile(text, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.png")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want error
	}{
		{bomb, ErrTooLarge},
		{text, ErrFormat},
		{fifo, ErrNotRegular},
		{"/dev/zero", ErrNotRegular},
		{dir, ErrNotRegular},
		{filepath.Join(dir, "missing.png"), os.ErrNotExist},
	} {
		_, err := Decode(c.path)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.path) {
			t.Errorf("Decode(%s) = %v; want %v naming the file", c.path, err, c.want)
		}
	}
}
