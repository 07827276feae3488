package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// command is one action of the editor. The table of commands (see
// mainWindow.commands) generates the menu items, the toolbar buttons and
// their tooltips, the keyboard shortcuts and the help's list, so that each
// is declared once.
type command struct {
	id    string
	label string        // translation key of the menu item and the tooltip
	name  func() string // the label, when it is made of translated parts (an act's name); else lang.L(label)
	help  string        // translation key of the help's description; "" lists the command under its label
	icon  fyne.Resource // the toolbar's icon; nil keeps it off the toolbar
	// keys are the command's shortcuts; the first is the one the menu shows.
	keys []shortcutKey
	// runes are characters that run the command when no field has the
	// focus, besides its keys ('+' and '=' zoom in).
	runes   []rune
	enabled func() bool // nil: always
	run     func()
}

// shortcutKey is a key with modifiers; sc, when set, is the fyne shortcut
// the desktop driver makes of it (Ctrl+Z becomes fyne.ShortcutUndo).
type shortcutKey struct {
	name fyne.KeyName
	mod  fyne.KeyModifier
	sc   fyne.Shortcut
	text string // how the help writes it, when not derived from name
}

func ctrlKey(name fyne.KeyName) shortcutKey {
	return shortcutKey{name: name, mod: fyne.KeyModifierShortcutDefault}
}

func ctrlShiftKey(name fyne.KeyName) shortcutKey {
	return shortcutKey{name: name, mod: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func plainKey(name fyne.KeyName) shortcutKey { return shortcutKey{name: name} }

// shortcut is the fyne shortcut of k.
func (k shortcutKey) shortcut() fyne.Shortcut {
	if k.sc != nil {
		return k.sc
	}
	return &desktop.CustomShortcut{KeyName: k.name, Modifier: k.mod}
}

// String is how the help writes k: "Ctrl+Shift+Z", "Space".
func (k shortcutKey) String() string {
	if k.text != "" {
		return k.text
	}
	var parts []string
	if k.mod&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if k.mod&fyne.KeyModifierSuper != 0 {
		parts = append(parts, "Cmd")
	}
	if k.mod&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if k.mod&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	name := string(k.name)
	switch k.name {
	case fyne.KeyLeft:
		name = "←"
	case fyne.KeyRight:
		name = "→"
	case fyne.KeyUp:
		name = "↑"
	case fyne.KeyDown:
		name = "↓"
	case fyne.KeyPlus:
		name = "+"
	case fyne.KeyMinus:
		name = "−"
	case fyne.KeyComma:
		name = ","
	case fyne.KeyBackspace:
		name = "Backspace"
	}
	return strings.Join(append(parts, name), "+")
}

// text is c's label in the language in use.
func (c *command) text() string {
	if c.name != nil {
		return c.name()
	}
	return lang.L(c.label)
}

// isEnabled reports whether c can run now.
func (c *command) isEnabled() bool { return c.enabled == nil || c.enabled() }

// do runs c when it is enabled.
func (c *command) do() {
	if c.isEnabled() {
		c.run()
	}
}

// keysText is how the help writes c's keys: "Ctrl+Shift+Z, Ctrl+Y".
func (c *command) keysText() string {
	var s []string
	for _, k := range c.keys {
		s = append(s, k.String())
	}
	return strings.Join(s, ", ")
}

// tooltip is the toolbar's tooltip of c: its label and first key.
func (c *command) tooltip() string {
	t := strings.TrimSuffix(c.text(), "…")
	if len(c.keys) > 0 {
		t += " (" + c.keys[0].String() + ")"
	}
	return t
}

// commandSet is the table of commands by id, in the order of the help.
type commandSet struct {
	list  []*command
	byID  map[string]*command
	items map[string]*fyne.MenuItem
	tools map[string]*toolButton
}

func newCommandSet(list []*command) *commandSet {
	cs := &commandSet{list: list, byID: map[string]*command{}, items: map[string]*fyne.MenuItem{}, tools: map[string]*toolButton{}}
	for _, c := range list {
		cs.byID[c.id] = c
	}
	return cs
}

// get returns the command id; it panics on an unknown id, a programming
// error caught by every test that builds the window.
func (cs *commandSet) get(id string) *command {
	c, ok := cs.byID[id]
	if !ok {
		panic("ui: no command " + id)
	}
	return c
}

// run runs the command id when it is enabled.
func (cs *commandSet) run(id string) { cs.get(id).do() }

// menuItem returns the main menu's item of command id.
func (cs *commandSet) menuItem(id string) *fyne.MenuItem {
	it := cs.contextItem(id)
	cs.items[id] = it
	return it
}

// contextItem returns a context menu's item of command id, enabled as the
// command is now (a context menu is made anew each time it opens).
func (cs *commandSet) contextItem(id string) *fyne.MenuItem {
	c := cs.get(id)
	it := fyne.NewMenuItem(c.text(), c.do)
	if len(c.keys) > 0 {
		it.Shortcut = c.keys[0].shortcut()
	}
	it.Disabled = !c.isEnabled()
	return it
}

// contextMenu returns a context menu of the commands ids ("" is a
// separator); a *fyne.MenuItem in ids is added as it is (a submenu).
func (cs *commandSet) contextMenu(ids ...any) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, x := range ids {
		switch x := x.(type) {
		case string:
			if x == "" {
				items = append(items, fyne.NewMenuItemSeparator())
			} else {
				items = append(items, cs.contextItem(x))
			}
		case *fyne.MenuItem:
			items = append(items, x)
		}
	}
	return fyne.NewMenu("", items...)
}

// menu returns a menu of the commands ids; "" is a separator.
func (cs *commandSet) menu(label string, ids ...string) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, id := range ids {
		if id == "" {
			items = append(items, fyne.NewMenuItemSeparator())
			continue
		}
		items = append(items, cs.menuItem(id))
	}
	return fyne.NewMenu(label, items...)
}

// tool returns the toolbar button of command id.
func (cs *commandSet) tool(id string) widget.ToolbarItem {
	c := cs.get(id)
	b := newToolButton(c)
	cs.tools[id] = b
	return b
}

// register adds the Ctrl shortcuts of every command to canvas c, the path
// a shortcut takes when no menu item and no focused field took it.
func (cs *commandSet) register(c fyne.Canvas) {
	for _, cmd := range cs.list {
		for _, k := range cmd.keys {
			if k.mod&^fyne.KeyModifierShift == 0 {
				continue // single keys reach the window through typedKey
			}
			cmd := cmd
			c.AddShortcut(k.shortcut(), func(fyne.Shortcut) { cmd.do() })
		}
	}
}

// forKey returns the command a plain key (no Ctrl, Alt or Super) runs.
func (cs *commandSet) forKey(name fyne.KeyName, mod fyne.KeyModifier) *command {
	for _, c := range cs.list {
		for _, k := range c.keys {
			if k.name == name && k.mod == mod && k.mod&^fyne.KeyModifierShift == 0 {
				return c
			}
		}
	}
	return nil
}

// forRune returns the command a typed character runs.
func (cs *commandSet) forRune(r rune) *command {
	for _, c := range cs.list {
		for _, x := range c.runes {
			if x == r {
				return c
			}
		}
	}
	return nil
}

// updateEnabled greys out the menu items and toolbar buttons of the
// commands that cannot run now; it reports whether a menu item changed.
func (cs *commandSet) updateEnabled() bool {
	changed := false
	for id, it := range cs.items {
		if off := !cs.byID[id].isEnabled(); it.Disabled != off {
			it.Disabled = off
			changed = true
		}
	}
	for id, b := range cs.tools {
		if on := cs.byID[id].isEnabled(); on == b.Disabled() {
			if on {
				b.Enable()
			} else {
				b.Disable()
			}
		}
	}
	return changed
}

// helpRows lists the keys and descriptions of the commands that have keys.
func (cs *commandSet) helpRows() [][2]string {
	var rows [][2]string
	for _, c := range cs.list {
		if len(c.keys) == 0 {
			continue
		}
		desc := lang.L(c.help)
		if c.help == "" {
			desc = strings.TrimSuffix(c.text(), "…")
		}
		rows = append(rows, [2]string{c.keysText(), desc})
	}
	return rows
}

// toolTipDelay is how long the pointer rests on a toolbar button before
// its tooltip shows.
const toolTipDelay = 500 * time.Millisecond

// toolButton is a toolbar button of a command, with a tooltip naming the
// command and its shortcut.
type toolButton struct {
	widget.Button
	cmd   *command
	tip   *widget.PopUp
	timer *time.Timer
	over  bool
}

var (
	_ widget.ToolbarItem = (*toolButton)(nil)
	_ desktop.Hoverable  = (*toolButton)(nil)
)

func newToolButton(c *command) *toolButton {
	b := &toolButton{cmd: c}
	b.Icon = c.icon
	b.Importance = widget.LowImportance
	b.OnTapped = c.do
	b.ExtendBaseWidget(b)
	if !c.isEnabled() {
		b.Disable()
	}
	return b
}

// ToolbarObject is the button itself.
func (b *toolButton) ToolbarObject() fyne.CanvasObject { return b }

// MouseIn shows the tooltip after a short rest.
func (b *toolButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	b.over = true
	if b.timer != nil {
		b.timer.Stop()
	}
	b.timer = time.AfterFunc(toolTipDelay, func() { fyne.Do(b.showTip) })
}

// MouseOut hides the tooltip.
func (b *toolButton) MouseOut() {
	b.Button.MouseOut()
	b.over = false
	if b.timer != nil {
		b.timer.Stop()
	}
	b.hideTip()
}

// Tapped hides the tooltip and runs the command.
func (b *toolButton) Tapped(e *fyne.PointEvent) {
	b.hideTip()
	b.Button.Tapped(e)
}

func (b *toolButton) showTip() {
	if !b.over || b.tip != nil {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil {
		return
	}
	text := canvas.NewText(b.cmd.tooltip(), theme.Color(theme.ColorNameForeground))
	text.TextSize = theme.CaptionTextSize()
	b.tip = widget.NewPopUp(container.NewPadded(text), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	b.tip.ShowAtPosition(pos.Add(fyne.NewPos(0, b.Size().Height+theme.Padding())))
}

func (b *toolButton) hideTip() {
	if b.tip != nil {
		b.tip.Hide()
		b.tip = nil
	}
}
