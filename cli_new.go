package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reelboard/reelboard/audio"
	"github.com/reelboard/reelboard/internal/analysis"
	"github.com/reelboard/reelboard/storyboard"
)

// runNew implements `reelboard new --template T [--platform P] [--soundtrack AUDIO] -o FILE.reel`.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reelboard new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tmpl := fs.String("template", "backstage", "template: backstage or making-of")
	platform := fs.String("platform", "instagram-reels", "platform preset: "+platformIDs())
	soundtrack := fs.String("soundtrack", "", "soundtrack audio file, analysed and stored in the project")
	title := fs.String("title", "", "project title (default: from the output file name)")
	out := fs.String("o", "", "project file to create (.reel)")
	force := fs.Bool("force", false, "overwrite an existing project file")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "reelboard new: unexpected argument %q; the project file goes after -o.\n", fs.Arg(0))
		return exitUsage
	}
	if *out == "" {
		fmt.Fprintln(stderr, "reelboard new: say where to write the project with -o FILE.reel.")
		return exitUsage
	}
	if _, ok := storyboard.TemplateFor(storyboard.Format(*tmpl)); !ok {
		fmt.Fprintf(stderr, "reelboard new: unknown template %q; use backstage or making-of.\n", *tmpl)
		return exitUsage
	}
	if _, ok := storyboard.PlatformByID(*platform); !ok {
		fmt.Fprintf(stderr, "reelboard new: unknown platform %q; use one of %s.\n", *platform, platformIDs())
		return exitUsage
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		fmt.Fprintf(stderr, "reelboard new: %s already exists; choose another name or add --force.\n", *out)
		return exitRefused
	}
	p, err := storyboard.NewProject(storyboard.Format(*tmpl), *platform, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "reelboard new: %s\n", errorSentence("write", err, *out))
		return exitUsage
	}
	p.Title = *title
	if p.Title == "" {
		p.Title = strings.TrimSuffix(filepath.Base(*out), filepath.Ext(*out))
	}
	if *soundtrack != "" {
		abs, err := filepath.Abs(*soundtrack)
		if err != nil {
			fmt.Fprintf(stderr, "reelboard new: %s\n", errorSentence("read", err, *soundtrack))
			return exitRefused
		}
		res, err := audio.Analyze(context.Background(), abs, nil)
		if err != nil {
			fmt.Fprintf(stderr, "reelboard new: %s\n", errorSentence("read", err, *soundtrack))
			return exitRefused
		}
		p.Soundtrack = analysis.Soundtrack(abs, res)
	}
	if err := storyboard.Save(p, *out); err != nil {
		fmt.Fprintf(stderr, "reelboard new: %s\n", errorSentence("write", err, *out))
		return exitRefused
	}
	fmt.Fprintf(stdout, "Created %s: %s, %s, %d cards.\n", *out, p.Template().Name, p.PlatformPreset().Name, len(p.Cards))
	return exitOK
}

func platformIDs() string {
	ids := make([]string, len(storyboard.Platforms))
	for i, p := range storyboard.Platforms {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}
