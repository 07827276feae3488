package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/export"
)

// progressEvery is the shortest interval between two progress updates that
// reach the fyne goroutine (10 Hz).
const progressEvery = 100 * time.Millisecond

// throttle lets through at most one progress value per interval; the first
// value and the final 1 always pass. It is used from one goroutine.
type throttle struct {
	every time.Duration
	now   func() time.Time
	last  time.Time
	used  bool
}

func (t *throttle) pass(f float64) bool {
	n := t.now()
	if t.used && f < 1 && n.Sub(t.last) < t.every {
		return false
	}
	t.used = true
	t.last = n
	return true
}

// busyWriting refuses to start a second export or render while one is
// writing: it says which file is still being written and returns true.
func (m *mainWindow) busyWriting() bool {
	if m.writing == "" {
		return false
	}
	dialog.ShowInformation(lang.L("Please wait"),
		fmt.Sprintf(lang.L("Still writing %s; wait until it is finished, then try again."), filepath.Base(m.writing)), m.win)
	return true
}

// renderDialog asks where to write the preview video and renders it.
func (m *mainWindow) renderDialog() *savePathDialog {
	if m.busyWriting() {
		return nil
	}
	return m.askSavePath(lang.L("Render preview video"), lang.L("Render"),
		safeFileName(m.projectName())+".mp4", ".mp4", func(out string) { m.runRender(out) })
}

// rendering is a preview render in progress.
type rendering struct {
	dlg    *dialog.CustomDialog
	bar    *widget.ProgressBar
	label  *widget.Label
	cancel *widget.Button
}

// runRender renders the preview video to out in the background, with a
// progress bar and a Cancel button.
func (m *mainWindow) runRender(out string) *rendering {
	if m.busyWriting() {
		return nil
	}
	p := m.ed.Project.Clone()
	ctx, stop := context.WithCancel(context.Background())
	r := &rendering{bar: widget.NewProgressBar()}
	r.label = widget.NewLabel(fmt.Sprintf(lang.L("Rendering %s…"), filepath.Base(out)))
	r.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() {
		stop()
		r.cancel.Disable()
		r.label.SetText(lang.L("Cancelling…"))
	})
	r.dlg = dialog.NewCustomWithoutButtons(lang.L("Render preview video"), container.NewVBox(r.label, r.bar), m.win)
	r.dlg.SetButtons([]fyne.CanvasObject{r.cancel})
	r.dlg.Resize(fyne.NewSize(480, 0))
	r.dlg.Show()
	m.writing = out
	th := &throttle{every: progressEvery, now: time.Now}
	progress := func(f float64) { // on the render goroutine
		if th.pass(f) {
			fyne.Do(func() { r.bar.SetValue(f) })
		}
	}
	m.async(func() {
		err := export.Render(ctx, p, out, progress)
		stop()
		fyne.Do(func() {
			m.writing = ""
			r.dlg.Hide()
			switch {
			case err == nil:
				m.say(fmt.Sprintf(lang.L("Rendered the preview video to %s."), out))
			case errors.Is(err, export.ErrNoFFmpeg):
				dialog.ShowInformation(lang.L("Render preview video"),
					lang.L("Rendering needs ffmpeg; install it (for example: sudo apt install ffmpeg) and try again."), m.win)
			case errors.Is(err, context.Canceled):
				m.say(lang.L("Rendering cancelled."))
			default:
				m.showMessage(lang.L("Could not render {{.File}}: {{.Reason}}.", map[string]any{"File": filepath.Base(out), "Reason": projectReason(err)}))
			}
		})
	})
	return r
}
