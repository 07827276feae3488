package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"

	"fyne.io/fyne/v2"

	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui"
)

// snapshotSize is the window size of a snapshot: a common laptop screen.
var snapshotSize = fyne.NewSize(1280, 800)

// runSnapshot renders the main window offscreen to a PNG:
// reelboard snapshot -o OUT.png [FILE.reel]. Without a FILE it shows the demo.
func runSnapshot(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("snapshot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "the PNG file to write")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "reelboard snapshot: %v; usage: reelboard snapshot -o OUT.png [FILE.reel]\n", err)
		return exitUsage
	}
	if *out == "" || fs.NArg() > 1 {
		fmt.Fprintln(stderr, "reelboard snapshot: give the output with -o and at most one project, for example: reelboard snapshot -o window.png plan.reel")
		return exitUsage
	}
	path := fs.Arg(0)
	if path == "" {
		demo, err := demoProjectPath()
		if err != nil {
			fmt.Fprintf(stderr, "reelboard snapshot: %v.\n", err)
			return exitRefused
		}
		path = demo
	}
	if _, err := storyboard.Load(path); err != nil { // said as every command says it
		fmt.Fprintf(stderr, "reelboard snapshot: %s\n", errorSentence("read", err, path))
		return exitRefused
	}
	if err := ui.Snapshot(path, *out, snapshotSize); err != nil {
		var pe *iofs.PathError
		if errors.As(err, &pe) && pe.Path == *out {
			fmt.Fprintf(stderr, "reelboard snapshot: %s\n", errorSentence("write", pe, *out))
		} else {
			fmt.Fprintf(stderr, "reelboard %v.\n", err)
		}
		return exitRefused
	}
	fmt.Fprintf(stdout, "wrote %s (%gx%g)\n", *out, snapshotSize.Width, snapshotSize.Height)
	return exitOK
}
