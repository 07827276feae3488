package storyboard

import (
	"fmt"
	"time"

	"github.com/google/uuid"
)

// NewProject returns a project from the template of format f on the platform
// with the given ID, with fresh IDs and the template's starting cards.
func NewProject(f Format, platform string, now time.Time) (*Project, error) {
	t, ok := TemplateFor(f)
	if !ok {
		return nil, fmt.Errorf("storyboard: unknown template %q (want backstage or making-of)", f)
	}
	pl, ok := PlatformByID(platform)
	if !ok {
		return nil, fmt.Errorf("storyboard: unknown platform %q", platform)
	}
	p := &Project{
		ID:       uuid.New(),
		Title:    "Untitled " + t.Name,
		Format:   f,
		Platform: pl.ID,
		Rate:     pl.Rate,
		Aspect:   pl.Aspect,
		Created:  now.UTC().Truncate(time.Second),
		Modified: now.UTC().Truncate(time.Second),
	}
	for _, c := range t.Cards {
		c = c.Clone()
		c.ID = uuid.New()
		p.Cards = append(p.Cards, c)
	}
	return p, nil
}
