package export

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// The handoff bundle: one zip with every export, the soundtrack, the linked
// clips and the reference images. Inside it every path is relative (media/,
// images/) and the exports point at the bundled copies.

// bundleFiles are the exports inside a bundle, in README order.
var bundleFiles = []struct{ name, format string }{
	{"plan.otio", "otio"},
	{"plan-fcp7.xml", "fcp7"},
	{"plan.fcpxml", "fcpxml"},
	{"plan.edl", "edl"},
	{"plan.mlt", "mlt"},
	{"shotlist.csv", "csv"},
	{"shotlist.md", "md"},
	{"storyboard.pdf", "pdf"},
	{"storyboard.html", "html"},
	{"checklist.pdf", "checklist"},
}

func writeBundle(pl *plan, w io.Writer) error {
	q := *pl
	q.rel = map[string]string{}
	used := map[string]bool{}
	add := func(abs, folder string) {
		if abs == "" || q.rel[abs] != "" {
			return
		}
		base := filepath.Base(abs)
		name := path.Join(folder, base)
		for i := 2; used[name]; i++ {
			name = path.Join(folder, fmt.Sprintf("%d-%s", i, base))
		}
		used[name] = true
		q.rel[abs] = name
	}
	if pl.music != nil {
		add(pl.music.path, "media")
	}
	for _, c := range pl.clips {
		add(c.media, "media")
	}
	for _, c := range pl.clips {
		add(c.card.Image, "images")
	}

	// The music every editor reads: a 48 kHz WAV copy unless the
	// soundtrack is one already. MLT keeps the original (melt reads it).
	wavTmp := ""
	if m := pl.music; m != nil {
		if isEditorWAV(m.path, q.probe(m.path)) {
			q.wav = q.rel[m.path]
		} else if tmp, err := makeWAV(m.path, m.chans); err != nil {
			q.wavErr = err.Error()
		} else {
			wavTmp = tmp
			defer os.Remove(tmp)
			stem := strings.TrimSuffix(filepath.Base(m.path), filepath.Ext(m.path))
			name := path.Join("media", stem+".wav")
			for i := 2; used[name]; i++ {
				name = path.Join("media", fmt.Sprintf("%s-%d.wav", stem, i))
			}
			used[name] = true
			q.wav = name
		}
	}

	zw := zip.NewWriter(w)
	mod := pl.p.Modified
	if mod.IsZero() {
		mod = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	create := func(name string, method uint16) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: mod})
	}
	skipped := map[string]error{}
	for _, f := range bundleFiles {
		ew, err := create(f.name, zip.Deflate)
		if err != nil {
			return err
		}
		if err := encoderFor(f.format)(&q, ew); err != nil {
			if errors.Is(err, ErrTooManyEvents) {
				// The other formats carry the plan; say so in the README.
				skipped[f.name] = err
				io.WriteString(ew, "Not exported: "+err.Error()+"\n")
				continue
			}
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	// Media, in a stable order: soundtrack, clips, images.
	var order []string
	if pl.music != nil {
		order = append(order, pl.music.path)
	}
	for _, c := range pl.clips {
		order = append(order, c.media)
	}
	for _, c := range pl.clips {
		order = append(order, c.card.Image)
	}
	done := map[string]bool{}
	for _, abs := range order {
		if abs == "" || done[abs] {
			continue
		}
		done[abs] = true
		if err := copyInto(create, q.rel[abs], abs); err != nil {
			return err
		}
	}
	if wavTmp != "" {
		if err := copyInto(create, q.wav, wavTmp); err != nil {
			return err
		}
	}
	rw, err := create("README.txt", zip.Deflate)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(rw, bundleReadme(&q, skipped)); err != nil {
		return err
	}
	return zw.Close()
}

func copyInto(create func(string, uint16) (io.Writer, error), name, abs string) error {
	f, err := os.Open(abs)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrMissingMedia, abs)
	}
	defer f.Close()
	// Audio and video are compressed already: store them.
	method := zip.Store
	switch strings.ToLower(filepath.Ext(abs)) {
	case ".wav", ".aif", ".aiff", ".bmp", ".tif", ".tiff":
		method = zip.Deflate
	}
	zf, err := create(name, method)
	if err != nil {
		return err
	}
	if _, err := io.Copy(zf, f); err != nil {
		return fmt.Errorf("copy %s: %w", abs, err)
	}
	return nil
}

func bundleReadme(pl *plan, skipped map[string]error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — edit plan from Reelboard\n\n", pl.title)
	fmt.Fprintf(&b, "%d cards, %d frames at %s fps (%s), %dx%d, starting at timecode %s.\n",
		len(pl.clips), pl.frames, pl.rate, pl.rate.FrameTime(pl.frames), pl.width, pl.height, pl.recTC(0))
	if m := pl.music; m != nil {
		fmt.Fprintf(&b, "Music: %s, starting %s into the song.\n", pl.rel[m.path], pl.rate.FrameTime(m.in))
		if pl.wav != "" && pl.wav != pl.rel[m.path] {
			fmt.Fprintf(&b, "%s is a 48 kHz WAV copy of it, which every editor imports; the edit plans\nfor Final Cut Pro, Premiere Pro, Resolve and Avid use the copy.\n", pl.wav)
		}
	}
	b.WriteString(`
Open it in this order
1. Unzip the whole folder and keep it together: the plans find the media in
   media/ and images/ by relative paths.
2. Open the plan made for your editor:
   - Final Cut Pro: File > Import > XML > plan.fcpxml.
   - Adobe Premiere Pro: File > Import > plan-fcp7.xml.
   - DaVinci Resolve: File > Import > Timeline > plan.otio (or plan-fcp7.xml).
   - Avid Media Composer and other editors: plan.edl (CMX 3600); import
     the files in media/ first, then the EDL, and relink by clip name or
     source file (each event names both).
   - Shotcut or Kdenlive: open plan.mlt (melt plan.mlt plays it).
   - Any OpenTimelineIO tool: plan.otio.
3. If a clip comes in offline, relink it to the file of the same name in
   media/.

Cards without footage yet are placeholders named after the card (offline
clips in FCP7 XML, gaps in FCPXML, missing references in OTIO, title cards
in MLT): relink them to the footage; the timing stays as planned. Acts and
bar starts are markers.

Also inside
- shotlist.csv, shotlist.md: the shot list, one row per card.
- storyboard.pdf, storyboard.html: the printable storyboard sheet.
- checklist.pdf: the backstage operator's shooting checklist.
- media/: the soundtrack and linked clips; images/: reference images.
`)
	b.WriteString("\nWhat the editors will find\n")
	editors := []struct{ format, editor string }{
		{"fcpxml", "Final Cut Pro (plan.fcpxml)"}, {"fcp7", "Premiere Pro and Resolve (plan-fcp7.xml)"},
		{"otio", "OpenTimelineIO (plan.otio)"}, {"edl", "EDL readers (plan.edl)"}, {"mlt", "Shotcut and Kdenlive (plan.mlt)"},
	}
	found := make([][]Finding, len(editors))
	count := map[Finding]int{}
	for i, e := range editors {
		found[i] = pl.check(e.format)
		for _, f := range found[i] {
			count[f]++
		}
	}
	var all []Finding
	for _, f := range found[0] {
		if count[f] == len(editors) {
			all = append(all, f)
		}
	}
	if len(all) > 0 {
		b.WriteString("- Every editor:\n")
		for _, f := range all {
			fmt.Fprintf(&b, "  - %s.\n", f)
		}
	}
	for i, e := range editors {
		var own []Finding
		for _, f := range found[i] {
			if count[f] < len(editors) {
				own = append(own, f)
			}
		}
		switch {
		case len(own) == 0 && len(all) == 0:
			fmt.Fprintf(&b, "- %s: everything online.\n", e.editor)
		case len(own) > 0:
			fmt.Fprintf(&b, "- %s:\n", e.editor)
			for _, f := range own {
				fmt.Fprintf(&b, "  - %s.\n", f)
			}
		}
	}
	names := make([]string, 0, len(skipped))
	for name := range skipped {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(&b, "\n%s was not exported: %v.\n", name, skipped[name])
	}
	return b.String()
}
