// Command audiodecode decodes audio files with Reelboard's decoder and
// prints "FILE FRAMES RATE CHANNELS" per file (and any warning). With
// -held it adds the bytes of heap the loaded Track keeps alive (measured
// after a full collection before and after the load). It is the decode
// half of scripts/bench-audio.sh; it is not installed.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"

	"github.com/reelboard/reelboard/audio"
)

// liveHeap is the heap in use after a full collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func main() {
	args := os.Args[1:]
	held := len(args) > 0 && args[0] == "-held"
	if held {
		args = args[1:]
	}
	if len(args) < 1 {
		fmt.Fprintln(os.Stderr, "usage: audiodecode [-held] FILE...")
		os.Exit(2)
	}
	status := 0
	for _, p := range args {
		var before int64
		if held {
			before = liveHeap()
		}
		t, err := audio.Load(context.Background(), p, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 1
			continue
		}
		in := t.Info()
		if held {
			fmt.Printf("%s %d %d %d %d\n", p, t.Frames(), in.SampleRate, in.Channels, liveHeap()-before)
		} else {
			fmt.Printf("%s %d %d %d\n", p, t.Frames(), in.SampleRate, in.Channels)
		}
		if w := t.Warning(); w != nil {
			fmt.Fprintf(os.Stderr, "warning: %v\n", w)
		}
		runtime.KeepAlive(t)
	}
	os.Exit(status)
}
