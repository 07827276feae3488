package ui

import (
	"slices"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// Editor owns the open project, its storyboard.History (undo and redo), the
// selection and the unsaved state. It is the controller: views report, the
// Editor applies storyboard commands and tells the views to refresh through
// OnChanged. All methods run on the fyne goroutine.
type Editor struct {
	Project *storyboard.Project
	Path    string // the project file; empty for a project never saved

	history   *storyboard.History
	selection []uuid.UUID
	mergeKey  string // the field the last step edited, for merging typing
	unsaved   bool   // dirty regardless of the history (a recovered project)
	quiet     bool   // suppress OnChanged while composing a step

	// OnChanged runs after every edit, undo, redo, load and selection change.
	OnChanged func()
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
	e.history.OnChange = e.changed
	e.mergeKey = ""
	e.unsaved = false
	e.selection = nil
	if len(p.Cards) > 0 {
		e.selection = []uuid.UUID{p.Cards[0].ID}
	}
	e.changed()
}

// Replace puts a new project in the editor, clearing the history.
func (e *Editor) Replace(p *storyboard.Project, path string) { e.reset(p, path) }

// History returns the project's edit history.
func (e *Editor) History() *storyboard.History { return e.history }

func (e *Editor) changed() {
	if e.quiet {
		return
	}
	e.selection = validSelection(e.Project, e.selection)
	if e.OnChanged != nil {
		e.OnChanged()
	}
}

// Dirty reports whether the project has unsaved changes.
func (e *Editor) Dirty() bool { return e.unsaved || e.history.Dirty() }

// MarkSaved records that the project was saved to path.
func (e *Editor) MarkSaved(path string) {
	e.Path = path
	e.unsaved = false
	e.mergeKey = ""
	e.history.MarkSaved()
}

// markUnsaved makes the project dirty until it is saved.
func (e *Editor) markUnsaved() {
	e.unsaved = true
	e.changed()
}

// Do applies cmd as one undoable step and selects the cards it added, if any.
func (e *Editor) Do(cmd storyboard.Command) error {
	return e.do("", cmd)
}

// do applies cmd; consecutive commands with the same non-empty key (typing
// in one field of one card) merge into one undo step.
func (e *Editor) do(key string, cmd storyboard.Command) error {
	before := make(map[uuid.UUID]bool, len(e.Project.Cards))
	for _, c := range e.Project.Cards {
		before[c.ID] = true
	}
	merge := key != "" && key == e.mergeKey && e.history.CanUndo() && !e.history.CanRedo()
	e.quiet = true
	if merge {
		e.history.Undo()
	}
	err := e.history.Apply(cmd)
	e.quiet = false
	if err != nil {
		if merge {
			e.quiet = true
			e.history.Redo()
			e.quiet = false
		}
		e.changed()
		return err
	}
	e.mergeKey = key
	var added []uuid.UUID
	for _, c := range e.Project.Cards {
		if !before[c.ID] {
			added = append(added, c.ID)
		}
	}
	if len(added) > 0 {
		e.selection = added
	}
	e.changed()
	return nil
}

// CanUndo reports whether there is an edit to undo, and its name.
func (e *Editor) CanUndo() (string, bool) { return e.history.UndoName(), e.history.CanUndo() }

// CanRedo reports whether there is an edit to redo, and its name.
func (e *Editor) CanRedo() (string, bool) { return e.history.RedoName(), e.history.CanRedo() }

// Undo reverts the last edit.
func (e *Editor) Undo() bool {
	e.mergeKey = ""
	_, ok := e.history.Undo()
	return ok
}

// Redo applies the last undone edit again.
func (e *Editor) Redo() bool {
	e.mergeKey = ""
	_, ok := e.history.Redo()
	return ok
}

// Selection returns the selected card IDs in play order.
func (e *Editor) Selection() []uuid.UUID { return slices.Clone(e.selection) }

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
	e.changed()
}

// validSelection keeps the IDs present in p, in play order.
func validSelection(p *storyboard.Project, ids []uuid.UUID) []uuid.UUID {
	var out []uuid.UUID
	for _, c := range p.Cards {
		if slices.Contains(ids, c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}
