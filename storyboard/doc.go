// Package storyboard owns Reelboard's domain: a Project of clip cards laid on a
// soundtrack in three acts (arrival, work, fulfilment), the backstage grammar of
// shot kinds, platform presets and templates, exact time in flicks, edit
// commands with undo and redo, pacing checks and the .reel project file format.
//
// It imports only the standard library and github.com/google/uuid. It knows
// nothing of fyne, beep or export formats: audio analysis arrives here as plain
// values stored in Soundtrack.Analysis, and exports read a Project.
package storyboard
