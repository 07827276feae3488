package export_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

func ExampleWrite() {
	p, err := storyboard.NewProject(storyboard.FormatBackstage, "youtube", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	p.Title = "Studio day"
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "plan.edl")
	if err := export.Write(p, "edl", out, export.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(out)
	fmt.Println(strings.Join(strings.Split(string(b), "\n")[:5], "\n"))
	// Output:
	// TITLE: Studio day
	// FCM: NON-DROP FRAME
	//
	// 001  AX       V     C        00:00:00:00 00:00:02:00 00:00:00:00 00:00:02:00
	// * FROM CLIP NAME: Walking in
}

func ExampleFormats() {
	for _, f := range export.Formats[:5] {
		fmt.Printf("%-7s %s\n", f.Name, f.Ext)
	}
	// Output:
	// otio    .otio
	// edl     .edl
	// fcp7    .xml
	// fcpxml  .fcpxml
	// mlt     .mlt
}
