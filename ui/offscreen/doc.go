// Package offscreen is a windowless fyne App, Driver, Window and Canvas with
// a software painter of its own, so that a window can be rendered to an
// image without a display and without fyne's test package (which links
// testify into the binary).
//
// A capture walks the canvas tree from the content and the overlays. fyne
// keeps each widget's renderer in an internal cache this package cannot
// reach, so a capture asks every widget for a fresh renderer, lays it out at
// the widget's size and paints its objects. That is right for a still but it
// is not free of side effects: some fyne widgets (Entry, List) attach the
// pieces of their newest renderer to themselves. Capture the canvas as the
// last thing done with a window, on the fyne goroutine (inside fyne.Do or
// fyne.DoAndWait).
//
// Threading: fyne.Do and fyne.DoAndWait run their function on the calling
// goroutine under one lock, as the test driver does, so the goroutine of a
// command and the editor's loaders take turns. A call made while that
// goroutine already holds the lock (a fyne.Do inside a fyne.Do) runs inline.
// Animations jump to their last frame when started: a capture is a still of
// the settled window.
//
// The settings are fixed so that a capture does not depend on the desktop:
// scale 1, the dark variant, no animations. Text is measured and drawn with
// the theme's fonts, fyne's bundled ones and its emoji font, then the
// system's fonts for a rune none of those has, as fyne does. canvas.Arc is
// not drawn, and a canvas.Polygon is drawn without rounded corners.
package offscreen
