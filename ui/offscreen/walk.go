package offscreen

import "fyne.io/fyne/v2"

// walk visits the objects of the tree at root, parents first, with their
// position on the canvas, until visit returns true. It goes into widgets
// through the renderers of the last capture (none before the first).
func (c *Canvas) walk(root fyne.CanvasObject, visit func(fyne.CanvasObject, fyne.Position) bool) bool {
	c.mu.Lock()
	renderers := c.renderers // never changed after a capture made it
	c.mu.Unlock()
	var walk func(o fyne.CanvasObject, offset fyne.Position, depth int) bool
	walk = func(o fyne.CanvasObject, offset fyne.Position, depth int) bool {
		if o == nil || depth > maxDepth {
			return false
		}
		pos := offset.Add(o.Position())
		if visit(o, pos) {
			return true
		}
		var children []fyne.CanvasObject
		switch x := o.(type) {
		case *fyne.Container:
			children = x.Objects
		case fyne.Widget:
			if r, ok := renderers[x]; ok {
				children = r.Objects()
			}
		}
		for _, child := range children {
			if walk(child, pos, depth+1) {
				return true
			}
		}
		return false
	}
	return walk(root, fyne.Position{}, 0)
}

// positionOf returns where o is on the canvas, and whether it is there.
func (c *Canvas) positionOf(o fyne.CanvasObject) (fyne.Position, bool) {
	var at fyne.Position
	find := func(x fyne.CanvasObject, pos fyne.Position) bool {
		if x == o {
			at = pos
			return true
		}
		return false
	}
	if c.walk(c.Content(), find) {
		return at, true
	}
	for _, ov := range c.Overlays().List() {
		if c.walk(ov, find) {
			return at, true
		}
	}
	return fyne.Position{}, false
}
