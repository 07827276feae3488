package ui

import (
	"slices"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// Change says what an edit, undo, redo, load, save or selection change
// touched, so that each view updates only what it shows.
type Change struct {
	Project    bool        // another project replaced the open one: everything changed
	Cards      []uuid.UUID // cards whose values changed, including new cards
	Order      bool        // cards were added, removed or moved: numbers and positions changed
	Selection  bool        // the selected cards
	Soundtrack bool        // the soundtrack or its analysis
	Settings   bool        // the project's title, platform, rate and the other settings
	History    bool        // what Undo and Redo would do
	Saved      bool        // the saved state (Dirty) or the project's file
}

// everything is the Change of a new project.
var everything = Change{Project: true, Order: true, Selection: true, Soundtrack: true, Settings: true, History: true, Saved: true}

// CardsChanged reports whether any card, or the list of cards, changed.
func (c Change) CardsChanged() bool { return c.Project || c.Order || len(c.Cards) > 0 }

// Empty reports whether nothing changed.
func (c Change) Empty() bool {
	return !c.Project && !c.Order && len(c.Cards) == 0 && !c.Selection && !c.Soundtrack && !c.Settings && !c.History && !c.Saved
}

// Editor owns the open project, its storyboard.History (undo and redo), the
// selection and the unsaved state. It is the controller: views report, the
// Editor applies storyboard commands and tells the views what changed
// through OnChanged. All methods run on the fyne goroutine.
type Editor struct {
	Project *storyboard.Project
	Path    string // the project file; empty for a project never saved

	history   *storyboard.History
	selection []uuid.UUID
	mergeKey  string // the field the last step edited, for merging typing
	unsaved   bool   // dirty regardless of the history (a recovered project)

	// Snap puts the cuts that inserting and splitting make on the song's
	// beats (the window's "Snap to beats").
	Snap bool

	// OnChanged runs after every edit, undo, redo, load, save and selection
	// change, with what changed.
	OnChanged func(Change)
}

// NewEditor returns an editor on p, stored at path (may be empty).
func NewEditor(p *storyboard.Project, path string) *Editor {
	e := &Editor{}
	e.reset(p, path)
	return e
}

func (e *Editor) reset(p *storyboard.Project, path string) {
	e.Project = p
	e.Path = path
	e.history = storyboard.NewHistory(p)
	e.mergeKey = ""
	e.unsaved = false
	e.selection = nil
	if len(p.Cards) > 0 {
		e.selection = []uuid.UUID{p.Cards[0].ID}
	}
	e.emit(everything)
}

// Replace puts a new project in the editor, clearing the history.
func (e *Editor) Replace(p *storyboard.Project, path string) { e.reset(p, path) }

// History returns the project's edit history.
func (e *Editor) History() *storyboard.History { return e.history }

func (e *Editor) emit(c Change) {
	if e.OnChanged != nil && !c.Empty() {
		e.OnChanged(c)
	}
}

// before is what a change is measured against.
type before struct {
	cards      []storyboard.Card
	soundtrack *storyboard.Soundtrack
	fields     storyboard.ProjectFields
	dirty      bool
	undo, redo string
	canUndo    bool
	canRedo    bool
	selection  []uuid.UUID
}

func (e *Editor) snapshot() before {
	return before{
		// Commands replace cards, never change them in place: a shallow
		// copy keeps the old values.
		cards:      slices.Clone(e.Project.Cards),
		soundtrack: e.Project.Soundtrack,
		fields:     e.Project.Fields(),
		dirty:      e.Dirty(),
		undo:       e.history.UndoName(),
		redo:       e.history.RedoName(),
		canUndo:    e.history.CanUndo(),
		canRedo:    e.history.CanRedo(),
		selection:  e.selection,
	}
}

// since returns what changed from b to now, after keeping the selection on
// cards that still exist.
func (e *Editor) since(b before) Change {
	p := e.Project
	e.selection = validSelection(p, e.selection)
	c := Change{
		Selection:  !slices.Equal(b.selection, e.selection),
		Soundtrack: b.soundtrack != p.Soundtrack,
		Settings:   b.fields != p.Fields(),
		History: b.undo != e.history.UndoName() || b.redo != e.history.RedoName() ||
			b.canUndo != e.history.CanUndo() || b.canRedo != e.history.CanRedo(),
		Saved: b.dirty != e.Dirty(),
	}
	c.Cards, c.Order = changedCards(b.cards, p.Cards)
	return c
}

// changedCards returns the cards of now that are new or differ from their
// version in old, and whether the list itself (order, additions, removals)
// changed.
func changedCards(old, now []storyboard.Card) (ids []uuid.UUID, order bool) {
	if len(old) == len(now) {
		same := true
		for i := range now {
			if old[i].ID != now[i].ID {
				same = false
				break
			}
		}
		if same {
			for i := range now {
				if !cardEqual(old[i], now[i]) {
					ids = append(ids, now[i].ID)
				}
			}
			return ids, false
		}
	}
	at := make(map[uuid.UUID]int, len(old))
	for i, c := range old {
		at[c.ID] = i
	}
	for _, c := range now {
		if i, ok := at[c.ID]; !ok || !cardEqual(old[i], c) {
			ids = append(ids, c.ID)
		}
	}
	return ids, true
}

// Dirty reports whether the project has unsaved changes.
func (e *Editor) Dirty() bool { return e.unsaved || e.history.Dirty() }

// MarkSaved records that the project was saved to path.
func (e *Editor) MarkSaved(path string) {
	b := e.snapshot()
	renamed := e.Path != path
	e.Path = path
	e.unsaved = false
	e.mergeKey = ""
	e.history.MarkSaved()
	c := e.since(b)
	c.Saved = c.Saved || renamed
	e.emit(c)
}

// markUnsaved makes the project dirty until it is saved.
func (e *Editor) markUnsaved() {
	b := e.snapshot()
	e.unsaved = true
	e.emit(e.since(b))
}

// Do applies cmd as one undoable step and selects the cards it added, if any.
func (e *Editor) Do(cmd storyboard.Command) error {
	return e.do("", cmd)
}

// do applies cmd; consecutive commands with the same non-empty key (typing
// in one field of one card) merge into one undo step.
func (e *Editor) do(key string, cmd storyboard.Command) error {
	b := e.snapshot()
	known := make(map[uuid.UUID]bool, len(e.Project.Cards))
	for _, c := range e.Project.Cards {
		known[c.ID] = true
	}
	merge := key != "" && key == e.mergeKey && e.history.CanUndo() && !e.history.CanRedo()
	if merge {
		e.history.Undo()
	}
	if err := e.history.Apply(cmd); err != nil {
		if merge {
			e.history.Redo()
		}
		return err
	}
	e.mergeKey = key
	var added []uuid.UUID
	for _, c := range e.Project.Cards {
		if !known[c.ID] {
			added = append(added, c.ID)
		}
	}
	if len(added) > 0 {
		e.selection = added
	}
	e.emit(e.since(b))
	return nil
}

// CanUndo reports whether there is an edit to undo, and its name.
func (e *Editor) CanUndo() (string, bool) { return e.history.UndoName(), e.history.CanUndo() }

// CanRedo reports whether there is an edit to redo, and its name.
func (e *Editor) CanRedo() (string, bool) { return e.history.RedoName(), e.history.CanRedo() }

// Undo reverts the last edit.
func (e *Editor) Undo() bool {
	b := e.snapshot()
	e.mergeKey = ""
	_, ok := e.history.Undo()
	e.emit(e.since(b))
	return ok
}

// Redo applies the last undone edit again.
func (e *Editor) Redo() bool {
	b := e.snapshot()
	e.mergeKey = ""
	_, ok := e.history.Redo()
	e.emit(e.since(b))
	return ok
}

// AttachAnalysis stores a, the analysis of the soundtrack file path (as the
// project names it), in the project without making an undo step: it is
// derived from the file, like a cache. Undoing the step that chose the
// music removes the music and its analysis together. It does nothing, and
// returns false, when the project's soundtrack is no longer that file.
func (e *Editor) AttachAnalysis(path string, a *storyboard.Analysis) bool {
	cur := e.Project.Soundtrack
	if cur == nil || cur.Path != path {
		return false
	}
	b := e.snapshot()
	next := cur.Clone()
	next.Analysis = a.Clone()
	e.Project.Soundtrack = next // replaced, never changed in place: the history's records stay intact
	e.emit(e.since(b))
	return true
}

// Selection returns the selected card IDs in play order.
func (e *Editor) Selection() []uuid.UUID { return slices.Clone(e.selection) }

// IsSelected reports whether the card id is selected.
func (e *Editor) IsSelected(id uuid.UUID) bool { return slices.Contains(e.selection, id) }

// Selected returns the index of the first selected card, or -1.
func (e *Editor) Selected() int {
	if len(e.selection) == 0 {
		return -1
	}
	return e.Project.Index(e.selection[0])
}

// Select replaces the selection.
func (e *Editor) Select(ids ...uuid.UUID) {
	sel := validSelection(e.Project, ids)
	if slices.Equal(sel, e.selection) {
		return
	}
	e.selection = sel
	e.mergeKey = ""
	e.emit(Change{Selection: true})
}

// SelectAll selects every card.
func (e *Editor) SelectAll() {
	ids := make([]uuid.UUID, len(e.Project.Cards))
	for i, c := range e.Project.Cards {
		ids[i] = c.ID
	}
	e.Select(ids...)
}

// validSelection keeps the IDs present in p, in play order.
func validSelection(p *storyboard.Project, ids []uuid.UUID) []uuid.UUID {
	if len(ids) == 0 {
		return nil
	}
	want := make(map[uuid.UUID]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var out []uuid.UUID
	for _, c := range p.Cards {
		if want[c.ID] {
			out = append(out, c.ID)
		}
	}
	return out
}
