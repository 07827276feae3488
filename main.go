// Command reelboard is a desktop storyboard app for backstage reels: clip cards
// along a music timeline in three acts, cut on the beats, exported as an edit
// plan for the editor's tool and a shot list for the operator.
//
// Run without arguments it opens the GUI; the subcommands are a stable command
// line contract (see README.md).
package main

import (
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2/app"

	"github.com/reelboard/reelboard/assets"
	_ "github.com/reelboard/reelboard/internal/localeenv" // before fyne reads the locale
	"github.com/reelboard/reelboard/ui"
)

// version is FyneApp.toml's Version (a test holds them equal); a build may
// set another with -ldflags "-X main.version=...".
var version = "0.1.0"

// appID is the application ID, shared with FyneApp.toml.
const appID = "io.github.reelboard"

// Exit statuses of the command line contract.
const (
	exitOK      = 0
	exitRefused = 1 // a finding, or input refused
	exitUsage   = 2
)

const usage = `Usage:
  reelboard                          open the GUI (last project, or the demo)
  reelboard open FILE.reel           open the GUI on a project
  reelboard new --template backstage|making-of [--platform NAME] [--title T] [--author A]
                [--client C] [--rate R] [--soundtrack AUDIO [--no-fit]] -o FILE.reel
  reelboard fit [--length SECONDS] [--start auto|SECONDS] [--variant NAME [--platform P]] [--json] FILE.reel
                                     fit the plan (or a variant) to its music
  reelboard analyze [--json] AUDIO   tempo, beats and downbeats of a soundtrack
  reelboard check [--json] [--variant NAME] FILE.reel
                                     pacing findings; exit 1 when any is an error
  reelboard export --format F [--variant NAME] -o OUT FILE.reel
  reelboard render -o OUT.mp4 FILE.reel
  reelboard snapshot -o OUT.png [FILE.reel]
  reelboard version
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit status. Every
// subcommand except the GUI is testable through it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return runGUI("", stderr)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "open":
		if len(rest) != 1 {
			fmt.Fprintln(stderr, "reelboard open: give exactly one project file, for example: reelboard open plan.reel")
			return exitUsage
		}
		return runGUI(rest[0], stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "fit":
		return runFit(rest, stdout, stderr)
	case "analyze":
		return runAnalyze(rest, stdout, stderr)
	case "export":
		return runExport(rest, stdout, stderr)
	case "render":
		return runRender(rest, stdout, stderr)
	case "snapshot":
		return runSnapshot(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "reelboard", version)
		return exitOK
	case "help", "--help", "-help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "reelboard: unknown command %q; run \"reelboard help\" for the list.\n", cmd)
	return exitUsage
}

// runGUI opens the editor on path, or on the last project (or the demo) when
// path is empty.
func runGUI(path string, stderr io.Writer) int {
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(stderr, "reelboard open: %s\n", errorSentence("read", err, path))
			return exitRefused
		}
	}
	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	if path == "" {
		path = ui.LastProject(a)
		if _, err := os.Stat(path); path == "" || err != nil {
			demo, err := demoProjectPath()
			if err != nil {
				fmt.Fprintf(stderr, "reelboard: %s\n", errorSentence("read", err, "the demo"))
				return exitRefused
			}
			path = demo
		}
	}
	ui.Run(a, path)
	return exitOK
}
