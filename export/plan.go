package export

import (
	"cmp"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/reelboard/reelboard/storyboard"
)

// plan is a project laid out in frames: the one place where every format
// gets its cuts, markers and media references.
type plan struct {
	p      *storyboard.Project
	rate   storyboard.Rate
	opt    Options
	clips  []clip
	frames int64 // the reel's length in frames
	marks  []marker
	music  *music
	width  int
	height int
	// rel maps absolute media paths to the paths written in the export
	// (relative paths inside a bundle); nil writes absolute paths.
	rel map[string]string
	// title is the project's name as the exports show it.
	title string
	// tcStart is the timecode of the reel's first frame, as a frame count:
	// every record timecode is tcStart + the reel frame.
	tcStart int64
	// facts holds what ffprobe read of each linked file and the soundtrack,
	// by absolute path.
	facts map[string]*mediaFacts
	// wav is the bundle's WAV copy of the soundtrack (relative path), which
	// the edit plans inside a bundle reference instead of the original.
	wav string
	// wavErr says why the bundle could not make the WAV copy.
	wavErr string
	// bundled is set on the plans inside a bundle: their findings speak of
	// the bundle they are in.
	bundled bool
	// grid is the soundtrack's beat grid on the reel, read once by beats.
	grid []storyboard.Time
}

// clip is one card on the reel, in frames.
type clip struct {
	n     int // 1-based card number
	card  *storyboard.Card
	start int64 // record in, in reel frames
	dur   int64
	in    int64  // source in-point in frames (linked media only)
	media string // absolute path of the linked media, or ""
	// srcTC is the source timecode of the in-point as a frame count at the
	// project's rate: the clip's embedded start timecode plus in.
	srcTC int64
	// otherRate is set when the linked file's frame rate is not the
	// project's (its in-point was converted through exact time).
	otherRate bool
}

func (c clip) end() int64 { return c.start + c.dur }

// marker is a named point on the reel: an act start or a bar start.
type marker struct {
	frame int64
	name  string
	act   bool
}

// music is the soundtrack as it plays under the reel.
type music struct {
	path   string // absolute
	in     int64  // frames into the song where the reel starts
	dur    int64  // frames it plays (the reel's length)
	length int64  // the song's length in frames (at least in+dur)
	rate   int    // sample rate, Hz
	chans  int
}

func newPlan(p *storyboard.Project, opt Options, images bool) (*plan, error) {
	if p == nil || len(p.Cards) == 0 {
		return nil, &Error{Err: ErrNoCards}
	}
	if !p.Rate.Valid() {
		return nil, &Error{Err: ErrBadRate, Detail: fmt.Sprintf("%d/%d", p.Rate.Num, p.Rate.Den)}
	}
	pl := &plan{p: p, rate: p.Rate, opt: opt, title: p.Title, facts: map[string]*mediaFacts{}}
	if opt.Title != "" {
		pl.title = opt.Title
	}
	if p.StartTimecode < 0 || p.StartTimecode >= 24*3600*storyboard.Second {
		return nil, &Error{Err: ErrBadTimecode, Detail: fmt.Sprintf("%s (the start timecode must be between 00:00:00:00 and 23:59:59)", p.StartTimecode)}
	}
	pl.tcStart = startFrames(p.StartTimecode, p.Rate, pl.dropFrame())
	pl.width, pl.height = frameSize(p)
	var at storyboard.Time // p.Start(i), summed as we go: p.Start is O(i)
	for i := range p.Cards {
		c := &p.Cards[i]
		start := p.Rate.Frames(at)
		at += c.Duration
		end := p.Rate.Frames(at)
		if end <= start {
			return nil, &Error{Card: i + 1, Title: c.Title, Err: ErrShortCard, Detail: fmt.Sprintf("at %s fps", p.Rate)}
		}
		cl := clip{n: i + 1, card: c, start: start, dur: end - start}
		if c.Media != nil && c.Media.Path != "" {
			if err := exists(c.Media.Path); err != nil {
				return nil, &Error{Card: i + 1, Title: c.Title, Err: ErrMissingMedia, Path: c.Media.Path}
			}
			cl.media = c.Media.Path
			cl.in = p.Rate.Frames(c.Media.In)
			cl.srcTC = cl.in
		}
		if images && c.Image != "" {
			if err := exists(c.Image); err != nil {
				return nil, &Error{Card: i + 1, Title: c.Title, Err: ErrMissingMedia, Path: c.Image}
			}
		}
		pl.clips = append(pl.clips, cl)
	}
	pl.frames = pl.clips[len(pl.clips)-1].end()
	if s := p.Soundtrack; s != nil && s.Path != "" {
		if err := exists(s.Path); err != nil {
			return nil, &Error{Err: ErrMissingMedia, Detail: "(the soundtrack)", Path: s.Path}
		}
		m := &music{path: s.Path, in: p.Rate.Frames(s.Offset), dur: pl.frames, rate: 48000, chans: 2}
		m.length = m.in + m.dur
		if a := s.Analysis; a != nil {
			// A song that ends before the reel plays to its end only.
			if n := p.Rate.Frames(a.Duration); n > m.in {
				m.length = n
				m.dur = min(m.dur, n-m.in)
			}
			if a.SampleRate > 0 {
				m.rate = a.SampleRate
			}
			if a.Channels > 0 {
				m.chans = a.Channels
			}
		}
		pl.music = m
	}
	pl.marks = markers(p, pl)
	return pl, nil
}

// probeMedia reads the facts of every linked file and the soundtrack with
// ffprobe (see probe) and applies them: source timecode, frame rate, the
// music's sample rate and channels.
func (pl *plan) probeMedia() {
	p := pl.p
	for i := range pl.clips {
		cl := &pl.clips[i]
		if cl.media == "" {
			continue
		}
		f := pl.probe(cl.media)
		cl.srcTC = cl.in
		if f.read() && f.video {
			cl.otherRate = f.rate != p.Rate
			if cl.otherRate {
				cl.srcTC += p.Rate.Frames(f.rate.FrameTime(f.tcFrames))
			} else {
				cl.srcTC += f.tcFrames
			}
		}
	}
	if m := pl.music; m != nil {
		if f := pl.probe(m.path); f.read() && f.audio {
			if f.sampleRate > 0 {
				m.rate = f.sampleRate
			}
			if f.chans > 0 {
				m.chans = f.chans
			}
			if a := p.Soundtrack.Analysis; a == nil || a.Duration <= 0 {
				if n := p.Rate.Frames(f.dur); n > m.in {
					m.length = n
					m.dur = min(m.dur, n-m.in)
				}
			}
		}
	}
}

// needsFacts reports whether the format describes the media files.
func needsFacts(format string) bool {
	switch format {
	case "otio", "edl", "fcp7", "fcpxml", "bundle":
		return true
	}
	return false
}

// probe returns the facts of the file at path, probing it once per plan.
func (pl *plan) probe(path string) *mediaFacts {
	if f, ok := pl.facts[path]; ok {
		return f
	}
	f := probe(path)
	pl.facts[path] = f
	return f
}

// mediaLength is the linked file's length in frames at the project's rate:
// the probed length, never shorter than the longest range the cards use.
func (pl *plan) mediaLength(path string) int64 {
	var n int64
	for _, c := range pl.clips {
		if c.media == path {
			n = max(n, c.in+c.dur)
		}
	}
	if f := pl.facts[path]; f.read() && f.video {
		n = max(n, pl.rate.Frames(f.rate.FrameTime(f.frames)))
	}
	return n
}

// startFrames converts a start timecode (a time on the timecode clock) to
// a frame count at rate r, counting drop-frame when drop is set.
func startFrames(t storyboard.Time, r storyboard.Rate, drop bool) int64 {
	tb := r.Timebase()
	label := (int64(t)*tb + int64(storyboard.Second)/2) / int64(storyboard.Second)
	ff, secs := label%tb, label/tb
	return labelFrames(secs/3600, secs/60%60, secs%60, ff, tb, drop && r.NTSC() && tb%30 == 0)
}

func exists(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a folder", path)
	}
	return nil
}

// frameSize returns the picture size: the platform preset's, reshaped to the
// project's aspect when the two differ (a custom project).
func frameSize(p *storyboard.Project) (w, h int) {
	pf := p.PlatformPreset()
	w, h = pf.Width, pf.Height
	a := p.Aspect
	if a.W <= 0 || a.H <= 0 || a.W*h == a.H*w {
		return w, h
	}
	long := max(w, h)
	if a.W >= a.H {
		return long, even(long * a.H / a.W)
	}
	return even(long * a.W / a.H), long
}

func even(n int) int { return n + n%2 }

// markers returns the act starts and bar starts on the reel, in order.
func markers(p *storyboard.Project, pl *plan) []marker {
	var ms []marker
	for _, a := range storyboard.Acts {
		from, to := p.ActSpan(a)
		if from < to {
			ms = append(ms, marker{frame: pl.clips[from].start, name: actTitle(a), act: true})
		}
	}
	_, downbeats := p.BeatGrid()
	bar := 0
	for _, d := range downbeats {
		f := p.Rate.Frames(d)
		if f < 0 || f >= pl.frames {
			continue
		}
		bar++
		ms = append(ms, marker{frame: f, name: "Bar " + strconv.Itoa(bar)})
	}
	// Stable order by frame; act markers (added first) first on a tie.
	slices.SortStableFunc(ms, func(a, b marker) int { return cmp.Compare(a.frame, b.frame) })
	return ms
}

func actTitle(a storyboard.Act) string {
	n := a.String()
	return fmt.Sprintf("Act %d: %s", int(a)+1, strings.ToUpper(n[:1])+n[1:])
}

// beats returns how many beats of the soundtrack's grid clip c spans (4 on
// a card fitted to four beats, whatever the tempo's drift), or, without a
// grid, its length at the mean tempo; ok is false without either.
func (pl *plan) beats(c clip) (float64, bool) {
	if pl.grid == nil {
		pl.grid, _ = pl.p.BeatGrid()
		if pl.grid == nil {
			pl.grid = []storyboard.Time{}
		}
	}
	// The card's own times, not its frames: a beat-true card reads whole.
	from, to := pl.rate.FrameTime(c.start), pl.rate.FrameTime(c.end())
	if i := c.n - 1; i >= 0 && i < len(pl.p.Cards) && pl.p.Cards[i].ID == c.card.ID {
		from = pl.p.Start(i)
		to = from + c.card.Duration
	}
	if a, ok := storyboard.BeatPosition(pl.grid, from); ok {
		b, _ := storyboard.BeatPosition(pl.grid, to)
		return b - a, true
	}
	if bpm := tempo(pl.p); bpm > 0 {
		return (pl.seconds(c.end()) - pl.seconds(c.start)) * bpm / 60, true
	}
	return 0, false
}

// tempo returns the soundtrack's tempo in BPM, or 0 when unknown.
func tempo(p *storyboard.Project) float64 {
	s := p.Soundtrack
	if s == nil {
		return 0
	}
	if s.TempoOverride >= storyboard.MinTempo && s.TempoOverride <= storyboard.MaxTempo {
		return s.TempoOverride
	}
	if s.Analysis != nil {
		return s.Analysis.TempoBPM
	}
	return 0
}

// path returns the media path as the export writes it: absolute, or
// relative inside a bundle.
func (pl *plan) path(abs string) string {
	if r, ok := pl.rel[abs]; ok {
		return r
	}
	return abs
}

// fileURL returns the media path as a URL: file:///abs/path (or
// file://localhost/abs/path when localhost is set), or a relative URL inside
// a bundle.
func (pl *plan) fileURL(abs string, localhost bool) string {
	if r, ok := pl.rel[abs]; ok {
		return (&url.URL{Path: filepath.ToSlash(r)}).EscapedPath()
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	if localhost {
		u.Host = "localhost"
	}
	return u.String()
}

// seconds returns frame n in seconds, for formats that use float seconds.
func (pl *plan) seconds(n int64) float64 { return pl.rate.FrameTime(n).Seconds() }

// dropFrame reports whether timecode is drop-frame.
func (pl *plan) dropFrame() bool {
	return !pl.opt.NonDropFrame && (pl.rate == storyboard.Rate2997 || pl.rate == storyboard.Rate5994)
}

// oneLine flattens s to one line for formats with line-based syntax.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// kindName returns the readable name of a shot kind.
func kindName(k storyboard.ShotKind) string {
	if i, ok := storyboard.KindInfo(k); ok {
		return i.Name
	}
	return string(k)
}

// placeholderColor is the background of a card without media, by act, as
// #AARRGGBB.
func placeholderColor(a storyboard.Act) string {
	c, _ := a.Color()
	return fmt.Sprintf("#ff%02x%02x%02x", c.R, c.G, c.B)
}

// mediaNote says in one sentence what the export could not learn about a
// card's linked file, or had to convert; "" when the facts are complete.
func (pl *plan) mediaNote(c clip) string {
	if c.media == "" {
		return ""
	}
	f, name := pl.facts[c.media], filepath.Base(c.media)
	switch {
	case f == nil: // not probed: the format does not describe media
	case !f.read():
		return fmt.Sprintf("The facts of %s could not be read (%s): its length, frame rate, size and timecode are assumed from the plan.", name, f.err)
	case !f.video:
		return fmt.Sprintf("%s has no picture.", name)
	case c.otherRate:
		return fmt.Sprintf("%s runs at %s fps, not the project's %s fps: its in-point was converted through exact time.", name, f.rate, pl.rate)
	}
	return ""
}

// recTC is the record timecode of reel frame n.
func (pl *plan) recTC(n int64) string { return timecode(pl.tcStart+n, pl.rate, pl.dropFrame()) }

// musicPath is the soundtrack as the edit plans reference it: the bundle's
// WAV copy when there is one, else the soundtrack (relative in a bundle).
func (pl *plan) musicPath() string {
	if pl.wav != "" {
		return pl.wav
	}
	return pl.path(pl.music.path)
}

// musicURL is musicPath as a URL (see fileURL).
func (pl *plan) musicURL(localhost bool) string {
	if pl.wav != "" {
		return (&url.URL{Path: pl.wav}).EscapedPath()
	}
	return pl.fileURL(pl.music.path, localhost)
}

// musicName is the file name of musicPath.
func (pl *plan) musicName() string { return path.Base(filepath.ToSlash(pl.musicPath())) }

// musicRate is the sample rate of musicPath.
func (pl *plan) musicRate() int {
	if pl.wav != "" {
		return wavRate
	}
	return pl.music.rate
}
