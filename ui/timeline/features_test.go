package timeline

import (
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

func TestFormatTime(t *testing.T) {
	sec := storyboard.Seconds
	tests := []struct {
		at   storyboard.Time
		rate storyboard.Rate
		f    TimeFormat
		want string
	}{
		{0, storyboard.Rate25, Timecode, "00:00:00:00"},
		{sec(4.445), storyboard.Rate30, Timecode, "00:00:04:13"},
		{sec(4.445), storyboard.Rate25, Timecode, "00:00:04:11"},
		{sec(61.5), storyboard.Rate24, Timecode, "00:01:01:12"},
		{sec(3725), storyboard.Rate25, Timecode, "01:02:05:00"},
		{-storyboard.Second, storyboard.Rate25, Timecode, "-00:00:01:00"},
		{sec(4.445), storyboard.Rate30, MinSec, "0:04.45"},
		{sec(125.004), storyboard.Rate30, MinSec, "2:05.00"},
		{sec(3725.5), storyboard.Rate30, MinSec, "1:02:05.50"},
	}
	for _, tt := range tests {
		if got := FormatTime(tt.at, tt.rate, tt.f); got != tt.want {
			t.Errorf("FormatTime(%v, %v, %d) = %q; want %q", tt.at, tt.rate, tt.f, got, tt.want)
		}
	}
}

// textsIn returns the renderer's listed text objects drawn from pool.
func textsIn(r *renderer, pool *textPool) []*canvas.Text {
	var out []*canvas.Text
	for _, tx := range pool.all[:pool.n] {
		if slices.Contains(r.Objects(), fyne.CanvasObject(tx)) {
			out = append(out, tx)
		}
	}
	return out
}

func TestRulerLabelsNeverOverlap(t *testing.T) {
	for _, f := range []TimeFormat{Timecode, MinSec} {
		for _, pps := range []float32{0, 3, 10, 37, 100, 400, 1500} {
			t.Run(fmt.Sprintf("format%d/%gpps", f, pps), func(t *testing.T) {
				test.NewTempApp(t)
				tl, _ := newTestTimeline(t, testProject(t, 60), testSize, pps)
				tl.SetTimeFormat(f)
				r := test.WidgetRenderer(tl).(*renderer)
				for name, pool := range map[string]*textPool{"ruler": &r.rulerText, "bar numbers": &r.barText} {
					texts := textsIn(r, pool)
					if name == "ruler" && len(texts) < 2 {
						t.Errorf("%s: %d labels in view; want at least 2", name, len(texts))
					}
					sort.Slice(texts, func(i, j int) bool { return texts[i].Position().X < texts[j].Position().X })
					for i := 1; i < len(texts); i++ {
						a, b := texts[i-1], texts[i]
						if a.Position().X+a.MinSize().Width > b.Position().X {
							t.Errorf("%s: %q at x %.0f–%.0f overlaps %q at x %.0f", name, a.Text,
								a.Position().X, a.Position().X+a.MinSize().Width, b.Text, b.Position().X)
						}
					}
				}
			})
		}
	}
}

func TestRulerLabelsReadTheTime(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	for _, tx := range textsIn(r, &r.rulerText) {
		// A label starts just after its tick, at the time it names.
		at := tl.timeAt(tx.Position().X - r.lanes.pad/2)
		if want := FormatTime(tl.rate.SnapToFrame(at), tl.rate, Timecode); want != tx.Text {
			t.Errorf("ruler label %q at x %.0f; the time there reads %q", tx.Text, tx.Position().X, want)
		}
	}
}

func TestScrubVersusMusicSlip(t *testing.T) {
	sec := storyboard.Seconds
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, sectionedProject(t, 10), testSize, testPPS) // music starts 1 s into the song
	var scrubs, ended, seeks []storyboard.Time
	var slips []storyboard.Time
	var regions int
	tl.OnScrub = func(at storyboard.Time) { scrubs = append(scrubs, at) }
	tl.OnScrubEnded = func(at storyboard.Time) { ended = append(ended, at) }
	tl.OnSeek = func(at storyboard.Time) { seeks = append(seeks, at) }
	tl.OnMusicSlipped = func(off storyboard.Time) { slips = append(slips, off) }
	tl.OnRegionChanged = func(storyboard.Time, storyboard.Time) { regions++ }
	l := tl.lanes(tl.Size())
	if l.sectH <= 0 {
		t.Fatal("a song with sections: no sections band")
	}
	reset := func() { scrubs, ended, seeks, slips, regions = nil, nil, nil, nil, 0 }

	for _, lane := range []struct {
		name string
		y    float32
	}{{"waveform", l.waveY + l.waveH/3}, {"ruler", l.timeY + l.timeH/2}, {"sections band", l.sectY + l.sectH/2}} {
		reset()
		dragTo(tl, fyne.NewPos(tl.xAt(sec(4)), lane.y), fyne.NewPos(tl.xAt(sec(2)), lane.y), 0)
		if len(scrubs) == 0 || scrubs[len(scrubs)-1] != 2*storyboard.Second || !slices.Equal(ended, []storyboard.Time{2 * storyboard.Second}) {
			t.Errorf("drag the %s from 4 s to 2 s: OnScrub %v, OnScrubEnded %v; want ending at 2 s, once", lane.name, scrubs, ended)
		}
		if len(slips) > 0 || regions > 0 || len(seeks) > 0 {
			t.Errorf("drag the %s: OnMusicSlipped %v, OnRegionChanged ×%d, OnSeek %v; want none (scrubbing only)", lane.name, slips, regions, seeks)
		}
		if tl.Playhead() != 2*storyboard.Second {
			t.Errorf("drag the %s to 2 s: Playhead() = %v; want 2 s", lane.name, tl.Playhead())
		}
	}

	// A click on the waveform seeks.
	reset()
	click(tl, fyne.NewPos(tl.xAt(sec(3)), l.waveY+l.waveH/3), 0)
	if !slices.Equal(seeks, []storyboard.Time{3 * storyboard.Second}) {
		t.Errorf("click the waveform at 3 s: OnSeek %v; want [3 s]", seeks)
	}

	// The slip handle moves the music: one change, at the end.
	reset()
	x0, y0, x1, y1 := tl.slipTab(l)
	r := test.WidgetRenderer(tl).(*renderer)
	if !slices.Contains(r.Objects(), fyne.CanvasObject(r.slipText)) || r.slipText.Text != "Music starts at 0:01.000" {
		t.Errorf("slip handle label %q shown %v; want \"Music starts at 0:01.000\"", r.slipText.Text, slices.Contains(r.Objects(), fyne.CanvasObject(r.slipText)))
	}
	from := fyne.NewPos((x0+x1)/2, (y0+y1)/2)
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from}, Dragged: fyne.NewDelta(-0.5*testPPS, 0)})
	if len(slips) > 0 {
		t.Errorf("slip in progress: OnMusicSlipped %v; want no call before the drag ends", slips)
	}
	if r.label.Text != "Music starts at 0:01.500" {
		t.Errorf("slip in progress: label %q; want \"Music starts at 0:01.500\"", r.label.Text)
	}
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from}, Dragged: fyne.NewDelta(-0.5*testPPS, 0)})
	tl.DragEnd()
	if !slices.Equal(slips, []storyboard.Time{2 * storyboard.Second}) || len(scrubs) > 0 || regions > 0 {
		t.Errorf("drag the slip handle 1 s left: OnMusicSlipped %v, OnScrub %v, OnRegionChanged ×%d; want [2 s] once and nothing else", slips, scrubs, regions)
	}

	// Snapping slips by whole beats (0.5 s here); Shift frees it.
	reset()
	dragTo(tl, from, fyne.NewPos(from.X-0.7*testPPS, from.Y), 0)
	dragTo(tl, from, fyne.NewPos(from.X-0.7*testPPS, from.Y), fyne.KeyModifierShift)
	if want := []storyboard.Time{3 * storyboard.Second / 2, storyboard.Second + storyboard.Rate30.SnapToFrame(sec(0.7))}; !slices.Equal(slips, want) {
		t.Errorf("slip 0.7 s left, snapped then with Shift: OnMusicSlipped %v; want %v (a whole beat, then free to the frame)", slips, want)
	}
	tl.SetProject(sectionedProject(t, 10))

	// Without OnMusicSlipped the change goes to OnRegionChanged.
	reset()
	tl.OnMusicSlipped = nil
	var region [2]storyboard.Time
	tl.OnRegionChanged = func(off, length storyboard.Time) { regions++; region = [2]storyboard.Time{off, length} }
	dragTo(tl, from, fyne.NewPos(from.X+0.5*testPPS, from.Y), 0)
	if regions != 1 || region != [2]storyboard.Time{storyboard.Second / 2, tl.regionLength()} {
		t.Errorf("slip 0.5 s right with OnMusicSlipped nil: OnRegionChanged ×%d %v; want once (0.5 s, the same length)", regions, region)
	}
}

func TestHoverTooltip(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	shown := func() bool { return slices.Contains(r.Objects(), fyne.CanvasObject(r.tipBg)) }
	move := func(pos fyne.Position) {
		tl.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	}

	old := tooltipDelay
	defer func() { tooltipDelay = old }()
	tooltipDelay = time.Hour
	move(cardPos(tl, 2, 0.5))
	if shown() || tl.Tooltip() != nil {
		t.Errorf("pointer just arrived on card 2: tooltip %q shown; want it only after the delay", tl.Tooltip())
	}
	tl.MouseOut()

	tooltipDelay = 0
	move(cardPos(tl, 2, 0.5))
	// Card 2: "Hands close-up", 3 s from 3.5 s, 30 fps, a beat every 0.5 s.
	want := []string{"3. Hands close-up", "Hands close-up", "3.00 s · 6 beats · 90 frames"}
	if got := tl.Tooltip(); !slices.Equal(got, want) || !shown() {
		t.Errorf("hover card 2: Tooltip() = %q, shown %v; want %q shown", got, shown(), want)
	}
	for i, s := range want {
		if r.tipText[i].Text != s || !slices.Contains(r.Objects(), fyne.CanvasObject(r.tipText[i])) {
			t.Errorf("hover card 2: tooltip line %d draws %q; want %q", i, r.tipText[i].Text, s)
		}
	}
	if o := r.Objects(); o[len(o)-1] != r.tipText[2] {
		t.Error("the tooltip is not drawn over everything else")
	}
	bg := r.tipBg
	if bg.Position().X < 0 || bg.Position().X+bg.Size().Width > testSize.Width || bg.Position().Y+bg.Size().Height > testSize.Height {
		t.Errorf("tooltip at %v size %v; want inside the %v widget", bg.Position(), bg.Size(), testSize)
	}
	move(cardPos(tl, 3, 0.5))
	if got := tl.Tooltip(); len(got) == 0 || got[0] != "4. Equipment detail" {
		t.Errorf("hover card 3: Tooltip() = %q; want it for card 3", got)
	}
	tl.MouseOut()
	if shown() || tl.Tooltip() != nil {
		t.Error("pointer left: the tooltip is still shown")
	}
	move(cardPos(tl, 3, 0.5))
	tl.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: cardPos(tl, 3, 0.5)}, Button: desktop.MouseButtonPrimary})
	if shown() {
		t.Error("button pressed: the tooltip is still shown")
	}
	tl.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: cardPos(tl, 3, 0.5)}, Button: desktop.MouseButtonPrimary})
	move(fyne.NewPos(10, tl.lanes(tl.Size()).waveY+5))
	if tl.Tooltip() != nil {
		t.Errorf("pointer over the waveform: Tooltip() = %q; want none", tl.Tooltip())
	}
}

func TestCtrlWheelZooms(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	defer func(f func() fyne.KeyModifier) { keyModifiers = f }(keyModifiers)
	keyModifiers = func() fyne.KeyModifier { return fyne.KeyModifierControl }
	x := float32(400)
	at := tl.timeAt(x)
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, 100)}, Scrolled: fyne.NewDelta(0, wheelNotch)})
	if got, want := tl.Zoom(), float32(testPPS*zoomStep); !near(got, want) {
		t.Errorf("Ctrl+wheel one notch up: Zoom() = %v; want %v", got, want)
	}
	if got := tl.timeAt(x); (got-at).Seconds() > 0.01 || (at-got).Seconds() > 0.01 {
		t.Errorf("Ctrl+wheel at x %v: the time there moved from %v to %v; want it kept", x, at, got)
	}
	keyModifiers = func() fyne.KeyModifier { return 0 }
	before := tl.viewStart()
	tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -wheelNotch)})
	if tl.Zoom() != float32(testPPS*zoomStep) || tl.viewStart() <= before {
		t.Errorf("plain wheel: zoom %v, view start %v → %v; want the same zoom, scrolled right", tl.Zoom(), before, tl.viewStart())
	}
	for range 50 { // the wheel never scrolls before 0:00
		tl.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 5*wheelNotch)})
	}
	if x := tl.xAt(0); x < 0 || x > tl.lanes(tl.Size()).pad {
		t.Errorf("wheel far left: 0:00 at x %v; want at the left edge", x)
	}
}

func TestZoomToSelection(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, 0)
	tl.SetSelection(ids(2, 3)) // 3.5 s to 8.5 s
	tl.ZoomToSelection()
	pad := tl.lanes(tl.Size()).pad
	if x0, x1 := tl.xAt(storyboard.Seconds(3.5)), tl.xAt(storyboard.Seconds(8.5)); !near(x0, pad) || !near(x1, testSize.Width-pad) {
		t.Errorf("ZoomToSelection(cards 2–3): they span x %v–%v; want %v–%v", x0, x1, pad, testSize.Width-pad)
	}
}

func TestLoopShading(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	has := func(o fyne.CanvasObject) bool { return slices.Contains(r.Objects(), o) }
	if has(r.loopRect) {
		t.Error("no loop set: the loop range is drawn")
	}
	tl.SetLoop(2*storyboard.Second, 5*storyboard.Second)
	l := r.lanes
	if !has(r.loopRect) || !near(r.loopRect.Position().X, tl.xAt(2*storyboard.Second)) ||
		!near(r.loopRect.Size().Width, 3*testPPS) || r.loopRect.Position().Y != l.timeY || !near(r.loopRect.Size().Height, l.waveY+l.waveH-l.timeY) {
		t.Errorf("SetLoop(2 s, 5 s): loop shade at %v size %v (shown %v); want x %v, 300 wide, over the ruler to the waveform's bottom",
			r.loopRect.Position(), r.loopRect.Size(), has(r.loopRect), tl.xAt(2*storyboard.Second))
	}
	if !has(r.loopEdges[0]) || !has(r.loopEdges[1]) {
		t.Error("SetLoop(2 s, 5 s): the loop's ends are not marked")
	}
	if s, e := tl.Loop(); s != 2*storyboard.Second || e != 5*storyboard.Second {
		t.Errorf("Loop() = %v, %v; want 2 s, 5 s", s, e)
	}
	tl.SetLoop(0, 0)
	if has(r.loopRect) {
		t.Error("SetLoop(0, 0): the loop range is still drawn")
	}
}

func TestSectionsBand(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 10)
	a := p.Soundtrack.Analysis
	s := storyboard.Second
	a.Sections = []storyboard.Section{
		{Start: 0, End: 5 * s, Label: "A", Energy: 0.4, Confidence: 0.9},
		{Start: 5 * s, End: 9 * s, Label: "B", Energy: 0.9, Confidence: 0.3},
		{Start: 9 * s, End: 120 * s, Label: "A′", Energy: 0.5, Confidence: 0.8},
	}
	a.Phrases = []storyboard.Time{s, 5 * s, 9 * s}
	tl, _ := newTestTimeline(t, p, testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	var labels []string
	for _, tx := range textsIn(r, &r.sectText) {
		labels = append(labels, tx.Text)
	}
	if want := []string{"A", "B · beat uncertain", "A′"}; !slices.Equal(labels, want) {
		t.Errorf("sections band labels %q; want %q", labels, want)
	}
	// Song 5–9 s is reel 4–8 s (the music starts 1 s in): shaded as uncertain.
	if r.shades.n != 1 || !near(r.shades.all[0].Position().X, tl.xAt(4*s)) || !near(r.shades.all[0].Size().Width, 4*testPPS) {
		t.Errorf("beat-uncertain shades: %d, first at x %v width %v; want one at x %v, %v wide",
			r.shades.n, r.shades.all[0].Position().X, r.shades.all[0].Size().Width, tl.xAt(4*s), 4*testPPS)
	}
	if !slices.Contains(r.Objects(), fyne.CanvasObject(r.energyRaster)) {
		t.Error("sections band: no energy curve drawn")
	}
	if got := tl.energyAtSec(6); got != 0.9 {
		t.Errorf("energy at song 6 s (section B) = %v; want 0.9", got)
	}
	tl.SetProject(testProject(t, 10)) // an analysis without the song's structure
	if h := tl.lanes(tl.Size()).sectH; h != 0 {
		t.Errorf("no sections, phrases or energy: the sections band is %v high; want none", h)
	}
	tl.SetSections(a.Sections, nil)
	if h := tl.lanes(tl.Size()).sectH; h <= 0 {
		t.Error("SetSections: no sections band")
	}
	tl.SetEnergy([]storyboard.Time{0, 10 * s}, []float64{0, 1})
	if got := tl.energyAtSec(2.5); got < 0.249 || got > 0.251 {
		t.Errorf("energy at 2.5 s between 0 (0 s) and 1 (10 s) = %v; want 0.25", got)
	}
}

func TestEveryCutVisible(t *testing.T) {
	for _, pps := range []float32{0, 20, 100, 400} {
		t.Run(fmt.Sprintf("%gpps", pps), func(t *testing.T) {
			test.NewTempApp(t)
			tl, _ := newTestTimeline(t, testProject(t, 20), testSize, pps)
			r := test.WidgetRenderer(tl).(*renderer)
			objs := r.Objects()
			for i := 1; i < len(tl.cards); i++ {
				x := tl.xAt(tl.cards[i].start)
				if x < 0 || x >= testSize.Width {
					continue
				}
				found := false
				for _, v := range r.cards {
					if slices.Contains(objs, fyne.CanvasObject(v.cut)) && near(v.cut.Position().X+v.cut.Size().Width/2, x) {
						found = true
					}
				}
				if !found {
					t.Errorf("cut before card %d at x %.1f: no divider drawn", i, x)
				}
			}
		})
	}
}

func TestNarrowCardShowsNumber(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 10)
	p.Cards[4].Duration = storyboard.Second / 5 // 20 px at 100 px/s
	tl, _ := newTestTimeline(t, p, testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	for _, v := range r.cards {
		if slices.Contains(r.Objects(), fyne.CanvasObject(v.title)) && v.title.Text == "5" {
			return
		}
	}
	var titles []string
	for _, v := range r.cards {
		titles = append(titles, v.title.Text)
	}
	t.Errorf("a 20 px card 4: titles drawn %q; want its number \"5\"", titles)
}

func TestCurrentCard(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 10), testSize, testPPS)
	r := test.WidgetRenderer(tl).(*renderer)
	id, ok := tl.CardAt(4 * storyboard.Second)
	if !ok || id != cardID(2) {
		t.Fatalf("CardAt(4 s) = %v, %v; want card 2", id, ok)
	}
	tl.SetCurrent(id)
	if !slices.Contains(r.Objects(), fyne.CanvasObject(r.current)) || !near(r.current.Position().X, tl.xAt(storyboard.Seconds(3.5))) {
		t.Errorf("SetCurrent(card 2): highlight at x %v (shown %v); want under card 2 at x %v",
			r.current.Position().X, slices.Contains(r.Objects(), fyne.CanvasObject(r.current)), tl.xAt(storyboard.Seconds(3.5)))
	}
	tl.SetCurrent(uuid.Nil)
	if slices.Contains(r.Objects(), fyne.CanvasObject(r.current)) {
		t.Error("SetCurrent(uuid.Nil): a card is still highlighted")
	}
	if _, ok := tl.CardAt(100 * storyboard.Second); ok {
		t.Error("CardAt(past the reel) reports a card")
	}
}

func TestWaveGrip(t *testing.T) {
	test.NewTempApp(t)
	tl, _ := newTestTimeline(t, testProject(t, 4), testSize, 0)
	l := tl.lanes(tl.Size())
	h0 := tl.WaveHeight()
	var got []float32
	tl.OnWaveHeightChanged = func(h float32) { got = append(got, h) }
	if h, _ := tl.hitTest(fyne.NewPos(100, l.gripY)); h != hitGrip || tl.Cursor() == desktop.VResizeCursor && false {
		t.Fatalf("hitTest(the grip) = %v; want hitGrip", h)
	}
	dragTo(tl, fyne.NewPos(100, l.gripY), fyne.NewPos(100, l.gripY+2*l.text), 0)
	if want := h0 + 2*l.text; !near(tl.WaveHeight(), want) || len(got) != 1 || !near(got[0], want) {
		t.Errorf("drag the grip %v down: WaveHeight() = %v, OnWaveHeightChanged %v; want %v once", 2*l.text, tl.WaveHeight(), got, want)
	}
	tl.SetWaveHeight(1e6)
	if l := tl.lanes(tl.Size()); l.cardY+l.cardMinH+l.pad > testSize.Height+0.5 {
		t.Errorf("SetWaveHeight(1e6): the cards start at %v and need %v; want them kept in the %v-high widget", l.cardY, l.cardMinH, testSize.Height)
	}
	tl.SetWaveHeight(1)
	if got := tl.WaveHeight(); got != minWaveLines*l.text {
		t.Errorf("SetWaveHeight(1): WaveHeight() = %v; want the minimum %v", got, minWaveLines*l.text)
	}
}

func TestNextPrevBeat(t *testing.T) {
	// 135.1 BPM from 0.1 s: the demo's grid, whose beats are 0.444 s apart.
	period := storyboard.Seconds(60 / 135.1)
	var grid []storyboard.Time
	for k := range 20 {
		grid = append(grid, storyboard.Seconds(0.1)+storyboard.Time(k)*period)
	}
	last := grid[len(grid)-1]
	tests := []struct {
		name       string
		at         storyboard.Time
		next, prev storyboard.Time
	}{
		{"between beats", grid[5] + period/3, grid[6], grid[5]},
		{"on a beat", grid[5], grid[6], grid[4]},
		{"before the grid", 0, grid[0], grid[0] - period},
		{"well before the grid", grid[0] - 2*period - 1, grid[0] - 2*period, grid[0] - 3*period},
		{"on the last beat", last, last + period, grid[len(grid)-2]},
		{"past the grid", last + 2*period + 1, last + 3*period, last + 2*period},
	}
	for _, tt := range tests {
		if got, ok := NextBeat(grid, tt.at); !ok || got != tt.next {
			t.Errorf("NextBeat(%s, %v) = %v, %v; want %v", tt.name, tt.at, got, ok, tt.next)
		}
		if got, ok := PrevBeat(grid, tt.at); !ok || got != tt.prev {
			t.Errorf("PrevBeat(%s, %v) = %v, %v; want %v", tt.name, tt.at, got, ok, tt.prev)
		}
	}
	if _, ok := NextBeat(grid[:1], 0); ok {
		t.Error("NextBeat(one beat) reports a beat; want false")
	}
}

func TestBeatStep(t *testing.T) {
	test.NewTempApp(t)
	p := testProject(t, 4)                        // cards 2, 1.5, 3, 2 s; beats every 0.5 s from reel 0
	p.Cards[0].Duration = storyboard.Seconds(1.8) // card 0 ends off the beat
	tl, _ := newTestTimeline(t, p, testSize, testPPS)
	s := storyboard.Second
	tests := []struct {
		card, dir int
		snap      bool
		want      storyboard.Time
		ok        bool
	}{
		{0, 1, true, 2 * s, true},                               // 1.8 s → the beat at 2 s, not 1.8 + 0.5
		{0, -1, true, 3 * s / 2, true},                          // back to 1.5 s
		{1, 1, true, 3*s + s/2 - storyboard.Seconds(1.8), true}, // ends at 3.3 s → 3.5 s
		{3, 1, true, 8*s + s/2 - storyboard.Seconds(6.3), true}, // ends at 8.3 s → 8.5 s
		{0, 1, false, storyboard.Seconds(1.8) + storyboard.Rate30.FrameDuration(), true},
	}
	for _, tt := range tests {
		tl.SetSnap(tt.snap)
		got, ok := tl.BeatStep(cardID(tt.card), tt.dir)
		if ok != tt.ok || got != tt.want {
			t.Errorf("BeatStep(card %d, %+d) snap %v = %v, %v; want %v, %v", tt.card, tt.dir, tt.snap, got, ok, tt.want, tt.ok)
		}
	}
	tl.SetSnap(true)
	beats, down := reelBeats(p)
	tl.SetBeats(beats[:17], down) // the grid ends at 8 s: the last card's end reaches 8.5 s past it
	if got, ok := tl.BeatStep(cardID(3), 1); !ok || got != 8*s+s/2-storyboard.Seconds(6.3) {
		t.Errorf("BeatStep(last card, +1) past the grid = %v, %v; want %v", got, ok, 8*s+s/2-storyboard.Seconds(6.3))
	}
	p.Cards[0].Duration = s / 4 // less than a beat: ↓ has nowhere to go
	tl.SetProject(p)
	tl.SetBeats(reelBeats(p))
	if got, ok := tl.BeatStep(cardID(0), -1); ok {
		t.Errorf("BeatStep(a 0.25 s first card, -1) = %v, true; want false (no beat inside it)", got)
	}
	if _, ok := tl.BeatStep(uuid.New(), 1); ok {
		t.Error("BeatStep(unknown card) reports ok")
	}
}

func TestTrimEndsOnTheBeat(t *testing.T) {
	// An irregular grid (a live drummer): every snapped trim ends on one of
	// its beats.
	test.NewTempApp(t)
	p := testProject(t, 6)
	a := p.Soundtrack.Analysis
	a.Beats, a.Downbeats = nil, nil
	for b, k := storyboard.Time(0), 0; b < 120*storyboard.Second; k++ {
		a.Beats = append(a.Beats, b)
		b += storyboard.Seconds(0.43 + 0.03*float64(k%3))
	}
	tl, _ := newTestTimeline(t, p, testSize, testPPS)
	beats, _ := reelBeats(p)
	var got []storyboard.Time
	tl.OnCardTrimmed = func(_ uuid.UUID, d storyboard.Time) { got = append(got, d) }
	for _, dx := range []float32{-37, -11, 13, 29, 71} {
		got = got[:0]
		from := cardPos(tl, 2, 1)
		dragTo(tl, from, fyne.NewPos(from.X+dx, from.Y), 0)
		if len(got) != 1 {
			continue // nothing moved
		}
		end := tl.cards[2].start + got[0]
		if _, found := slices.BinarySearch(beats, end); !found {
			t.Errorf("trim card 2 by %v px: ends at %v; want on a beat of the grid", dx, end)
		}
	}
}

// near reports whether two canvas positions are within half a unit.
func near(a, b float32) bool { return a-b < 0.5 && b-a < 0.5 }
