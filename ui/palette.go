package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/reelboard/reelboard/storyboard"
)

// paletteItem is one shot kind of the palette: a button that adds a card of
// its kind, and a handle that can be dragged onto the timeline.
type paletteItem struct {
	widget.BaseWidget
	kind    storyboard.ShotKind
	button  *widget.Button
	desc    *widget.Label
	dragPos fyne.Position
	dragged bool
	ghost   *widget.PopUp // follows the pointer while dragging

	onDropped func(k storyboard.ShotKind, abs fyne.Position)
	onDrag    func(k storyboard.ShotKind, abs fyne.Position)
}

var (
	_ fyne.Widget    = (*paletteItem)(nil)
	_ fyne.Draggable = (*paletteItem)(nil)
)

func newPaletteItem(k storyboard.ShotKind, add func(storyboard.ShotKind)) *paletteItem {
	p := &paletteItem{kind: k}
	p.button = widget.NewButtonWithIcon(kindName(k), theme.ContentAddIcon(), func() { add(k) })
	p.button.Alignment = widget.ButtonAlignLeading
	p.desc = widget.NewLabel(kindDescription(k))
	p.desc.Wrapping = fyne.TextWrapWord
	p.desc.SizeName = theme.SizeNameCaptionText
	p.ExtendBaseWidget(p)
	return p
}

func (p *paletteItem) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewVBox(p.button, p.desc))
}

// Dragged follows a drag that started on the item's description.
func (p *paletteItem) Dragged(e *fyne.DragEvent) {
	p.dragged = true
	p.dragPos = e.AbsolutePosition
	at := e.AbsolutePosition.Add(fyne.NewPos(theme.Padding()*2, theme.Padding()*2))
	if p.ghost == nil {
		if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
			label := widget.NewLabelWithStyle("+ "+kindName(p.kind), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			p.ghost = widget.NewPopUp(label, c)
			p.ghost.ShowAtPosition(at)
		}
	} else {
		p.ghost.Move(at)
	}
	if p.onDrag != nil {
		p.onDrag(p.kind, e.AbsolutePosition)
	}
}

// DragEnd drops the kind where the drag ended.
func (p *paletteItem) DragEnd() {
	if !p.dragged {
		return
	}
	p.dragged = false
	if p.ghost != nil {
		p.ghost.Hide()
		p.ghost = nil
	}
	if p.onDropped != nil {
		p.onDropped(p.kind, p.dragPos)
	}
}

// newPalette returns the shot palette: every kind of the backstage grammar
// with its description.
func newPalette(add func(storyboard.ShotKind), dropped, drag func(storyboard.ShotKind, fyne.Position)) (fyne.CanvasObject, []*paletteItem) {
	var items []*paletteItem
	box := container.NewVBox()
	hint := widget.NewLabel(lang.L("Press a shot to add it after the selected card, or drag it onto the timeline."))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	box.Add(hint)
	for _, k := range storyboard.ShotKinds {
		it := newPaletteItem(k.Kind, add)
		it.onDropped = dropped
		it.onDrag = drag
		items = append(items, it)
		box.Add(it)
	}
	return container.NewVScroll(box), items
}
