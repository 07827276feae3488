package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// dropped handles files dropped from the file manager: audio sets the
// soundtrack, a project opens, images become cards (or, dropped on the
// inspector, the selected card's image), videos become cards linked to them.
func (m *mainWindow) dropped(pos fyne.Position, uris []fyne.URI) {
	var images, videos []string
	for _, u := range uris {
		path := u.Path()
		switch {
		case strings.EqualFold(filepath.Ext(path), ".reel"):
			m.confirmDiscard(func() { m.openPath(path) })
			return
		case hasExt(path, audioExts):
			m.sound.choose(path)
		case hasExt(path, imageExts):
			images = append(images, path)
		case hasExt(path, videoExts):
			videos = append(videos, path)
		default:
			m.say(lang.L("Reelboard cannot use “{{.Name}}”: drop audio, images, video or a .reel project.", map[string]any{"Name": filepath.Base(path)}))
		}
	}
	if len(images) == 1 && len(videos) == 0 && m.ed.Selected() >= 0 && inside(m.insp.content, pos) {
		id := m.ed.Project.Cards[m.ed.Selected()].ID
		m.report(m.ed.UpdateCard(id, "image", func(c *storyboard.Card) { c.Image = images[0] }))
		return
	}
	if len(images)+len(videos) > 0 {
		m.report(m.addMediaCards(images, videos))
	}
}

// addMediaCards adds one card per image and video after the selected card,
// as one undoable step.
func (m *mainWindow) addMediaCards(images, videos []string) error {
	at, act := m.ed.insertPoint(storyboard.Work)
	d := newCardDuration(m.ed.Project)
	var cmds []storyboard.Command
	add := func(path string, video bool) {
		c := storyboard.Card{ID: uuid.New(), Kind: storyboard.ShotCandid, Act: act, Duration: d}
		c.Title = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		if video {
			c.Media = &storyboard.MediaLink{Path: path}
		} else {
			c.Image = path
		}
		cmds = append(cmds, storyboard.AddCard(at, c))
		at++
	}
	for _, path := range images {
		add(path, false)
	}
	for _, path := range videos {
		add(path, true)
	}
	return m.ed.Do(storyboard.Batch(plural(len(cmds), "Add card", "Add cards"), cmds...))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
