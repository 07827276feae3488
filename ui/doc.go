// Package ui is Reelboard's fyne user interface: the storyboard editor window
// with its timeline, storyboard grid, inspector, shot palette, pacing,
// soundtrack and transport panels, menus and shortcuts, dialogs, theme and
// translations. It never imports fyne's app package: main creates the
// fyne.App and hands it to Run.
//
// Widgets report what the user did; the Editor turns those reports into
// undoable edits of the storyboard.Project and refreshes the views.
package ui
