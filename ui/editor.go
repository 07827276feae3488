package ui

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// maxUndo bounds the undo history.
const maxUndo = 200

// step is one undoable edit: the project as it was before and after it.
type step struct {
	label         string
	key           string // consecutive edits with the same non-empty key merge
	before, after *storyboard.Project
	selBefore     []uuid.UUID
	selAfter      []uuid.UUID
}

// Editor owns the open project, its undo history, the selection and the
// unsaved state. It is the controller: views report, the Editor edits the
// project and tells the views to refresh through OnChanged. All methods run
// on the fyne goroutine.
type Editor struct {
	Project *storyboard.Project
	Path    string // the project file; empty for a project never saved

	selection []uuid.UUID
	undo      []step
	redo      []step
	saved     *storyboard.Project // the project as last saved or opened
	dirty     bool
	now       func() time.Time

	// OnChanged runs after every edit, undo, redo, load and selection change.
	OnChanged func()
}

// NewEditor returns an editor on p, stored at path (may be empty).
func NewEditor(p *storyboard.Project, path string) *Editor {
	e := &Editor{now: time.Now}
	e.reset(p, path)
	return e
}

func (e *Editor) reset(p *storyboard.Project, path string) {
	e.Project = p
	e.Path = path
	e.undo, e.redo = nil, nil
	e.saved = p.Clone()
	e.dirty = false
	e.selection = nil
	if len(p.Cards) > 0 {
		e.selection = []uuid.UUID{p.Cards[0].ID}
	}
	e.changed()
}

// Replace puts a new project in the editor, clearing the history.
func (e *Editor) Replace(p *storyboard.Project, path string) { e.reset(p, path) }

func (e *Editor) changed() {
	if e.OnChanged != nil {
		e.OnChanged()
	}
}

// Dirty reports whether the project has unsaved changes.
func (e *Editor) Dirty() bool { return e.dirty }

// MarkSaved records that the project was saved to path.
func (e *Editor) MarkSaved(path string) {
	e.Path = path
	e.saved = e.Project.Clone()
	e.dirty = false
	e.changed()
}

// Apply runs edit on a copy of the project and, when it succeeds, makes the
// copy current as one undoable step named label.
func (e *Editor) Apply(label string, edit func(p *storyboard.Project) error) error {
	return e.ApplyMerge(label, "", edit)
}

// ApplyMerge is Apply, but consecutive edits with the same non-empty key
// (typing in one field of one card) become a single undo step.
func (e *Editor) ApplyMerge(label, key string, edit func(p *storyboard.Project) error) error {
	next := e.Project.Clone()
	if err := edit(next); err != nil {
		return err
	}
	next.Modified = e.now().UTC().Truncate(time.Second)
	sel := e.validSelection(next, e.selection)
	if key != "" && len(e.undo) > 0 && e.undo[len(e.undo)-1].key == key && len(e.redo) == 0 {
		last := &e.undo[len(e.undo)-1]
		last.after = next.Clone()
		last.selAfter = sel
	} else {
		e.undo = append(e.undo, step{label: label, key: key, before: e.Project, after: next.Clone(), selBefore: e.selection, selAfter: sel})
		if len(e.undo) > maxUndo {
			e.undo = slices.Delete(e.undo, 0, len(e.undo)-maxUndo)
		}
	}
	e.redo = nil
	e.Project = next
	e.selection = sel
	e.dirty = true
	e.changed()
	return nil
}

// SetSelectionAfter replaces the selection recorded for the last step (an
// edit that adds cards selects them).
func (e *Editor) setSelectionAfterEdit(ids []uuid.UUID) {
	e.selection = e.validSelection(e.Project, ids)
	if len(e.undo) > 0 {
		e.undo[len(e.undo)-1].selAfter = e.selection
	}
	e.changed()
}

// CanUndo reports whether there is an edit to undo, and its label.
func (e *Editor) CanUndo() (string, bool) {
	if len(e.undo) == 0 {
		return "", false
	}
	return e.undo[len(e.undo)-1].label, true
}

// CanRedo reports whether there is an edit to redo, and its label.
func (e *Editor) CanRedo() (string, bool) {
	if len(e.redo) == 0 {
		return "", false
	}
	return e.redo[len(e.redo)-1].label, true
}

// Undo reverts the last edit.
func (e *Editor) Undo() bool {
	if len(e.undo) == 0 {
		return false
	}
	s := e.undo[len(e.undo)-1]
	e.undo = e.undo[:len(e.undo)-1]
	s.key = "" // a redone step never merges with the next edit
	e.redo = append(e.redo, s)
	e.Project = s.before.Clone()
	e.selection = e.validSelection(e.Project, s.selBefore)
	e.updateDirty()
	e.changed()
	return true
}

// Redo applies the last undone edit again.
func (e *Editor) Redo() bool {
	if len(e.redo) == 0 {
		return false
	}
	s := e.redo[len(e.redo)-1]
	e.redo = e.redo[:len(e.redo)-1]
	s.before = e.Project
	e.undo = append(e.undo, s)
	e.Project = s.after.Clone()
	e.selection = e.validSelection(e.Project, s.selAfter)
	e.updateDirty()
	e.changed()
	return true
}

func (e *Editor) updateDirty() {
	e.dirty = !sameProject(e.Project, e.saved)
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
	sel := e.validSelection(e.Project, ids)
	if slices.Equal(sel, e.selection) {
		return
	}
	e.selection = sel
	e.changed()
}

// validSelection keeps the IDs present in p, in play order.
func (e *Editor) validSelection(p *storyboard.Project, ids []uuid.UUID) []uuid.UUID {
	var out []uuid.UUID
	for _, c := range p.Cards {
		if slices.Contains(ids, c.ID) {
			out = append(out, c.ID)
		}
	}
	return out
}
