package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/reelboard/reelboard/storyboard"
)

// Format describes one export format.
type Format struct {
	Name        string // the --format value, such as "otio"
	Ext         string // the usual file extension, with the dot
	Description string // one line for menus and help
}

// Formats lists the export formats in menu order.
var Formats = []Format{
	{"otio", ".otio", "OpenTimelineIO timeline (DaVinci Resolve, Premiere, Avid via adapters)"},
	{"edl", ".edl", "CMX 3600 EDL (any editor)"},
	{"fcp7", ".xml", "Final Cut Pro 7 XML (Premiere Pro, DaVinci Resolve)"},
	{"fcpxml", ".fcpxml", "Final Cut Pro X XML (FCPXML 1.10)"},
	{"mlt", ".mlt", "MLT XML (Shotcut, Kdenlive, melt)"},
	{"csv", ".csv", "Shot list as CSV (spreadsheets)"},
	{"md", ".md", "Shot list as Markdown"},
	{"pdf", ".pdf", "Printable storyboard sheet (PDF)"},
	{"html", ".html", "Storyboard sheet as one self-contained web page"},
	{"checklist", ".pdf", "Backstage operator's shooting checklist (PDF)"},
	{"bundle", ".zip", "Editor's handoff bundle: every export, soundtrack and media (zip)"},
}

// Options tunes an export.
type Options struct {
	// DropFrame writes drop-frame timecode in the EDL, FCP7 XML and FCPXML
	// when the project runs at 29.97 or 59.94 fps; other rates always use
	// non-drop-frame timecode.
	DropFrame bool
	// Title is the project's name as the exports show it; empty means the
	// project's Title (see Title).
	Title string
}

// Errors reported by Write; check them with errors.Is.
var (
	ErrUnknownFormat = errors.New("unknown export format")
	ErrNoCards       = errors.New("the project has no cards")
	ErrShortCard     = errors.New("card is shorter than one frame")
	ErrMissingMedia  = errors.New("linked file not found")
	ErrTooManyEvents = errors.New("too many events for a CMX 3600 EDL (at most 999)")
	ErrBadRate       = errors.New("invalid frame rate")
	ErrBadTimecode   = errors.New("invalid timecode")
)

// FormatNames returns the names of Formats, comma-separated, for messages.
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// LookupFormat returns the format called name.
func LookupFormat(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

type encoder func(pl *plan, w io.Writer) error

func encoderFor(name string) encoder {
	switch name {
	case "otio":
		return writeOTIO
	case "edl":
		return writeEDL
	case "fcp7":
		return writeFCP7
	case "fcpxml":
		return writeFCPXML
	case "mlt":
		return writeMLT
	case "csv":
		return writeCSV
	case "md":
		return writeMarkdown
	case "pdf":
		return writePDF
	case "html":
		return writeHTML
	case "checklist":
		return writeChecklist
	case "bundle":
		return writeBundle
	}
	return nil
}

// usesImages reports whether the format shows card reference images.
func usesImages(name string) bool {
	return name == "pdf" || name == "html" || name == "bundle"
}

// Write exports p in the named format to the file out. The file appears
// whole or not at all: an error leaves nothing behind and never replaces an
// existing file with a partial one.
func Write(p *storyboard.Project, format, out string, opt Options) error {
	enc := encoderFor(format)
	if enc == nil {
		return fmt.Errorf("export: %w %q (valid formats: %s)", ErrUnknownFormat, format, FormatNames())
	}
	pl, err := newPlan(p, opt, usesImages(format))
	if err != nil {
		return err
	}
	if needsFacts(format) {
		pl.probeMedia()
	}
	if err := writeAtomic(out, func(w io.Writer) error { return enc(pl, w) }); err != nil {
		return err
	}
	return nil
}

// writeAtomic writes a temporary file next to out with fill and renames it
// to out. On any error the temporary file is removed.
func writeAtomic(out string, fill func(io.Writer) error) (err error) {
	dir := filepath.Dir(out)
	f, err := os.CreateTemp(dir, "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: cannot write %s: %w", out, unwrapPath(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fill(f); err != nil {
		return fmt.Errorf("export: write %s: %w", out, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("export: write %s: %w", out, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("export: write %s: %w", out, err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("export: write %s: %w", out, err)
	}
	if err = os.Rename(tmp, out); err != nil {
		return fmt.Errorf("export: cannot write %s: %w", out, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the temporary file's name from a *fs.PathError so the
// message names only the destination.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
