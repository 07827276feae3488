package timeline

import (
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/reelboard/reelboard/storyboard"
)

// lanes is the vertical layout, derived from the theme's sizes: the act header
// row, the time ruler, the song's sections band (with a soundtrack), the music
// lane (waveform, bars, beats, region) and the card lane.
type lanes struct {
	pad, text, caption, sep, border float32
	textH, captionH                 float32 // line heights

	headerH   float32
	timeY     float32 // the time ruler: timecode labels and ticks
	timeH     float32
	sectY     float32 // the sections band, 0 high without the song's structure
	sectH     float32
	waveY     float32
	waveH     float32
	rulerH    float32 // the beat ruler at the bottom of the music lane
	barH      float32 // the strip of bar numbers at its top
	gripY     float32 // the music lane's resize grip, between it and the cards
	cardY     float32
	cardH     float32
	cardMinH  float32
	stripeH   float32 // colour tag
	hit       float32 // grab distance around edges and handles
	minCard   float32 // narrower cards are drawn as merged runs
	handleW   float32
	playheadW float32
	minTextW  float32 // narrower cards show no text
	minThumbH float32
}

func (t *Timeline) lanes(size fyne.Size) lanes {
	th := t.Theme()
	l := lanes{
		pad:     th.Size(theme.SizeNamePadding),
		text:    th.Size(theme.SizeNameText),
		caption: th.Size(theme.SizeNameCaptionText),
		sep:     th.Size(theme.SizeNameSeparatorThickness),
		border:  th.Size(theme.SizeNameInputBorder),
	}
	l.textH = fyne.MeasureText("Ag", l.text, fyne.TextStyle{Bold: true}).Height
	l.captionH = fyne.MeasureText("Ag", l.caption, fyne.TextStyle{}).Height
	l.headerH = l.textH + l.captionH + l.pad
	l.timeY = l.headerH
	l.timeH = l.captionH + l.pad
	l.sectY = l.timeY + l.timeH
	if t.music != nil && (len(t.sections) > 0 || len(t.energy) > 0 || len(t.phrases) > 0) {
		l.sectH = l.captionH + l.pad // the band shows once the analysis has found the song's structure
	}
	l.waveY = l.sectY + l.sectH
	l.stripeH = l.pad
	l.cardMinH = l.stripeH + l.textH + 2*l.captionH + 2*l.pad
	l.rulerH = 2 * l.pad
	l.barH = l.captionH
	l.waveH = t.waveHeight(l, size)
	l.gripY = l.waveY + l.waveH + l.pad/2
	l.cardY = l.waveY + l.waveH + l.pad
	l.cardH = max(size.Height-l.cardY-l.pad, l.cardMinH)
	l.hit = 1.5 * l.pad
	l.minCard = l.pad
	l.handleW = l.pad
	l.playheadW = 2 * l.sep
	l.minTextW = l.text
	l.minThumbH = 2 * l.text
	return l
}

// Music lane heights, in multiples of the theme's text size.
const (
	defaultWaveLines = 5
	minWaveLines     = 2
	maxWaveLines     = 16
)

// waveHeight returns the music lane's height: the one set (by SetWaveHeight
// or the grip), or the default, kept between two lines of text and what
// leaves the cards their smallest height.
func (t *Timeline) waveHeight(l lanes, size fyne.Size) float32 {
	h := t.waveH
	if h <= 0 {
		h = defaultWaveLines * l.text
	}
	lo := minWaveLines * l.text
	hi := maxWaveLines * l.text
	if size.Height > 0 {
		hi = min(hi, size.Height-l.waveY-2*l.pad-l.cardMinH)
	}
	return max(min(h, hi), lo)
}

func (l lanes) minSize() fyne.Size {
	return fyne.NewSize(20*l.text, l.cardY+l.cardMinH+l.pad)
}

// hit is what lies under a point.
type hit int

const (
	hitHeader      hit = iota // the act header row
	hitRuler                  // the time ruler and the sections band
	hitWave                   // the music lane, away from the region's handles
	hitSlip                   // the music's slip handle
	hitGrip                   // the music lane's resize grip
	hitRegionStart            // the music region's start handle
	hitRegionEnd              // its end handle
	hitCard                   // a card's body
	hitCardEdge               // a card's right edge
	hitEmpty                  // the card lane where there is no card
	hitChip                   // the header chip of an act without cards
)

// hitTest returns what lies at pos and, for cards, the card's index.
func (t *Timeline) hitTest(pos fyne.Position) (hit, int) {
	l := t.lanes(t.Size())
	switch {
	case pos.Y < l.waveY:
		for a, c := range t.chips() {
			if c.ok && pos.X >= c.x0 && pos.X < c.x1 {
				return hitChip, a
			}
		}
		return hitHeader, -1
	case pos.Y < l.waveY:
		return hitRuler, -1
	case abs(pos.Y-l.gripY) <= l.pad/2:
		return hitGrip, -1
	case pos.Y < l.cardY:
		if m := t.music; m != nil {
			if x0, y0, x1, y1 := t.slipTab(l); len(t.candidates) == 0 && pos.X >= x0 && pos.X < x1 && pos.Y >= y0 && pos.Y < y1 {
				return hitSlip, -1
			}
			length := t.regionLength()
			d0 := abs(pos.X - t.xAt(0))
			d1 := abs(pos.X - t.xAt(length))
			if d1 <= l.hit && d1 <= d0 {
				return hitRegionEnd, -1
			}
			if d0 <= l.hit {
				return hitRegionStart, -1
			}
		}
		return hitWave, -1
	}
	at := t.timeAt(pos.X)
	k := t.cardAt(at)
	if k < 0 {
		// Just past the last card: its edge is still in reach.
		if n := len(t.cards); n > 0 && abs(pos.X-t.xAt(t.length)) <= l.hit {
			return hitCardEdge, n - 1
		}
		return hitEmpty, -1
	}
	c := t.cards[k]
	x0, x1 := t.xAt(c.start), t.xAt(c.start+c.dur)
	if x1-x0 >= 3*l.hit { // narrower cards are all body: zoom in to trim them
		if x1-pos.X <= l.hit {
			return hitCardEdge, k
		}
		if k > 0 && pos.X-x0 <= l.hit {
			return hitCardEdge, k - 1
		}
	}
	return hitCard, k
}

// chip is the header of an act without cards, standing where its cards
// would go: a target for cards dropped into that act.
type chip struct {
	x0, x1 float32
	ok     bool
}

// chips returns the chips of the acts without cards, side by side when
// several empty acts meet at one point.
func (t *Timeline) chips() (out [3]chip) {
	l := t.lanes(t.Size())
	minX := float32(math.Inf(-1))
	for _, a := range storyboard.Acts {
		info := t.acts[a]
		if info.to > info.from {
			start, _ := t.effectiveActSpan(a)
			minX = max(minX, t.xAt(start))
			continue
		}
		w := 2*l.pad + max(
			fyne.MeasureText(info.name, l.text, fyne.TextStyle{Bold: true}).Width,
			fyne.MeasureText(t.actStats(a, 0), l.caption, fyne.TextStyle{}).Width)
		start, _ := t.effectiveActSpan(a)
		x := max(t.xAt(start), minX)
		out[a] = chip{x, x + w, true}
		minX = x + w
	}
	return out
}

// cardAt returns the index of the card playing at reel time at, or -1.
func (t *Timeline) cardAt(at storyboard.Time) int {
	if at < 0 || at >= t.length {
		return -1
	}
	k := sort.Search(len(t.cards), func(i int) bool {
		return t.cards[i].start+t.cards[i].dur > at
	})
	if k == len(t.cards) {
		return -1
	}
	return k
}

// regionLength returns the music region's length: the soundtrack's chosen
// length, or the reel's.
func (t *Timeline) regionLength() storyboard.Time {
	if t.music != nil && t.music.length > 0 {
		return t.music.length
	}
	return t.length
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
