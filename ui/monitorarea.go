package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/monitor"
)

// monitorWidth is the width, in pixels, of the pictures the preview monitor
// loads: sharp in a side panel, small enough to grab quickly.
const monitorWidth = 540

// monitorArea wires the preview monitor to the editor: it shows the card
// under the playhead while playing, seeking or scrubbing, and the selected
// card when the selection changes. Pictures are loaded off the fyne
// goroutine through the monitor's hooks.
type monitorArea struct {
	ed *Editor
	// shown is what the playhead runs through: the plan or the variant
	// shown (nil: the plan).
	shown func() *storyboard.Project
	mon   *monitor.Monitor
	dir   atomic.Pointer[string] // the project's folder, read by the hooks off the fyne goroutine
	at    storyboard.Time        // the playhead
	// bySel: the monitor shows the selected card (the selection changed
	// last), not the card under the playhead (which moved last).
	bySel bool
}

func newMonitorArea(ed *Editor, safeZones bool) *monitorArea {
	ma := &monitorArea{ed: ed, mon: monitor.New()}
	ma.setDir()
	ma.mon.Frames = func(path string, at storyboard.Time) (image.Image, error) {
		return videoFrame(ma.resolve(path), at, monitorWidth)
	}
	ma.mon.Images = func(path string) (image.Image, error) {
		img, err := imageThumbW(ma.resolve(path), monitorWidth)
		return img, err
	}
	ma.mon.SetSafeZones(safeZones)
	return ma
}

// setDir remembers the project's folder for the hooks.
func (ma *monitorArea) setDir() {
	d := ""
	if ma.ed.Path != "" {
		d = filepath.Dir(ma.ed.Path)
	}
	if old := ma.dir.Load(); old == nil || *old != d {
		ma.dir.Store(&d)
	}
}

// resolve makes a media path stored relative to the project absolute. It
// runs off the fyne goroutine.
func (ma *monitorArea) resolve(path string) string {
	d := ma.dir.Load()
	if path == "" || filepath.IsAbs(path) || d == nil || *d == "" {
		return path
	}
	return filepath.Join(*d, path)
}

// SetPlayhead shows the card playing at reel time t.
func (ma *monitorArea) SetPlayhead(t storyboard.Time) {
	ma.at = t
	ma.bySel = false
	ma.mon.ShowAt(ma.proj(), t)
}

// proj is the project the playhead runs through.
func (ma *monitorArea) proj() *storyboard.Project { return shownOr(ma.shown, ma.ed) }

// update follows a change of the project: the selected card when the
// selection changed, else what it showed (the selected card or the card
// under the playhead) again, as its values, the format or the order may
// have changed.
func (ma *monitorArea) update(ch Change) {
	if ch.Saved || ch.Project {
		ma.setDir()
	}
	if ch.Project {
		ma.bySel = false
	} else if ch.Selection {
		ma.bySel = true
	}
	if !ch.CardsChanged() && !ch.Settings && !ch.Selection {
		return
	}
	p := ma.ed.Project
	if i := ma.ed.Selected(); ma.bySel && i >= 0 {
		ma.mon.SetFormat(p.Aspect, p.Rate, p.Platform)
		c := p.Cards[i]
		ma.mon.ShowCard(c, i, kindName(c.Kind), 0)
		return
	}
	ma.mon.ShowAt(ma.proj(), ma.at)
}

// videoFrame grabs the frame of a video at time at, w pixels wide, with
// ffmpeg (bounded by a timeout; the path is passed as "file:", so no name
// is an option or a protocol).
func videoFrame(path string, at storyboard.Time, w int) (image.Image, error) {
	ff, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, errNoFFmpeg
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, ff, "-nostdin", "-v", "error", "-ss", fmt.Sprintf("%.3f", max(at, 0).Seconds()), "-i", "file:"+abs,
		"-frames:v", "1", "-vf", fmt.Sprintf("scale=%d:-2", w), "-f", "image2pipe", "-c:v", "png", "pipe:1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ffmpeg cannot read a frame of %s: %w", filepath.Base(path), err)
	}
	img, err := png.Decode(&out)
	if err != nil {
		return nil, fmt.Errorf("ffmpeg gave no frame of %s: %w", filepath.Base(path), err)
	}
	return img, nil
}
