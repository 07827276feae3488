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

// runNew implements `reelboard new --template T [--platform P] [--title T]
// [--author A] [--client C] [--rate R] [--soundtrack AUDIO [--no-fit]] -o
// FILE.reel`. With a soundtrack the plan is fitted to the music unless
// --no-fit.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reelboard new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tmpl := fs.String("template", "backstage", "template: backstage or making-of")
	platform := fs.String("platform", "instagram-reels", "platform preset: "+platformIDs())
	soundtrack := fs.String("soundtrack", "", "soundtrack audio file, analysed and stored in the project")
	title := fs.String("title", "", "project title (default: from the output file name)")
	author := fs.String("author", "", "the author whose work the reel shows")
	client := fs.String("client", "", "the client the work is for")
	rate := fs.String("rate", "", "frame rate: "+rateNames()+" (default: the platform's)")
	noFit := fs.Bool("no-fit", false, "keep the template's fixed durations instead of fitting them to the soundtrack")
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
	var r storyboard.Rate
	if *rate != "" {
		var ok bool
		if r, ok = parseRate(*rate); !ok {
			fmt.Fprintf(stderr, "reelboard new: unknown frame rate %q; use one of %s.\n", *rate, rateNames())
			return exitUsage
		}
	}
	if *noFit && *soundtrack == "" {
		fmt.Fprintln(stderr, "reelboard new: --no-fit goes with --soundtrack (without music there is nothing to fit).")
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
	p.Title, p.Author, p.Client = *title, *author, *client
	if p.Title == "" {
		p.Title = strings.TrimSuffix(filepath.Base(*out), filepath.Ext(*out))
	}
	if *rate != "" {
		p.Rate = r
	}
	fitNote := ""
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
		if !*noFit {
			c := storyboard.FitPlan(storyboard.FitOptions{})
			if err := c.Do(p); err != nil {
				fitNote = " Not fitted to the music: " + errorSentence("fit", err, *out) + " The cards keep the template's durations."
			} else {
				fitNote = " " + c.Report.String()
			}
		}
	}
	if err := storyboard.Save(p, *out); err != nil {
		fmt.Fprintf(stderr, "reelboard new: %s\n", errorSentence("write", err, *out))
		return exitRefused
	}
	fmt.Fprintf(stdout, "Created %s: %s, %s, %d cards.%s\n", *out, p.Template().Name, p.PlatformPreset().Name, len(p.Cards), fitNote)
	return exitOK
}

// rateNames lists the supported frame rates as --rate takes them.
func rateNames() string {
	names := make([]string, len(storyboard.Rates))
	for i, r := range storyboard.Rates {
		names[i] = r.String()
	}
	return strings.Join(names, ", ")
}

// parseRate reads a frame rate as rateNames lists it ("25", "29.97"),
// also accepting "23.98" and "59.94" spelled with two decimals.
func parseRate(s string) (storyboard.Rate, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "fps")
	for _, r := range storyboard.Rates {
		if s == r.String() || s == fmt.Sprintf("%.2f", r.FPS()) {
			return r, true
		}
	}
	return storyboard.Rate{}, false
}

func platformIDs() string {
	ids := make([]string, len(storyboard.Platforms))
	for i, p := range storyboard.Platforms {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}
