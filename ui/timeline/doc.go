// Package timeline owns Reelboard's music timeline: a fyne widget that lays a
// project's clip cards on the soundtrack's time axis, inside the three act
// bands (arrival, work, fulfilment), under a time ruler (timecode at the
// project's rate, or m:ss.ff), the song's sections band (labels, energy
// curve, phrase ticks, "beat uncertain" shading) and the music lane
// (waveform, numbered bar lines, beat ticks, the music region, the loop
// range and the music's slip handle), with the playhead and the card playing
// highlighted.
//
// The widget only shows and reports. Every gesture leaves it as a callback
// shaped like fyne's Slider (OnCardMoved, OnCardTrimmed, OnSeek, OnScrub and
// OnScrubEnded, OnMusicSlipped, OnRegionChanged, OnWaveHeightChanged...); a
// controller applies the edit to the storyboard as an undoable command and
// calls SetProject again with the result. A click or a drag on the ruler,
// the sections band or the waveform moves the playhead; only the slip handle
// (or a drag with Ctrl or Cmd held) moves the music under the cards, and it
// reports one change when the drag ends. BeatStep, NextBeat and PrevBeat give
// the keyboard's beat-true edits.
//
// It creates canvas objects only for what is visible and reuses them while
// scrolling and zooming, so a project of a thousand cards lays out well within
// a frame. All methods must be called on the fyne goroutine (use fyne.Do from
// other goroutines).
package timeline
