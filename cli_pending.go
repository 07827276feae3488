package main

import (
	"fmt"
	"io"
)

// notYet answers for a subcommand whose implementation has not landed: it
// says so and exits with the usage status, never pretending.
func notYet(name string, stderr io.Writer) int {
	fmt.Fprintf(stderr, "reelboard %s: not available yet in this version.\n", name)
	return exitUsage
}

func runExport(_ []string, _, stderr io.Writer) int   { return notYet("export", stderr) }
func runRender(_ []string, _, stderr io.Writer) int   { return notYet("render", stderr) }
func runSnapshot(_ []string, _, stderr io.Writer) int { return notYet("snapshot", stderr) }
func runCheck(_ []string, _, stderr io.Writer) int    { return notYet("check", stderr) }
