package ui

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"time"

	"fyne.io/fyne/v2"

	"github.com/reelboard/reelboard/internal/atomicfile"
	"github.com/reelboard/reelboard/ui/offscreen"
)

// Snapshot renders the main window on the project at path offscreen, with
// the painter of package offscreen, at size, and writes it as a PNG to out.
// It makes an offscreen app fyne's current app.
func Snapshot(path, out string, size fyne.Size) error {
	if size.Width < 1 || size.Height < 1 {
		return fmt.Errorf("snapshot: size %vx%v is too small", size.Width, size.Height)
	}
	if size.Width > offscreen.MaxSide || size.Height > offscreen.MaxSide {
		return fmt.Errorf("snapshot: size %vx%v is too large (at most %d a side)", size.Width, size.Height, offscreen.MaxSide)
	}
	a := offscreen.NewApp("io.reelboard.snapshot")
	setupTranslations(a.Preferences().String(prefLanguage))
	a.Settings().SetTheme(newTheme(""))
	var err error
	var m *mainWindow
	fyne.DoAndWait(func() {
		m = newMainWindow(a)
		m.async = func(f func()) { f() } // the offscreen driver runs a nested fyne.Do inline
		if path != "" {
			err = m.load(path)
		}
	})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	// Wait for the soundtrack to decode (and analyse), so the waveform is whole.
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		busy := false
		fyne.DoAndWait(func() { busy = m.music.Busy() })
		if !busy {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	var img image.Image
	fyne.DoAndWait(func() {
		m.win.Resize(size)
		m.refresh()
		img = m.win.Canvas().Capture()
	})
	if err := atomicfile.WriteFunc(out, func(w io.Writer) error { return png.Encode(w, img) }, atomicfile.Options{}); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
