// Package atomicfile replaces files so that a reader, a crash or a kill at
// any instant sees either the old content or the new one, never a mix, and
// never loses the previous backup.
//
// It is the one writer of every file Reelboard produces (projects, recovery
// files, exports, render output, the analysis cache, snapshots, the demo). It
// imports only the standard library, so the storyboard package may use it.
//
// A write goes to a temporary file in the target's folder, named
//
//	.<name>.<pid>-<random>.tmp<ext>
//
// (for "plan.reel": ".plan.reel.4242-1234567.tmp.reel"; keeping the extension
// lets tools such as ffmpeg recognise the format). The temporary file is
// synced, given the mode of the file it replaces, and renamed over the
// target; then the folder is synced so the rename is durable. A target that
// is a symbolic link is followed: the file it points to is replaced and the
// link is kept.
//
// With Options.Backup, the previous file is kept as <target>.bak. The backup
// is itself replaced by rename, never removed first: the old file is
// hard-linked (or copied) to a second temporary file, which is renamed over
// the .bak before the new content is renamed over the target. Whenever the
// process dies, the .bak is the previous backup or the new one.
//
// Temporary files left by interrupted writes (their process is gone) are
// recognised by their name and removed by the next write to the same target
// and by Cleanup.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options tune a write. The zero value writes without a backup, creating a
// new file with mode 0644.
type Options struct {
	// Backup keeps the file being replaced as path+".bak".
	Backup bool
	// Perm is the mode of a new file (0 means 0644). A file that is replaced
	// keeps its own mode.
	Perm fs.FileMode
}

// staleAge is the age after which a temporary file is removed even when a
// process with its pid is running (the pid may have been reused).
const staleAge = 6 * time.Hour

// Write replaces the file at path with data. On error the file at path, and
// its backup, are unchanged, no temporary file is left, and the error is an
// *fs.PathError naming path (the cause, such as syscall.ENOSPC for a full
// disk, is reachable with errors.Is).
func Write(path string, data []byte, opts Options) error {
	return WriteFunc(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, opts)
}

// WriteFunc replaces the file at path with what write writes (buffered). An
// error from write, or from writing to the disk, aborts the replacement as in
// Write; write's own error is returned wrapped, so errors.Is finds it.
func WriteFunc(path string, write func(io.Writer) error, opts Options) error {
	f, err := Create(path, opts)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Abort()
		return f.fail("write", err)
	}
	if err := bw.Flush(); err != nil {
		f.Abort()
		return f.fail("write", err)
	}
	return f.Commit()
}

// File is a pending replacement of a file: an *os.File open on the temporary
// file. Write to it (or let another program write to Name()), then Commit
// to put it in place or Abort to drop it. Commit or Abort must be called.
type File struct {
	*os.File
	target string // the path given, for errors
	real   string // the file replaced (symbolic links followed)
	opts   Options
	done   bool
}

// Create starts replacing the file at path: it removes the leftovers of
// interrupted writes to path and creates the temporary file.
func Create(path string, opts Options) (*File, error) {
	real, err := resolve(path)
	if err != nil {
		return nil, &fs.PathError{Op: "write", Path: path, Err: err}
	}
	cleanup(real)
	dir, base := filepath.Split(real)
	f, err := createTemp(dir, base)
	if err != nil {
		return nil, &fs.PathError{Op: "write", Path: path, Err: underlying(err)}
	}
	return &File{File: f, target: path, real: real, opts: opts}, nil
}

// Commit syncs the temporary file, gives it the mode of the file it replaces
// (or Options.Perm), keeps the backup when asked and renames it over the
// target. On error the target is unchanged and the temporary file removed.
func (f *File) Commit() error {
	if f.done {
		return f.fail("write", os.ErrClosed)
	}
	if err := f.commit(); err != nil {
		f.Abort()
		return err
	}
	f.done = true
	release(f.Name())
	return nil
}

func (f *File) commit() error {
	mode := f.opts.Perm
	if mode == 0 {
		mode = 0o644
	}
	old, err := os.Stat(f.real)
	switch {
	case err == nil && !old.Mode().IsRegular():
		return f.fail("write", fmt.Errorf("%s is not a regular file", filepath.Base(f.real)))
	case err == nil:
		mode = old.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return f.fail("write", err)
	}
	if err := f.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return f.fail("write", err)
	}
	if testHookBeforeSync != nil {
		if err := testHookBeforeSync(f.File); err != nil {
			return f.fail("write", err)
		}
	}
	if err := f.Sync(); err != nil {
		return f.fail("write", err)
	}
	if err := f.File.Close(); err != nil {
		return f.fail("write", err)
	}
	if f.opts.Backup && old != nil {
		if err := keepBackup(f.real, old.Mode().Perm()); err != nil {
			return f.fail("keep the backup of", err)
		}
	}
	if err := os.Rename(f.Name(), f.real); err != nil {
		return f.fail("write", err)
	}
	if err := syncDir(filepath.Dir(f.real)); err != nil {
		return f.fail("write", err)
	}
	return nil
}

// Abort drops the pending replacement: the temporary file is closed and
// removed, the target untouched. It is safe to call after Commit (it does
// nothing then) and more than once.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.Name())
	release(f.Name())
}

func (f *File) fail(op string, err error) error {
	return &fs.PathError{Op: op, Path: f.target, Err: underlying(err)}
}

// underlying strips the *fs.PathError of an operation on the temporary
// file, whose name means nothing to the person who asked for the write.
func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// keepBackup makes real+".bak" the file real, replacing the old backup by
// rename: real is hard-linked (or, where links are not supported, copied
// and synced) to a temporary file, which is renamed over the backup.
func keepBackup(real string, mode fs.FileMode) error {
	dir, base := filepath.Split(real)
	tmp, err := createTemp(dir, base)
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer release(name)
	tmp.Close()
	os.Remove(name)
	if err := os.Link(real, name); err != nil {
		if err := copyFile(real, name, mode); err != nil {
			os.Remove(name)
			return err
		}
	}
	err = os.Rename(name, real+".bak")
	// When the .bak already is a link to the same file (a concurrent write
	// made it), rename succeeds and does nothing: remove the name anyway.
	os.Remove(name)
	return err
}

func copyFile(from, to string, mode fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// resolve returns the file that writing path replaces: path made absolute,
// with a final symbolic link followed (a dangling link names the file to
// create).
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for range 40 {
		fi, err := os.Lstat(abs)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return abs, nil
		}
		link, err := os.Readlink(abs)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(abs), link)
		}
		abs = link
	}
	return "", errors.New("too many levels of symbolic links")
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
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

// active holds the temporary files this process is writing, which cleanup
// must leave alone although their pid is alive.
var active = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

func release(name string) {
	active.Lock()
	delete(active.names, name)
	active.Unlock()
}

// tempName returns the name of a temporary file for base.
func tempName(base, id string) string {
	return "." + base + "." + id + ".tmp" + filepath.Ext(base)
}

// createTemp creates a new temporary file for base in dir, registered as
// active.
func createTemp(dir, base string) (*os.File, error) {
	pid := strconv.Itoa(os.Getpid())
	for range 100 {
		name := filepath.Join(dir, tempName(base, pid+"-"+strconv.FormatUint(uint64(rand.Uint32()), 10)))
		active.Lock()
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			active.names[name] = true
		}
		active.Unlock()
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "create", Path: dir, Err: fs.ErrExist}
}

// tempPID returns the pid in name when name is a temporary file of base.
func tempPID(name, base string) (int, bool) {
	rest, ok := strings.CutPrefix(name, "."+base+".")
	if !ok {
		return 0, false
	}
	if rest, ok = strings.CutSuffix(rest, ".tmp"+filepath.Ext(base)); !ok {
		return 0, false
	}
	p, r, ok := strings.Cut(rest, "-")
	if !ok || !digits(p) || !digits(r) {
		return 0, false
	}
	pid, err := strconv.Atoi(p)
	return pid, err == nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Cleanup removes the temporary files that interrupted writes to path left
// beside it: those whose process is gone, and any older than a few hours.
// Writes in progress, in this process or another, are left alone. It
// returns the number of files removed. Call it when opening a file that is
// written with this package; every write does it too.
func Cleanup(path string) (int, error) {
	real, err := resolve(path)
	if err != nil {
		return 0, err
	}
	return cleanup(real)
}

func cleanup(real string) (int, error) {
	dir, base := filepath.Split(real)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	self := os.Getpid()
	n := 0
	for _, e := range entries {
		pid, ok := tempPID(e.Name(), base)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if pid == self {
			active.Lock()
			busy := active.names[name]
			active.Unlock()
			if busy {
				continue
			}
		} else if processAlive(pid) {
			fi, err := e.Info()
			if err != nil || time.Since(fi.ModTime()) < staleAge {
				continue
			}
		}
		if os.Remove(name) == nil {
			n++
		}
	}
	return n, nil
}

// testHookBeforeSync, when set by tests, runs on the temporary file after
// the content is written and before it is synced.
var testHookBeforeSync func(*os.File) error
