package storyboard

// History applies commands to a project and keeps them for unlimited undo
// and redo. It also knows whether the project differs from its last saved
// state. It is not safe for concurrent use: call it from the UI goroutine.
//
// Commands replace the project's card list and soundtrack rather than change
// them in place: keep card IDs, not pointers into Cards, across edits.
type History struct {
	// OnChange, when set, is called after every change of the project or of
	// the saved state: Apply, Undo, Redo, MarkSaved.
	OnChange func()

	p      *Project
	done   []Command // undo stack, oldest first
	undone []Command // redo stack, next redo last
	saved  int       // len(done) at the last save; -1 when that state is gone
}

// NewHistory returns an empty history of p, with p counted as saved.
func NewHistory(p *Project) *History { return &History{p: p} }

// Project returns the project the history edits.
func (h *History) Project() *Project { return h.p }

// Apply does cmd on the project and, if it changed something, makes it the
// next undo step, dropping the redo steps. On error nothing changes.
func (h *History) Apply(cmd Command) error {
	if err := cmd.Do(h.p); err != nil {
		return err
	}
	if n, ok := cmd.(interface{ noop() bool }); ok && n.noop() {
		return nil
	}
	if h.saved > len(h.done) {
		h.saved = -1 // the saved state was in the redo steps
	}
	h.done = append(h.done, cmd)
	h.undone = nil
	h.changed()
	return nil
}

// Undo reverts the last step and returns its name, or false when there is
// none. If the project was changed outside the history so that the step
// cannot be reverted, the history is cleared and Undo returns false.
func (h *History) Undo() (name string, ok bool) {
	if len(h.done) == 0 {
		return "", false
	}
	cmd := h.done[len(h.done)-1]
	if err := cmd.Undo(h.p); err != nil {
		h.clear()
		return "", false
	}
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, cmd)
	h.changed()
	return cmd.Name(), true
}

// Redo does again the last undone step and returns its name, or false when
// there is none (or, as for Undo, the project was changed outside).
func (h *History) Redo() (name string, ok bool) {
	if len(h.undone) == 0 {
		return "", false
	}
	cmd := h.undone[len(h.undone)-1]
	if err := cmd.Do(h.p); err != nil {
		h.clear()
		return "", false
	}
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, cmd)
	h.changed()
	return cmd.Name(), true
}

// CanUndo reports whether there is a step to undo.
func (h *History) CanUndo() bool { return len(h.done) > 0 }

// CanRedo reports whether there is a step to redo.
func (h *History) CanRedo() bool { return len(h.undone) > 0 }

// UndoName returns the name of the step Undo would revert, or "".
func (h *History) UndoName() string {
	if len(h.done) == 0 {
		return ""
	}
	return h.done[len(h.done)-1].Name()
}

// RedoName returns the name of the step Redo would do again, or "".
func (h *History) RedoName() string {
	if len(h.undone) == 0 {
		return ""
	}
	return h.undone[len(h.undone)-1].Name()
}

// Dirty reports whether the project differs from its last saved state
// (undoing back to the saved state makes it clean again).
func (h *History) Dirty() bool { return len(h.done) != h.saved }

// MarkSaved records the current state as saved.
func (h *History) MarkSaved() {
	h.saved = len(h.done)
	h.changed()
}

func (h *History) clear() {
	h.done, h.undone, h.saved = nil, nil, -1
	h.changed()
}

func (h *History) changed() {
	if h.OnChange != nil {
		h.OnChange()
	}
}
