package export

import (
	"path/filepath"
	"strings"

	"github.com/reelboard/reelboard/storyboard"
)

// Title returns the name the exports give the project: its Title, or the
// project file's name without extension when the title is empty or still a
// template's "Untitled …" default and the project has been saved.
func Title(p *storyboard.Project, projectPath string) string {
	if p == nil {
		return ""
	}
	t := strings.TrimSpace(p.Title)
	if projectPath == "" {
		return t
	}
	untitled := t == ""
	for _, tm := range storyboard.Templates {
		untitled = untitled || t == "Untitled "+tm.Name
	}
	if !untitled {
		return t
	}
	base := filepath.Base(projectPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// fileSuffix is what follows the project's name in each format's default
// file name; no two formats share a name.
var fileSuffix = map[string]string{
	"otio":      " — edit plan.otio",
	"edl":       " — edit plan.edl",
	"fcp7":      " — edit plan (FCP7).xml",
	"fcpxml":    " — edit plan.fcpxml",
	"mlt":       " — edit plan.mlt",
	"csv":       " — shot list.csv",
	"md":        " — shot list.md",
	"pdf":       " — storyboard.pdf",
	"html":      " — storyboard.html",
	"checklist": " — checklist.pdf",
	"bundle":    " — handoff.zip",
}

// DefaultFileName returns the file name an export of format gets unless
// the user picks another, such as "Studio backstage — storyboard.pdf" and
// "Studio backstage — checklist.pdf": one name per format, so a quick export
// of one never overwrites another. name is the project's name (see Title);
// characters that file systems refuse become "-".
func DefaultFileName(name, format string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return -1
		case strings.ContainsRune(`/\:*?"<>|`, r):
			return '-'
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if name == "" {
		name = "Reelboard"
	}
	if s, ok := fileSuffix[format]; ok {
		return name + s
	}
	ext := ".out"
	if f, ok := LookupFormat(format); ok {
		ext = f.Ext
	}
	return name + " — " + format + ext
}
