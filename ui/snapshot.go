package ui

import (
	"fmt"
	"image/png"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/reelboard/reelboard/internal/atomicfile"
)

// Snapshot renders the main window on the project at path offscreen, with
// the software renderer, at size, and writes it as a PNG to out.
func Snapshot(path, out string, size fyne.Size) error {
	if size.Width < 1 || size.Height < 1 {
		return fmt.Errorf("snapshot: size %vx%v is too small", size.Width, size.Height)
	}
	a := test.NewApp()
	setupTranslations(a.Preferences().String(prefLanguage))
	a.Settings().SetTheme(newTheme(""))
	var err error
	var m *mainWindow
	fyne.DoAndWait(func() {
		m = newMainWindow(a)
		m.async = func(f func()) { f() } // fyne.Do runs inline under the test driver
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
	fyne.DoAndWait(func() {
		m.win.Resize(size)
		m.refresh()
	})
	img := m.win.Canvas().Capture()
	if err := atomicfile.WriteFunc(out, func(w io.Writer) error { return png.Encode(w, img) }, atomicfile.Options{}); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}
