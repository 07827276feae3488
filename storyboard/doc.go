// Package storyboard owns Reelboard's domain: a Project of clip cards laid on a
// soundtrack in three acts (arrival, work, fulfilment), the backstage grammar of
// shot kinds, platform presets and templates, exact time in flicks, edit
// commands with undo and redo, pacing checks and the .reel project file format.
//
// It imports only the standard library and github.com/google/uuid. It knows
// nothing of fyne, beep or export formats: audio analysis arrives here as plain
// values stored in Soundtrack.Analysis, and exports read a Project.
//
// # Files
//
// Load, Save, Decode and Encode read and write the .reel format: JSON with a
// top-level "version" (CurrentVersion), times as integer flicks, acts by
// name, and file paths relative to the project file's folder (absolute in
// memory). Save is atomic and keeps the previous file as NAME.reel.bak;
// SaveRecovery, FindRecovery and RemoveRecovery manage the autosave file.
// Every project loaded or saved passes Project.Validate.
//
// # Editing
//
// The UI changes a project only through Commands (AddCard, MoveCards,
// SetDuration, Split, SnapToBeats...) applied by a History, which keeps the
// project valid and offers unlimited undo and redo.
//
// # Timeline
//
// Reel time 0 is the soundtrack's Offset into the song. Project.Start and
// Project.Cuts place the cards; Project.BeatGrid places the beats; SnapTime
// snaps a time to them; Check reports pacing findings.
//
// # Fitting to the music
//
// Project.Excerpts proposes where the music starts and ends for a length
// (on a downbeat, preferring a section or phrase start with energy, with a
// fade hint when the end is not a musical end). FitPlan, one undoable
// command, sets the soundtrack to the chosen excerpt and gives every card a
// whole number of beats, the acts starting on sections or phrases near the
// template's shares; its FitReport says what it did. It reads sections,
// phrases and energy from the analysis when they are there, and falls back
// to phrases every four bars and flat energy. ChangeSoundtrack keeps the
// timings or fits again on another song; TapCut marks a cut on the beat
// nearest a tap.
//
// # Variants
//
// Cards are must-have or Optional. DeriveVariant and the SetVariant command
// cut the plan down to another length and platform (VariantPresets: a 15 s
// Story, a 30 s Reel, a 60 s Short, a 2-minute making-of), stored in
// Project.Variants; Project.VariantProject turns one into a Project of its
// own for Check and the exports.
package storyboard
