package timeline

import (
	"image"
	"math"
	"reflect"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

var (
	_ fyne.Widget            = (*Timeline)(nil)
	_ fyne.Tappable          = (*Timeline)(nil)
	_ fyne.DoubleTappable    = (*Timeline)(nil)
	_ fyne.SecondaryTappable = (*Timeline)(nil)
	_ fyne.Draggable         = (*Timeline)(nil)
	_ fyne.Scrollable        = (*Timeline)(nil)
	_ desktop.Mouseable      = (*Timeline)(nil)
	_ desktop.Hoverable      = (*Timeline)(nil)
	_ desktop.Cursorable     = (*Timeline)(nil)
)

// Waveform is the decoded soundtrack's peak data. The audio package's
// *audio.Waveform satisfies it. Times are song seconds (from the start of the
// audio file).
type Waveform interface {
	// Bins returns 2n values, min and max interleaved, each in -1..1, for n
	// equal bins between startSec and endSec, reusing dst when it is large
	// enough. Parts not decoded yet read as silence.
	Bins(startSec, endSec float64, n int, dst []float32) []float32
	// Duration returns the song's length in seconds.
	Duration() float64
}

// Timeline is the music timeline widget.
//
// Call SetProject after every edit. Gestures are reported through the On...
// callbacks, all optional; the timeline never edits the project itself.
type Timeline struct {
	widget.BaseWidget

	// OnSelectionChanged is called when a click changes the selection, with
	// the selected card IDs in play order. SetSelection does not call it.
	OnSelectionChanged func(ids []uuid.UUID)
	// OnCardMoved is called when cards dragged along the timeline are
	// dropped. ids are the moved cards in play order; toIndex is the index of
	// the first moved card in the card list once the move is done (that is,
	// counted in the list without the moved cards; storyboard.MoveCards
	// wants the gap before the toIndex-th card that is not moved); toAct is
	// the act they join. It is not called when the drop leaves everything in
	// place.
	OnCardMoved func(ids []uuid.UUID, toIndex int, toAct storyboard.Act)
	// OnCardTrimmed is called at the end of a drag of a card's right edge with
	// the card's new duration.
	OnCardTrimmed func(id uuid.UUID, d storyboard.Time)
	// OnSeek is called when a click asks to move the playhead, with a reel
	// time (rounded to a frame).
	OnSeek func(t storyboard.Time)
	// OnScrub is called at every step of a drag on the ruler, the sections
	// band, the waveform or the act header row, with the reel time under the
	// pointer (rounded to a frame); OnScrubEnded once at the end of it. When
	// OnScrub is nil, OnSeek is called instead.
	OnScrub      func(t storyboard.Time)
	OnScrubEnded func(t storyboard.Time)
	// OnMusicSlipped is called once at the end of a drag of the music's slip
	// handle (or of the waveform with Ctrl or Cmd held at the press) with the
	// new soundtrack offset: where in the song the reel starts. The cards
	// stay; the song moves under them. When it is nil, OnRegionChanged is
	// called instead with the offset and the unchanged length.
	OnMusicSlipped func(offset storyboard.Time)
	// OnWaveHeightChanged is called at the end of a drag of the music lane's
	// resize grip with its new height, for the window to remember.
	OnWaveHeightChanged func(h float32)
	// OnCardOpened is called when a card is double-clicked.
	OnCardOpened func(id uuid.UUID)
	// OnContextMenu is called on a right-click with the card under the
	// pointer (uuid.Nil off the cards), the reel time there and the
	// pointer's absolute position, for the window to show its menu. A
	// right-click on a card outside the selection selects it first, as in
	// every file manager and editor.
	OnContextMenu func(id uuid.UUID, at storyboard.Time, abs fyne.Position)
	// OnRegionChanged is called at the end of a drag of the music region's
	// handles with the new soundtrack offset (where in the song the reel
	// starts) and reel length.
	OnRegionChanged func(offset, length storyboard.Time)
	// OnKindDropped is called by DropKindAt with the shot kind dropped from the
	// palette and the reel time under the pointer. InsertionPoint turns that
	// time into a card index and act.
	OnKindDropped func(kind storyboard.ShotKind, at storyboard.Time)
	// OnCandidateChosen is called when a click lands on one of the excerpt
	// candidates SetCandidates shows, with its index.
	OnCandidateChosen func(i int)
	// OnCandidateHovered is called when the pointer moves onto a candidate
	// (with its index) or off them all (with -1).
	OnCandidateHovered func(i int)

	cards     []cardInfo
	byID      map[uuid.UUID]int // card indices
	acts      [3]actInfo
	length    storyboard.Time // sum of the card durations
	rate      storyboard.Rate
	aspect    float32 // picture width / height, for thumbnails
	shares    [3]int
	tolerance int
	music     *musicInfo // nil without a soundtrack

	beats, downbeats []storyboard.Time
	songBeats        []storyboard.Time // the whole song's, song time: the music's start lands on them
	wave             Waveform
	waveGen          int // bumped by every external Refresh: the waveform may have grown
	thumbs           map[uuid.UUID]image.Image
	playhead         storyboard.Time

	selected map[uuid.UUID]bool
	anchor   uuid.UUID

	snap   bool
	follow bool
	fit    bool    // zoom to fit the reel (the default), following resizes
	pps    float32 // pixels per second when not fitting
	start  float64 // reel second at the left edge when not fitting

	press press
	drag  drag

	kindOver     bool // a shot kind is dragged over from the palette
	kindBoundary int  // where it would go
	hover        fyne.Position

	timeFormat TimeFormat
	waveH      float32 // the music lane's height, 0 for the default
	loop       [2]storyboard.Time
	sections   []storyboard.Section // song time
	phrases    []storyboard.Time    // song time
	energyAt   []storyboard.Time    // song time, one per energy value
	energy     []float64
	current    uuid.UUID // the card playing, highlighted
	tip        tooltip
	slip       slipCache
	energyGen  int               // bumped when the energy curve or the sections change
	labels     map[string]string // translated beat counts, by number
	readOnly   bool              // gestures scrub and select, never edit
	candidates []Candidate       // excerpts offered for a choice, song time
	candHover  int               // the candidate under the pointer, -1 for none

	r *renderer // the current renderer, for the cheap playhead path
}

type cardInfo struct {
	id       uuid.UUID
	title    string
	kindName string
	act      storyboard.Act
	color    string
	start    storyboard.Time
	dur      storyboard.Time
}

type actInfo struct {
	name       string
	from, to   int // card indices, half-open
	start, end storyboard.Time
}

type musicInfo struct {
	offset storyboard.Time // where in the song the reel starts
	length storyboard.Time // the reel's chosen length, 0 for the sum of the cards
	song   storyboard.Time // the song's duration, 0 when unknown
}

// songLength returns the song's duration from its analysis or, while it is
// being analysed, from its waveform; 0 when unknown.
func (t *Timeline) songLength() storyboard.Time {
	if t.music != nil && t.music.song > 0 {
		return t.music.song
	}
	if t.wave != nil {
		return storyboard.Seconds(t.wave.Duration())
	}
	return 0
}

// New returns an empty timeline, zoomed to fit, snapping cuts to beats.
func New() *Timeline {
	t := &Timeline{
		snap:     true,
		fit:      true,
		pps:      defaultPPS,
		selected: map[uuid.UUID]bool{},
		byID:     map[uuid.UUID]int{},
		thumbs:   map[uuid.UUID]image.Image{},
		rate:     storyboard.Rate25,
		aspect:   9.0 / 16,
		tip:      tooltip{card: -1},

		candHover: -1,
	}
	t.ExtendBaseWidget(t)
	return t
}

// SetReadOnly makes the timeline a view (of a variant, say): clicks select
// and seek and drags scrub, but no gesture moves, trims or adds a card or
// moves the music.
func (t *Timeline) SetReadOnly(on bool) {
	t.readOnly = on
	if on {
		t.drag = drag{}
		t.kindOver = false
	}
	t.redraw()
}

// ReadOnly reports whether the timeline is a view only.
func (t *Timeline) ReadOnly() bool { return t.readOnly }

// SetSongBeats gives the beats of the whole song, in song time
// (storyboard.Project.SongGrid): a drag of the music region's start snaps
// to them, before the reel's start too.
func (t *Timeline) SetSongBeats(beats []storyboard.Time) { t.songBeats = beats }

// CreateRenderer returns the timeline's renderer.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	r := newRenderer(t)
	t.r = r
	return r
}

// MinSize returns the smallest size that shows a lane of cards.
func (t *Timeline) MinSize() fyne.Size {
	t.ExtendBaseWidget(t)
	return t.BaseWidget.MinSize()
}

// Refresh redraws the timeline, including the waveform (call it again as
// more of the soundtrack is decoded).
func (t *Timeline) Refresh() {
	t.waveGen++
	t.BaseWidget.Refresh()
}

// redraw updates the renderer after an interaction.
func (t *Timeline) redraw() { t.BaseWidget.Refresh() }

// SetProject shows p. Call it after every edit; the timeline keeps no
// reference to p, it copies what it draws. It takes the beat grid from
// p.BeatGrid(); SetBeats may replace it afterwards.
func (t *Timeline) SetProject(p *storyboard.Project) {
	t.cards = t.cards[:0]
	clear(t.byID)
	t.music = nil
	t.length = 0
	t.sections, t.phrases, t.energyAt, t.energy = nil, nil, nil, nil
	t.energyGen++
	t.labels = nil // the language may have changed
	if t.tip.timer != nil {
		t.tip.timer.Stop()
	}
	t.tip = tooltip{card: -1, gen: t.tip.gen + 1} // the cards may have changed
	if p == nil {
		t.beats, t.downbeats = nil, nil
		t.acts = [3]actInfo{}
		for a := range t.acts {
			t.acts[a].name = actName(storyboard.Act(a))
		}
		clear(t.selected)
		t.projectChanged()
		t.Refresh()
		return
	}
	var at storyboard.Time
	names := map[storyboard.ShotKind]string{}
	for _, c := range p.Cards {
		name, ok := names[c.Kind]
		if !ok {
			name = string(c.Kind)
			if info, ok := storyboard.KindInfo(c.Kind); ok {
				name = lang.X("kind."+string(c.Kind), info.Name)
			}
			names[c.Kind] = name
		}
		t.cards = append(t.cards, cardInfo{
			id: c.ID, title: c.Title, kindName: name, act: c.Act, color: c.Color,
			start: at, dur: max(c.Duration, 0),
		})
		t.byID[c.ID] = len(t.cards) - 1
		at += max(c.Duration, 0)
	}
	t.length = at
	for _, a := range storyboard.Acts {
		from, to := p.ActSpan(a)
		info := actInfo{name: actName(a), from: from, to: to}
		if from < len(t.cards) {
			info.start = t.cards[from].start
		} else {
			info.start = at
		}
		info.end = info.start
		if to > from {
			info.end = t.cards[to-1].start + t.cards[to-1].dur
		}
		t.acts[a] = info
	}
	if p.Rate.Valid() {
		t.rate = p.Rate
	}
	if p.Aspect.W > 0 && p.Aspect.H > 0 {
		t.aspect = float32(p.Aspect.W) / float32(p.Aspect.H)
	}
	tpl := p.Template()
	t.shares, t.tolerance = tpl.Shares, tpl.Tolerance
	t.beats, t.downbeats = p.BeatGrid()
	if s := p.Soundtrack; s != nil {
		m := &musicInfo{offset: max(s.Offset, 0), length: max(s.Length, 0)}
		if a := s.Analysis; a != nil {
			m.song = a.Duration
			t.sections = slices.Clone(a.Sections)
			t.phrases = slices.Clone(a.Phrases)
			if len(a.EnergyPerBeat) == len(a.Beats) {
				t.energyAt, t.energy = slices.Clone(a.Beats), slices.Clone(a.EnergyPerBeat)
			}
		}
		t.music = m
	}
	for id := range t.selected {
		if t.index(id) < 0 {
			delete(t.selected, id)
		}
	}
	t.projectChanged()
	t.Refresh()
}

func actName(a storyboard.Act) string {
	switch a {
	case storyboard.Arrival:
		return lang.X("act.arrival", "Arrival")
	case storyboard.Work:
		return lang.X("act.work", "Work")
	default:
		return lang.X("act.fulfilment", "Fulfilment")
	}
}

// SetBeats sets the beat grid, in reel time (0 is the reel's first frame);
// downbeats are the bar starts, a subset of beats. Both must be ascending.
// SetProject sets it from the project's own grid; SetBeats is for a grid
// from elsewhere, such as an analysis still in progress.
func (t *Timeline) SetBeats(beats, downbeats []storyboard.Time) {
	t.beats = slices.Clone(beats)
	t.downbeats = slices.Clone(downbeats)
	t.redraw()
}

// SetWaveform sets the soundtrack's waveform; nil removes it. Call Refresh
// again as more of it is decoded.
func (t *Timeline) SetWaveform(w Waveform) {
	t.wave = w
	t.Refresh()
}

// SetPlayhead moves the playhead to reel time pos. It is cheap enough to be
// called at every frame: it only moves the playhead, unless following the
// playhead scrolls the view.
func (t *Timeline) SetPlayhead(pos storyboard.Time) {
	if pos == t.playhead {
		return
	}
	t.playhead = pos
	if t.follow && t.scrollToPlayhead() {
		t.redraw()
		return
	}
	if t.r != nil {
		t.r.placePlayhead()
	}
}

// scrollToPlayhead scrolls a page when the playhead has left the view (or is
// about to), and reports whether it did.
func (t *Timeline) scrollToPlayhead() bool {
	w := t.Size().Width
	if t.fit || t.drag.kind != dragNone || w <= 0 {
		return false
	}
	x := t.xAt(t.playhead)
	if x >= 0 && x <= w*followAt {
		return false
	}
	old := t.start
	t.start = t.playhead.Seconds() - float64(w*followMargin/t.pps)
	t.clampStart()
	return t.start != old // at the end of the song there is nowhere to go
}

// Playhead returns the playhead's reel time.
func (t *Timeline) Playhead() storyboard.Time { return t.playhead }

// SetSelection selects the cards with the given IDs (unknown IDs are
// ignored). It does not call OnSelectionChanged.
func (t *Timeline) SetSelection(ids []uuid.UUID) {
	clear(t.selected)
	for _, id := range ids {
		if t.index(id) >= 0 {
			t.selected[id] = true
			t.anchor = id
		}
	}
	t.redraw()
}

// Selection returns the selected card IDs in play order.
func (t *Timeline) Selection() []uuid.UUID {
	var ids []uuid.UUID
	for _, c := range t.cards {
		if t.selected[c.id] {
			ids = append(ids, c.id)
		}
	}
	return ids
}

// SetSnap turns snapping cuts to beats on or off. Holding Shift or Alt when a
// drag starts inverts it for that drag.
func (t *Timeline) SetSnap(on bool) { t.snap = on }

// Snap reports whether cuts snap to beats.
func (t *Timeline) Snap() bool { return t.snap }

// SetFollow makes the view follow the playhead (while playing).
func (t *Timeline) SetFollow(on bool) {
	t.follow = on
	if on && t.scrollToPlayhead() {
		t.redraw()
	}
}

// SetThumbnail sets the picture shown on a card when there is room; nil
// removes it. Setting the same picture again costs nothing, and a card out of
// view is only redrawn once it scrolls into view.
func (t *Timeline) SetThumbnail(id uuid.UUID, img image.Image) {
	old, had := t.thumbs[id]
	switch {
	case img == nil && !had, img != nil && had && sameImage(old, img):
		return
	case img == nil:
		delete(t.thumbs, id)
	default:
		t.thumbs[id] = img
	}
	if t.r != nil {
		t.r.thumbsChanged = true
	}
	if k := t.index(id); k >= 0 {
		c := t.cards[k]
		if x0, x1 := t.xAt(c.start), t.xAt(c.start+c.dur); x1 > 0 && x0 < t.Size().Width {
			t.redraw()
		}
	}
}

// sameImage reports whether a and b are the same picture value (the same
// pointer, for the usual image types).
func sameImage(a, b image.Image) bool {
	ta := reflect.TypeOf(a)
	return ta == reflect.TypeOf(b) && ta.Comparable() && a == b
}

// Zoom returns the horizontal zoom in pixels per second of reel.
func (t *Timeline) Zoom() float32 { return t.zoom() }

// SetZoom sets the horizontal zoom in pixels per second, keeping the centre
// of the view in place. It is clamped between the whole reel and a few beats.
func (t *Timeline) SetZoom(pixelsPerSecond float32) {
	t.zoomAround(pixelsPerSecond, t.Size().Width/2)
}

// ZoomIn zooms in one step, around the playhead when it is in view.
func (t *Timeline) ZoomIn() { t.zoomAround(t.zoom()*zoomStep, t.zoomAnchor()) }

// ZoomOut zooms out one step, around the playhead when it is in view.
func (t *Timeline) ZoomOut() { t.zoomAround(t.zoom()/zoomStep, t.zoomAnchor()) }

// ZoomToFit shows the whole reel, and keeps it fitting as the widget resizes.
func (t *Timeline) ZoomToFit() {
	t.fit = true
	t.redraw()
}

// KindDragOver shows where a shot kind dragged from the palette would be
// inserted, for a pointer at pos relative to the timeline's top-left corner.
// A position outside the timeline hides the marker, and so does DropKindAt.
func (t *Timeline) KindDragOver(pos fyne.Position) {
	if t.readOnly {
		return
	}
	s := t.Size()
	over := pos.X >= 0 && pos.Y >= 0 && pos.X <= s.Width && pos.Y <= s.Height
	b := 0
	if over {
		b, _ = t.insertionAt(t.timeAt(pos.X))
	}
	if over == t.kindOver && b == t.kindBoundary {
		return
	}
	t.kindOver, t.kindBoundary = over, b
	t.redraw()
}

// DropKindAt reports a shot kind dropped from the palette at pos, a position
// relative to the timeline's top-left corner, through OnKindDropped with the
// reel time under the pointer (rounded to a frame). The window converts the
// palette's absolute drag position with
// pos.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(t)).
func (t *Timeline) DropKindAt(kind storyboard.ShotKind, pos fyne.Position) {
	if t.kindOver {
		t.kindOver = false
		t.redraw()
	}
	if t.readOnly {
		return
	}
	at := max(t.rate.SnapToFrame(t.timeAt(pos.X)), 0)
	if t.OnKindDropped != nil {
		t.OnKindDropped(kind, at)
	}
}

// InsertionPoint returns where a card dropped at reel time at goes in p: the
// index it takes and its act. A drop on the left half of a card goes before
// it, on the right half after it, in that card's act.
func InsertionPoint(p *storyboard.Project, at storyboard.Time) (index int, act storyboard.Act) {
	if len(p.Cards) == 0 {
		return 0, storyboard.Arrival
	}
	var start storyboard.Time
	for i, c := range p.Cards {
		if at < start+c.Duration || i == len(p.Cards)-1 {
			if at < start || 2*(at-start) < c.Duration {
				return i, c.Act
			}
			return i + 1, c.Act
		}
		start += c.Duration
	}
	return len(p.Cards), p.Cards[len(p.Cards)-1].Act
}

// index returns the index of the card with the given ID, or -1.
func (t *Timeline) index(id uuid.UUID) int {
	if i, ok := t.byID[id]; ok {
		return i
	}
	return -1
}

// Zoom and view.

const (
	defaultPPS   = 50    // pixels per second before the first fit
	zoomStep     = 1.5   // one ZoomIn
	fewBeats     = 4     // the closest zoom shows this many beats
	followAt     = 0.9   // following scrolls when the playhead passes this share of the width
	followMargin = 0.1   // and puts it back at this share
	maxPPS       = 20000 // absolute bounds, whatever the reel
	minPPS       = 0.01
)

// zoom returns the effective pixels per second.
func (t *Timeline) zoom() float32 {
	if t.fit {
		return t.fitPPS()
	}
	return t.pps
}

// span returns the reel time range the fit view shows, in seconds.
func (t *Timeline) span() float64 {
	end := t.length
	if t.music != nil && t.music.length > end {
		end = t.music.length
	}
	if end <= 0 {
		return 10
	}
	return end.Seconds()
}

// fitRange returns the reel seconds the fit view spans: the reel and its
// music region, and every excerpt candidate while they are shown.
func (t *Timeline) fitRange() (lo, hi float64) {
	hi = t.span()
	if clo, chi, ok := t.candRange(); ok {
		lo, hi = min(lo, clo), max(hi, chi)
	}
	return lo, hi
}

func (t *Timeline) fitPPS() float32 {
	w := t.Size().Width - 2*t.Theme().Size(theme.SizeNamePadding)
	if w <= 0 {
		return defaultPPS
	}
	lo, hi := t.fitRange()
	return float32(float64(w) / (hi - lo))
}

// viewStart returns the reel second at the left edge.
func (t *Timeline) viewStart() float64 {
	if t.fit {
		lo, _ := t.fitRange()
		return lo - float64(t.Theme().Size(theme.SizeNamePadding)/t.fitPPS())
	}
	return t.start
}

func (t *Timeline) zoomBounds() (lo, hi float32) {
	lo, hi = t.fitPPS()/2, float32(maxPPS)
	if w := t.Size().Width; w > 0 {
		beat := 0.5 // seconds, when there is no grid
		if n := len(t.beats); n > 1 {
			beat = (t.beats[n-1] - t.beats[0]).Seconds() / float64(n-1)
		}
		hi = min(hi, float32(float64(w)/(fewBeats*beat)))
	}
	lo = max(lo, minPPS)
	return lo, max(hi, t.fitPPS())
}

func (t *Timeline) zoomAnchor() float32 {
	x := t.xAt(t.playhead)
	if w := t.Size().Width; x >= 0 && x <= w {
		return x
	}
	return t.Size().Width / 2
}

// zoomAround sets the zoom keeping the time at x in place.
func (t *Timeline) zoomAround(pps float32, x float32) {
	if math.IsNaN(float64(pps)) || pps <= 0 {
		return
	}
	at := t.viewStart() + float64(x/t.zoom())
	lo, hi := t.zoomBounds()
	pps = min(max(pps, lo), hi)
	if pps <= t.fitPPS() && t.Size().Width > 0 {
		t.fit = true
		t.redraw()
		return
	}
	t.fit = false
	t.pps = pps
	t.start = at - float64(x/pps)
	t.clampStart()
	t.redraw()
}

// scrollBounds returns the range of left-edge times, in seconds: from the
// reel's first frame (never into the empty space before it) to the end of
// the reel or of the song, whichever is later.
func (t *Timeline) scrollBounds() (lo, hi float64) {
	pps := float64(t.zoom())
	pad := float64(t.Theme().Size(theme.SizeNamePadding)) / pps
	last := t.span()
	if m := t.music; m != nil {
		if song := t.songLength(); song > 0 {
			last = max(last, (song - m.offset).Seconds())
		}
	}
	first, _ := t.fitRange() // earlier than the reel while candidates are shown
	lo = first - pad
	hi = last + pad - float64(t.Size().Width)/pps
	return lo, max(lo, hi)
}

func (t *Timeline) clampStart() {
	lo, hi := t.scrollBounds()
	t.start = min(max(t.start, lo), hi)
}

// keyModifiers returns the modifier keys held now; a variable for tests.
var keyModifiers = func() fyne.KeyModifier {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}

// wheelNotch is the scroll distance of one wheel notch in fyne's desktop
// driver (its scrollSpeed).
const wheelNotch = 10

// Scrolled scrolls the view sideways (either wheel axis), within the song.
// With Ctrl or Cmd held it zooms around the pointer instead.
func (t *Timeline) Scrolled(e *fyne.ScrollEvent) {
	d := e.Scrolled.DX
	if d == 0 {
		d = e.Scrolled.DY
	}
	if d == 0 {
		return
	}
	if keyModifiers()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		f := math.Pow(zoomStep, float64(d)/wheelNotch)
		t.zoomAround(t.zoom()*float32(min(max(f, 1/(zoomStep*zoomStep)), zoomStep*zoomStep)), e.Position.X)
		return
	}
	if t.fit {
		t.start = t.viewStart()
		t.pps = t.fitPPS()
		t.fit = false
	}
	t.start -= float64(d / t.pps)
	t.clampStart()
	t.redraw()
}

// ZoomToSelection zooms so that the selected cards fill the view. It does
// nothing without a selection.
func (t *Timeline) ZoomToSelection() {
	var from, to storyboard.Time
	found := false
	for _, c := range t.cards {
		if !t.selected[c.id] {
			continue
		}
		if !found {
			from = c.start
		}
		to, found = c.start+c.dur, true
	}
	w := t.Size().Width
	if !found || to <= from || w <= 0 {
		return
	}
	pad := t.Theme().Size(theme.SizeNamePadding)
	pps := float32(float64(w-2*pad) / (to - from).Seconds())
	lo, hi := t.zoomBounds()
	pps = min(max(pps, lo), hi)
	if pps <= t.fitPPS() {
		t.ZoomToFit()
		return
	}
	t.fit, t.pps = false, pps
	// Centre the selection when the zoom is clamped.
	mid := (from + to).Seconds() / 2
	t.start = mid - float64(w/2/pps)
	t.clampStart()
	t.redraw()
}

// SetCurrent highlights the card playing (uuid.Nil for none). CardAt finds
// the card under the playhead.
func (t *Timeline) SetCurrent(id uuid.UUID) {
	if id == t.current {
		return
	}
	t.current = id
	t.redraw()
}

// Current returns the highlighted card's ID, uuid.Nil for none.
func (t *Timeline) Current() uuid.UUID { return t.current }

// CardAt returns the ID of the card playing at reel time at, and false past
// the reel's end or before its start.
func (t *Timeline) CardAt(at storyboard.Time) (uuid.UUID, bool) {
	k := t.cardAt(at)
	if k < 0 {
		return uuid.Nil, false
	}
	return t.cards[k].id, true
}

// SetLoop shades the loop range from start to end, in reel time; an empty
// range (end <= start) removes it.
func (t *Timeline) SetLoop(start, end storyboard.Time) {
	if end <= start {
		start, end = 0, 0
	}
	if t.loop == [2]storyboard.Time{start, end} {
		return
	}
	t.loop = [2]storyboard.Time{start, end}
	t.redraw()
}

// Loop returns the shaded loop range; both are 0 without one.
func (t *Timeline) Loop() (start, end storyboard.Time) { return t.loop[0], t.loop[1] }

// SetWaveHeight sets the music lane's height in canvas units (0 for the
// default). It is kept between two and sixteen lines of text, and leaves the
// cards their smallest height.
func (t *Timeline) SetWaveHeight(h float32) {
	t.waveH = max(h, 0)
	t.redraw()
}

// WaveHeight returns the music lane's height as laid out now.
func (t *Timeline) WaveHeight() float32 { return t.lanes(t.Size()).waveH }

// SetSections sets the song's sections and phrase starts, in song time (from
// the start of the audio file), for the band above the waveform. SetProject
// takes them from the project's analysis; SetSections is for an analysis
// still in progress and must be called again after SetProject.
func (t *Timeline) SetSections(sections []storyboard.Section, phrases []storyboard.Time) {
	t.sections = slices.Clone(sections)
	t.phrases = slices.Clone(phrases)
	t.energyGen++
	t.redraw()
}

// SetEnergy sets the song's loudness curve for the sections band: one value
// (0..1) per time in at, song time, ascending. SetProject takes it from the
// analysis (its EnergyPerBeat).
func (t *Timeline) SetEnergy(at []storyboard.Time, energy []float64) {
	if len(at) != len(energy) {
		at, energy = nil, nil
	}
	t.energyAt, t.energy = slices.Clone(at), slices.Clone(energy)
	t.energyGen++
	t.redraw()
}

// SetTimeFormat chooses how the ruler and the tooltips write times.
func (t *Timeline) SetTimeFormat(f TimeFormat) {
	if f == t.timeFormat {
		return
	}
	t.timeFormat = f
	t.redraw()
}

// xAt returns the x position of reel time at.
func (t *Timeline) xAt(at storyboard.Time) float32 {
	return float32((at.Seconds() - t.viewStart()) * float64(t.zoom()))
}

// timeAt returns the reel time at x.
func (t *Timeline) timeAt(x float32) storyboard.Time {
	return storyboard.Seconds(t.viewStart() + float64(x/t.zoom()))
}

// CardPoint returns the widget-local point in the middle of the card lane
// at reel time at, where a click lands on the card playing then.
func (t *Timeline) CardPoint(at storyboard.Time) fyne.Position {
	l := t.lanes(t.Size())
	return fyne.NewPos(t.xAt(at), l.cardY+l.cardH/2)
}
