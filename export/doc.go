// Package export writes a storyboard.Project for the tools that come after
// Reelboard: edit plans for the editor (OpenTimelineIO, CMX 3600 EDL, Final Cut
// Pro 7 XML, FCPXML, MLT XML), shot lists (CSV, Markdown), printable sheets
// (PDF, HTML, the operator's checklist), a handoff bundle (zip) and a preview
// video rendered with ffmpeg.
//
// Every format is computed from one frame plan: each card's start on the reel
// is rounded to frames with storyboard.Rate.Frames and durations are the
// differences of rounded starts, so all formats agree on every cut to the
// frame. Write never leaves a half-written file: it writes a temporary file in
// the destination folder and renames it.
//
// Linked clips and the soundtrack are probed with ffprobe when it is
// installed (probe.go, cached by path, size and modification time), so the
// edit plans carry each file's real length, frame rate, size, embedded start
// timecode and audio; an export says so in its notes when they could not be
// read. Record timecode starts at the project's StartTimecode. Check lists
// what the editor opening an export will find offline, unsupported or
// renamed; DefaultFileName gives each format its own file name.
package export
