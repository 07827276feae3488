package timeline

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

// Candidate is an excerpt of the song offered on the timeline for a
// one-click choice: where the music of a reel of a given length could start
// and end.
type Candidate struct {
	Start, End storyboard.Time // song time
	// Label is drawn in the candidate's badge, such as "1 · 0:32–1:02".
	Label string
}

// SetCandidates shows excerpts of the song over the music lane, numbered in
// the order given (nil hides them). While they are shown the view zooms to
// fit the reel and every candidate, earlier in the song than the reel's
// start too, and a click on one calls OnCandidateChosen with its index.
func (t *Timeline) SetCandidates(c []Candidate) {
	t.candidates = slices.Clone(c)
	t.candHover = -1
	t.fit = true
	t.redraw()
}

// Candidates returns the excerpts shown, nil when none are.
func (t *Timeline) Candidates() []Candidate { return slices.Clone(t.candidates) }

// CandidatePoint returns the widget-local centre of candidate i's badge,
// where a click chooses it; false when it is not in view.
func (t *Timeline) CandidatePoint(i int) (fyne.Position, bool) {
	if i < 0 || i >= len(t.candidates) {
		return fyne.Position{}, false
	}
	l := t.lanes(t.Size())
	x0, y0, x1, y1 := t.candBadge(i, l)
	if x1 <= 0 || x0 >= t.Size().Width {
		return fyne.Position{}, false
	}
	return fyne.NewPos((max(x0, 0)+min(x1, t.Size().Width))/2, (y0+y1)/2), true
}

// candRange returns the reel seconds the candidates span (with the reel
// itself), for the fit view; ok is false when none are shown.
func (t *Timeline) candRange() (lo, hi float64, ok bool) {
	if len(t.candidates) == 0 || t.music == nil {
		return 0, 0, false
	}
	off := t.music.offset
	for _, c := range t.candidates {
		lo = min(lo, (c.Start - off).Seconds())
		hi = max(hi, (c.End - off).Seconds())
	}
	return lo, hi, true
}

// candRows returns how many rows of badges the music lane holds, up to one
// per candidate.
func (t *Timeline) candRows(l lanes) int {
	rowH := l.captionH + l.pad/2
	n := int((l.waveH - l.barH - l.rulerH) / rowH)
	return max(1, min(n, len(t.candidates)))
}

// candBadge returns the rectangle of candidate i's badge: at its start, in
// the music lane, one row per candidate when the lane is tall enough.
func (t *Timeline) candBadge(i int, l lanes) (x0, y0, x1, y1 float32) {
	c := t.candidates[i]
	off, _, _ := t.musicView()
	x0 = t.xAt(c.Start - off)
	w := fyne.MeasureText(c.Label, l.caption, fyne.TextStyle{Bold: true}).Width + 2*l.pad
	y0 = l.waveY + l.barH + float32(i%t.candRows(l))*(l.captionH+l.pad/2)
	return x0, y0, x0 + w, y0 + l.captionH + l.pad/4
}

// candidateAt returns the candidate a click at pos chooses, -1 for none: the
// one whose badge is there, or else the best-ranked one whose excerpt covers
// the point of the sections band or the music lane.
func (t *Timeline) candidateAt(pos fyne.Position) int {
	if len(t.candidates) == 0 || t.music == nil {
		return -1
	}
	l := t.lanes(t.Size())
	if pos.Y < l.sectY || pos.Y >= l.waveY+l.waveH {
		return -1
	}
	for i := range t.candidates {
		if x0, y0, x1, y1 := t.candBadge(i, l); pos.X >= x0 && pos.X < x1 && pos.Y >= y0 && pos.Y < y1 {
			return i
		}
	}
	off, _, _ := t.musicView()
	at := t.timeAt(pos.X) + off
	for i, c := range t.candidates {
		if at >= c.Start && at < c.End {
			return i
		}
	}
	return -1
}

// hoverCandidate lights up the candidate under the pointer.
func (t *Timeline) hoverCandidate(pos fyne.Position) {
	if len(t.candidates) == 0 {
		return
	}
	if k := t.candidateAt(pos); k != t.candHover {
		t.candHover = k
		t.redraw()
		if t.OnCandidateHovered != nil {
			t.OnCandidateHovered(k)
		}
	}
}

// syncCandidates draws the candidates: a tinted span over the sections band
// and the music lane with its two ends marked, brighter under the pointer,
// and a numbered badge at its start.
func (r *renderer) syncCandidates(size fyne.Size) {
	t, l, pal := r.t, r.lanes, r.pal
	if len(t.candidates) == 0 || t.music == nil {
		return
	}
	off, _, _ := t.musicView()
	y0, y1 := l.sectY, l.waveY+l.waveH
	for i, c := range t.candidates {
		alpha := uint8(candAlpha)
		if i == t.candHover {
			alpha = candHoverAlpha
		}
		if x0, x1, ok := r.span(c.Start-off, c.End-off, size.Width); ok {
			setRect(r.candRects.get(), x0, y0, x1-x0, y1-y0, withAlpha(pal.primary, alpha))
		}
		for _, at := range []storyboard.Time{c.Start, c.End} {
			if x := t.xAt(at - off); x >= 0 && x <= size.Width {
				setRect(r.candRects.get(), x-l.sep, y0, 2*l.sep, y1-y0, pal.primary)
			}
		}
	}
	rad := t.Theme().Size(theme.SizeNameInputRadius)
	for i, c := range t.candidates {
		bx0, by0, bx1, by1 := t.candBadge(i, l)
		if bx1 <= 0 || bx0 >= size.Width {
			continue
		}
		bg := r.candBadges.get()
		setRect(bg, bx0, by0, bx1-bx0, by1-by0, withAlpha(pal.primary, slipAlpha))
		if bg.CornerRadius != rad {
			bg.CornerRadius = rad
			bg.Refresh()
		}
		tx := r.candText.get()
		if !tx.TextStyle.Bold {
			tx.TextStyle.Bold = true
			tx.Refresh()
		}
		setText(tx, c.Label, l.caption, pal.onPrimary)
		tx.Move(fyne.NewPos(bx0+l.pad, by0+l.pad/8))
	}
}
