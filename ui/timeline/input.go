package timeline

import (
	"math"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// press is the last mouse-button press, for the modifiers a click or a drag
// started with.
type press struct {
	pos  fyne.Position
	mods fyne.KeyModifier
	down bool // pressed and not released yet
	// clicked is set when MouseUp handled the click, so that the Tapped the
	// driver delivers later (after its double-click delay) does nothing.
	clicked bool
}

type dragKind int

const (
	dragNone        dragKind = iota
	dragMove                 // cards along the timeline
	dragTrim                 // a card's right edge
	dragRegionStart          // the music region's start handle
	dragRegionEnd            // its end handle
	dragSlide                // the song under the reel
	dragScrub                // the playhead
	dragGrip                 // the music lane's height
)

// drag is the gesture in progress.
type drag struct {
	kind    dragKind
	started bool
	origin  fyne.Position // where the button went down
	pos     fyne.Position // where the pointer is now
	free    bool          // snapping inverted (Shift or Alt held when the drag started)

	card   int         // move: the grabbed card; trim: the trimmed card
	cardID uuid.UUID   // its ID, to find it again after SetProject
	ids    []uuid.UUID // move: the moved cards, in play order
	moving map[uuid.UUID]bool
	grab   float32 // move: pointer distance from the grabbed card's left edge

	boundary int            // move: insertion point, an index into the current card list
	act      storyboard.Act // move: the act the cards join
	dur      storyboard.Time

	offset, length storyboard.Time // region: the previewed music region
	waveH          float32         // grip: the music lane's height at the press
}

// MouseDown records the button's modifiers for the click or drag it starts.
func (t *Timeline) MouseDown(e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	t.press = press{pos: e.Position, mods: e.Modifier, down: true}
	t.hideTip()
}

// MouseUp ends the press.
//
// A click (a press and release without a drag) is handled here rather than in
// Tapped, which the desktop driver delays by its double-click interval: the
// selection and the playhead answer at once.
func (t *Timeline) MouseUp(e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary || !t.press.down || t.drag.started {
		t.press.down = false
		return
	}
	mods := t.press.mods
	t.press = press{clicked: true}
	t.tap(e.Position, mods)
}

// MouseIn tracks the pointer for the cursor shape and the tooltip.
func (t *Timeline) MouseIn(e *desktop.MouseEvent) { t.hoverAt(e.Position) }

// MouseMoved tracks the pointer for the cursor shape and the tooltip.
func (t *Timeline) MouseMoved(e *desktop.MouseEvent) {
	grip := func() bool { h, _ := t.hitTest(t.hover); return h == hitGrip }
	was := grip()
	t.hoverAt(e.Position)
	t.hoverCandidate(e.Position)
	if grip() != was {
		t.redraw() // the grip lights up under the pointer
	}
}

// MouseOut hides the tooltip.
func (t *Timeline) MouseOut() {
	t.hideTip()
	t.hover = fyne.NewPos(-1, -1)
	t.hoverCandidate(t.hover)
}

// Cursor shows a resize cursor over card edges, the region's handles, the
// slip handle and the music lane's grip.
func (t *Timeline) Cursor() desktop.Cursor {
	switch t.drag.kind {
	case dragTrim, dragRegionStart, dragRegionEnd, dragSlide:
		return desktop.HResizeCursor
	case dragGrip:
		return desktop.VResizeCursor
	case dragMove:
		return desktop.DefaultCursor
	}
	if t.candidateAt(t.hover) >= 0 {
		return desktop.PointerCursor
	}
	if t.readOnly {
		return desktop.DefaultCursor
	}
	switch h, _ := t.hitTest(t.hover); h {
	case hitCardEdge, hitRegionStart, hitRegionEnd, hitSlip:
		return desktop.HResizeCursor
	case hitGrip:
		return desktop.VResizeCursor
	}
	return desktop.DefaultCursor
}

// Tapped selects the card under the pointer (Shift extends the range, Ctrl
// or Cmd toggles), or seeks when there is no card there.
func (t *Timeline) Tapped(e *fyne.PointEvent) {
	if t.press.clicked { // MouseUp did it
		t.press.clicked = false
		return
	}
	mods := t.press.mods
	t.press = press{}
	t.tap(e.Position, mods)
}

func (t *Timeline) tap(pos fyne.Position, mods fyne.KeyModifier) {
	if i := t.candidateAt(pos); i >= 0 {
		if t.OnCandidateChosen != nil {
			t.OnCandidateChosen(i)
		}
		return
	}
	h, k := t.hitTest(pos)
	switch h {
	case hitCard, hitCardEdge:
		t.click(k, mods)
	default:
		t.seek(t.timeAt(pos.X))
	}
}

// TappedSecondary asks for the context menu of what is under the pointer.
func (t *Timeline) TappedSecondary(e *fyne.PointEvent) {
	t.press = press{}
	at := min(max(t.rate.SnapToFrame(t.timeAt(e.Position.X)), 0), max(t.regionLength(), t.length))
	id := uuid.Nil
	if h, k := t.hitTest(e.Position); h == hitCard || h == hitCardEdge {
		id = t.cards[k].id
		if !t.selected[id] {
			t.click(k, 0)
		}
	}
	if t.OnContextMenu != nil {
		t.OnContextMenu(id, at, e.AbsolutePosition)
	}
}

// DoubleTapped opens the card under the pointer.
func (t *Timeline) DoubleTapped(e *fyne.PointEvent) {
	t.press = press{}
	h, k := t.hitTest(e.Position)
	switch h {
	case hitCard, hitCardEdge:
		t.click(k, 0)
		if t.OnCardOpened != nil {
			t.OnCardOpened(t.cards[k].id)
		}
	default:
		t.seek(t.timeAt(e.Position.X))
	}
}

func (t *Timeline) seek(at storyboard.Time) {
	at = min(max(t.rate.SnapToFrame(at), 0), max(t.regionLength(), t.length))
	t.playhead = at
	if t.r != nil {
		t.r.placePlayhead()
	}
	if t.OnSeek != nil {
		t.OnSeek(at)
	}
}

// click applies a click on card k with the given modifiers to the selection.
func (t *Timeline) click(k int, mods fyne.KeyModifier) {
	id := t.cards[k].id
	before := len(t.selected)
	changed := false
	switch {
	case mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		if t.selected[id] {
			delete(t.selected, id)
		} else {
			t.selected[id] = true
		}
		t.anchor = id
		changed = true
	case mods&fyne.KeyModifierShift != 0 && t.index(t.anchor) >= 0:
		a := t.index(t.anchor)
		lo, hi := min(a, k), max(a, k)
		changed = before != hi-lo+1
		for i, c := range t.cards {
			in := i >= lo && i <= hi
			if in != t.selected[c.id] {
				changed = true
			}
		}
		clear(t.selected)
		for i := lo; i <= hi; i++ {
			t.selected[t.cards[i].id] = true
		}
	default:
		changed = before != 1 || !t.selected[id]
		clear(t.selected)
		t.selected[id] = true
		t.anchor = id
	}
	if !changed {
		return
	}
	t.redraw()
	if t.OnSelectionChanged != nil {
		t.OnSelectionChanged(t.Selection())
	}
}

// Dragged follows a drag: moving cards, trimming a card, adjusting the music
// region, sliding the song or scrubbing, depending on where it started.
func (t *Timeline) Dragged(e *fyne.DragEvent) {
	d := &t.drag
	if !d.started {
		// The driver reports the pointer's position once it has moved past
		// its drag threshold; the gesture starts where the button went down.
		origin := e.Position
		if t.press.down {
			origin = t.press.pos
		}
		t.beginDrag(origin, t.press.down && t.press.mods&(fyne.KeyModifierShift|fyne.KeyModifierAlt) != 0)
	}
	d.pos = d.pos.Add(e.Dragged)
	t.updateDrag()
	t.redraw()
}

// DragEnd reports the finished gesture through its callback.
func (t *Timeline) DragEnd() {
	d := t.drag
	t.drag = drag{}
	t.press = press{}
	switch d.kind {
	case dragScrub:
		if t.OnScrubEnded != nil {
			t.OnScrubEnded(t.playhead)
		}
	case dragGrip:
		t.redraw()
		if t.waveH != d.waveH && t.OnWaveHeightChanged != nil {
			t.OnWaveHeightChanged(t.WaveHeight())
		}
	case dragSlide:
		t.redraw()
		m := t.music
		switch {
		case m == nil || d.offset == m.offset:
		case t.OnMusicSlipped != nil:
			t.OnMusicSlipped(d.offset)
		case t.OnRegionChanged != nil:
			t.OnRegionChanged(d.offset, d.length)
		}
	case dragMove:
		t.redraw()
		if to, ok := t.moveTarget(d); ok && t.OnCardMoved != nil {
			t.OnCardMoved(d.ids, to, d.act)
		}
	case dragTrim:
		t.redraw()
		if d.dur != t.cards[d.card].dur && t.OnCardTrimmed != nil {
			t.OnCardTrimmed(t.cards[d.card].id, d.dur)
		}
	case dragRegionStart, dragRegionEnd:
		t.redraw()
		m := t.music
		if m != nil && (d.offset != m.offset || d.length != t.regionLength()) && t.OnRegionChanged != nil {
			t.OnRegionChanged(d.offset, d.length)
		}
	}
}

func (t *Timeline) beginDrag(origin fyne.Position, free bool) {
	d := &t.drag
	*d = drag{started: true, origin: origin, pos: origin, free: free}
	h, k := t.hitTest(origin)
	switch h {
	case hitCardEdge:
		d.kind, d.card, d.cardID, d.dur = dragTrim, k, t.cards[k].id, t.cards[k].dur
	case hitCard:
		id := t.cards[k].id
		d.kind, d.card, d.cardID = dragMove, k, id
		d.grab = origin.X - t.xAt(t.cards[k].start)
		d.boundary, d.act = k, t.cards[k].act
		if !t.selected[id] {
			t.click(k, 0) // may call back into SetProject: the drag must be set up
		}
		d.ids = t.Selection()
		if !slices.Contains(d.ids, id) { // the selection changed under the drag
			d.ids = []uuid.UUID{id}
		}
		d.moving = make(map[uuid.UUID]bool, len(d.ids))
		for _, id := range d.ids {
			d.moving[id] = true
		}
	case hitRegionStart, hitRegionEnd, hitSlip, hitWave:
		slip := t.press.down && t.press.mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
		if t.music == nil || h == hitWave && !slip {
			d.kind = dragScrub // the waveform scrubs, like the ruler
			break
		}
		d.kind = map[hit]dragKind{hitRegionStart: dragRegionStart, hitRegionEnd: dragRegionEnd, hitSlip: dragSlide, hitWave: dragSlide}[h]
		d.offset, d.length = t.music.offset, t.regionLength()
	case hitGrip:
		d.kind, d.waveH = dragGrip, t.waveH
		if d.waveH <= 0 {
			d.waveH = t.WaveHeight()
		}
	default:
		d.kind = dragScrub
	}
	if t.readOnly && d.kind != dragScrub && d.kind != dragGrip {
		d.kind = dragScrub // a read-only view is played through, not edited
	}
	t.hideTip()
}

func (t *Timeline) updateDrag() {
	d := &t.drag
	at := t.timeAt(d.pos.X)
	frame := t.rate.FrameDuration()
	switch d.kind {
	case dragMove:
		if h, a := t.hitTest(d.pos); h == hitChip {
			d.boundary, d.act = t.acts[a].from, storyboard.Act(a)
			break
		}
		d.boundary, d.act = t.insertionAt(at)
	case dragTrim:
		c := t.cards[d.card]
		end, snapped := t.snapTime(at)
		dur := end - c.start
		if !snapped {
			dur = t.rate.SnapToFrame(dur)
		}
		if dur < frame {
			dur = frame
			if snapped {
				if i := sort.Search(len(t.beats), func(i int) bool { return t.beats[i] > c.start }); i < len(t.beats) {
					dur = t.beats[i] - c.start
				}
			}
		}
		d.dur = dur
	case dragRegionStart:
		m := t.music
		length0 := t.regionLength()
		rel, snapped := t.snapTime(at)
		if n := len(t.songBeats); t.snap != d.free && n > 0 {
			// The song's own beats, before the reel's start too: the music
			// starts on a beat, so the cards' cuts stay on theirs.
			rel, snapped = storyboard.SnapTime(m.offset+at, t.songBeats)-m.offset, true
		}
		if !snapped {
			rel = t.rate.SnapToFrame(rel)
		}
		rel = min(max(rel, -m.offset), length0-frame)
		d.offset, d.length = m.offset+rel, length0-rel
	case dragRegionEnd:
		m := t.music
		length, snapped := t.snapTime(at)
		if !snapped {
			length = t.rate.SnapToFrame(length)
		}
		if song := t.songLength(); song > 0 {
			length = min(length, song-m.offset)
		}
		d.offset, d.length = m.offset, max(length, frame)
	case dragSlide:
		m := t.music
		delta := t.rate.SnapToFrame(at - t.timeAt(d.origin.X))
		if p := beatPeriod(t.beats); p > 0 && t.snap != d.free {
			// Snapping moves the song by whole beats, so that cuts on
			// the beat stay on the beat.
			delta = storyboard.Time(math.Round(float64(at-t.timeAt(d.origin.X))/float64(p))) * p
		}
		off := max(m.offset-delta, 0)
		if song := t.songLength(); song > 0 {
			off = min(off, max(song-t.regionLength(), 0))
		}
		d.offset, d.length = off, t.regionLength()
	case dragScrub:
		t.scrub(at)
	case dragGrip:
		t.waveH = d.waveH + d.pos.Y - d.origin.Y
		t.waveH = t.WaveHeight() // clamped
	}
}

// scrub moves the playhead during a drag and reports it through OnScrub
// (or OnSeek when OnScrub is nil).
func (t *Timeline) scrub(at storyboard.Time) {
	at = min(max(t.rate.SnapToFrame(at), 0), max(t.regionLength(), t.length))
	t.playhead = at
	if t.r != nil {
		t.r.placePlayhead()
	}
	switch {
	case t.OnScrub != nil:
		t.OnScrub(at)
	case t.OnSeek != nil:
		t.OnSeek(at)
	}
}

// projectChanged keeps a drag in progress consistent with a new project:
// the cards it holds are found again by ID, or the gesture is dropped.
func (t *Timeline) projectChanged() {
	d := &t.drag
	switch d.kind {
	case dragMove, dragTrim:
		k := t.index(d.cardID)
		if k < 0 {
			*d = drag{started: true} // the rest of the gesture does nothing
			return
		}
		d.card = k
		if d.kind == dragMove {
			d.ids = slices.DeleteFunc(d.ids, func(id uuid.UUID) bool { return t.index(id) < 0 })
			d.boundary = min(d.boundary, len(t.cards))
		}
	case dragRegionStart, dragRegionEnd, dragSlide:
		if t.music == nil {
			*d = drag{started: true}
		}
	}
}

// snapTime returns the beat nearest to at when snapping applies, and whether
// it did. Times more than a beat away from the grid do not snap.
func (t *Timeline) snapTime(at storyboard.Time) (storyboard.Time, bool) {
	n := len(t.beats)
	if t.snap == t.drag.free || n == 0 {
		return at, false
	}
	beat := storyboard.Second / 2
	if n > 1 {
		beat = (t.beats[n-1] - t.beats[0]) / storyboard.Time(n-1)
	}
	if at < t.beats[0]-beat || at > t.beats[n-1]+beat {
		return at, false
	}
	i := sort.Search(len(t.beats), func(i int) bool { return t.beats[i] >= at })
	switch {
	case i == 0:
		return t.beats[0], true
	case i == len(t.beats):
		return t.beats[i-1], true
	case at-t.beats[i-1] <= t.beats[i]-at:
		return t.beats[i-1], true
	}
	return t.beats[i], true
}

// insertionAt returns the insertion point for cards dropped at reel time at:
// a boundary between cards (an index into the current list) and the act the
// dropped cards join, that of the card under the pointer.
func (t *Timeline) insertionAt(at storyboard.Time) (int, storyboard.Act) {
	n := len(t.cards)
	switch {
	case n == 0:
		return 0, storyboard.Arrival
	case at < 0:
		return 0, t.cards[0].act
	case at >= t.length:
		return n, t.cards[n-1].act
	}
	k := t.cardAt(at)
	c := t.cards[k]
	if 2*(at-c.start) < c.dur {
		return k, c.act
	}
	return k + 1, c.act
}

// moveTarget returns the index the moved cards of d take in the list
// without them, and whether the drop changes anything: their place or their
// act.
func (t *Timeline) moveTarget(d drag) (int, bool) {
	to := d.boundary
	first, last := len(t.cards), -1
	for i, c := range t.cards {
		if d.moving[c.id] {
			if i < d.boundary {
				to--
			}
			first, last = min(first, i), max(last, i)
		}
	}
	if last < 0 {
		return 0, false
	}
	contiguous := last-first+1 == len(d.ids)
	sameAct := true
	for _, id := range d.ids {
		if t.cards[t.index(id)].act != d.act {
			sameAct = false
		}
	}
	return to, !contiguous || !sameAct || to != first
}
