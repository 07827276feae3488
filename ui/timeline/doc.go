// Package timeline owns Reelboard's music timeline: a fyne widget that lays a
// project's clip cards on the soundtrack's time axis, over the waveform and the
// beat grid, inside the three act bands (arrival, work, fulfilment), with the
// playhead and the music region (where the song starts and how long the reel
// is).
//
// The widget only shows and reports. Every gesture leaves it as a callback
// (OnCardMoved, OnCardTrimmed, OnSeek, OnRegionChanged...) shaped like fyne's
// Slider; a controller applies the edit to the storyboard as an undoable
// command and calls SetProject again with the result.
//
// It creates canvas objects only for what is visible and reuses them while
// scrolling and zooming, so a project of a thousand cards lays out well within
// a frame. All methods must be called on the fyne goroutine (use fyne.Do from
// other goroutines).
package timeline
