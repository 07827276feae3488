// Package audio owns Reelboard's soundtrack handling: decoding (WAV, MP3, OGG
// Vorbis, FLAC through beep, other formats through ffmpeg when installed), the
// min/max waveform pyramid, tempo/beat/downbeat analysis and its cache, and the
// Player. Times are float64 seconds or sample counts.
package audio
