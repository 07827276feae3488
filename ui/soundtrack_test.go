package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

// findText returns the canvas.Text showing s under o.
func findText(o fyne.CanvasObject, s string) *canvas.Text {
	switch w := o.(type) {
	case *canvas.Text:
		if w.Text == s {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if t := findText(c, s); t != nil {
				return t
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			if t := findText(c, s); t != nil {
				return t
			}
		}
	}
	return nil
}

func TestSoundtrackLabelsEnableWithFields(t *testing.T) {
	m := newTestWindow(t)
	m.sound.refresh()
	label := findText(m.sound.form, "Tempo (BPM)")
	if label == nil {
		t.Fatal("no Tempo (BPM) label in the soundtrack form")
	}
	disabled := theme.Color(theme.ColorNameDisabled)
	if label.Color != disabled {
		t.Errorf("Tempo label with no music has colour %v; want the disabled %v", label.Color, disabled)
	}
	if err := m.ed.SetSoundtrack("", &storyboard.Soundtrack{Path: "/nonexistent/music.ogg", TempoOverride: 120}); err != nil {
		t.Fatal(err)
	}
	if label.Color == disabled {
		t.Errorf("Tempo label still greyed after choosing music; want it enabled with its field")
	}
}
