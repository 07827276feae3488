package storyboard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Ext is the extension of project files.
const Ext = ".reel"

// CurrentVersion is the version of the project file format this package
// writes. It reads every version up to this one, upgrading older files.
const CurrentVersion = 2

// Errors of Load and Decode. The error returned wraps exactly one of them,
// with a sentence saying what is wrong and where; test with errors.Is.
var (
	// ErrEmpty means the file holds nothing (or only white space).
	ErrEmpty = errors.New("the file is empty")
	// ErrSyntax means the file is not valid JSON.
	ErrSyntax = errors.New("the file is not valid JSON")
	// ErrNewerVersion means a newer Reelboard wrote the file.
	ErrNewerVersion = errors.New("made by a newer Reelboard")
	// ErrInvalid means the file is JSON but not a valid project: a field has
	// the wrong type, or a value is unknown or out of range.
	ErrInvalid = errors.New("invalid project")
)

// migrations upgrade a project file's JSON object from version N (the key)
// to version N+1, in place. Decode runs them in order on files older than
// CurrentVersion.
var migrations = map[int]func(obj map[string]any) error{
	// Version 2 adds optional cards, variants and the client: fields a
	// version 1 file does not have and does not need.
	1: func(map[string]any) error { return nil },
}

// fileProject is a Project as stored on disk. Its outer fields shadow the
// embedded Project's fields of the same JSON name, so IDs, acts and dates are
// checked here with a clear message rather than by encoding/json.
type fileProject struct {
	Version  int        `json:"version"`
	ID       string     `json:"id"`
	*Project            // the remaining fields, stored as they are
	Created  string     `json:"created"`
	Modified string     `json:"modified"`
	Cards    []fileCard `json:"cards"`
}

// fileCard is a Card as stored on disk.
type fileCard struct {
	ID  string `json:"id"`
	Act string `json:"act"`
	Card
}

// Load reads the project file at path. File paths inside the project
// (soundtrack, reference images, linked media) become absolute, resolved
// against the file's folder. A refused file is left untouched; the error
// names the file and wraps ErrEmpty, ErrSyntax, ErrNewerVersion, ErrInvalid
// or the fs error.
func Load(path string) (*Project, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("storyboard: load %s: %w", path, err)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("storyboard: load %s: %w", path, err)
	}
	p, err := decode(data, filepath.Dir(abs))
	if err != nil {
		return nil, fmt.Errorf("storyboard: load %s: %w", path, err)
	}
	return p, nil
}

// Save writes p to path atomically: a temporary file in the same folder is
// written, synced and renamed over path, and the previous file, if any, is
// kept as path+".bak". On failure the old file is intact and no temporary
// file is left behind. File paths are stored relative to path's folder.
// Save does not change p (callers stamp Modified).
func Save(p *Project, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("storyboard: save %s: %w", path, err)
	}
	data, err := encode(p, filepath.Dir(abs))
	if err != nil {
		return fmt.Errorf("storyboard: save %s: %w", path, err)
	}
	if err := writeFile(abs, data, true); err != nil {
		return fmt.Errorf("storyboard: save %s: %w", path, err)
	}
	return nil
}

// Decode parses a project file's content. Relative file paths are resolved
// against dir (left relative when dir is empty). Files older than
// CurrentVersion are upgraded; the result is validated.
func Decode(data []byte, dir string) (*Project, error) {
	p, err := decode(data, dir)
	if err != nil {
		return nil, fmt.Errorf("storyboard: decode: %w", err)
	}
	return p, nil
}

// Encode returns p in the project file format, with file paths made relative
// to dir (forward slashes; paths that cannot be made relative stay absolute;
// no change when dir is empty). It refuses a project that does not Validate,
// so whatever it writes loads again.
func Encode(p *Project, dir string) ([]byte, error) {
	data, err := encode(p, dir)
	if err != nil {
		return nil, fmt.Errorf("storyboard: encode: %w", err)
	}
	return data, nil
}

func encode(p *Project, dir string) ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	q := p.Clone()
	q.mapPaths(func(s string) string { return relPath(dir, s) })
	fp := fileProject{
		Version:  CurrentVersion,
		ID:       q.ID.String(),
		Project:  q,
		Created:  q.Created.Format(time.RFC3339Nano),
		Modified: q.Modified.Format(time.RFC3339Nano),
	}
	if q.Cards != nil {
		fp.Cards = make([]fileCard, len(q.Cards))
		for i, c := range q.Cards {
			fp.Cards[i] = fileCard{ID: c.ID.String(), Act: c.Act.String(), Card: c}
		}
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	if err := e.Encode(fp); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func decode(data []byte, dir string) (*Project, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, jsonError(data, err)
	}
	if obj == nil {
		return nil, fmt.Errorf("%w: the file holds null, not a Reelboard project", ErrInvalid)
	}
	raw, ok := obj["version"]
	if !ok {
		return nil, fmt.Errorf("%w: there is no \"version\" field, so this is not a Reelboard project", ErrInvalid)
	}
	var v int
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("%w: the \"version\" field is %s, want a whole number", ErrInvalid, raw)
	}
	if v > CurrentVersion {
		return nil, fmt.Errorf("%w (version %d); this one reads up to %d; update Reelboard", ErrNewerVersion, v, CurrentVersion)
	}
	if v < 1 {
		return nil, fmt.Errorf("%w: version %d does not exist (versions start at 1)", ErrInvalid, v)
	}
	orig := data
	if v < CurrentVersion {
		var err error
		if data, err = upgrade(data, v, CurrentVersion, migrations); err != nil {
			return nil, err
		}
	}

	fp := fileProject{Project: new(Project)}
	if err := json.Unmarshal(data, &fp); err != nil {
		// Point at the line and column of the file as written, not of
		// the upgraded copy, when the problem is already there.
		if err2 := json.Unmarshal(orig, &fileProject{Project: new(Project)}); err2 != nil && v < CurrentVersion {
			return nil, jsonError(orig, err2)
		}
		return nil, jsonError(data, err)
	}
	p := fp.Project
	var err error
	if p.ID, err = parseID(fp.ID); err != nil {
		return nil, fmt.Errorf("%w: the project %v", ErrInvalid, err)
	}
	if p.Created, err = parseDate(fp.Created); err != nil {
		return nil, fmt.Errorf("%w: the creation date %v", ErrInvalid, err)
	}
	if p.Modified, err = parseDate(fp.Modified); err != nil {
		return nil, fmt.Errorf("%w: the modification date %v", ErrInvalid, err)
	}
	p.Cards = nil
	if fp.Cards != nil {
		p.Cards = make([]Card, len(fp.Cards))
		for i, fc := range fp.Cards {
			c := fc.Card
			if c.ID, err = parseID(fc.ID); err != nil {
				return nil, fmt.Errorf("%w: %s %v", ErrInvalid, cardName(i, c), err)
			}
			a, ok := ParseAct(fc.Act)
			if !ok {
				return nil, fmt.Errorf("%w: %s has an unknown act %q (want arrival, work or fulfilment)", ErrInvalid, cardName(i, c), fc.Act)
			}
			c.Act = a
			p.Cards[i] = c
		}
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p.mapPaths(func(s string) string { return absPath(dir, s) })
	return p, nil
}

// upgrade runs the migrations from version from to version to on data.
func upgrade(data []byte, from, to int, table map[int]func(map[string]any) error) ([]byte, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var obj map[string]any
	if err := d.Decode(&obj); err != nil {
		return nil, jsonError(data, err)
	}
	for v := from; v < to; v++ {
		m, ok := table[v]
		if !ok {
			return nil, fmt.Errorf("%w: version %d files cannot be upgraded by this Reelboard", ErrInvalid, from)
		}
		if err := m(obj); err != nil {
			return nil, fmt.Errorf("%w: upgrading from version %d: %v", ErrInvalid, v, err)
		}
		obj["version"] = v + 1
	}
	return json.Marshal(obj)
}

// jsonError turns an encoding/json error into one of the package's errors,
// with the line and column of the problem.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := lineCol(data, se.Offset)
		return fmt.Errorf("%w: line %d, column %d: %v", ErrSyntax, line, col, se)
	case errors.As(err, &te):
		line, col := lineCol(data, te.Offset)
		if te.Field == "" {
			return fmt.Errorf("%w: the file holds %s, not a Reelboard project (line %d, column %d)", ErrInvalid, article(te.Value), line, col)
		}
		return fmt.Errorf("%w: field %q is %s, want %s (line %d, column %d)", ErrInvalid, fieldPath(te.Field), article(te.Value), kindName(te.Type.Kind().String()), line, col)
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, int64(len(data)))
		return fmt.Errorf("%w: line %d, column %d: the file ends too early", ErrSyntax, line, col)
	}
	return fmt.Errorf("%w: %v", ErrInvalid, err)
}

// lineCol returns the 1-based line and column of the byte before offset off
// in data (encoding/json reports errors after reading the offending byte).
func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, max(col, 1)
}

// fieldPath returns a JSON field path as stored in the file, without the
// names of the Go structs embedded in fileProject and fileCard.
func fieldPath(f string) string {
	var parts []string
	for _, s := range strings.Split(f, ".") {
		if s != "Project" && s != "Card" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ".")
}

// article names a JSON value type for a sentence: "a string", "an array".
func article(v string) string {
	switch {
	case v == "":
		return "a value"
	case strings.HasPrefix(v, "number"):
		return "a number"
	case strings.ContainsAny(v[:1], "aeiou"):
		return "an " + v
	}
	return "a " + v
}

// kindName names the JSON value a Go kind wants.
func kindName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "a whole number"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "true or false"
	case kind == "slice", kind == "array":
		return "an array"
	case kind == "struct", kind == "map", kind == "ptr":
		return "an object"
	}
	return "another type"
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2025-06-01T10:00:00Z", s)
	}
	return t.UTC(), nil
}

// mapPaths replaces every file path of p by f(path).
func (p *Project) mapPaths(f func(string) string) {
	if p.Soundtrack != nil {
		p.Soundtrack.Path = f(p.Soundtrack.Path)
	}
	for i := range p.Cards {
		c := &p.Cards[i]
		c.Image = f(c.Image)
		if c.Media != nil {
			c.Media.Path = f(c.Media.Path)
		}
	}
}

// absPath resolves a stored path against dir.
func absPath(dir, s string) string {
	if s == "" || dir == "" {
		return s
	}
	s = filepath.FromSlash(s)
	if filepath.IsAbs(s) {
		return filepath.Clean(s)
	}
	return filepath.Join(dir, s)
}

// relPath makes path s relative to dir for storing, with forward slashes.
func relPath(dir, s string) string {
	if s == "" || dir == "" || !filepath.IsAbs(s) {
		return filepath.ToSlash(s)
	}
	if r, err := filepath.Rel(dir, s); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(s)
}

// failWrite, when set by tests, makes writeFile fail after writing the
// temporary file, to check that a failed save leaves everything intact.
var failWrite error

// writeFile replaces path with data atomically, keeping the old file as
// path+".bak" when backup is set.
func writeFile(path string, data []byte, backup bool) (err error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// Replace the file the link points to, keeping the link.
		if path, err = filepath.EvalSymlinks(path); err != nil {
			return err
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if failWrite != nil {
		return failWrite
	}
	if err := f.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if backup {
		if err := keepBackup(path, path+".bak"); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// keepBackup makes bak a copy of path, when path exists.
func keepBackup(path, bak string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", path)
	}
	if err := os.Remove(bak); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if os.Link(path, bak) == nil {
		return nil
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return os.WriteFile(bak, old, fi.Mode().Perm())
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // directories cannot be opened for syncing there
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// RecoveryPath returns the autosave file of the project saved at path: a
// hidden file beside it, such as "dir/.Name.reel.recovery".
func RecoveryPath(path string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".recovery")
}

// SaveRecovery autosaves p to RecoveryPath(path), atomically, without
// touching the project file or its backup. File paths are stored relative to
// path's folder, so Load(RecoveryPath(path)) restores them.
func SaveRecovery(p *Project, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("storyboard: autosave %s: %w", path, err)
	}
	data, err := encode(p, filepath.Dir(abs))
	if err != nil {
		return fmt.Errorf("storyboard: autosave %s: %w", path, err)
	}
	if err := writeFile(RecoveryPath(abs), data, false); err != nil {
		return fmt.Errorf("storyboard: autosave %s: %w", path, err)
	}
	return nil
}

// FindRecovery returns the recovery file of the project at path when there
// is one newer than the project file (or the project file is missing), as
// left by a crash. The caller offers it, Loads it, and then removes it with
// RemoveRecovery or saves over the project.
func FindRecovery(path string) (recovery string, ok bool) {
	rec := RecoveryPath(path)
	ri, err := os.Stat(rec)
	if err != nil || !ri.Mode().IsRegular() {
		return "", false
	}
	pi, err := os.Stat(path)
	if err == nil && !ri.ModTime().After(pi.ModTime()) {
		return "", false
	}
	return rec, true
}

// RemoveRecovery deletes the recovery file of the project at path; a missing
// file is not an error. Call it after a successful Save and on a clean quit.
func RemoveRecovery(path string) error {
	err := os.Remove(RecoveryPath(path))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("storyboard: remove recovery of %s: %w", path, err)
	}
	return nil
}

// cardName names card i for a person: `card 3 "Walking in"` (1-based).
func cardName(i int, c Card) string {
	if c.Title == "" {
		return "card " + strconv.Itoa(i+1)
	}
	return fmt.Sprintf("card %d %q", i+1, c.Title)
}
