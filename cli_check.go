package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/google/uuid"

	"github.com/reelboard/reelboard/storyboard"
)

// jsonFinding is one finding of `reelboard check --json`.
type jsonFinding struct {
	Severity string  `json:"severity"`
	Code     string  `json:"code"`
	Card     *int    `json:"card,omitempty"` // 1-based card number
	CardID   string  `json:"card_id,omitempty"`
	Act      string  `json:"act,omitempty"`
	Message  string  `json:"message"`
	At       float64 `json:"at_s,omitempty"`
}

// runCheck implements `reelboard check [--json] [--variant NAME] FILE.reel`:
// it prints the pacing findings of the plan (or of one of its variants,
// against the variant's platform) and exits 1 when any of them is an error.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reelboard check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the findings as a JSON array")
	variant := fs.String("variant", "", "check this variant of the plan, against its own platform")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "reelboard check: give exactly one project file, for example: reelboard check plan.reel")
		return exitUsage
	}
	p, err := storyboard.Load(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "reelboard check: %s\n", errorSentence("read", err, fs.Arg(0)))
		return exitRefused
	}
	if *variant != "" {
		q, err := p.VariantProject(*variant)
		if err != nil {
			fmt.Fprintf(stderr, "reelboard check: %s\n", errorSentence("read", err, fs.Arg(0)))
			return exitRefused
		}
		p = q
	}
	findings := storyboard.CheckFile(p, fs.Arg(0))
	status := exitOK
	out := make([]jsonFinding, 0, len(findings))
	// Each card's number and start, once: a finding per card of a large
	// project must not look its card up from the first.
	index := make(map[uuid.UUID]int, len(p.Cards))
	starts := make([]storyboard.Time, len(p.Cards))
	var at storyboard.Time
	for i, c := range p.Cards {
		index[c.ID], starts[i] = i, at
		at += c.Duration
	}
	for _, f := range findings {
		if f.Severity == storyboard.Error {
			status = exitRefused
		}
		j := jsonFinding{Severity: f.Severity.String(), Code: f.Code, Message: f.Message}
		if i, ok := index[f.CardID]; ok && f.CardID != uuid.Nil {
			n := i + 1
			j.Card, j.CardID, j.At = &n, f.CardID.String(), starts[i].Seconds()
		}
		if f.Act.Valid() {
			j.Act = f.Act.String()
		}
		out = append(out, j)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "reelboard check: %s\n", errorSentence("write", err, "the standard output"))
			return exitRefused
		}
		return status
	}
	if len(findings) == 0 {
		fmt.Fprintf(stdout, "%s: no findings; the pacing works.\n", fs.Arg(0))
		return status
	}
	for _, f := range out {
		fmt.Fprintf(stdout, "%-7s %s\n", f.Severity+":", f.Message)
	}
	return status
}
