package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// files returns the names in dir, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func temps(t *testing.T, dir, base string) []string {
	t.Helper()
	var out []string
	for _, n := range files(t, dir) {
		if _, ok := tempPID(n, base); ok {
			out = append(out, n)
		}
	}
	return out
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.reel")
	if err := Write(path, []byte("one"), Options{Backup: true}); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "one" {
		t.Errorf("Write(new) content = %q; want %q", got, "one")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("Write(new) mode = %v; want 0644", fi.Mode().Perm())
	}
	if _, err := os.Stat(path + ".bak"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Write(new, Backup) made a .bak of nothing: %v", err)
	}
	// Replacing keeps the mode and makes the old content the backup.
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two"), Options{Backup: true, Perm: 0o666}); err != nil {
		t.Fatal(err)
	}
	if got, bak := readString(t, path), readString(t, path+".bak"); got != "two" || bak != "one" {
		t.Errorf("Write(replace) = %q, .bak %q; want %q, %q", got, bak, "two", "one")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("Write(replace) mode = %v; want the old file's 0600", fi.Mode().Perm())
	}
	if err := Write(path, []byte("three"), Options{Backup: true}); err != nil {
		t.Fatal(err)
	}
	if got, bak := readString(t, path), readString(t, path+".bak"); got != "three" || bak != "two" {
		t.Errorf("Write(replace again) = %q, .bak %q; want %q, %q", got, bak, "three", "two")
	}
	// Without Backup the .bak is left as it was.
	if err := Write(path, []byte("four"), Options{}); err != nil {
		t.Fatal(err)
	}
	if bak := readString(t, path+".bak"); bak != "two" {
		t.Errorf("Write(no Backup) .bak = %q; want it unchanged, %q", bak, "two")
	}
	if got := files(t, dir); len(got) != 2 {
		t.Errorf("files after writes = %q; want only plan.reel and plan.reel.bak", got)
	}
	// A new file gets Perm.
	other := filepath.Join(dir, "other.csv")
	if err := Write(other, nil, Options{Perm: 0o600}); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(other); fi.Mode().Perm() != 0o600 || fi.Size() != 0 {
		t.Errorf("Write(new, Perm 0600) = mode %v size %d; want 0600, 0", fi.Mode().Perm(), fi.Size())
	}
}

func TestWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "plan.reel")
	os.Mkdir(filepath.Dir(real), 0o755)
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.reel")
	if err := os.Symlink("real/plan.reel", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new"), Options{Backup: true}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("Write(symlink) replaced the link itself (%v, %v)", fi.Mode(), err)
	}
	if got, bak := readString(t, real), readString(t, real+".bak"); got != "new" || bak != "old" {
		t.Errorf("Write(symlink) target = %q, target.bak %q; want %q, %q", got, bak, "new", "old")
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
		t.Errorf("Write(symlink) target mode = %v; want 0640", fi.Mode().Perm())
	}
	// A dangling link names the file to create.
	dangling := filepath.Join(dir, "dangling.reel")
	os.Symlink("real/created.reel", dangling)
	if err := Write(dangling, []byte("made"), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(dir, "real", "created.reel")); got != "made" {
		t.Errorf("Write(dangling link) target = %q; want %q", got, "made")
	}
}

func TestWriteFuncFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	os.WriteFile(path+".bak", []byte("older"), 0o644)
	boom := errors.New("boom")
	for _, n := range []int{0, 10, 200_000} { // fail at byte n, before and after buffer flushes
		err := WriteFunc(path, func(w io.Writer) error {
			w.Write(bytes.Repeat([]byte("x"), n))
			return boom
		}, Options{Backup: true})
		if !errors.Is(err, boom) {
			t.Errorf("WriteFunc(fails at byte %d) = %v; want it to wrap the writer's error", n, err)
		}
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != path {
			t.Errorf("WriteFunc(fails at byte %d) = %#v; want an *fs.PathError naming %s", n, err, path)
		}
		if got, bak := readString(t, path), readString(t, path+".bak"); got != "old" || bak != "older" {
			t.Errorf("WriteFunc(fails at byte %d) left %q, .bak %q; want both untouched", n, got, bak)
		}
		if got := files(t, dir); len(got) != 2 {
			t.Errorf("WriteFunc(fails at byte %d) left files %q; want no temporary file", n, got)
		}
	}
}

func TestWriteRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	if err := Write(sub, []byte("x"), Options{Backup: true}); err == nil {
		t.Errorf("Write(a folder) = nil; want an error")
	}
	if got := files(t, dir); len(got) != 1 {
		t.Errorf("Write(a folder) left %q; want only the folder", got)
	}
}

// tmpfs mounts a 64 KiB tmpfs on a new folder, or returns "" when this
// process may not mount.
func tmpfs(t *testing.T) string {
	if runtime.GOOS != "linux" {
		return ""
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Logf("no tmpfs (%v: %s); simulating a full disk instead", err, bytes.TrimSpace(out))
		return ""
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

func TestWriteFullDisk(t *testing.T) {
	dir := tmpfs(t)
	if dir == "" {
		// No mount here: the disk fills at the sync instead.
		dir = t.TempDir()
		testHookBeforeSync = func(*os.File) error { return syscall.ENOSPC }
		defer func() { testHookBeforeSync = nil }()
	}
	path := filepath.Join(dir, "plan.reel")
	old := bytes.Repeat([]byte("old "), 1000)
	if err := Write(path, old, Options{Backup: true}); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, old[:100], Options{Backup: true}); err != nil && testHookBeforeSync == nil {
		t.Fatal(err)
	}
	before := readString(t, path)
	err := Write(path, bytes.Repeat([]byte("new "), 40_000), Options{Backup: true})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Write(160 KB on a 64 KiB disk) = %v; want ENOSPC", err)
	}
	if msg := err.Error(); !strings.Contains(msg, path) || strings.Count(msg, "no space left on device") != 1 || strings.Contains(msg, ".tmp") {
		t.Errorf("Write(full disk) error = %q; want one statement naming %s and the full disk, not the temporary file", msg, path)
	}
	if got := readString(t, path); got != before {
		t.Errorf("Write(full disk) changed the file to %d bytes; want the old %d bytes", len(got), len(before))
	}
	if got := temps(t, dir, "plan.reel"); len(got) != 0 {
		t.Errorf("Write(full disk) left temporary files %q", got)
	}
}

// deadPID returns a pid with no process.
func deadPID(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if processAlive(pid) {
		t.Fatalf("pid %d of an exited child is alive", pid)
	}
	return pid
}

func TestCleanup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.reel")
	os.WriteFile(path, []byte("project"), 0o644)
	dead := deadPID(t)
	// A write of ours in progress is left alone.
	pending, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	leftover := func(pid int, age time.Duration) string {
		name := filepath.Join(dir, tempName("plan.reel", fmt.Sprintf("%d-%d", pid, 12345+age)))
		os.WriteFile(name, []byte("half"), 0o600)
		if age > 0 {
			at := time.Now().Add(-age)
			os.Chtimes(name, at, at)
		}
		return filepath.Base(name)
	}
	gone := []string{
		leftover(dead, 0),                 // its process died
		leftover(os.Getpid(), 0),          // ours, but no write in progress
		leftover(1, staleAge+time.Minute), // a live pid, but far too old
	}
	kept := []string{
		leftover(1, 0), // a write in progress in another process
		".plan.reel.notes",
		".plan.reel.12-34.tmp.csv", // another extension: not ours
		".other.reel.1-2.tmp.reel",
		"plan.reel",
	}
	for _, n := range kept[1:4] {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	kept = append(kept, filepath.Base(pending.Name()))
	n, err := Cleanup(path)
	if err != nil || n != len(gone) {
		t.Errorf("Cleanup = %d, %v; want %d, nil", n, err, len(gone))
	}
	have := map[string]bool{}
	for _, f := range files(t, dir) {
		have[f] = true
	}
	for _, f := range gone {
		if have[f] {
			t.Errorf("Cleanup kept %s; want it removed", f)
		}
	}
	for _, f := range kept {
		if !have[f] {
			t.Errorf("Cleanup removed %s; want it kept", f)
		}
	}
	pending.Abort()
	// The next write cleans up too.
	again := leftover(dead, 0)
	if err := Write(path, []byte("v2"), Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, again)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Write left the leftover %s of a dead process: %v", again, err)
	}
}

func TestCreateCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.mp4")
	f, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(f.Name()) != dir || filepath.Ext(f.Name()) != ".mp4" {
		t.Errorf("Create(%s).Name() = %s; want a file in the same folder ending in .mp4", path, f.Name())
	}
	// Another program writes to the temporary file by name.
	if err := os.WriteFile(f.Name(), []byte("video"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "video" {
		t.Errorf("Commit wrote %q; want %q", got, "video")
	}
	if err := f.Commit(); err == nil {
		t.Errorf("a second Commit = nil; want an error")
	}
	f.Abort() // after Commit: nothing
	if got := readString(t, path); got != "video" {
		t.Errorf("Abort after Commit changed the file to %q", got)
	}
	g, _ := Create(path, Options{})
	g.WriteString("dropped")
	g.Abort()
	if got := files(t, dir); len(got) != 1 || readString(t, path) != "video" {
		t.Errorf("Abort left %q, content %q; want only out.mp4, unchanged", got, readString(t, path))
	}
}

func TestConcurrentWrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.reel")
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			for j := range 5 {
				if err := Write(path, fmt.Appendf(nil, "writer %d save %d", i, j), Options{Backup: true}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Write = %v", err)
	}
	if got := readString(t, path); !strings.HasPrefix(got, "writer ") {
		t.Errorf("content after concurrent writes = %q", got)
	}
	if got := files(t, dir); len(got) != 2 {
		t.Errorf("files after concurrent writes = %q; want plan.reel and its .bak", got)
	}
}

func BenchmarkWrite(b *testing.B) {
	path := filepath.Join(b.TempDir(), "plan.reel")
	data := bytes.Repeat([]byte("x"), 64<<10)
	for b.Loop() {
		if err := Write(path, data, Options{Backup: true}); err != nil {
			b.Fatal(err)
		}
	}
}
