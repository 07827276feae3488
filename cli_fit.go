package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/reelboard/reelboard/storyboard"
)

const fitUsage = "usage: reelboard fit [--length SECONDS] [--start auto|SECONDS] [--variant NAME [--platform P]] [--json] FILE.reel"

// runFit implements `reelboard fit [--length SECONDS] [--start auto|SECONDS]
// [--variant NAME [--platform P]] [--json] FILE.reel`: it fits the plan (or
// the named variant) to its music, saves the project and prints what it
// did, as one line or, with --json, one object (see README).
func runFit(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reelboard fit", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	length := fs.String("length", "", "the reel's length in seconds (default: the music region, or the platform's recommended length)")
	start := fs.String("start", "auto", "where the music starts in the song, in seconds, or auto to choose the excerpt")
	variant := fs.String("variant", "", "fit the named variant instead of the plan (created when missing; presets: "+variantPresetNames()+")")
	platform := fs.String("platform", "", "the variant's platform (default: the preset's, or the project's)")
	asJSON := fs.Bool("json", false, "print the account of the fit as a JSON object")
	files, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, fitUsage)
		return exitOK
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "reelboard fit: %s.\n%s\n", err, fitUsage)
		return exitUsage
	case len(files) != 1:
		fmt.Fprintf(stderr, "reelboard fit: give exactly one project file.\n%s\n", fitUsage)
		return exitUsage
	}
	var opt storyboard.FitOptions
	if *length != "" {
		if opt.Length, err = parseSeconds(*length); err != nil || opt.Length <= 0 {
			fmt.Fprintf(stderr, "reelboard fit: --length %q is not a length in seconds (like 30 or 29.5).\n", *length)
			return exitUsage
		}
	}
	if *start != "auto" {
		if opt.Start, err = parseSeconds(*start); err != nil || opt.Start < 0 {
			fmt.Fprintf(stderr, "reelboard fit: --start %q is neither auto nor a time in seconds into the song.\n", *start)
			return exitUsage
		}
		opt.FixedStart = true
	}
	if *variant == "" && *platform != "" {
		fmt.Fprintf(stderr, "reelboard fit: --platform goes with --variant (the plan's platform is a project setting).\n%s\n", fitUsage)
		return exitUsage
	}
	if *variant != "" && opt.FixedStart {
		fmt.Fprintf(stderr, "reelboard fit: --start goes with the plan, not a variant (a variant chooses its own excerpt).\n%s\n", fitUsage)
		return exitUsage
	}
	if *platform != "" {
		if _, ok := storyboard.PlatformByID(*platform); !ok {
			fmt.Fprintf(stderr, "reelboard fit: unknown platform %q; use one of %s.\n", *platform, platformIDs())
			return exitUsage
		}
	}
	path := files[0]
	p, err := storyboard.Load(path)
	if err != nil {
		fmt.Fprintf(stderr, "reelboard fit: %s\n", errorSentence("read", err, path))
		return exitRefused
	}
	var report storyboard.FitReport
	var cmdErr error
	if *variant != "" {
		spec := variantSpec(p, *variant, *platform, opt.Length)
		c := storyboard.SetVariant(spec)
		cmdErr = c.Do(p)
		report = c.Report
	} else {
		c := storyboard.FitPlan(opt)
		cmdErr = c.Do(p)
		report = c.Report
	}
	if cmdErr != nil {
		msg := errorSentence("fit", cmdErr, path)
		if errors.Is(cmdErr, storyboard.ErrNoSoundtrack) {
			msg = path + ": the project has no soundtrack; choose one in the editor or make the plan with reelboard new --soundtrack."
		}
		fmt.Fprintf(stderr, "reelboard fit: %s\n", msg)
		return exitRefused
	}
	if err := storyboard.Save(p, path); err != nil {
		fmt.Fprintf(stderr, "reelboard fit: %s\n", errorSentence("write", err, path))
		return exitRefused
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(report); err != nil {
			fmt.Fprintf(stderr, "reelboard fit: %v\n", err)
			return exitRefused
		}
		return exitOK
	}
	if *variant != "" {
		fmt.Fprintf(stdout, "%s, variant %q: %s\n", path, *variant, report)
	} else {
		fmt.Fprintf(stdout, "%s: %s\n", path, report)
	}
	return exitOK
}

// variantSpec is the variant named name: the stored one, else the preset of
// that name, else one on the project's platform; platform and length, when
// given, override.
func variantSpec(p *storyboard.Project, name, platform string, length storyboard.Time) storyboard.VariantSpec {
	spec := storyboard.VariantSpec{Name: name, Platform: p.Platform}
	if v, ok := p.Variant(name); ok {
		spec.Platform, spec.Length = v.Platform, v.Length
	} else {
		for _, pre := range storyboard.VariantPresets {
			if strings.EqualFold(pre.Name, name) {
				spec = pre
			}
		}
	}
	if platform != "" {
		spec.Platform = platform
	}
	if length > 0 {
		spec.Length = length
	}
	return spec
}

func variantPresetNames() string {
	var names []string
	for _, v := range storyboard.VariantPresets {
		names = append(names, strconv.Quote(v.Name))
	}
	return strings.Join(names, ", ")
}

// parseSeconds reads "30", "29.5" or "30s" as a time.
func parseSeconds(s string) (storyboard.Time, error) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "s"), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f > storyboard.MaxTime.Seconds() || f < -storyboard.MaxTime.Seconds() {
		return 0, fmt.Errorf("not a number of seconds: %q", s)
	}
	return storyboard.Seconds(f), nil
}
