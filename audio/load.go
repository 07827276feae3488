package audio

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unsafe"
)

// Info describes a decoded audio file.
type Info struct {
	Path       string
	Format     string // "wav", "mp3", "ogg", "flac", or the ffmpeg format name
	SampleRate int
	Channels   int
	Duration   float64 // seconds
}

// Progress is reported while a file decodes.
type Progress struct {
	Fraction float64   // 0..1 of the decode
	Waveform *Waveform // grows as the file decodes
}

// Track is a decoded file: PCM for playback (int16, interleaved, at the
// file's own rate), its Info and its Waveform. That is all it keeps: the
// analysis signal is derived from the PCM when Analyze runs.
type Track struct {
	info Info
	pcm  []int16 // interleaved, info.Channels (1 or 2) channels
	ch   int
	wave *Waveform
	// Mono analysis signal at anaRate (the file's rate divided by a small
	// integer), kept only by the analysis-only decode of Analyze.
	ana     []float32
	anaRate float64
	// Warning is set when the file decoded only partly but usefully (for
	// example a Vorbis decoder failure on the last packet).
	warning error
}

// Info returns the file's description.
func (t *Track) Info() Info { return t.info }

// Waveform returns the track's peak pyramid.
func (t *Track) Waveform() *Waveform { return t.wave }

// Frames is the number of sample frames.
func (t *Track) Frames() int { return len(t.pcm) / t.ch }

// Warning is non-nil when the file decoded only partly (what decoded is kept).
func (t *Track) Warning() error { return t.warning }

// decoder is what every format reader gives Load.
type decoder interface {
	// read fills buf with whole frames of interleaved 16-bit samples in
	// -32767..32767 (float formats scaled by 32767 and rounded as sample16
	// does) and returns how many values it wrote; io.EOF at the end.
	read(buf []int16) (int, error)
	rate() int
	channels() int
	estFrames() int64 // 0 when unknown
}

// analysisTargetRate is the rate the beat analysis runs at.
const analysisTargetRate = 11025

// sniff names the format from the first bytes, then from the extension.
func sniff(head []byte, path string) string {
	switch {
	case len(head) >= 12 && string(head[0:4]) == "RIFF" && string(head[8:12]) == "WAVE":
		return "wav"
	case len(head) >= 4 && string(head[0:4]) == "fLaC":
		return "flac"
	case len(head) >= 4 && string(head[0:4]) == "OggS":
		if bytes.Contains(head, []byte("\x01vorbis")) {
			return "ogg"
		}
		if bytes.Contains(head, []byte("OpusHead")) {
			return "opus"
		}
		return "ogg"
	case len(head) >= 12 && string(head[0:4]) == "FORM" && (string(head[8:12]) == "AIFF" || string(head[8:12]) == "AIFC"):
		return "aiff"
	case len(head) >= 8 && string(head[4:8]) == "ftyp":
		return "m4a"
	case len(head) >= 2 && head[0] == 0xFF && head[1]&0xF6 == 0xF0:
		return "aac" // ADTS
	case len(head) >= 3 && string(head[0:3]) == "ID3":
		if strings.EqualFold(filepath.Ext(path), ".aac") {
			return "aac"
		}
		return "mp3"
	case len(head) >= 2 && head[0] == 0xFF && head[1]&0xE0 == 0xE0:
		return "mp3"
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".mp3":
		return "mp3"
	case ".m4a", ".aac", ".aif", ".aiff", ".opus", ".wma", ".mp4", ".webm", ".mka":
		return strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	}
	return ""
}

// Load decodes the whole file at path. progress, when not nil, is called
// from Load's goroutine at most about 20 times a second while decoding, and
// once at the end with Fraction 1.
func Load(ctx context.Context, path string, progress func(Progress)) (*Track, error) {
	t, err := load(ctx, path, progress, true)
	if err != nil {
		return nil, err
	}
	return t, nil
}

func load(ctx context.Context, path string, progress func(Progress), keepPCM bool) (*Track, error) {
	f, st, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := st.Size()
	if size == 0 {
		return nil, fileError(path, ErrEmpty, errors.New("the file is empty"))
	}
	head := make([]byte, 256)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	format := sniff(head, path)
	// Compressed formats are small: read them whole. WAV and FLAC stream
	// from the file.
	readAll := func() ([]byte, error) {
		if size > maxCompressedBytes {
			return nil, fileError(path, ErrTooLong, fmt.Errorf("%s of %s, more than %d MiB", byteSize(size), strings.ToUpper(format), maxCompressedBytes>>20))
		}
		b := make([]byte, size)
		if _, err := io.ReadFull(io.NewSectionReader(f, 0, size), b); err != nil {
			return nil, fmt.Errorf("audio: reading %s: %w", path, err)
		}
		return b, nil
	}
	var dec decoder
	switch format {
	case "wav":
		dec, err = safeOpen(func() (decoder, error) { return newWAVDecoder(io.NewSectionReader(f, 0, size), size) })
	case "flac":
		dec, err = safeOpen(func() (decoder, error) { return newFLACDecoder(f) })
	case "ogg", "mp3":
		data, rerr := readAll()
		if rerr != nil {
			return nil, rerr
		}
		dec, err = safeOpen(func() (decoder, error) {
			if format == "mp3" {
				return newMP3Decoder(data)
			}
			if par := newVorbisParallel(data); par != nil {
				return par, nil
			}
			return newVorbisDecoder(data)
		})
	case "":
		return nil, fileError(path, ErrUnsupported, nil)
	default:
		dec, err = newFFmpegDecoder(ctx, path, format)
		if errors.Is(err, errNoFFmpeg) {
			return nil, fileError(path, ErrUnsupported, fmt.Errorf("%s needs ffmpeg, which is not installed", strings.ToUpper(format)))
		}
	}
	if err != nil {
		return nil, fileError(path, ErrCorrupt, err)
	}
	if c, ok := dec.(io.Closer); ok {
		defer c.Close()
	}
	t, err := decodeAll(ctx, path, format, dec, progress, keepPCM, size)
	return t, err
}

// byteSize formats a file size for messages.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// plausibleFrames is the most frames a file of size bytes can honestly
// hold, for sizing buffers before decoding (they grow beyond it if the
// audio really is longer): uncompressed WAV knows exactly; lossless FLAC
// is rarely below 4 bits a frame; lossy formats rarely below 32 kbit/s at
// 44.1 kHz (11 frames a byte).
func plausibleFrames(format string, size int64, ch int) int64 {
	switch format {
	case "wav":
		return size / int64(ch)
	case "flac":
		return size * 2
	}
	return size * 12
}

// decodeAll decodes dec to its end. With keepPCM the Track is for
// playback and display (PCM and waveform); without, for Analyze only (the
// analysis signal, no PCM, no waveform).
func decodeAll(ctx context.Context, path, format string, dec decoder, progress func(Progress), keepPCM bool, size int64) (*Track, error) {
	sr, srcCh := dec.rate(), dec.channels()
	if err := checkFormat(sr, srcCh); err != nil {
		return nil, fileError(path, ErrCorrupt, err)
	}
	ch := min(srcCh, 2)
	limit := maxFrames(sr)
	claim := dec.estFrames()
	if claim > limit {
		return nil, fileError(path, ErrTooLong, fmt.Errorf("its header claims %s", hours(claim, sr)))
	}
	// A damaged header may claim any length: trust it for buffer sizes
	// only as far as the file's size makes plausible.
	est := min(claim, plausibleFrames(format, size, srcCh))
	t := &Track{
		info: Info{Path: path, Format: format, SampleRate: sr, Channels: ch},
		ch:   ch,
	}
	const block = 8192
	var ana *anaBuilder
	if keepPCM {
		t.wave = newWaveform(sr, est)
		if est > 0 {
			t.pcm = make([]int16, 0, est*int64(ch)+4096)
		}
	} else {
		ana = newAnaBuilder(sr, ch, est)
		t.anaRate = ana.rate
	}
	// The decoder writes into the PCM itself, unless the PCM is not kept
	// or channels beyond the first two are to be dropped.
	var buf []int16
	if !keepPCM || srcCh != ch {
		buf = make([]int16, block*srcCh)
	}
	lastReport := time.Now()
	var frames int64
	var decErr error
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		k := len(t.pcm)
		dst := buf
		if dst == nil {
			// Into the spare capacity (sized from the header, when it
			// says); beyond it, the PCM grows as append grows it.
			if cap(t.pcm)-k < ch {
				t.pcm = slices.Grow(t.pcm, block*ch)
			}
			dst = t.pcm[k:min(cap(t.pcm), k+block*ch)]
		}
		n, err := safeRead(dec, dst)
		n = max(0, min(n, len(dst)))
		n -= n % srcCh
		if n > 0 {
			nf := n / srcCh
			q := dst[:n]
			if srcCh != ch {
				q = firstTwo(q, srcCh)
			}
			if keepPCM {
				if buf != nil {
					t.pcm = append(t.pcm, q...)
				} else {
					t.pcm = t.pcm[:k+n]
				}
				t.wave.add(q, ch)
			} else {
				ana.add(q)
			}
			frames += int64(nf)
			if frames > limit {
				return nil, fileError(path, ErrTooLong, nil)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			decErr = err
			break
		}
		if progress != nil && time.Since(lastReport) >= 50*time.Millisecond {
			lastReport = time.Now()
			f := 0.0
			if est > 0 {
				f = min(0.99, float64(frames)/float64(est))
			}
			progress(Progress{Fraction: f, Waveform: t.wave})
		}
	}
	if ana != nil {
		t.ana = ana.x
	}
	var dp errDecoderPanic
	if decErr != nil {
		if errors.As(decErr, &dp) && frames > 0 {
			// Keep what decoded; the stream's own length is the truth.
			if claim > 0 && frames > claim {
				t.truncate(claim)
				frames = claim
			}
			t.warning = fmt.Errorf("audio: %s: %w", path, decErr)
		} else {
			return nil, fileError(path, ErrCorrupt, decErr)
		}
	}
	if e, ok := dec.(interface{ endErr(int64) error }); ok && decErr == nil {
		if err := e.endErr(frames); err != nil {
			return nil, fileError(path, ErrCorrupt, err)
		}
	}
	if frames == 0 {
		return nil, fileError(path, ErrEmpty, nil)
	}
	if t.wave != nil {
		t.wave.finish()
	}
	// A length unknown or understated beforehand grew the PCM by
	// doubling: keep only what it holds.
	t.pcm = clip(t.pcm)
	t.info.Duration = float64(frames) / float64(sr)
	if progress != nil {
		progress(Progress{Fraction: 1, Waveform: t.wave})
	}
	return t, nil
}

// firstTwo keeps the first two channels of interleaved frames of srcCh
// channels, in place.
func firstTwo(q []int16, srcCh int) []int16 {
	nf := len(q) / srcCh
	for i := 0; i < nf; i++ {
		q[2*i], q[2*i+1] = q[i*srcCh], q[i*srcCh+1]
	}
	return q[:2*nf]
}

// symmetric raises -32768 to -32767, so that samples are -1..1 at the
// scale of 32767 the Track uses.
func symmetric(q []int16) {
	for i, v := range q {
		q[i] = max(v, -math.MaxInt16)
	}
}

// sample16 is one float sample as int16: clamped to -1..1, scaled by 32767
// and rounded half away from zero (NaN is silence). Truncating f ± 0.5 is
// exact here: f has at most 39 significant bits below 2^15.
func sample16(v float32) int16 {
	f := float64(v) * 32767
	if f != f {
		return 0
	}
	f = max(-32767, min(32767, f))
	return int16(int32(f + math.Copysign(0.5, f)))
}

// anaBuilder makes the mono analysis signal from int16 PCM: the mean of
// every factor frames of all channels, in -1..1, at rate/factor. Sums are
// of integers, so the signal is the same however the PCM is cut.
type anaBuilder struct {
	x      []float32
	rate   float64
	factor int // frames per analysis sample
	ch     int
	sum    int64
	n      int // values in sum
	inv    float32
}

func newAnaBuilder(sr, ch int, estFrames int64) *anaBuilder {
	factor := max(1, int(math.Round(float64(sr)/analysisTargetRate)))
	a := &anaBuilder{rate: float64(sr) / float64(factor), factor: factor, ch: ch, inv: 1 / float32(32767*factor*ch)}
	if estFrames > 0 {
		a.x = make([]float32, 0, estFrames/int64(factor)+16)
	}
	return a
}

// add folds interleaved PCM (whole frames) into the signal.
func (a *anaBuilder) add(pcm []int16) {
	per := a.factor * a.ch
	i := 0
	// Finish a partial group from the previous call.
	for a.n > 0 && i < len(pcm) {
		a.sum += int64(pcm[i])
		i++
		if a.n++; a.n == per {
			a.x = append(a.x, float32(a.sum)*a.inv)
			a.sum, a.n = 0, 0
		}
	}
	for ; i+per <= len(pcm); i += per {
		s := int64(0)
		for _, v := range pcm[i : i+per] {
			s += int64(v)
		}
		a.x = append(a.x, float32(s)*a.inv)
	}
	for ; i < len(pcm); i++ {
		a.sum += int64(pcm[i])
		a.n++
	}
}

// clip returns s, or a copy without its spare capacity when that is more
// than 1/64 of it (and 64 KiB).
func clip[T any](s []T) []T {
	if spare := cap(s) - len(s); spare > len(s)/64 && spare*int(unsafe.Sizeof(*new(T))) > 64<<10 {
		return append(make([]T, 0, len(s)), s...)
	}
	return s
}

// heldBytes is the size of the buffers the track keeps alive.
func (t *Track) heldBytes() int64 {
	n := int64(cap(t.pcm))*2 + int64(cap(t.ana))*4
	if t.wave != nil {
		n += t.wave.heldBytes()
	}
	return n
}

// truncate shortens the track to n frames (the waveform keeps what it saw).
func (t *Track) truncate(n int64) {
	if int64(len(t.pcm)) > n*int64(t.ch) {
		t.pcm = t.pcm[:n*int64(t.ch)]
	}
	a := int(float64(n) * t.anaRate / float64(t.info.SampleRate))
	if len(t.ana) > a {
		t.ana = t.ana[:a]
	}
	if t.wave != nil {
		t.wave.mu.Lock()
		t.wave.frames = n
		t.wave.mu.Unlock()
	}
}

// safeRead calls the decoder, turning a panic inside a third-party decoder
// into an error: a damaged file must never crash Reelboard.
func safeRead(dec decoder, buf []int16) (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = 0, errDecoderPanic{p}
		}
	}()
	return dec.read(buf)
}
