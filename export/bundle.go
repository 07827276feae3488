package export

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/reelboard/reelboard/storyboard"
)

// The handoff bundle: one zip with every export, the soundtrack, the linked
// clips and the reference images. Inside it every path is relative (media/,
// images/) and the exports point at the bundled copies.

func writeBundle(pl *plan, w io.Writer) error {
	q := *pl
	q.bundled = true
	media, left := bundleMedia(pl)
	q.rel = map[string]string{}
	used := map[string]bool{}
	for _, m := range media {
		q.rel[m.abs] = m.name
		used[strings.ToLower(m.name)] = true
	}
	// A reference image left out is left out of the bundle's exports too:
	// the sheets would otherwise embed a copy of it.
	q.clips = withoutLeftImages(pl.clips, q.rel)

	// The music every editor reads: a 48 kHz WAV copy unless the
	// soundtrack is one already. MLT keeps the original (melt reads it).
	wavTmp := ""
	if m := pl.music; m != nil && q.rel[m.path] != "" { // never a copy of a file left out
		if isEditorWAV(m.path, q.probe(m.path)) {
			q.wav = q.rel[m.path]
		} else if tmp, err := makeWAV(m.path, m.chans); err != nil {
			q.wavErr = err.Error()
		} else {
			wavTmp = tmp
			defer os.Remove(tmp)
			stem := strings.TrimSuffix(path.Base(q.rel[m.path]), path.Ext(q.rel[m.path]))
			name := path.Join("media", stem+".wav")
			for i := 2; used[strings.ToLower(name)]; i++ {
				name = path.Join("media", fmt.Sprintf("%s-%d.wav", stem, i))
			}
			used[strings.ToLower(name)] = true
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
	for _, f := range Formats {
		if !f.InBundle {
			continue
		}
		ew, err := create(f.File, zip.Deflate)
		if err != nil {
			return err
		}
		if err := f.write(&q, ew); err != nil {
			if errors.Is(err, ErrTooManyEvents) {
				// The other formats carry the plan; say so in the README.
				skipped[f.File] = err
				io.WriteString(ew, "Not exported: "+err.Error()+"\n")
				continue
			}
			return fmt.Errorf("%s: %w", f.File, err)
		}
	}
	// Every variant of the plan, on the same bundled media: editor plans
	// of its own, named after it.
	variants, err := writeBundleVariants(pl, &q, create, skipped)
	if err != nil {
		return err
	}
	// Media, in a stable order: soundtrack, clips, images.
	for _, m := range media {
		if err := copyInto(create, m.name, m.real); err != nil {
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
	if _, err := io.WriteString(rw, bundleReadme(&q, skipped)+variantsReadme(variants)+mediaPolicy(left)); err != nil {
		return err
	}
	return zw.Close()
}

func copyInto(create func(string, uint16) (io.Writer, error), name, abs string) error {
	f, _, err := openRegular(abs, 0)
	if errors.Is(err, ErrNotRegular) {
		return err
	}
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
		name := pl.rel[m.path]
		if name == "" {
			name = filepath.Base(m.path) + " (left out of this bundle: see the end)"
		}
		fmt.Fprintf(&b, "Music: %s, starting %s into the song.\n", name, pl.rate.FrameTime(m.in))
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

// Omission is a media file the bundle leaves out, and why.
type Omission struct {
	Path   string // as the project gives it
	What   string // "the soundtrack", "card 3's linked media", …
	Reason string // a clause: "it is outside the project's folder /home/a/reel"
}

// String is the omission as one sentence.
func (o Omission) String() string {
	return fmt.Sprintf("%s %s was left out of the bundle: %s.", upperFirst(o.What), showPath(o.Path), o.Reason)
}

// showPath quotes a path holding control characters (a newline in a file
// name), so that a message stays on one line.
func showPath(p string) string {
	if strings.ContainsFunc(p, unicode.IsControl) {
		return strconv.Quote(p)
	}
	return p
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// BundleOmissions lists the media of p that a handoff bundle written with
// opt leaves out: files outside the folder of opt.Project (after following
// symbolic links) that opt.Include does not name, and files that are not
// regular files. The bundle copies everything else.
func BundleOmissions(p *storyboard.Project, opt Options) []Omission {
	pl, err := newPlan(p, opt, true)
	if err != nil {
		return nil
	}
	_, left := bundleMedia(pl)
	return left
}

// bundled is one media file copied into a bundle.
type bundled struct {
	abs  string // the path the project gives (the key of plan.rel)
	real string // abs with symbolic links resolved: the file copied
	name string // its entry name
}

// bundleMedia decides which media go into the bundle and under which entry
// names, in a stable order: soundtrack, clips, images. A file is bundled
// when, with symbolic links resolved, it is a regular file inside the
// project's folder, or one that opt.Include names (the same file by
// os.SameFile). Entry names are safe on every platform (safeEntryName) and
// unique even where names ignore case.
func bundleMedia(pl *plan) (media []bundled, left []Omission) {
	folder := ""
	if pl.opt.Project != "" {
		if abs, err := filepath.Abs(pl.opt.Project); err == nil {
			if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
				folder = d
			}
		}
	}
	var included []os.FileInfo
	for _, f := range pl.opt.Include {
		if st, err := os.Stat(f); err == nil {
			included = append(included, st)
		}
	}
	chosen := func(st os.FileInfo) bool {
		for _, in := range included {
			if os.SameFile(st, in) {
				return true
			}
		}
		return false
	}
	seen := map[string]bool{}
	used := map[string]bool{}
	add := func(abs, what, dir string) {
		if abs == "" || seen[abs] {
			return
		}
		seen[abs] = true
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			left = append(left, Omission{abs, what, "it cannot be read"})
			return
		}
		st, err := os.Stat(real)
		switch {
		case err != nil:
			left = append(left, Omission{abs, what, "it cannot be read"})
			return
		case !st.Mode().IsRegular():
			left = append(left, Omission{abs, what, "it is not a regular file"})
			return
		case chosen(st):
		case folder == "":
			left = append(left, Omission{abs, what, "the project is not saved, so only files named with --include are bundled"})
			return
		case !inside(folder, real):
			reason := "it is outside the project's folder " + folder
			if real != filepath.Clean(abs) {
				reason = "it leads to " + real + ", outside the project's folder " + folder
			}
			left = append(left, Omission{abs, what, reason})
			return
		}
		base := safeEntryName(filepath.Base(abs))
		name := path.Join(dir, base)
		for i := 2; used[strings.ToLower(name)]; i++ {
			name = path.Join(dir, fmt.Sprintf("%d-%s", i, base))
		}
		used[strings.ToLower(name)] = true
		media = append(media, bundled{abs: abs, real: real, name: name})
	}
	if pl.music != nil {
		add(pl.music.path, "the soundtrack", "media")
	}
	for _, c := range pl.clips {
		add(c.media, fmt.Sprintf("card %d's linked media", c.n), "media")
	}
	for _, c := range pl.clips {
		add(c.card.Image, fmt.Sprintf("card %d's reference image", c.n), "images")
	}
	return media, left
}

// inside reports whether the resolved path real lies within the resolved
// folder dir.
func inside(dir, real string) bool {
	rel, err := filepath.Rel(dir, real)
	if err != nil || filepath.IsAbs(rel) {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// withoutLeftImages returns clips with the reference images the bundle
// leaves out (not in rel) removed from their cards, so that no export
// embeds a copy of them.
func withoutLeftImages(clips []clip, rel map[string]string) []clip {
	out := slices.Clone(clips)
	for i, c := range out {
		if c.card.Image != "" && rel[c.card.Image] == "" {
			cd := *c.card
			cd.Image = ""
			out[i].card = &cd
		}
	}
	return out
}

// bundleVariant is a variant written into the bundle.
type bundleVariant struct {
	name, prefix string
	cards        int
	length       storyboard.Time
	platform     string
}

// writeBundleVariants writes the editor plans of every variant of the
// project as "NAME — plan.otio" and so on, referencing the bundle's media as
// q does.
func writeBundleVariants(pl, q *plan, create func(string, uint16) (io.Writer, error), skipped map[string]error) ([]bundleVariant, error) {
	var out []bundleVariant
	used := map[string]bool{}
	for _, v := range pl.p.Variants {
		vp, err := pl.p.VariantProject(v.Name)
		if err != nil {
			return nil, &Error{Err: err, Detail: "variant " + strconv.Quote(v.Name)}
		}
		vq, err := newPlan(vp, pl.opt, false)
		if err != nil {
			return nil, err
		}
		// Beside the whole plan's files, so that the same relative media
		// paths hold (no "../", which not every editor follows).
		vq.rel, vq.wav, vq.wavErr, vq.facts = q.rel, q.wav, q.wavErr, q.facts
		vq.clips = withoutLeftImages(vq.clips, vq.rel)
		prefix := safeEntryName(v.Name)
		if prefix == "" {
			prefix = "variant"
		}
		for i := 2; used[strings.ToLower(prefix)]; i++ {
			prefix = fmt.Sprintf("%s-%d", safeEntryName(v.Name), i)
		}
		used[strings.ToLower(prefix)] = true
		for _, f := range Formats {
			if !f.InBundle || f.Images {
				continue // the sheets are of the whole plan
			}
			name := prefix + " — " + f.File
			ew, err := create(name, zip.Deflate)
			if err != nil {
				return nil, err
			}
			if err := f.write(vq, ew); err != nil {
				if errors.Is(err, ErrTooManyEvents) {
					skipped[name] = err
					io.WriteString(ew, "Not exported: "+err.Error()+"\n")
					continue
				}
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
		pname := vp.Platform
		if p, ok := storyboard.PlatformByID(vp.Platform); ok {
			pname = p.Name
		}
		out = append(out, bundleVariant{name: v.Name, prefix: prefix, cards: len(vp.Cards), length: vp.Length(), platform: pname})
	}
	return out, nil
}

// variantsReadme is the README's part on the variants.
func variantsReadme(vs []bundleVariant) string {
	if len(vs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\nVariants\nCut-downs of the same plan on the same media; each has its own plans, named\nafter it (\"30 s Reel — plan.fcpxml\"), opened as above:\n")
	for _, v := range vs {
		fmt.Fprintf(&b, "- %s: %d cards, %s, for %s (files \"%s — …\").\n", v.name, v.cards, v.length, v.platform, v.prefix)
	}
	return b.String()
}

// maxEntryName bounds an entry's base name in bytes (most file systems
// allow 255).
const maxEntryName = 200

// safeEntryName turns a file's base name into one that is safe as a zip
// entry's last element on every platform: no path separators (/ or \), no
// control characters, none of Windows' reserved characters (<>:"|?*) or
// device names (CON, NUL, COM1, …), no "..", no leading dot or trailing
// dot or space, at most maxEntryName bytes, valid UTF-8.
func safeEntryName(base string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(base, "_") {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029:
			b.WriteRune('_')
		case strings.ContainsRune(`/\<>:"|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	n := b.String()
	for strings.Contains(n, "..") {
		n = strings.ReplaceAll(n, "..", ".")
	}
	n = strings.TrimRight(n, ". ")
	if strings.HasPrefix(n, ".") {
		n = "_" + n[1:]
	}
	if len(n) > maxEntryName {
		ext := path.Ext(n)
		if len(ext) > 16 {
			ext = ""
		}
		cut := maxEntryName - len(ext)
		for cut > 0 && !utf8.RuneStart(n[cut]) {
			cut--
		}
		n = n[:cut] + ext
	}
	stem := strings.ToUpper(strings.TrimSpace(strings.SplitN(n, ".", 2)[0]))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		n = "_" + n
	}
	if n == "" {
		n = "file"
	}
	return n
}

// mediaPolicy is the README's part about which media the bundle holds.
func mediaPolicy(left []Omission) string {
	var b strings.Builder
	b.WriteString(`
Which media are inside
Reelboard copies a media file into this bundle only when it lies inside the
project's folder (symbolic links followed first), or when it was chosen
explicitly with reelboard export --format bundle --include FILE. Any other
file a project points at stays out, so a bundle never carries files from
elsewhere on the computer.
`)
	if len(left) == 0 {
		return b.String()
	}
	b.WriteString("\nLeft out (the exports here refer to a left-out soundtrack or clip by its\noriginal path; a left-out reference image is not shown):\n")
	for _, o := range left {
		fmt.Fprintf(&b, "- %s\n", o)
	}
	return b.String()
}
