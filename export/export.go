package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/reelboard/reelboard/internal/atomicfile"
	"github.com/reelboard/reelboard/storyboard"
)

// Format describes one export format: the one registry read by the command
// line, File ▸ Export and the handoff bundle. Adding a format means adding
// one entry to Formats (and its translations).
type Format struct {
	Name        string // the --format value, such as "otio"
	Ext         string // the usual file extension, with the dot
	File        string // the default file name, also its name inside a bundle ("" when not bundled)
	Description string // one line for menus and help, in English
	Short       string // a short name for progress messages, in English
	LabelKey    string // translation key of Description
	ShortKey    string // translation key of Short
	Images      bool   // shows card reference images, so they must exist
	InBundle    bool   // the handoff bundle carries this export
	write       encoder
}

// Formats lists the export formats in menu order. It is filled in init
// because the bundle's writer reads it.
var Formats []Format

func init() {
	f := func(name, ext, file, desc, short string, images, inBundle bool, w encoder) Format {
		return Format{Name: name, Ext: ext, File: file, Description: desc, Short: short,
			LabelKey: "export." + name, ShortKey: "export.short." + name,
			Images: images, InBundle: inBundle, write: w}
	}
	Formats = []Format{
		f("otio", ".otio", "plan.otio", "OpenTimelineIO timeline (DaVinci Resolve, Premiere, Avid via adapters)", "OpenTimelineIO", false, true, writeOTIO),
		f("edl", ".edl", "plan.edl", "CMX 3600 EDL (any editor)", "EDL", false, true, writeEDL),
		f("fcp7", ".xml", "plan-fcp7.xml", "Final Cut Pro 7 XML (Premiere Pro, DaVinci Resolve)", "Final Cut Pro 7 XML", false, true, writeFCP7),
		f("fcpxml", ".fcpxml", "plan.fcpxml", "Final Cut Pro X XML (FCPXML 1.10)", "FCPXML", false, true, writeFCPXML),
		f("mlt", ".mlt", "plan.mlt", "MLT XML (Shotcut, Kdenlive, melt)", "MLT XML", false, true, writeMLT),
		f("csv", ".csv", "shotlist.csv", "Shot list as CSV (spreadsheets)", "CSV", false, true, writeCSV),
		f("md", ".md", "shotlist.md", "Shot list as Markdown", "Markdown", false, true, writeMarkdown),
		f("pdf", ".pdf", "storyboard.pdf", "Printable storyboard sheet (PDF)", "PDF", true, true, writePDF),
		f("html", ".html", "storyboard.html", "Storyboard sheet as one self-contained web page", "HTML", true, true, writeHTML),
		f("checklist", ".pdf", "checklist.pdf", "Backstage operator's shooting checklist (PDF)", "checklist PDF", false, true, writeChecklist),
		f("bundle", ".zip", "handoff.zip", "Editor's handoff bundle: every export, soundtrack and media (zip)", "handoff bundle", true, false, writeBundle),
	}
}

// Options tunes an export. The zero Options is the default, and the command
// line and File ▸ Export both start from DefaultOptions, so the same project
// exports to the same bytes from either.
type Options struct {
	// NonDropFrame writes non-drop-frame timecode at 29.97 and 59.94 fps.
	// By default the EDL, FCP7 XML, FCPXML and the shot lists use
	// drop-frame timecode at those rates, as editors expect for NTSC
	// material: it keeps timecode in step with the clock (an hour of
	// non-drop timecode at 29.97 runs 3.6 s behind). Other rates always
	// use non-drop-frame timecode.
	NonDropFrame bool
	// Project is the path of the project file, when it has one. An export
	// never overwrites it, and the bundle copies only media inside its
	// folder (plus Include).
	Project string
	// Include lists media files outside the project's folder that the user
	// chose explicitly to bundle (reelboard export --include FILE).
	Include []string
	// Title is the project's name as the exports show it; empty means the
	// project's Title (see Title).
	Title string
}

// DefaultOptions returns the options of an export of p saved at project
// ("" for an unsaved project), as the command line and the editor use them.
func DefaultOptions(p *storyboard.Project, project string) Options {
	return Options{Project: project, Title: Title(p, project)}
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
	ErrOutputIsInput = errors.New("writing onto it would destroy it")
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

// usesImages reports whether the format shows card reference images.
func usesImages(name string) bool {
	f, _ := LookupFormat(name)
	return f.Images
}

// Write exports p in the named format to the file out. The file appears
// whole or not at all: an error leaves nothing behind and never replaces an
// existing file with a partial one. An out that is the project file or one
// of its media is refused with ErrOutputIsInput.
func Write(p *storyboard.Project, format, out string, opt Options) error {
	f, ok := LookupFormat(format)
	if !ok {
		return &Error{Err: ErrUnknownFormat, Detail: fmt.Sprintf("%q (valid formats: %s)", format, FormatNames())}
	}
	if err := checkOutput(p, out, opt); err != nil {
		return err
	}
	pl, err := newPlan(p, opt, f.Images)
	if err != nil {
		return err
	}
	if needsFacts(format) {
		pl.probeMedia()
	}
	if err := writeAtomic(out, func(w io.Writer) error { return f.write(pl, w) }); err != nil {
		return err
	}
	return nil
}

// inputs returns the files an export of p reads, each with what it is for
// messages: the project file, the soundtrack, linked media, reference
// images and explicitly included files.
func inputs(p *storyboard.Project, opt Options) [][2]string {
	var in [][2]string
	add := func(path, what string) {
		if path != "" {
			in = append(in, [2]string{path, what})
		}
	}
	add(opt.Project, "the project file")
	if p != nil {
		if s := p.Soundtrack; s != nil {
			add(s.Path, "the soundtrack")
		}
		for i := range p.Cards {
			c := &p.Cards[i]
			if c.Media != nil {
				add(c.Media.Path, fmt.Sprintf("card %d's linked media", i+1))
			}
			add(c.Image, fmt.Sprintf("card %d's reference image", i+1))
		}
	}
	for _, f := range opt.Include {
		add(f, "an included file")
	}
	return in
}

// checkOutput refuses an out that is one of the export's inputs: the same
// file by os.SameFile after following symbolic links, so a link to the
// project or a hard link to it counts too. An out that does not exist yet
// cannot destroy anything.
func checkOutput(p *storyboard.Project, out string, opt Options) error {
	ost, err := os.Stat(out)
	if err != nil {
		return nil // nothing there to overwrite
	}
	for _, in := range inputs(p, opt) {
		if ist, err := os.Stat(in[0]); err == nil && os.SameFile(ost, ist) {
			return &Error{Err: ErrOutputIsInput, Path: out, Detail: in[1]}
		}
	}
	return nil
}

// writeAtomic writes out with fill through internal/atomicfile: a
// temporary file beside out, synced and renamed over it, the folder synced.
// On any error out is as it was and the temporary file is gone.
func writeAtomic(out string, fill func(io.Writer) error) error {
	var fillErr error
	err := atomicfile.WriteFunc(out, func(w io.Writer) error {
		fillErr = fill(w)
		return fillErr
	}, atomicfile.Options{})
	switch {
	case err == nil:
		return nil
	case fillErr != nil:
		return fmt.Errorf("export: write %s: %w", out, fillErr)
	}
	return fmt.Errorf("export: %w", err) // atomicfile names out and the cause, never its temporary file
}
