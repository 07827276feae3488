// Command audiodecode decodes audio files with Reelboard's decoder and
// prints "FILE FRAMES RATE CHANNELS" per file (and any warning). It is the
// decode half of scripts/bench-audio.sh; it is not installed.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/reelboard/reelboard/audio"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: audiodecode FILE...")
		os.Exit(2)
	}
	status := 0
	for _, p := range os.Args[1:] {
		t, err := audio.Load(context.Background(), p, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 1
			continue
		}
		in := t.Info()
		fmt.Printf("%s %d %d %d\n", p, t.Frames(), in.SampleRate, in.Channels)
		if w := t.Warning(); w != nil {
			fmt.Fprintf(os.Stderr, "warning: %v\n", w)
		}
	}
	os.Exit(status)
}
