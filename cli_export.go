package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/reelboard/reelboard/export"
	"github.com/reelboard/reelboard/storyboard"
)

const (
	exportUsage = "usage: reelboard export --format F -o OUT [--non-drop-frame] [--variant NAME] [--include FILE]... FILE.reel\n       reelboard export --check F [--non-drop-frame] FILE.reel"
	renderUsage = "usage: reelboard render -o OUT.mp4 FILE.reel"
)

// parseInterleaved parses flags that may come before or after the
// positional arguments, and returns the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// runExport implements `reelboard export --format F -o OUT [--drop-frame]
// FILE.reel` (args are the words after "export"). Exit status: 0 written,
// 1 refused input or unwritable output, 2 usage error.
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reelboard export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "", "export format: "+export.FormatNames())
	out := fs.String("o", "", "output file")
	fs.Bool("drop-frame", true, "drop-frame timecode at 29.97 and 59.94 fps (the default; kept for scripts)")
	nonDrop := fs.Bool("non-drop-frame", false, "non-drop-frame timecode at 29.97 and 59.94 fps")
	var include multiFlag
	fs.Var(&include, "include", "bundle this file although it is outside the project's folder (repeatable)")
	variant := fs.String("variant", "", "export the named variant instead of the whole plan")
	check := fs.String("check", "", "list what the editor opening this format will find offline or unsupported")
	files, err := parseInterleaved(fs, args)
	if err == nil && *check != "" {
		return runExportCheck(*check, files, *nonDrop, stdout, stderr)
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, exportUsage)
		fmt.Fprintln(stdout, "formats:")
		for _, f := range export.Formats {
			fmt.Fprintf(stdout, "  %-10s %s\n", f.Name, f.Description)
		}
		return exitOK
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "reelboard export: %s.\n%s\n", err, exportUsage)
		return exitUsage
	case *format == "":
		fmt.Fprintf(stderr, "reelboard export: --format is missing (one of %s).\n%s\n", export.FormatNames(), exportUsage)
		return exitUsage
	case !validFormat(*format):
		fmt.Fprintf(stderr, "reelboard export: unknown format %q (valid formats: %s).\n", *format, export.FormatNames())
		return exitUsage
	case *out == "":
		fmt.Fprintf(stderr, "reelboard export: -o OUT is missing.\n%s\n", exportUsage)
		return exitUsage
	case len(files) != 1:
		fmt.Fprintf(stderr, "reelboard export: give exactly one project file.\n%s\n", exportUsage)
		return exitUsage
	}
	p, err := storyboard.Load(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "reelboard export: %s\n", errorSentence("read", err, files[0]))
		return exitRefused
	}
	if *variant != "" {
		if p, err = p.VariantProject(*variant); err != nil {
			fmt.Fprintf(stderr, "reelboard export: %s\n", errorSentence("read", err, files[0]))
			return exitRefused
		}
	}
	opt := export.DefaultOptions(p, files[0])
	opt.NonDropFrame = *nonDrop
	opt.Include = include
	if st, err := os.Stat(*out); err == nil && st.IsDir() {
		// -o FOLDER: the format's default name, one per format.
		*out = filepath.Join(*out, export.DefaultFileName(opt.Title, *format))
	}
	if err := export.Write(p, *format, *out, opt); err != nil {
		fmt.Fprintf(stderr, "reelboard export: %s\n", errorSentence("write", err, *out))
		return exitRefused
	}
	if *format == "bundle" {
		for _, o := range export.BundleOmissions(p, opt) {
			fmt.Fprintf(stderr, "reelboard export: warning: %s\n", o)
		}
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return exitOK
}

// multiFlag collects the values of a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// runExportCheck implements `reelboard export --check FORMAT FILE.reel`:
// one line per finding on stdout. Exit status: 0 nothing to report, 1 a
// finding or a refused project, 2 usage error.
func runExportCheck(format string, files []string, nonDrop bool, stdout, stderr io.Writer) int {
	switch {
	case !validFormat(format):
		fmt.Fprintf(stderr, "reelboard export: unknown format %q (valid formats: %s).\n", format, export.FormatNames())
		return exitUsage
	case len(files) != 1:
		fmt.Fprintf(stderr, "reelboard export: give exactly one project file.\n%s\n", exportUsage)
		return exitUsage
	}
	p, err := storyboard.Load(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "reelboard export: %s\n", errorSentence("read", err, files[0]))
		return exitRefused
	}
	opt := export.DefaultOptions(p, files[0])
	opt.NonDropFrame = nonDrop
	fs, err := export.Check(p, format, opt)
	if err != nil {
		fmt.Fprintf(stderr, "reelboard export: %s\n", errorSentence("read", err, files[0]))
		return exitRefused
	}
	if len(fs) == 0 {
		fmt.Fprintf(stdout, "%s: nothing offline or unsupported for %s.\n", files[0], format)
		return exitOK
	}
	for _, f := range fs {
		fmt.Fprintf(stdout, "%s: %s: %s.\n", files[0], f.Kind, f)
	}
	return exitRefused
}

func validFormat(name string) bool {
	_, ok := export.LookupFormat(name)
	return ok
}

// runRender implements `reelboard render -o OUT.mp4 FILE.reel` (args are
// the words after "render"). Progress goes to stdout in steps of 10%.
func runRender(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reelboard render", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "output video (.mp4)")
	files, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, renderUsage)
		return exitOK
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "reelboard render: %s.\n%s\n", err, renderUsage)
		return exitUsage
	case *out == "":
		fmt.Fprintf(stderr, "reelboard render: -o OUT.mp4 is missing.\n%s\n", renderUsage)
		return exitUsage
	case len(files) != 1:
		fmt.Fprintf(stderr, "reelboard render: give exactly one project file.\n%s\n", renderUsage)
		return exitUsage
	}
	p, err := storyboard.Load(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "reelboard render: %s\n", errorSentence("read", err, files[0]))
		return exitRefused
	}
	// SIGINT (Ctrl+C) and SIGTERM both stop ffmpeg's whole process group
	// and remove the temporary files before we exit.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	step := -1
	progress := func(f float64) {
		if s := int(f * 10); s > step {
			step = s
			fmt.Fprintf(stdout, "rendering %d%%\n", s*10)
		}
	}
	if err := export.Render(ctx, p, *out, progress); err != nil {
		fmt.Fprintf(stderr, "reelboard render: %s\n", errorSentence("write", err, *out))
		return exitRefused
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return exitOK
}
