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
	"strconv"
	"strings"
	"time"

	"github.com/reelboard/reelboard/internal/atomicfile"
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
// or the fs error. Temporary files left beside path by interrupted saves are
// removed.
func Load(path string) (*Project, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, withFile("load", path, err)
	}
	// Temporary files of saves that a crash interrupted go now.
	atomicfile.Cleanup(abs)
	data, err := readRegular(abs, MaxFileSize)
	if err != nil {
		return nil, withFile("load", path, err)
	}
	p, err := decode(data, filepath.Dir(abs))
	if err != nil {
		return nil, withFile("load", path, err)
	}
	return p, nil
}

// readRegular reads the regular file at path, refusing anything else (a
// device such as /dev/zero, a FIFO, a folder) before reading a byte, and any
// file over limit bytes, without reading more than limit+1 bytes of it.
func readRegular(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &ProjectError{Err: ErrNotRegular, Detail: notRegularDetail(fi.Mode())}
	}
	if fi.Size() > limit {
		return nil, tooLarge(fi.Size(), limit)
	}
	// O_NONBLOCK: a FIFO swapped in after Stat must not hang the open.
	f, err := os.OpenFile(path, os.O_RDONLY|syscallNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, &ProjectError{Err: ErrNotRegular, Detail: notRegularDetail(fi.Mode())}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(int64(len(data)), limit)
	}
	return data, nil
}

func tooLarge(size, limit int64) *ProjectError {
	return &ProjectError{Err: ErrTooLarge, Detail: fmt.Sprintf("%d MiB or more; the limit is %d MiB", size>>20, limit>>20)}
}

// notRegularDetail says what a file of mode m is instead.
func notRegularDetail(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "it is a folder"
	case m&fs.ModeNamedPipe != 0:
		return "it is a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "it is a socket"
	case m&fs.ModeDevice != 0:
		return "it is a device"
	}
	return "it is a special file"
}

// Save writes p to path atomically (internal/atomicfile): a temporary file in
// the same folder is written, synced and renamed over path, and the previous
// file, if any, is kept as path+".bak", replaced by rename so that a crash at
// any instant leaves the old backup or the new one. On failure the old file
// is intact and no temporary file is left behind. File paths are stored relative to path's folder.
// Save does not change p (callers stamp Modified).
func Save(p *Project, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return withFile("save", path, err)
	}
	data, err := encode(p, filepath.Dir(abs))
	if err != nil {
		return withFile("save", path, err)
	}
	if err := writeFile(abs, data, true); err != nil {
		return withFile("save", path, err)
	}
	return nil
}

// Decode parses a project file's content. Relative file paths are resolved
// against dir (left relative when dir is empty). Files older than
// CurrentVersion are upgraded; the result is validated.
func Decode(data []byte, dir string) (*Project, error) {
	if len(data) > MaxFileSize {
		return nil, withFile("decode", "", tooLarge(int64(len(data)), MaxFileSize))
	}
	p, err := decode(data, dir)
	if err != nil {
		return nil, withFile("decode", "", err)
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
		return nil, withFile("encode", "", err)
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
		return nil, invalid("the file holds null, not a Reelboard project")
	}
	raw, ok := obj["version"]
	if !ok {
		return nil, invalid(`there is no "version" field, so this is not a Reelboard project`)
	}
	var v int
	if err := json.Unmarshal(raw, &v); err != nil {
		e := invalid(fmt.Sprintf(`the "version" field is %s, want a whole number`, raw))
		e.Field = "version"
		return nil, e
	}
	if v > CurrentVersion {
		return nil, &ProjectError{Err: ErrNewerVersion, Field: "version", Detail: fmt.Sprintf("version %d; this one reads up to %d; update Reelboard", v, CurrentVersion)}
	}
	if v < 1 {
		e := invalid(fmt.Sprintf("version %d does not exist (versions start at 1)", v))
		e.Field = "version"
		return nil, e
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
		e := invalid("the project " + err.Error())
		e.Field = "id"
		return nil, e
	}
	if p.Created, err = parseDate(fp.Created); err != nil {
		e := invalid("the creation date " + err.Error())
		e.Field = "created"
		return nil, e
	}
	if p.Modified, err = parseDate(fp.Modified); err != nil {
		e := invalid("the modification date " + err.Error())
		e.Field = "modified"
		return nil, e
	}
	p.Cards = nil
	if fp.Cards != nil {
		p.Cards = make([]Card, len(fp.Cards))
		for i, fc := range fp.Cards {
			c := fc.Card
			if c.ID, err = parseID(fc.ID); err != nil {
				return nil, cardInvalid(i, c, "cards.id", cardName(i, c)+" "+err.Error())
			}
			a, ok := ParseAct(fc.Act)
			if !ok {
				return nil, cardInvalid(i, c, "cards.act", fmt.Sprintf("%s has an unknown act %q (want arrival, work or fulfilment)", cardName(i, c), fc.Act))
			}
			c.Act = a
			p.Cards[i] = c
		}
	}
	if err := p.validate(); err != nil {
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
			return nil, invalid(fmt.Sprintf("version %d files cannot be upgraded by this Reelboard", from))
		}
		if err := m(obj); err != nil {
			return nil, invalid(fmt.Sprintf("upgrading from version %d: %v", v, err))
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
		return &ProjectError{Err: ErrSyntax, Line: line, Column: col, Detail: fmt.Sprintf("line %d, column %d: %v", line, col, se)}
	case errors.As(err, &te):
		line, col := lineCol(data, te.Offset)
		if te.Field == "" {
			return &ProjectError{Err: ErrInvalid, Line: line, Column: col, Detail: fmt.Sprintf("the file holds %s, not a Reelboard project (line %d, column %d)", article(te.Value), line, col)}
		}
		f := fieldPath(te.Field)
		return &ProjectError{Err: ErrInvalid, Line: line, Column: col, Field: f, Detail: fmt.Sprintf("field %q is %s, want %s (line %d, column %d)", f, article(te.Value), kindName(te.Type.Kind().String()), line, col)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := lineCol(data, int64(len(data)))
		return &ProjectError{Err: ErrSyntax, Line: line, Column: col, Detail: fmt.Sprintf("line %d, column %d: the file ends too early", line, col)}
	}
	return invalid(err.Error())
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

// writeFile replaces path with data atomically (internal/atomicfile),
// keeping the old file as path+".bak" when backup is set.
func writeFile(path string, data []byte, backup bool) error {
	err := atomicfile.WriteFunc(path, func(w io.Writer) error {
		if _, err := w.Write(data); err != nil {
			return err
		}
		return failWrite
	}, atomicfile.Options{Backup: backup})
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the caller names the file
	}
	return err
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
		return withFile("autosave", path, err)
	}
	data, err := encode(p, filepath.Dir(abs))
	if err != nil {
		return withFile("autosave", path, err)
	}
	if err := writeFile(RecoveryPath(abs), data, false); err != nil {
		return withFile("autosave", path, err)
	}
	return nil
}

// FindRecovery returns the recovery file of the project at path when there
// is one newer than the project file (or the project file is missing), as
// left by a crash. The caller offers it, Loads it, and then removes it with
// RemoveRecovery or saves over the project.
func FindRecovery(path string) (recovery string, ok bool) {
	rec := RecoveryPath(path)
	atomicfile.Cleanup(rec)
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
		return withFile("remove the recovery file of", path, err)
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
