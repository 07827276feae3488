// Package audio owns Reelboard's soundtrack handling: decoding, the min/max
// waveform pyramid, tempo/beat/downbeat analysis and its cache, and the
// Player. It imports the standard library, beep, and libmpg123, libvorbis
// and libFLAC (through cgo); never fyne nor storyboard. Times are float64
// seconds or sample counts.
//
// Decoding (Load): WAV (8/16/24/32-bit PCM, 32/64-bit float), MP3
// (libmpg123, with a LAME/Xing gapless trim of ours so MP3 lines up with
// ffmpeg to the sample), OGG Vorbis (an Ogg page layer of ours over
// libvorbis's packet decoder, trimmed by granule positions like
// libvorbisfile) and FLAC (libFLAC, read front to back: no seek, no
// SEEKTABLE scan). Every decoder writes 16-bit samples. Large Vorbis files
// decode in parallel runs on every core, bit-identical to a sequential
// decode. Other formats (M4A/AAC, AIFF, Opus, …) go through ffmpeg when it
// is installed. A damaged file gives an error wrapping ErrCorrupt,
// ErrUnsupported or ErrEmpty that names the file; panics in the Go code of
// a decoder are recovered. The Track keeps int16 interleaved PCM at the
// file's rate.
//
// Waveform: filled while the file decodes and safe to read meanwhile; Load's
// progress callback hands it out (at most ~20 times a second) so the UI can
// draw it growing.
//
// Analysis (Track.Analyze, Analyze): on a mono signal at ~11 kHz made from
// the 16-bit PCM (the same for both), band-wise log spectral flux; a
// tempogram (8 s autocorrelation windows) in which the metrical structure
// (two or three tatums a beat, the bar's length) and the typical tempo are
// chosen with a listener's tempo prior, then a Viterbi path of tempo states
// (40–220 BPM, steps allowed) that follows tempo changes; an Ellis (2007)
// dynamic-programming beat tracker with that time-varying period (its last
// beats from the same tracker run backwards); a tie between the beats and
// the off-beats settled by the song's first onset (anchorPhase); beats moved
// onto the exact start of the sound near them; a grid extrapolated to both
// ends of the song; beats per bar (2–6, per section where it changes) and
// downbeats from low-band onsets, the rise of the bass, harmonic change and
// whole-band onsets; sections from the novelty of the bars' harmony and
// timbre, labelled by repetition, with energy and confidence; phrases of 4
// or 8 bars; a loudness per beat. The onset envelope, the tempogram and the
// metre search run on every core.
// Analyze caches results by the SHA-256 of the file's bytes under
// os.UserCacheDir()/reelboard/analysis (SetCacheDir or
// REELBOARD_ANALYSIS_CACHE override it); it decodes while it hashes. A
// loaded Track keeps only its PCM and waveform (44.1 MB for 4 minutes of
// 44.1 kHz stereo).
//
// Playback (Player): one track at a time through beep's speaker (only
// player_speaker.go touches it). Every method is safe from any goroutine
// and none calls back into the caller, so UI code never runs under the
// speaker lock. Position is an atomic load, cheap enough for every frame.
// When no device pulls audio after Play, Err (and later Play calls) report
// ErrNoDevice and everything else keeps working.
package audio
