package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

// TestChooseExcerptOnTheTimeline: the song's three best excerpts for the
// reel's length are drawn on the timeline with a bar above it; one click on
// the second fits the plan to it as one undoable edit, and the choice
// closes. Escape leaves a choice without an edit.
func TestChooseExcerptOnTheTimeline(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	m.win.Resize(fyne.NewSize(1280, 800))
	p := m.ed.Project
	length := p.PlatformPreset().Recommended // what the Fit dialog offers first
	want, err := p.Excerpts(length, 3)
	if err != nil || len(want) != 3 {
		t.Fatalf("Excerpts(%s) = %d, %v", length, len(want), err)
	}
	before, _ := storyboard.Encode(p, "")
	m.cmds.run("chooseExcerpt")
	tl := m.timeline.tl
	cands := tl.Candidates()
	if len(cands) != 3 || !m.timeline.bar.Visible() {
		t.Fatalf("Choose the Excerpt: %d candidates on the timeline, bar shown %v; want 3 and the bar", len(cands), m.timeline.bar.Visible())
	}
	for i, c := range cands {
		if c.Start != want[i].Start || c.End != want[i].End || !strings.HasPrefix(c.Label, string(rune('1'+i))+" · ") {
			t.Errorf("candidate %d: %+v; want %s–%s numbered %d", i, c, want[i].Start, want[i].End, i+1)
		}
	}
	if why := m.chooser.why.Text; !strings.HasPrefix(why, "1: starts on") {
		t.Errorf("the bar says %q; want why excerpt 1", why)
	}
	// Escape leaves it, with no edit.
	m.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.chooser != nil || len(tl.Candidates()) != 0 || m.timeline.bar.Visible() {
		t.Fatalf("Escape: chooser %v, %d candidates, bar %v; want all gone", m.chooser != nil, len(tl.Candidates()), m.timeline.bar.Visible())
	}
	if after, _ := storyboard.Encode(m.ed.Project, ""); !bytes.Equal(before, after) {
		t.Error("Escape changed the project")
	}
	// Again, and a click on the second excerpt's badge on the timeline.
	m.cmds.run("chooseExcerpt")
	pos, ok := tl.CandidatePoint(1)
	if !ok {
		t.Fatal("excerpt 2 is not in view")
	}
	me := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary}
	tl.MouseDown(me)
	tl.MouseUp(me)
	p = m.ed.Project
	if got := p.Soundtrack.Offset; got != want[1].Start {
		t.Errorf("excerpt 2 clicked: the music starts at %s; want %s", got, want[1].Start)
	}
	if d := p.Length() - length; d > storyboard.Second || -d > storyboard.Second {
		t.Errorf("fitted reel lasts %s; want about %s", p.Length(), length)
	}
	if m.chooser != nil || len(tl.Candidates()) != 0 {
		t.Error("the choice is still open after a click on an excerpt")
	}
	if !strings.HasPrefix(m.status.Text, "Fitted ") || !strings.Contains(m.status.Text, " cards to ") {
		t.Errorf("status %q; want the fit's account", m.status.Text)
	}
	m.ed.Undo()
	if after, _ := storyboard.Encode(m.ed.Project, ""); !bytes.Equal(before, after) {
		t.Error("one Undo does not restore the plan byte for byte")
	}
	// From the Fit dialog: the length chosen there, shown on the timeline.
	m.cmds.run("fitPlan")
	if len(m.dialogs) == 0 || m.fitOnTimeline == nil {
		t.Fatal("no Fit dialog, or no Choose on the Timeline in it")
	}
	test.Tap(m.fitOnTimeline)
	rec := m.ed.Project.PlatformPreset().Recommended // the dialog's first length
	if m.chooser == nil || m.chooser.length != rec || m.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Choose on the Timeline: chooser %+v, overlay %v; want the choice for %s and the dialog closed", m.chooser, m.win.Canvas().Overlays().Top(), rec)
	}
	third := m.chooser.excerpts[2]
	test.Tap(m.chooser.buttons[2]) // the bar's buttons choose too
	if m.chooser != nil || m.ed.Project.Soundtrack.Offset != third.Start {
		t.Errorf("the bar's third button: choice open %v, music starts at %s; want closed and %s", m.chooser != nil, m.ed.Project.Soundtrack.Offset, third.Start)
	}
}

// TestWindowFitsSmallScreens: the window's content fits 1024 px wide, in
// every language, with the excerpt choice open and once variants exist.
func TestWindowFitsSmallScreens(t *testing.T) {
	defer setupTranslations("en")
	for _, l := range []string{"en", "it", "ru"} {
		t.Run(l, func(t *testing.T) {
			m := newTestWindow(t)
			setupTranslations(l)
			m.rebuild()
			beatSong(m)
			m.win.Resize(fyne.NewSize(1024, 640))
			if w := m.win.Content().MinSize().Width; w > 1024 {
				t.Errorf("the window needs %.0f px", w)
			}
			m.cmds.run("chooseExcerpt")
			if w := m.win.Content().MinSize().Width; w > 1024 {
				t.Errorf("with the excerpt choice open the window needs %.0f px", w)
			}
			m.closeExcerpts()
			p := m.ed.Project.Clone()
			p.Variants = append(p.Variants, storyboard.Variant{Name: "2-min making-of", Platform: "youtube"})
			m.ed.Replace(p, "")
			if w := m.win.Content().MinSize().Width; w > 1024 {
				t.Errorf("with variants the window needs %.0f px", w)
			}
		})
	}
}

// TestFitAccountTranslated: the status line's account of a fit and the
// excerpts' reasons are in the language in use, not the domain's English.
func TestFitAccountTranslated(t *testing.T) {
	newTestWindow(t)
	defer setupTranslations("en")
	e := storyboard.Excerpt{Start: 80 * storyboard.Second, End: 110 * storyboard.Second, StartOn: "section", Section: "B", Hook: 0.86, EndOn: "phrase"}
	r := storyboard.FitReport{Excerpt: e, Length: 30 * storyboard.Second, Cards: 10, Cuts: 9, OnBars: 6, Acts: []storyboard.ActFit{{Share: 20}, {Share: 60}, {Share: 20}}}
	for l, want := range map[string][]string{
		"en": {"Fitted 10 cards to 0:30.000 of music from 1:20.000 (starts on section B; opens at 86% energy; ends where a phrase ends): acts 20/60/20%, 6 of 9 cuts on a bar."},
		"it": {"10 schede", "inizia sulla sezione B", "finisce dove finisce una frase", "6 tagli su 9"},
		"ru": {"Подогнано карточек: 10", "начинается с части B", "заканчивается в конце фразы", "6 из 9"},
	} {
		setupTranslations(l)
		got := fitAccount(r)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: account %q; want it to hold %q", l, got, w)
			}
		}
	}
}

// TestVariantShownMadeOncePerChange: with a variant shown, the readout, the
// pacing panel and exports share one variant project per change of the
// plan, and a change makes it again.
func TestVariantShownMadeOncePerChange(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	m.cmds.run("addVariant")
	m.answerDialog(fyne.KeyReturn)
	if m.variant == "" {
		t.Fatal("no variant shown after Add Variant")
	}
	a := m.shownProject()
	if b := m.shownProject(); a != b {
		t.Error("the variant shown is made again without a change of the plan")
	}
	if err := m.ed.UpdateCard(m.ed.Project.Cards[0].ID, "title", func(c *storyboard.Card) { c.Title = "Another title" }); err != nil {
		t.Fatal(err)
	}
	if b := m.shownProject(); a == b {
		t.Error("after an edit the variant shown is the old one")
	}
	m.showVariant("")
	if m.shownProject() != m.ed.Project {
		t.Error("the whole plan shown, shownProject is not the plan")
	}
}

// TestSelectWithoutCanvas: when fyne has forgotten which canvas a select is
// on (its cache entry expired a minute after the last draw, the crash of
// fyne-io/fyne#5965), a click and the arrow keys open the list on the
// window's canvas, and a choice in it selects.
func TestSelectWithoutCanvas(t *testing.T) {
	m := newTestWindow(t)
	old := canvasFor
	canvasFor = func(fyne.CanvasObject) fyne.Canvas { return nil }
	defer func() { canvasFor = old }()
	sel := m.viewSel
	test.Tap(sel) // fyne's own Select would dereference a nil canvas here
	top := m.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("a click on the view selector showed no list")
	}
	pop := sel.list
	if pop == nil || !pop.Visible() {
		t.Fatal("the view selector's own list is not shown")
	}
	pop.Items[1].(fyne.Tappable).Tapped(&fyne.PointEvent{}) // "Grid"
	if m.viewMode != "grid" || sel.SelectedIndex() != 1 {
		t.Errorf("chose Grid in the list: view %q, selected %d", m.viewMode, sel.SelectedIndex())
	}
	m.win.Canvas().Overlays().Remove(top)
	sel.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if m.win.Canvas().Overlays().Top() == nil {
		t.Error("↓ on the view selector showed no list")
	}
}

// TestSoundtrackOffsetToTheMillisecond: where the music starts reads to the
// millisecond in the Soundtrack tab, not as a raw float of the fit's beat.
func TestSoundtrackOffsetToTheMillisecond(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	p := m.ed.Project.Clone()
	p.Soundtrack.Offset = storyboard.Seconds(7.999637188208617)
	m.ed.Replace(p, "")
	if got := m.sound.offset.Text; got != "8" {
		t.Errorf("music starts at %q; want \"8\"", got)
	}
}

// TestStatusShowsWholeOnHover: a status line too long for the window shows
// whole in a tooltip while the pointer rests on it; a short one shows none.
func TestStatusShowsWholeOnHover(t *testing.T) {
	m := newTestWindow(t)
	m.win.Resize(fyne.NewSize(1024, 640))
	old := tipLabelDelay
	tipLabelDelay = 0
	defer func() { tipLabelDelay = old }()
	long := strings.Repeat("Fitted 12 cards to 0:29.501 of music from 1:19.621 (starts on section E); ", 4)
	m.say(long)
	in := &desktop.MouseEvent{PointEvent: fyne.PointEvent{AbsolutePosition: fyne.NewPos(400, 620), Position: fyne.NewPos(10, 5)}}
	m.status.MouseIn(in)
	if m.status.tip == nil || !m.status.tip.Visible() {
		t.Fatal("a shortened status line shows no tooltip on hover")
	}
	if got := m.status.tip.Content.(*widget.Label).Text; got != long {
		t.Errorf("tooltip %q; want the whole status %q", got, long)
	}
	m.status.MouseOut()
	if m.status.tip != nil {
		t.Error("the tooltip stays after the pointer left")
	}
	m.say("Saved.")
	m.status.MouseIn(in)
	if m.status.tip != nil {
		t.Error("a status that fits shows a tooltip")
	}
}

// TestVariantNamedInTheUsersLanguage: a variant made in Italian from a
// preset is named in Italian.
func TestVariantNamedInTheUsersLanguage(t *testing.T) {
	m := newTestWindow(t)
	defer setupTranslations("en")
	setupTranslations("it")
	m.rebuild()
	beatSong(m)
	m.cmds.run("addVariant")
	m.answerDialog(fyne.KeyReturn) // the second preset: 30 s Reel
	if _, ok := m.ed.Project.Variant("Reel da 30 s"); !ok || m.variant != "Reel da 30 s" {
		t.Errorf("variants %+v, shown %q; want \"Reel da 30 s\"", m.ed.Project.Variants, m.variant)
	}
}

// TestVariantShownOnTheTimeline: showing a variant shows its cards on the
// timeline, read only, under a bar that names it; the transport plays its
// length; back to the whole plan, everything is the plan's again.
func TestVariantShownOnTheTimeline(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	p := m.ed.Project.Clone()
	for i := range p.Cards {
		p.Cards[i].Optional = i%3 == 2
	}
	m.ed.Replace(p, "")
	m.cmds.run("addVariant")
	m.answerDialog(fyne.KeyReturn) // 30 s Reel
	vp := m.shownProject()
	if m.variant == "" || vp == m.ed.Project {
		t.Fatal("no variant shown after Add Variant")
	}
	tl := m.timeline.tl
	if !tl.ReadOnly() || !m.timeline.bar.Visible() || !strings.Contains(m.variantBar.Text, m.variant) {
		t.Errorf("variant shown: read-only %v, bar %v %q; want a read-only timeline under a bar naming %q", tl.ReadOnly(), m.timeline.bar.Visible(), m.variantBar.Text, m.variant)
	}
	if got, want := tl.CardPoint(vp.Length()-storyboard.Millisecond), vp.Length(); got.X <= 0 {
		t.Errorf("the timeline's last card ends off screen (x %v) for the variant's %s", got.X, want)
	}
	if id, ok := tl.CardAt(vp.Start(len(vp.Cards) - 1)); !ok || id != vp.Cards[len(vp.Cards)-1].ID {
		t.Errorf("the timeline's card at the variant's last start is %v; want the variant's last card", id)
	}
	if got := m.trans.proj().Length(); got != vp.Length() {
		t.Errorf("the transport plays %s; want the variant's %s", got, vp.Length())
	}
	// An edit of the plan while the variant is shown keeps the bar and
	// says the variant's counts again.
	box := m.variantBarBox
	if err := m.ed.UpdateCard(m.ed.Project.Cards[0].ID, "title", func(c *storyboard.Card) { c.Title = "Renamed" }); err != nil {
		t.Fatal(err)
	}
	if m.variantBarBox != box || !m.timeline.showsBar(box) {
		t.Error("an edit of the plan made the variant's bar again")
	}
	m.variantSel.SetSelectedIndex(0)
	if tl.ReadOnly() || m.timeline.bar.Visible() || m.trans.proj() != m.ed.Project {
		t.Errorf("back to the plan: read-only %v, bar %v, transport on the plan %v", tl.ReadOnly(), m.timeline.bar.Visible(), m.trans.proj() == m.ed.Project)
	}
	if id, ok := tl.CardAt(m.ed.Project.Start(len(m.ed.Project.Cards) - 1)); !ok || id != m.ed.Project.Cards[len(m.ed.Project.Cards)-1].ID {
		t.Errorf("back to the plan, the timeline does not show its last card")
	}
}

// TestDecimalCommaInItalian: Italian and Russian write decimals with a
// comma — the grid's "2,50 s", the inspector's seconds and tempo — and the
// fields read what they show.
func TestDecimalCommaInItalian(t *testing.T) {
	m := newTestWindow(t)
	defer setupTranslations("en")
	setupTranslations("it")
	m.rebuild()
	beatSong(m)
	p := m.ed.Project.Clone()
	p.Cards[0].Duration = 2500 * storyboard.Millisecond
	m.ed.Replace(p, "")
	m.ed.Select(m.ed.Project.Cards[0].ID)
	if got := formatSeconds(2500 * storyboard.Millisecond); got != "2,50 s" {
		t.Errorf("Italian seconds: %q; want \"2,50 s\"", got)
	}
	if got := m.insp.seconds.Text; got != "2,5" {
		t.Errorf("Italian inspector seconds: %q; want \"2,5\"", got)
	}
	if got := m.insp.beatsHint.Text; got != "135,1 BPM" {
		t.Errorf("Italian tempo: %q; want \"135,1 BPM\"", got)
	}
	m.insp.seconds.SetText("3,25") // typed as it is shown
	if got := m.ed.Project.Cards[0].Duration; got != 3250*storyboard.Millisecond {
		t.Errorf("typing 3,25 made the card %s long", got)
	}
	setupTranslations("en")
	if got := formatSeconds(2500 * storyboard.Millisecond); got != "2.50 s" {
		t.Errorf("English seconds: %q; want \"2.50 s\"", got)
	}
}

// TestVariantViewWaitsForThePlan: with a variant shown, the playhead and
// the timeline's beats are the variant's, so the edits made at a time or by
// a beat (split, tap a cut, lengthen, shorten) wait for the whole plan.
func TestVariantViewWaitsForThePlan(t *testing.T) {
	m := newTestWindow(t)
	beatSong(m)
	m.ed.Select(m.ed.Project.Cards[1].ID)
	m.cmds.run("addVariant")
	m.answerDialog(fyne.KeyReturn)
	m.trans.seekTo(storyboard.Second)
	for _, id := range []string{"split", "tapCut", "lengthen", "shorten"} {
		if m.cmds.get(id).isEnabled() {
			t.Errorf("%s is enabled with a variant shown", id)
		}
	}
	m.variantSel.SetSelectedIndex(0)
	m.trans.seekTo(storyboard.Second)
	for _, id := range []string{"split", "tapCut", "lengthen", "shorten"} {
		if !m.cmds.get(id).isEnabled() {
			t.Errorf("%s is disabled on the whole plan", id)
		}
	}
}
