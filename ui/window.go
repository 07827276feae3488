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
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// Preference keys.
const (
	prefLastProject     = "lastProject"
	prefRecent          = "recentProjects"
	prefSnap            = "snap"
	prefDefaultTemplate = "defaultTemplate"
	prefDefaultPlatform = "defaultPlatform"
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

// mainWindow is the storyboard editor window.
type mainWindow struct {
	app fyne.App
	win fyne.Window
	ed  *Editor

	grid      *storyGrid
	insp      *inspector
	pacing    *pacingPanel
	sound     *soundtrackPanel
	trans     *transport
	timeline  *timelineArea
	palette   []*paletteItem
	status    *widget.Label
	views     *fyne.Container
	viewMode  string
	undoItem  *fyne.MenuItem
	redoItem  *fyne.MenuItem
	menu      *fyne.MainMenu
	recentMnu *fyne.MenuItem
	snap      bool
	thumbs    map[string]image.Image
	said      map[string]bool // one-time messages already shown
	closing   bool
	writing   string // the file an export or render is writing, "" when none

	unsavedDialog *dialog.CustomDialog
	// async runs background work (decoding, thumbnails, export, autosave);
	// it comes back with fyne.Do. Offscreen rendering and tests run it
	// inline, as fyne's test driver runs fyne.Do on the caller's goroutine.
	async      func(func())
	refreshing int

	autosaveStop chan struct{}
}

func newMainWindow(a fyne.App) *mainWindow {
	m := &mainWindow{
		app:    a,
		win:    a.NewWindow("Reelboard"),
		thumbs: map[string]image.Image{},
		said:   map[string]bool{},
		snap:   a.Preferences().BoolWithFallback(prefSnap, true),
		async:  func(f func()) { go f() },
	}
	p, _ := storyboard.NewProject(storyboard.FormatBackstage, "instagram-reels", time.Now())
	m.ed = NewEditor(p, "")
	m.build()
	m.ed.OnChanged = m.refresh
	m.refresh()
	m.win.Resize(fyne.NewSize(1280, 800))
	m.win.SetCloseIntercept(m.requestClose)
	m.win.SetOnDropped(m.dropped)
	return m
}

func (m *mainWindow) build() {
	m.status = widget.NewLabel("")
	m.status.Truncation = fyne.TextTruncateEllipsis
	m.grid = newStoryGrid(m.ed, m.thumbFor, func(uuid.UUID) { m.focusInspector() })
	m.insp = newInspector(m.ed, m.win)
	m.pacing = newPacingPanel(m.ed)
	m.pacing.onSeek = func(t storyboard.Time) { m.trans.seekTo(t) }
	m.trans = newTransport(m)
	m.sound = newSoundtrackPanel(m)
	m.timeline = newTimelineArea(m)
	palette, items := newPalette(
		func(k storyboard.ShotKind) { m.report(m.ed.AddCard(k)) },
		m.paletteDropped, m.paletteDragging)
	m.palette = items

	m.views = container.NewStack()
	m.setViewMode("both")

	right := container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Inspector"), theme.DocumentCreateIcon(), container.NewVScroll(container.NewPadded(m.insp.content))),
		container.NewTabItemWithIcon(lang.L("Soundtrack"), theme.MediaMusicIcon(), container.NewVScroll(m.sound.content)),
	)
	centre := container.NewVSplit(m.views, m.pacing.content)
	centre.Offset = 0.86
	inner := container.NewHSplit(centre, right)
	inner.Offset = 0.64
	left := container.NewBorder(widget.NewLabelWithStyle(lang.L("Shot palette"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, palette)
	outer := container.NewHSplit(left, inner)
	outer.Offset = 0.16

	top := container.NewVBox(m.toolbar(), widget.NewSeparator())
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, m.trans.content, nil, m.status))
	m.win.SetContent(container.NewBorder(top, bottom, nil, nil, outer))
	m.buildMenus()
	m.shortcuts()
}

func (m *mainWindow) toolbar() fyne.CanvasObject {
	views := widget.NewSelect([]string{lang.L("Timeline"), lang.L("Grid"), lang.L("Both")}, nil)
	views.SetSelectedIndex(2)
	views.OnChanged = func(string) {
		m.setViewMode([]string{"timeline", "grid", "both"}[views.SelectedIndex()])
	}
	snap := widget.NewCheck(lang.L("Snap to beats"), nil)
	snap.SetChecked(m.snap)
	snap.OnChanged = func(b bool) { m.setSnap(b) }
	m.trans.snapCheck = snap
	tb := widget.NewToolbar(
		widget.NewToolbarAction(theme.DocumentIcon(), m.newProject),
		widget.NewToolbarAction(theme.FolderOpenIcon(), m.openDialog),
		widget.NewToolbarAction(theme.DocumentSaveIcon(), func() { m.save(nil) }),
		widget.NewToolbarAction(theme.MediaVideoIcon(), func() { m.renderDialog() }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentUndoIcon(), func() { m.ed.Undo() }),
		widget.NewToolbarAction(theme.ContentRedoIcon(), func() { m.ed.Redo() }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentCopyIcon(), func() { m.report(m.ed.DuplicateSelected()) }),
		widget.NewToolbarAction(theme.ContentCutIcon(), m.split),
		widget.NewToolbarAction(theme.DeleteIcon(), func() { m.report(m.ed.DeleteSelected()) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomOutIcon(), m.zoomOut),
		widget.NewToolbarAction(theme.ZoomInIcon(), m.zoomIn),
		widget.NewToolbarAction(theme.ZoomFitIcon(), m.zoomFit),
	)
	return container.NewBorder(nil, nil, tb, container.NewHBox(snap, views))
}

func (m *mainWindow) setViewMode(mode string) {
	m.viewMode = mode
	var content fyne.CanvasObject
	switch mode {
	case "timeline":
		content = m.timeline.content
	case "grid":
		content = m.grid.scroll
	default:
		s := container.NewVSplit(m.timeline.content, m.grid.scroll)
		s.Offset = 0.45
		content = s
	}
	m.views.Objects = []fyne.CanvasObject{content}
	m.views.Refresh()
}

func (m *mainWindow) setSnap(b bool) {
	if m.snap == b {
		return
	}
	m.snap = b
	m.app.Preferences().SetBool(prefSnap, b)
	if m.trans.snapCheck != nil {
		m.trans.snapCheck.SetChecked(b)
	}
	m.timeline.setSnap(b)
}

// refresh updates every view from the editor; it runs after each change.
func (m *mainWindow) refresh() {
	m.refreshing++
	defer func() { m.refreshing-- }()
	m.updateTitle()
	m.grid.refresh()
	m.insp.refresh(m.win.Canvas().Focused())
	m.pacing.refresh()
	m.sound.refresh()
	m.timeline.refresh()
	m.trans.refresh()
	m.updateUndoMenu()
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

func (m *mainWindow) updateUndoMenu() {
	if m.undoItem == nil {
		return
	}
	_, canUndo := m.ed.CanUndo()
	_, canRedo := m.ed.CanRedo()
	if m.undoItem.Disabled == !canUndo && m.redoItem.Disabled == !canRedo {
		return
	}
	m.undoItem.Disabled = !canUndo
	m.redoItem.Disabled = !canRedo
	m.menu.Refresh()
}

// report shows an edit's error in the status bar, in one sentence.
func (m *mainWindow) report(err error) {
	if err != nil {
		m.say(capitalize(lang.L(err.Error())) + ".")
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

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func (m *mainWindow) focusInspector() {
	m.win.Canvas().Focus(m.insp.title)
}

func (m *mainWindow) split() {
	m.report(m.ed.SplitAt(m.trans.playhead()))
}

func (m *mainWindow) zoomIn()  { m.timeline.zoomIn() }
func (m *mainWindow) zoomOut() { m.timeline.zoomOut() }
func (m *mainWindow) zoomFit() { m.timeline.zoomFit() }

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
	if m.viewMode != "timeline" && inside(m.grid.scroll, abs) {
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
			showFileError(m.win, actionOpen, path, err)
		}
	}
	m.offerRecovery()
}

func (m *mainWindow) load(path string) error {
	p, err := storyboard.Load(path)
	if err != nil {
		return err
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
	d.Show()
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
		showFileError(m.win, actionSave, path, err)
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
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				dialog.ShowError(err, m.win)
				return
			}
			if r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			m.openPath(path)
		}, m.win)
		d.SetFilter(reelFilter())
		d.Show()
	})
}

func (m *mainWindow) openPath(path string) {
	if err := m.load(path); err != nil {
		showFileError(m.win, actionOpen, path, err)
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
		tsel := widget.NewSelect(tnames, nil)
		tsel.SetSelectedIndex(templateIndex(storyboard.Format(m.app.Preferences().StringWithFallback(prefDefaultTemplate, string(storyboard.FormatBackstage)))))
		psel := widget.NewSelect(pnames, nil)
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
				dialog.ShowError(err, m.win)
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

func (m *mainWindow) buildMenus() {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, mod fyne.KeyModifier, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		}
		return it
	}
	m.recentMnu = fyne.NewMenuItem(lang.L("Open Recent"), nil)
	m.updateRecentMenu()
	file := fyne.NewMenu(lang.L("File"),
		item(lang.L("New…"), fyne.KeyN, ctrl, m.newProject),
		item(lang.L("Open…"), fyne.KeyO, ctrl, m.openDialog),
		m.recentMnu,
		fyne.NewMenuItemSeparator(),
		item(lang.L("Save"), fyne.KeyS, ctrl, func() { m.saveCommand(nil) }),
		item(lang.L("Save As…"), fyne.KeyS, ctrl|fyne.KeyModifierShift, func() { m.saveAs(m.afterSave(nil)) }),
	)
	if exp := m.exportMenu(); exp != nil {
		file.Items = append(file.Items, exp)
	}
	file.Items = append(file.Items, item(lang.L("Render Preview Video…"), fyne.KeyR, ctrl, func() { m.renderDialog() }))
	file.Items = append(file.Items,
		fyne.NewMenuItemSeparator(),
		item(lang.L("Preferences…"), fyne.KeyComma, ctrl, m.showPreferences),
	)
	m.undoItem = item(lang.L("Undo"), fyne.KeyZ, ctrl, func() { m.ed.Undo() })
	m.redoItem = item(lang.L("Redo"), fyne.KeyZ, ctrl|fyne.KeyModifierShift, func() { m.ed.Redo() })
	edit := fyne.NewMenu(lang.L("Edit"),
		m.undoItem, m.redoItem,
		fyne.NewMenuItemSeparator(),
		item(lang.L("Duplicate"), fyne.KeyD, ctrl, func() { m.report(m.ed.DuplicateSelected()) }),
		item(lang.L("Split at Playhead"), fyne.KeyS, 0, m.split),
		item(lang.L("Delete"), fyne.KeyDelete, 0, func() { m.report(m.ed.DeleteSelected()) }),
		item(lang.L("Snap All Cuts to Beats"), "", 0, func() { m.report(m.ed.Do(storyboard.SnapToBeats())) }),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Move Card Earlier"), fyne.KeyLeft, ctrl, func() { m.report(m.ed.MoveSelected(-1)) }),
		item(lang.L("Move Card Later"), fyne.KeyRight, ctrl, func() { m.report(m.ed.MoveSelected(1)) }),
		item(lang.L("Lengthen Card"), fyne.KeyUp, 0, func() { m.report(m.ed.NudgeSelected(1, m.snap)) }),
		item(lang.L("Shorten Card"), fyne.KeyDown, 0, func() { m.report(m.ed.NudgeSelected(-1, m.snap)) }),
	)
	view := fyne.NewMenu(lang.L("View"),
		item(lang.L("Zoom In"), fyne.KeyPlus, 0, m.zoomIn),
		item(lang.L("Zoom Out"), fyne.KeyMinus, 0, m.zoomOut),
		item(lang.L("Zoom to Fit"), fyne.Key0, ctrl, m.zoomFit),
		item(lang.L("Snap to Beats"), fyne.KeyB, 0, func() { m.setSnap(!m.snap) }),
	)
	play := fyne.NewMenu(lang.L("Playback"),
		item(lang.L("Play/Pause"), fyne.KeySpace, 0, m.trans.toggle),
		item(lang.L("Loop Selection"), fyne.KeyL, 0, func() { m.trans.setLoop(loopSelection) }),
		item(lang.L("Loop Arrival"), "", 0, func() { m.trans.setLoop(loopArrival) }),
		item(lang.L("Loop Work"), "", 0, func() { m.trans.setLoop(loopWork) }),
		item(lang.L("Loop Fulfilment"), "", 0, func() { m.trans.setLoop(loopFulfilment) }),
		item(lang.L("No Loop"), "", 0, func() { m.trans.setLoop(loopOff) }),
		item(lang.L("Go to Start"), fyne.KeyHome, 0, func() { m.trans.seekTo(0) }),
	)
	help := fyne.NewMenu(lang.L("Help"),
		item(lang.L("Keyboard Shortcuts"), fyne.KeyF1, 0, m.showHelp),
	)
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

// shortcuts registers the window's keyboard shortcuts. Single keys act only
// when no text field has the focus.
func (m *mainWindow) shortcuts() {
	c := m.win.Canvas()
	ctrl := fyne.KeyModifierShortcutDefault
	add := func(key fyne.KeyName, mod fyne.KeyModifier, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) { f() })
	}
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { m.ed.Undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { m.ed.Redo() })
	add(fyne.KeyZ, ctrl, func() { m.ed.Undo() })
	add(fyne.KeyZ, ctrl|fyne.KeyModifierShift, func() { m.ed.Redo() })
	add(fyne.KeyY, ctrl, func() { m.ed.Redo() })
	add(fyne.KeyS, ctrl, func() { m.saveCommand(nil) })
	add(fyne.KeyS, ctrl|fyne.KeyModifierShift, func() { m.saveAs(m.afterSave(nil)) })
	add(fyne.KeyO, ctrl, m.openDialog)
	add(fyne.KeyR, ctrl, func() { m.renderDialog() })
	add(fyne.KeyN, ctrl, m.newProject)
	add(fyne.KeyD, ctrl, func() { m.report(m.ed.DuplicateSelected()) })
	add(fyne.KeyLeft, ctrl, func() { m.report(m.ed.MoveSelected(-1)) })
	add(fyne.KeyRight, ctrl, func() { m.report(m.ed.MoveSelected(1)) })
	add(fyne.Key0, ctrl, m.zoomFit)
	add(fyne.KeyComma, ctrl, m.showPreferences)
	c.SetOnTypedKey(m.typedKey)
	c.SetOnTypedRune(m.typedRune)
}

func (m *mainWindow) typedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeySpace:
		m.trans.toggle()
	case fyne.KeyDelete, fyne.KeyBackspace:
		m.report(m.ed.DeleteSelected())
	case fyne.KeyLeft:
		m.selectStep(-1)
	case fyne.KeyRight:
		m.selectStep(1)
	case fyne.KeyUp:
		m.report(m.ed.NudgeSelected(1, m.snap))
	case fyne.KeyDown:
		m.report(m.ed.NudgeSelected(-1, m.snap))
	case fyne.KeyHome:
		m.trans.seekTo(0)
	case fyne.KeyF1:
		m.showHelp()
	}
}

func (m *mainWindow) typedRune(r rune) {
	switch r {
	case 's', 'S':
		m.split()
	case 'b', 'B':
		m.setSnap(!m.snap)
	case '+', '=':
		m.zoomIn()
	case '-', '_':
		m.zoomOut()
	case 'l', 'L':
		m.trans.setLoop(loopSelection)
	}
}

// shortcutList is what the Help dialog lists.
func shortcutList() [][2]string {
	return [][2]string{
		{"Space", lang.L("Play or pause")},
		{"Ctrl+Z", lang.L("Undo")},
		{"Ctrl+Shift+Z, Ctrl+Y", lang.L("Redo")},
		{"Ctrl+S", lang.L("Save")},
		{"Ctrl+Shift+S", lang.L("Save as")},
		{"Ctrl+N", lang.L("New project")},
		{"Ctrl+O", lang.L("Open a project")},
		{"Ctrl+R", lang.L("Render a preview video")},
		{"Delete", lang.L("Delete the selected cards")},
		{"Ctrl+D", lang.L("Duplicate the selected cards")},
		{"S", lang.L("Split the card at the playhead")},
		{"← →", lang.L("Select the previous or next card")},
		{"Ctrl+← →", lang.L("Move the selected card earlier or later")},
		{"↑ ↓", lang.L("Lengthen or shorten the selected card by a beat (a frame without snapping)")},
		{"+ −", lang.L("Zoom the timeline in or out")},
		{"Ctrl+0", lang.L("Zoom the timeline to fit")},
		{"B", lang.L("Turn snapping to beats on or off")},
		{"L", lang.L("Loop the selection")},
		{"Home", lang.L("Go to the start")},
		{"Ctrl+,", lang.L("Preferences")},
		{"F1", lang.L("This help")},
	}
}

func (m *mainWindow) showHelp() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range shortcutList() {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}))
		grid.Add(widget.NewLabel(s[1]))
	}
	d := dialog.NewCustom(lang.L("Keyboard shortcuts"), lang.L("Close"), container.NewVScroll(grid), m.win)
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
}

// rebuild recreates the window's panels and menus, in the language now in
// use, keeping the project, its history, the selection and the playback.
func (m *mainWindow) rebuild() {
	old := m.trans
	oldSound := m.sound
	oldWave := m.timeline.wave
	old.anim.Stop()
	mode := m.viewMode
	m.build()
	// Carry the players and the position over to the new transport.
	t := m.trans
	t.clock, t.player, t.sound = old.clock, old.player, old.sound
	t.loop, t.metronome, t.wantPlay = old.loop, old.metronome, old.wantPlay
	t.loopSel.SetSelectedIndex(int(t.loop))
	m.sound.metronome.SetChecked(old.metronome)
	m.timeline.setWaveform(oldWave)
	if oldSound.busy {
		m.sound.load() // restart the decode so its progress shows here
	} else {
		m.sound.loaded = oldSound.loaded
		m.sound.status.SetText(oldSound.status.Text)
	}
	m.setViewMode(mode)
	m.refresh()
	t.setPos(old.pos)
	if t.wantPlay {
		t.playBtn.SetIcon(theme.MediaPauseIcon())
		t.anim.Start()
	}
}
