package ui

import (
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/timeline"
)

// Preference keys.
const (
	prefLastProject     = "lastProject"
	prefRecent          = "recentProjects"
	prefSnap            = "snap"
	prefDefaultTemplate = "defaultTemplate"
	prefDefaultPlatform = "defaultPlatform"
	prefSafeZones       = "safeZones"
)

// maxRecent bounds the Open Recent menu.
const maxRecent = 8

// LastProject returns the project file opened last, or "" when none was.
func LastProject(a fyne.App) string {
	return a.Preferences().String(prefLastProject)
}

// Run opens the main window on the project file at path, shows it and runs
// the app until the window closes. When path cannot be opened the window
// starts on a new project and says why.
func Run(a fyne.App, path string) {
	setupTranslations(a.Preferences().String(prefLanguage))
	a.Settings().SetTheme(newTheme(a.Preferences().String(prefTheme)))
	w := newMainWindow(a)
	// The act and tag colours follow the theme variant when the system
	// switches between light and dark.
	a.Settings().AddListener(func(fyne.Settings) { w.refresh() })
	w.startAutosave()
	w.win.Show()
	w.openInitial(path)
	a.Run()
}

// mainWindow is the storyboard editor window. It builds the panels and
// wires them in one place (build): each panel knows the Editor and the
// callbacks given to it, never the window or the other panels.
type mainWindow struct {
	app fyne.App
	win fyne.Window
	ed  *Editor

	// Services, kept across rebuilds (a change of language).
	trans *transport
	music *music
	cmds  *commandSet

	grid      *storyGrid
	insp      *inspector
	pacing    *pacingPanel
	sound     *soundtrackPanel
	timeline  *timelineArea
	monitor   *monitorArea
	palette   []*paletteItem
	status    *tipLabel
	views     *fyne.Container
	viewSel   *selectField
	snapCheck *checkField
	viewMode  string
	menu      *fyne.MainMenu
	recentMnu *fyne.MenuItem
	snap      bool
	thumbs    map[string]image.Image
	said      map[string]bool // one-time messages already shown
	closing   bool
	writing   string          // the file an export or render is writing, "" when none
	menuAt    storyboard.Time // the reel time where the timeline's context menu opened

	// The side panels: the palette on the left, the monitor and the
	// inspector on the right, hidden by the user (View menu) or, for the
	// palette, by a narrow window (autoHidden) so the timeline keeps the
	// width.
	left, side           fyne.CanvasObject
	outer, inner         *container.Split
	paletteHidden        bool
	sideHidden           bool
	paletteAuto, userSet bool // paletteAuto: hidden because the window is narrow; userSet: the user chose
	lastWidth            float32

	length         *widget.Label       // the reel's length against its platform
	variant        string              // the variant shown, "" for the whole plan
	shownCache     *storyboard.Project // the variant shown, made from the plan since its last change
	variantSel     *selectField
	variantBar     *widget.Label      // what the bar above the timeline says of the variant shown
	variantBarBox  *fyne.Container    // and the bar itself, kept while the variant is shown
	fitStart       *widget.RadioGroup // the Fit dialog's choice of the music, while shown
	fitOnTimeline  *widget.Button     // and its Choose on the Timeline
	fitWhy         *widget.Label      // and why the excerpt chosen was offered
	chooser        *excerptChooser    // the excerpts offered on the timeline, nil when none are
	unsavedDialog  *dialog.CustomDialog
	settingsDialog dialog.Dialog
	settingsFields *settingsFields
	dialogs        []*answer // the dialogs shown, last on top, that Return and Escape answer
	// async runs background work (decoding, thumbnails, export, autosave);
	// it comes back with fyne.Do. Offscreen rendering and tests run it
	// inline, as fyne's test driver and the offscreen driver run fyne.Do
	// on the caller's goroutine.
	async func(func())

	autosaveStop chan struct{}
	autosaveSoon *time.Timer // the autosave after the last edit
}

func newMainWindow(a fyne.App) *mainWindow {
	m := &mainWindow{
		app:      a,
		win:      a.NewWindow("Reelboard"),
		thumbs:   map[string]image.Image{},
		said:     map[string]bool{},
		snap:     a.Preferences().BoolWithFallback(prefSnap, true),
		viewMode: "both",
	}
	m.async = func(f func()) { go f() }
	windowCanvas = m.win.Canvas // where a select whose canvas fyne forgot shows its list
	p, _ := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Now())
	m.ed = NewEditor(p, "")
	m.ed.Snap = m.snap
	m.trans = newTransport(m.ed)
	m.trans.shown = m.shownProject // a variant shown plays as itself
	m.trans.say = m.sayOnce
	m.music = newMusic(m.ed, m.resolve)
	m.music.async = func(f func()) { m.async(f) }
	m.music.OnTrack = func(t *audio.Track) {
		if t == nil {
			m.trans.setPlayer(nil)
		} else {
			m.trans.setTrack(t)
		}
	}
	m.build()
	m.ed.OnChanged = m.changed
	m.refresh()
	m.win.Resize(fyne.NewSize(1280, 800))
	m.win.SetCloseIntercept(m.requestClose)
	m.win.SetOnDropped(m.dropped)
	return m
}

// build makes the panels in the language now in use and wires them.
func (m *mainWindow) build() {
	m.cmds = newCommandSet(m.commands())
	space := func() { m.cmds.run("play") }
	undo := func() { m.cmds.run("undo") }
	redo := func() { m.cmds.run("redo") }

	m.status = newTipLabel("") // a long account shows whole on hover
	m.length = widget.NewLabel("")
	m.grid = newStoryGrid(m.ed, m.thumbFor, func(uuid.UUID) { m.focusInspector() })
	m.grid.onMenu = func(abs fyne.Position) { m.showMenu(m.cardMenu(false), abs) }
	m.grid.report = m.report
	m.insp = newInspector(m.ed, m.win, space, undo, redo)
	m.pacing = newPacingPanel(m.ed)
	m.pacing.problems = m.soundtrackProblems
	m.pacing.openFit = func() { m.cmds.run("fitPlan") }
	m.pacing.target = m.shownProject
	m.pacing.report = m.report
	m.sound = newSoundtrackPanel(m.ed, m.music, m.win, m.trans.metronome, space, undo, redo)
	m.sound.report = m.report
	m.sound.OnMetronome = m.trans.setMetronome
	m.sound.OnFitted = func(r storyboard.FitReport) { m.say(fitAccount(r)) }
	timeline.WholeBeats = beatsCount
	m.chooser = nil // the new timeline shows none
	m.timeline = newTimelineArea(m.ed, m.snap)
	m.timeline.view = m.shownProject
	m.timeline.tl.SetReadOnly(m.variant != "")
	m.timeline.tl.SetTimeFormat(timeline.TimeFormat(m.app.Preferences().Int(prefTimeFormat)))
	m.timeline.thumbs = m.thumbFor
	m.timeline.report = m.report
	m.timeline.OnOpen = func(uuid.UUID) { m.focusInspector() }
	m.timeline.tl.OnContextMenu = func(id uuid.UUID, at storyboard.Time, abs fyne.Position) {
		m.menuAt = at
		if id == uuid.Nil {
			m.showMenu(m.timelineMenu(), abs)
			return
		}
		m.showMenu(m.cardMenu(true), abs)
	}
	m.monitor = newMonitorArea(m.ed, m.app.Preferences().Bool(prefSafeZones))
	m.monitor.shown = m.shownProject
	m.monitor.mon.Async = func(f func()) { m.async(f) }
	m.monitor.mon.OnSafeZonesChanged = func(on bool) { m.app.Preferences().SetBool(prefSafeZones, on) }

	// The wiring: each panel reports through callbacks.
	m.pacing.onSeek = m.trans.seekTo
	m.timeline.OnSeek = m.trans.seekTo
	m.trans.OnPosition = func(t storyboard.Time) {
		m.timeline.SetPlayhead(t)
		m.monitor.SetPlayhead(t)
		if m.timeline.playing {
			m.grid.setCurrent(cardID(m.ed.Project, t))
		}
	}
	m.trans.OnPlaying = func(on bool) {
		m.timeline.SetPlaying(on)
		if on {
			m.grid.setCurrent(cardID(m.shownProject(), m.trans.playhead())) // the variant's card while one plays
		} else {
			m.grid.setCurrent(uuid.Nil)
		}
	}
	m.trans.OnLoop = m.timeline.SetLoop
	m.music.OnWaveform = m.timeline.SetWaveform
	m.music.OnGrow = m.timeline.WaveformGrew
	m.music.OnState = func() {
		m.sound.showState()
		m.pacing.refresh()
	}
	transport := m.trans.build()
	if m.music.wave != nil {
		m.timeline.SetWaveform(m.music.wave)
	}
	m.timeline.SetPlayhead(m.trans.pos)

	palette, items := newPalette(
		func(k storyboard.ShotKind) { m.report(m.ed.AddCard(k)) },
		m.paletteDropped, m.paletteDragging)
	m.palette = items

	m.views = container.NewStack()
	m.setViewMode(m.viewMode)

	right := container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Inspector"), theme.DocumentCreateIcon(), container.NewVScroll(container.NewPadded(m.insp.content))),
		container.NewTabItemWithIcon(lang.L("Soundtrack"), theme.MediaMusicIcon(), container.NewVScroll(m.sound.content)),
	)
	centre := container.NewVSplit(m.views, m.pacing.content)
	centre.Offset = 0.86
	side := container.NewVSplit(m.monitor.mon, right)
	side.Offset = 0.4
	inner := container.NewHSplit(centre, side)
	inner.Offset = 0.64
	left := container.NewBorder(widget.NewLabelWithStyle(lang.L("Shot palette"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, palette)
	outer := container.NewHSplit(left, inner)
	outer.Offset = 0.16
	m.left, m.side, m.outer, m.inner = left, side, outer, inner
	setShown(m.left, !m.paletteHidden)
	setShown(m.side, !m.sideHidden)

	top := container.NewVBox(m.toolbar(), widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, transport, m.length, m.status))
	m.win.SetContent(container.NewBorder(top, bottom, nil, nil, container.New(&widthWatch{onWidth: m.fitPanels}, outer)))
	m.buildMenus()
	m.shortcuts()
}

// viewModes are the view selector's modes, in its order.
var viewModes = []string{"timeline", "grid", "both"}

func (m *mainWindow) toolbar() fyne.CanvasObject {
	names := []string{lang.L("Timeline"), lang.L("Grid"), lang.L("Timeline and grid")}
	m.viewSel = newSelectField(names, func(string) {
		m.setViewMode(viewModes[max(0, m.viewSel.SelectedIndex())])
	}, func() { m.cmds.run("play") })
	m.viewSel.SetSelectedIndex(max(0, indexOf(viewModes, m.viewMode)))
	m.snapCheck = newCheckField(lang.L("Snap to beats"), func(b bool) { m.setSnap(b) }, func() { m.cmds.run("play") })
	m.snapCheck.SetChecked(m.snap)
	var items []widget.ToolbarItem
	for _, id := range []string{"new", "open", "save", "render", "|", "undo", "redo", "|", "duplicate", "split", "delete", "|", "zoomOut", "zoomIn", "zoomFit"} {
		if id == "|" {
			items = append(items, widget.NewToolbarSeparator())
			continue
		}
		items = append(items, m.cmds.tool(id))
	}
	tb := widget.NewToolbar(items...)
	// The selectors go without "View:" and "Variant:" labels, their
	// choices name themselves: with them the window needed 1,130 px.
	view := minWidth(selectWidth(names), m.viewSel)
	m.variantSel = newSelectField(m.variantNames(), func(string) {
		i := m.variantSel.SelectedIndex()
		if i == len(m.ed.Project.Variants)+1 { // the last choice: Add Variant…
			m.syncVariants() // the selector goes back to what is shown
			m.cmds.run("addVariant")
			return
		}
		name := ""
		if i > 0 && i <= len(m.ed.Project.Variants) {
			name = m.ed.Project.Variants[i-1].Name
		}
		if name != m.variant {
			m.showVariant(name)
		}
	}, func() { m.cmds.run("play") })
	m.variantSel.SetSelectedIndex(0)
	variant := minWidth(selectWidth([]string{lang.L("Whole plan"), lang.L("2-min making-of")}), m.variantSel) // never showing Add Variant…
	return container.NewBorder(nil, nil, tb, container.NewHBox(m.snapCheck, variant, view))
}

func (m *mainWindow) setViewMode(mode string) {
	m.viewMode = mode
	var content fyne.CanvasObject
	switch mode {
	case "timeline":
		content = m.timeline.content
	case "grid":
		content = m.grid
	default:
		s := container.NewVSplit(m.timeline.content, m.grid)
		s.Offset = 0.45
		content = s
	}
	m.timeline.shown = mode != "grid"
	m.views.Objects = []fyne.CanvasObject{content}
	m.views.Refresh()
}

func (m *mainWindow) setSnap(b bool) {
	if m.snap == b {
		return
	}
	m.snap = b
	m.ed.Snap = b
	m.app.Preferences().SetBool(prefSnap, b)
	if m.snapCheck != nil {
		m.snapCheck.SetChecked(b)
	}
	m.timeline.setSnap(b)
}

// refresh shows everything again (a theme switch, a rebuild).
func (m *mainWindow) refresh() { m.changed(everything) }

// changed updates the views ch touched; each updates only what it shows.
func (m *mainWindow) changed(ch Change) {
	if ch.CardsChanged() || ch.Soundtrack || ch.Settings || ch.History {
		m.shownCache = nil // the variant shown is made again from the new plan, once
		m.edited()
	}
	if ch.Saved || ch.Settings || ch.Project || ch.History {
		m.updateTitle()
	}
	if ch.Soundtrack || ch.Project {
		m.music.Sync()
	}
	if ch.Project || ch.Settings || ch.History {
		// The variants may have come or gone (an added variant, an undo).
		if _, ok := m.ed.Project.Variant(m.variant); (m.variant != "" && !ok) || m.variantSel != nil && len(m.variantSel.Options) != len(m.ed.Project.Variants)+2 {
			old := m.variant
			m.syncVariants()
			if m.variant != old {
				m.pacing.refresh() // the variant shown is gone: back to the plan
				m.showLength()
			}
		}
	}
	if ch.CardsChanged() || ch.Settings {
		m.showLength()
	}
	m.grid.update(ch)
	m.insp.update(ch, m.win.Canvas().Focused())
	if ch.CardsChanged() || ch.Soundtrack || ch.Settings {
		m.pacing.refresh()
	}
	m.sound.update(ch)
	m.timeline.update(ch)
	m.excerptsChanged(ch)
	// The variant shown may have gone (an undo), or changed with the plan.
	if view := m.variant != ""; m.timeline.tl.ReadOnly() != view {
		m.timeline.tl.SetReadOnly(view)
		m.showVariantBar()
	} else if view && (ch.CardsChanged() || ch.Soundtrack || ch.Project) {
		m.showVariantBar()
	}
	m.monitor.update(ch)
	m.trans.update(ch)
	if m.cmds.updateEnabled() && m.menu != nil {
		m.menu.Refresh()
	}
}

// soundtrackProblems is the pacing panel's error when the project's
// soundtrack cannot be read.
func (m *mainWindow) soundtrackProblems() []finding {
	if m.music.Problem() == nil {
		return nil
	}
	return []finding{{Error: true, Code: "soundtrack-unreadable", Message: m.music.Status()}}
}

// projectName is the name the title shows: the file's name, or the
// project's title before the first save.
func (m *mainWindow) projectName() string {
	if m.ed.Path != "" {
		return strings.TrimSuffix(filepath.Base(m.ed.Path), filepath.Ext(m.ed.Path))
	}
	if m.ed.Project.Title != "" {
		return m.ed.Project.Title
	}
	return lang.L("Untitled")
}

func (m *mainWindow) updateTitle() {
	t := "Reelboard — " + m.projectName()
	if m.ed.Dirty() {
		t += " *"
	}
	if m.win.Title() != t {
		m.win.SetTitle(t)
	}
}

// report shows an edit's error in the status bar, in one sentence.
func (m *mainWindow) report(err error) {
	if err != nil {
		m.say(editReason(err))
	}
}

// say puts a one-sentence message in the status bar.
func (m *mainWindow) say(msg string) { m.status.SetText(msg) }

// sayOnce puts a message in the status bar the first time key is seen.
func (m *mainWindow) sayOnce(key, msg string) {
	if m.said[key] {
		return
	}
	m.said[key] = true
	m.say(msg)
}

func (m *mainWindow) focusInspector() {
	m.win.Canvas().Focus(m.insp.title)
}

func (m *mainWindow) split() {
	m.report(m.ed.SplitAt(m.trans.playhead()))
}

// selectStep moves the selection to the previous (dir < 0) or next card.
func (m *mainWindow) selectStep(dir int) {
	p := m.ed.Project
	if len(p.Cards) == 0 {
		return
	}
	i := m.ed.Selected()
	switch {
	case i < 0 && dir > 0:
		i = 0
	case i < 0:
		i = len(p.Cards) - 1
	default:
		i = max(0, min(len(p.Cards)-1, i+dir))
	}
	m.ed.Select(p.Cards[i].ID)
	m.trans.seekTo(p.Start(i))
}

// paletteDropped adds a card of kind k where a palette drag ended.
func (m *mainWindow) paletteDropped(k storyboard.ShotKind, abs fyne.Position) {
	m.timeline.endDragHint()
	if m.timeline.dropKind(k, abs) {
		return
	}
	if m.viewMode != "timeline" && inside(m.grid, abs) {
		if a, ok := m.grid.actAtPos(abs); ok {
			m.report(m.ed.AddCardIn(k, a)) // onto an empty act's cell
			return
		}
		m.report(m.ed.AddCard(k))
	}
}

func (m *mainWindow) paletteDragging(k storyboard.ShotKind, abs fyne.Position) {
	m.timeline.dragHint(k, abs)
}

// inside reports whether the absolute position abs falls on o.
func inside(o fyne.CanvasObject, abs fyne.Position) bool {
	if !o.Visible() {
		return false
	}
	d := fyne.CurrentApp().Driver()
	pos := d.AbsolutePositionForObject(o)
	s := o.Size()
	return abs.X >= pos.X && abs.Y >= pos.Y && abs.X < pos.X+s.Width && abs.Y < pos.Y+s.Height
}

// ---- files ----

// openInitial opens the project main passed, offering a recovery file first
// when the last session ended without saving.
func (m *mainWindow) openInitial(path string) {
	if path != "" {
		if err := m.load(path); err != nil {
			m.showFileError(actionOpen, path, err)
		}
	}
	m.offerRecovery()
}

func (m *mainWindow) load(path string) error {
	p, err := storyboard.Load(path)
	if err != nil {
		return err
	}
	if pristineDemo(path) {
		localizeDemo(p) // the demo speaks the user's language until it is saved
	}
	m.trans.stop()
	m.ed.Replace(p, path)
	m.say("") // what the status said was about the project before
	m.rememberProject(path)
	m.timeline.zoomFit()
	return nil
}

func (m *mainWindow) rememberProject(path string) {
	abs, err := filepath.Abs(path)
	if err == nil {
		path = abs
	}
	prefs := m.app.Preferences()
	prefs.SetString(prefLastProject, path)
	recent := []string{path}
	for _, r := range prefs.StringList(prefRecent) {
		if r != path && len(recent) < maxRecent {
			recent = append(recent, r)
		}
	}
	prefs.SetStringList(prefRecent, recent)
	m.updateRecentMenu()
}

// confirmDiscard runs then when there are no unsaved changes, or after the
// user chose to save or discard them; Cancel runs nothing.
func (m *mainWindow) confirmDiscard(then func()) {
	if !m.ed.Dirty() {
		then()
		return
	}
	msg := widget.NewLabel(fmt.Sprintf(lang.L("Save the changes to “%s” before closing it?"), m.projectName()))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	save := widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		m.saveCommand(then)
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton(lang.L("Don't Save"), func() {
		d.Hide()
		then()
	})
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes"), msg, m.win)
	d.SetButtons([]fyne.CanvasObject{discard, cancel, save})
	d.Resize(fyne.NewSize(480, 0))
	m.showAnswered(d, save.OnTapped, cancel.OnTapped)
	m.unsavedDialog = d
}

// requestClose is the window's close intercept.
func (m *mainWindow) requestClose() {
	m.confirmDiscard(func() {
		m.closing = true
		m.stopAutosave()
		m.removeRecovery()
		m.trans.close()
		m.win.Close()
	})
}

// save writes the project to its file (asking for one the first time) and
// then runs then, when not nil.
func (m *mainWindow) save(then func()) {
	if m.ed.Path == "" {
		m.saveAs(then)
		return
	}
	m.saveTo(m.ed.Path, then)
}

func (m *mainWindow) saveTo(path string, then func()) {
	old := m.recoveryTarget()
	if err := storyboard.Save(m.ed.Project, path); err != nil {
		m.showFileError(actionSave, path, err)
		return
	}
	storyboard.RemoveRecovery(old)
	m.ed.MarkSaved(path)
	m.rememberProject(path)
	m.removeRecovery()
	m.say(fmt.Sprintf(lang.L("Saved %s."), filepath.Base(path)))
	if then != nil {
		then()
	}
}

// saveAs asks for a new file for the project and saves it there, then runs
// then, when not nil. An existing file is replaced only once the new one is
// written, and its previous content is kept as NAME.reel.bak.
func (m *mainWindow) saveAs(then func()) *savePathDialog {
	name := safeFileName(m.ed.Project.Title) + ".reel"
	if m.ed.Path != "" {
		name = filepath.Base(m.ed.Path)
	}
	return m.askSavePath(lang.L("Save Project As"), lang.L("Save"), name, ".reel", func(path string) {
		m.saveTo(path, then)
	})
}

func safeFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return "reel"
	}
	return s
}

func (m *mainWindow) openDialog() {
	m.confirmDiscard(func() {
		o := showOpenPath(m.win, lang.L("Open Project"), m.defaultFolder(), []string{".reel"}, m.openPath)
		m.showAnswered(o.dlg, o.submit, o.dlg.Hide)
	})
}

func (m *mainWindow) openPath(path string) {
	if err := m.load(path); err != nil {
		m.showFileError(actionOpen, path, err)
	}
}

// newProject asks for a template and a platform and starts a new project.
func (m *mainWindow) newProject() {
	m.confirmDiscard(func() {
		var tnames []string
		for _, t := range storyboard.Templates {
			tnames = append(tnames, templateName(t.Format))
		}
		var pnames []string
		for _, p := range storyboard.Platforms {
			pnames = append(pnames, platformName(p))
		}
		tsel := newSelectField(tnames, nil, nil)
		tsel.SetSelectedIndex(templateIndex(storyboard.Format(m.app.Preferences().StringWithFallback(prefDefaultTemplate, string(storyboard.FormatBackstage)))))
		psel := newSelectField(pnames, nil, nil)
		psel.SetSelectedIndex(platformIndex(m.app.Preferences().StringWithFallback(prefDefaultPlatform, "instagram-reels")))
		d := dialog.NewForm(lang.L("New project"), lang.L("Create"), lang.L("Cancel"), []*widget.FormItem{
			widget.NewFormItem(lang.L("Template"), minWidth(selectWidth(tnames), tsel)),
			widget.NewFormItem(lang.L("Platform"), minWidth(selectWidth(pnames), psel)),
		}, func(ok bool) {
			if !ok {
				return
			}
			t := storyboard.Templates[max(tsel.SelectedIndex(), 0)]
			pl := storyboard.Platforms[max(psel.SelectedIndex(), 0)]
			p, err := storyboard.NewProject(t.Format, pl.ID, time.Now())
			if err != nil {
				m.report(err)
				return
			}
			for i := range p.Cards {
				p.Cards[i].Title = tr("template."+string(t.Format)+"."+fmt.Sprint(i), p.Cards[i].Title)
			}
			p.Title = fmt.Sprintf(lang.L("Untitled %s"), templateName(t.Format))
			m.trans.stop()
			m.ed.Replace(p, "")
			m.say("")
			m.timeline.zoomFit()
			m.showSettings() // title, author, client, rate… of the new project, at once
		}, m.win)
		d.Resize(fyne.NewSize(560, 0))
		d.Show()
	})
}

func templateName(f storyboard.Format) string {
	t, _ := storyboard.TemplateFor(f)
	return tr("template."+string(f), t.Name)
}

func platformName(p storyboard.Platform) string {
	name := p.Name
	if p.ID == "custom" {
		name = lang.L("Custom")
	}
	return fmt.Sprintf("%s (%s)", name, p.Aspect)
}

func templateIndex(f storyboard.Format) int {
	for i, t := range storyboard.Templates {
		if t.Format == f {
			return i
		}
	}
	return 0
}

func platformIndex(id string) int {
	for i, p := range storyboard.Platforms {
		if p.ID == id {
			return i
		}
	}
	return 0
}

// ---- menus and shortcuts ----

// commands is the editor's table of commands.
func (m *mainWindow) commands() []*command {
	hasSel := func() bool { return len(m.ed.selection) > 0 }
	canUndo := func() bool { return m.ed.history.CanUndo() }
	canRedo := func() bool { return m.ed.history.CanRedo() }
	hasBeats := func() bool { b, _ := m.ed.Project.BeatGrid(); return len(b) > 0 }
	// The playhead and the timeline's times are the variant's while one is
	// shown: the edits made at a time (or by the timeline's beats) wait for
	// the whole plan.
	onPlan := func() bool { return m.variant == "" }
	overCard := func() bool { return onPlan() && cardAt(m.ed.Project, m.trans.playhead()) >= 0 }
	hasCards := func() bool { return len(m.ed.Project.Cards) > 0 }
	loop := func(l loopMode) func() { return func() { m.trans.setLoop(l) } }
	cmds := []*command{
		{id: "play", label: "Play/Pause", help: "Play or pause", keys: []shortcutKey{plainKey(fyne.KeySpace)}, run: m.trans.toggle},
		{id: "undo", label: "Undo", icon: theme.ContentUndoIcon(), keys: []shortcutKey{{name: fyne.KeyZ, mod: fyne.KeyModifierShortcutDefault, sc: &fyne.ShortcutUndo{}}}, enabled: canUndo, run: func() { m.ed.Undo() }},
		{id: "redo", label: "Redo", icon: theme.ContentRedoIcon(), keys: []shortcutKey{{name: fyne.KeyY, mod: fyne.KeyModifierShortcutDefault, sc: &fyne.ShortcutRedo{}}, ctrlShiftKey(fyne.KeyZ)}, enabled: canRedo, run: func() { m.ed.Redo() }},
		{id: "save", label: "Save", icon: theme.DocumentSaveIcon(), keys: []shortcutKey{ctrlKey(fyne.KeyS)}, run: func() { m.saveCommand(nil) }},
		{id: "saveAs", label: "Save As…", help: "Save as", keys: []shortcutKey{ctrlShiftKey(fyne.KeyS)}, run: func() { m.saveAs(m.afterSave(nil)) }},
		{id: "new", label: "New…", help: "New project", icon: theme.DocumentIcon(), keys: []shortcutKey{ctrlKey(fyne.KeyN)}, run: m.newProject},
		{id: "open", label: "Open…", help: "Open a project", icon: theme.FolderOpenIcon(), keys: []shortcutKey{ctrlKey(fyne.KeyO)}, run: m.openDialog},
		{id: "render", label: "Render Preview Video…", help: "Render a preview video", icon: theme.MediaVideoIcon(), keys: []shortcutKey{ctrlKey(fyne.KeyR)}, run: func() { m.renderDialog() }},
		{id: "selectAll", label: "Select All Cards", help: "Select all the cards", keys: []shortcutKey{{name: fyne.KeyA, mod: fyne.KeyModifierShortcutDefault, sc: &fyne.ShortcutSelectAll{}}}, enabled: hasCards, run: m.selectAll},
		{id: "delete", label: "Delete", help: "Delete the selected cards", icon: theme.DeleteIcon(), keys: []shortcutKey{plainKey(fyne.KeyDelete), plainKey(fyne.KeyBackspace)}, enabled: hasSel, run: func() { m.report(m.ed.DeleteSelected()) }},
		{id: "duplicate", label: "Duplicate", help: "Duplicate the selected cards", icon: theme.ContentCopyIcon(), keys: []shortcutKey{ctrlKey(fyne.KeyD)}, enabled: hasSel, run: func() { m.report(m.ed.DuplicateSelected()) }},
		{id: "split", label: "Split at Playhead", help: "Split the card at the playhead", icon: theme.ContentCutIcon(), keys: []shortcutKey{{name: fyne.KeyS, text: "S"}}, runes: []rune{'s', 'S'}, enabled: overCard, run: m.split},
		{id: "snapAll", label: "Snap All Cuts to Beats", enabled: hasBeats, run: func() { m.report(m.ed.Do(storyboard.SnapToBeats())) }},
		{id: "prev", label: "Select Previous Card", help: "Select the previous card", keys: []shortcutKey{plainKey(fyne.KeyLeft)}, enabled: hasCards, run: func() { m.selectStep(-1) }},
		{id: "next", label: "Select Next Card", help: "Select the next card", keys: []shortcutKey{plainKey(fyne.KeyRight)}, enabled: hasCards, run: func() { m.selectStep(1) }},
		{id: "moveEarlier", label: "Move Card Earlier", help: "Move the selected card earlier", keys: []shortcutKey{ctrlKey(fyne.KeyLeft)}, enabled: hasSel, run: func() { m.report(m.ed.MoveSelected(-1)) }},
		{id: "moveLater", label: "Move Card Later", help: "Move the selected card later", keys: []shortcutKey{ctrlKey(fyne.KeyRight)}, enabled: hasSel, run: func() { m.report(m.ed.MoveSelected(1)) }},
		{id: "lengthen", label: "Lengthen Card", help: "Lengthen the selected card by a beat (a frame without snapping)", keys: []shortcutKey{plainKey(fyne.KeyUp)}, enabled: func() bool { return onPlan() && hasSel() }, run: func() { m.report(m.timeline.beatStep(1)) }},
		{id: "shorten", label: "Shorten Card", help: "Shorten the selected card by a beat (a frame without snapping)", keys: []shortcutKey{plainKey(fyne.KeyDown)}, enabled: func() bool { return onPlan() && hasSel() }, run: func() { m.report(m.timeline.beatStep(-1)) }},
		{id: "zoomIn", label: "Zoom In", help: "Zoom the timeline in", icon: theme.ZoomInIcon(), keys: []shortcutKey{{name: fyne.KeyPlus, text: "+"}}, runes: []rune{'+', '='}, run: m.timeline0(func(t *timelineArea) { t.zoomIn() })},
		{id: "zoomOut", label: "Zoom Out", help: "Zoom the timeline out", icon: theme.ZoomOutIcon(), keys: []shortcutKey{{name: fyne.KeyMinus, text: "−"}}, runes: []rune{'-', '_'}, run: m.timeline0(func(t *timelineArea) { t.zoomOut() })},
		{id: "zoomFit", label: "Zoom to Fit", help: "Zoom the timeline to fit", icon: theme.ZoomFitIcon(), keys: []shortcutKey{ctrlKey(fyne.Key0)}, run: m.timeline0(func(t *timelineArea) { t.zoomFit() })},
		{id: "snap", label: "Snap to Beats", help: "Turn snapping to beats on or off", keys: []shortcutKey{{name: fyne.KeyB, text: "B"}}, runes: []rune{'b', 'B'}, run: func() { m.setSnap(!m.snap) }},
		{id: "loopSel", label: "Loop Selection", help: "Loop the selection", keys: []shortcutKey{{name: fyne.KeyL, text: "L"}}, runes: []rune{'l', 'L'}, run: loop(loopSelection)},
		{id: "loopArrival", label: "Loop Arrival", run: loop(loopArrival)},
		{id: "loopWork", label: "Loop Work", run: loop(loopWork)},
		{id: "loopFulfilment", label: "Loop Fulfilment", run: loop(loopFulfilment)},
		{id: "loopOff", label: "No Loop", run: loop(loopOff)},
		{id: "tapCut", label: "Tap a Cut", help: "Mark a cut at the playhead, on the nearest beat (tap it while playing)", keys: []shortcutKey{{name: fyne.KeyT, text: "T"}}, runes: []rune{'t', 'T'}, enabled: func() bool { return onPlan() && hasCards() }, run: func() { m.report(m.ed.Do(storyboard.TapCut(m.trans.playhead()))) }},
		{id: "fitPlan", label: "Fit Plan to Music…", help: "Fit the plan to the music: excerpt, acts on sections, cuts on beats", keys: []shortcutKey{ctrlShiftKey(fyne.KeyF)}, enabled: hasBeats, run: m.fitDialog},
		{id: "chooseExcerpt", label: "Choose the Excerpt on the Timeline…", help: "Show the song's three best excerpts for the platform's recommended length on the timeline, to fit the plan to one with a click", enabled: hasBeats, run: m.chooseExcerptCmd},
		{id: "cancelExcerpts", label: "Cancel the Excerpt Choice", help: "Leave the choice of an excerpt on the timeline", keys: []shortcutKey{plainKey(fyne.KeyEscape)}, enabled: func() bool { return m.chooser != nil }, run: m.closeExcerpts},
		{id: "addVariant", label: "Add Variant…", help: "Add a cut-down of the plan (a 15 s Story, a 30 s Reel…)", enabled: hasCards, run: m.addVariantDialog},
		{id: "refitVariants", label: "Refit Variants", help: "Fit every variant again to the plan as it is now", enabled: func() bool { return len(m.ed.Project.Variants) > 0 }, run: func() { m.report(m.ed.Do(storyboard.RefitVariants())) }},
		{id: "deleteVariant", label: "Delete Variant", help: "Delete the variant shown", enabled: func() bool { return m.variant != "" }, run: m.deleteVariant},
		{id: "splitHere", label: "Split Here", help: "Split the card where the context menu was opened", enabled: func() bool { return onPlan() && cardAt(m.ed.Project, m.menuAt) >= 0 }, run: func() { m.report(m.ed.SplitAt(m.menuAt)) }},
		{id: "toArrival", name: func() string { return fmt.Sprintf(lang.L("Move to %s"), actName(storyboard.Arrival)) }, enabled: hasSel, run: func() { m.report(m.ed.MoveSelectedToAct(storyboard.Arrival)) }},
		{id: "toWork", name: func() string { return fmt.Sprintf(lang.L("Move to %s"), actName(storyboard.Work)) }, enabled: hasSel, run: func() { m.report(m.ed.MoveSelectedToAct(storyboard.Work)) }},
		{id: "toFulfilment", name: func() string { return fmt.Sprintf(lang.L("Move to %s"), actName(storyboard.Fulfilment)) }, enabled: hasSel, run: func() { m.report(m.ed.MoveSelectedToAct(storyboard.Fulfilment)) }},
		{id: "captured", label: "Captured on Set", help: "Mark the selected cards captured on set, or not", keys: []shortcutKey{{name: fyne.KeyC, text: "C"}}, runes: []rune{'c', 'C'}, enabled: hasSel, run: func() { m.report(m.ed.ToggleCapturedSelected()) }},
		{id: "zoomSel", label: "Zoom to Selection", help: "Zoom the timeline to the selected cards", keys: []shortcutKey{ctrlShiftKey(fyne.Key0)}, enabled: hasSel, run: m.timeline0(func(t *timelineArea) { t.zoomSelection() })},
		{id: "palette", name: func() string {
			return showHide(!m.paletteHidden, lang.L("Show Shot Palette"), lang.L("Hide Shot Palette"))
		}, help: "Show or hide the shot palette", keys: []shortcutKey{plainKey(fyne.KeyF9)}, run: func() { m.togglePanel(true) }},
		{id: "sidePanel", name: func() string {
			return showHide(!m.sideHidden, lang.L("Show Monitor and Inspector"), lang.L("Hide Monitor and Inspector"))
		}, help: "Show or hide the monitor and the inspector", keys: []shortcutKey{plainKey(fyne.KeyF10)}, run: func() { m.togglePanel(false) }},
		{id: "start", label: "Go to Start", help: "Go to the start", keys: []shortcutKey{plainKey(fyne.KeyHome)}, run: func() { m.trans.seekTo(0) }},
		{id: "settings", label: "Project Settings…", run: m.showSettings},
		{id: "prefs", label: "Preferences…", help: "Preferences", keys: []shortcutKey{ctrlKey(fyne.KeyComma)}, run: m.showPreferences},
		{id: "help", label: "Keyboard Shortcuts", help: "This help", keys: []shortcutKey{plainKey(fyne.KeyF1)}, run: m.showHelp},
	}
	// One command per colour tag, and one to remove the tag.
	for _, tag := range append([]string{""}, storyboard.ColorTags...) {
		cmds = append(cmds, &command{id: "tag:" + tag, name: func() string { return colorName(tag) }, enabled: hasSel,
			run: func() { m.report(m.ed.SetTagSelected(tag)) }})
	}
	return cmds
}

// cardMenu is the context menu of the selected cards, in the grid and on
// the timeline; onTimeline adds the commands that act where it was opened.
func (m *mainWindow) cardMenu(onTimeline bool) *fyne.Menu {
	cs := m.cmds
	acts := fyne.NewMenuItem(lang.L("Move to Act"), nil)
	acts.ChildMenu = cs.contextMenu("toArrival", "toWork", "toFulfilment")
	var tagIDs []any
	for _, tag := range append([]string{""}, storyboard.ColorTags...) {
		tagIDs = append(tagIDs, "tag:"+tag)
	}
	tags := fyne.NewMenuItem(lang.L("Colour tag"), nil)
	tags.ChildMenu = cs.contextMenu(tagIDs...)
	if !m.hasSelection() {
		acts.Disabled, tags.Disabled = true, true
	}
	split := "split"
	if onTimeline {
		split = "splitHere"
	}
	return cs.contextMenu("duplicate", split, "delete", "", acts, tags, "captured", "", "loopSel", "zoomSel")
}

// timelineMenu is the context menu of the timeline off the cards.
func (m *mainWindow) timelineMenu() *fyne.Menu {
	return m.cmds.contextMenu("play", "start", "", "zoomIn", "zoomOut", "zoomFit", "", "snap", "snapAll")
}

// isEntry reports whether o is a text entry (fyne's or one made from it).
func isEntry(o any) bool {
	switch o.(type) {
	case *widget.Entry, *textEntry:
		return true
	}
	return false
}

// narrowWidth is the window width under which the palette folds away by
// itself (1024×640 laptops), giving the timeline the width.
const narrowWidth = 1200

// fitPanels folds the palette away when the window becomes narrow and
// brings it back when it widens, unless the user chose from the View menu.
func (m *mainWindow) fitPanels(w float32) {
	narrow, was := w < narrowWidth, m.lastWidth > 0 && m.lastWidth < narrowWidth
	first := m.lastWidth == 0
	m.lastWidth = w
	if m.userSet || (!first && narrow == was) {
		return
	}
	switch {
	case narrow && !m.paletteHidden:
		m.paletteHidden, m.paletteAuto = true, true
	case !narrow && m.paletteAuto:
		m.paletteHidden, m.paletteAuto = false, false
	default:
		return
	}
	m.showPanels()
}

// togglePanel shows or hides the palette (left) or the monitor and
// inspector (right), as the user asked: the window's width no longer
// decides for the palette.
func (m *mainWindow) togglePanel(left bool) {
	if left {
		m.paletteHidden, m.paletteAuto, m.userSet = !m.paletteHidden, false, true
	} else {
		m.sideHidden = !m.sideHidden
	}
	m.showPanels()
}

func (m *mainWindow) showPanels() {
	if m.left == nil {
		return
	}
	setShown(m.left, !m.paletteHidden)
	setShown(m.side, !m.sideHidden)
	m.outer.Refresh()
	m.inner.Refresh()
	for _, id := range []string{"palette", "sidePanel"} {
		if it := m.cmds.items[id]; it != nil {
			it.Label = m.cmds.get(id).text()
		}
	}
	if m.menu != nil {
		m.menu.Refresh()
	}
}

// widthWatch lays out its one object over the whole space and reports the
// width of every layout.
type widthWatch struct{ onWidth func(float32) }

func (l *widthWatch) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(s)
	}
	l.onWidth(s.Width)
}

func (l *widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// cardID is the ID of the card playing at reel time t, uuid.Nil for none.
func cardID(p *storyboard.Project, t storyboard.Time) uuid.UUID {
	if i := cardAt(p, t); i >= 0 {
		return p.Cards[i].ID
	}
	return uuid.Nil
}

func (m *mainWindow) hasSelection() bool { return len(m.ed.selection) > 0 }

// showMenu shows menu at the absolute position abs.
func (m *mainWindow) showMenu(menu *fyne.Menu, abs fyne.Position) {
	widget.ShowPopUpMenuAtPosition(menu, m.win.Canvas(), abs)
}

// timeline0 runs f on the timeline panel as it is when the command runs
// (the panel is made again after a change of language).
func (m *mainWindow) timeline0(f func(*timelineArea)) func() { return func() { f(m.timeline) } }

// selectAll is Ctrl+A: in a text field it selects the field's text,
// elsewhere every card.
func (m *mainWindow) selectAll() {
	// Any focused text field (the inspector's, a dialog's) selects its own
	// text; the menu's shortcut reaches us before the field.
	if f, ok := m.win.Canvas().Focused().(fyne.Shortcutable); ok && isEntry(f) {
		f.TypedShortcut(&fyne.ShortcutSelectAll{})
		return
	}
	if m.win.Canvas().Overlays().Top() != nil {
		return // a dialog is open: the cards behind it are not the target
	}
	m.ed.SelectAll()
}

func (m *mainWindow) buildMenus() {
	cs := m.cmds
	m.recentMnu = fyne.NewMenuItem(lang.L("Open Recent"), nil)
	m.updateRecentMenu()
	file := cs.menu(lang.L("File"), "new", "open")
	file.Items = append(file.Items, m.recentMnu, fyne.NewMenuItemSeparator(), cs.menuItem("save"), cs.menuItem("saveAs"))
	if exp := m.exportMenu(); exp != nil {
		file.Items = append(file.Items, exp)
	}
	file.Items = append(file.Items, cs.menuItem("render"), fyne.NewMenuItemSeparator(), cs.menuItem("settings"), cs.menuItem("prefs"))
	edit := cs.menu(lang.L("Edit"), "undo", "redo", "", "selectAll", "duplicate", "split", "tapCut", "delete", "captured", "", "snapAll", "fitPlan", "chooseExcerpt", "addVariant", "refitVariants", "deleteVariant", "",
		"prev", "next", "moveEarlier", "moveLater", "lengthen", "shorten")
	view := cs.menu(lang.L("View"), "zoomIn", "zoomOut", "zoomFit", "zoomSel", "snap", "", "palette", "sidePanel")
	play := cs.menu(lang.L("Playback"), "play", "loopSel", "loopArrival", "loopWork", "loopFulfilment", "loopOff", "start")
	help := cs.menu(lang.L("Help"), "help")
	m.menu = fyne.NewMainMenu(file, edit, view, play, help)
	m.win.SetMainMenu(m.menu)
}

func (m *mainWindow) updateRecentMenu() {
	if m.recentMnu == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, r := range m.app.Preferences().StringList(prefRecent) {
		path := r
		items = append(items, fyne.NewMenuItem(path, func() {
			m.confirmDiscard(func() { m.openPath(path) })
		}))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(lang.L("No recent projects"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	m.recentMnu.ChildMenu = fyne.NewMenu("", items...)
	if m.menu != nil {
		m.menu.Refresh()
	}
}

// shortcuts registers the window's keyboard shortcuts from the command
// table. The desktop driver runs a menu item's shortcut first, then gives
// the shortcut to the focused widget, then to the canvas; single keys act
// only when no field has the focus (and Space on selects and checks too).
func (m *mainWindow) shortcuts() {
	c := m.win.Canvas()
	m.cmds.register(c)
	c.SetOnTypedKey(m.typedKey)
	c.SetOnTypedRune(m.typedRune)
}

func (m *mainWindow) typedKey(e *fyne.KeyEvent) {
	if m.answerDialog(e.Name) || m.win.Canvas().Overlays().Top() != nil {
		return // keys do not reach the window behind a dialog or pop-up
	}
	if c := m.cmds.forKey(e.Name, 0); c != nil {
		c.do()
	}
}

func (m *mainWindow) typedRune(r rune) {
	if len(m.dialogs) > 0 || m.win.Canvas().Overlays().Top() != nil {
		return
	}
	if c := m.cmds.forRune(r); c != nil {
		c.do()
	}
}

// shortcutList is what the Help dialog lists.
func (m *mainWindow) shortcutList() [][2]string { return m.cmds.helpRows() }

func (m *mainWindow) showHelp() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range m.shortcutList() {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(s[1]))
	}
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), container.NewVScroll(grid), m.win)
	d.Resize(fyne.NewSize(860, 600))
	m.showAnswered(d, d.Hide, d.Hide)
}

// rebuild recreates the window's panels and menus in the language now in
// use. The project, its history, the selection, the playback and the music
// are services that stay; only their widgets are made again.
func (m *mainWindow) rebuild() {
	m.music.relabel()
	m.build()
	m.refresh()
	m.sound.showState()
}

// showHide is the label of a panel's View menu item: "Hide Shot Palette"
// while it is shown, "Show Shot Palette" while hidden.
func showHide(shown bool, show, hide string) string {
	if shown {
		return hide
	}
	return show
}

func setShown(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}
