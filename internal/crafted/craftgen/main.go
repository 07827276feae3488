// Command craftgen writes the crafted-header audio family (see package
// crafted) into a folder and lists it, for measuring `reelboard analyze`
// on it by hand (peak memory with /usr/bin/time -v). It is not installed.
package main

import (
	"fmt"
	"os"

	"github.com/reelboard/reelboard/internal/crafted"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: craftgen DIR")
		os.Exit(2)
	}
	if err := os.MkdirAll(os.Args[1], 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cases, err := crafted.Write(os.Args[1])
	for _, c := range cases {
		fmt.Printf("%s\t%s\n", c.Path, c.Lie)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
