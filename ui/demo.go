package ui

import (
	"bytes"
	"io/fs"
	"os"

	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/assets"
	"github.com/reelboard/reelboard/storyboard"
)

// pristineDemo reports whether path is the installed demo project, as
// installed: not edited and saved since.
func pristineDemo(path string) bool {
	if !isDemo(path) {
		return false
	}
	have, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	want, err := fs.ReadFile(assets.Demo, assets.DemoProjectFile)
	return err == nil && bytes.Equal(have, want)
}

// localizeDemo puts the demo project's texts (written in English) in the
// language in use: its title and style notes, and every card's title,
// notes and on-screen text. The project is the one loaded, so nothing reads
// as unsaved; saving it keeps the translation.
func localizeDemo(p *storyboard.Project) {
	tr := func(s *string) {
		if *s != "" {
			*s = lang.L(*s)
		}
	}
	tr(&p.Title)
	tr(&p.StyleNotes)
	for i := range p.Cards {
		c := &p.Cards[i]
		tr(&c.Title)
		tr(&c.Notes)
		tr(&c.OnScreenText)
	}
}
