//go:build unix

package storyboard

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// The crash test: a child process (this test binary, re-executed) saves a
// changing project in a loop; the parent kills it with SIGKILL at a random
// moment, hundreds of times, and checks after each kill that the project
// loads and is either the last version saved or the one being saved, that
// the backup is still there and loads, and that temporary files do not pile
// up. `make crashtest` runs it with REELBOARD_CRASH_KILLS=300 (and more).

const (
	crashChildEnv = "REELBOARD_CRASH_CHILD" // "save" or "recovery": run as the child
	crashPathEnv  = "REELBOARD_CRASH_PATH"  // the project file the child saves
	crashSeedEnv  = "REELBOARD_CRASH_SEED"  // the seed project the versions derive from
	crashFromEnv  = "REELBOARD_CRASH_FROM"  // the first version the child saves
	crashKillsEnv = "REELBOARD_CRASH_KILLS" // kills per mode (default 30; 5 with -short)
)

// crashVersion returns version n of the project: the seed with a title and
// notes of a length that change at every save, so a torn write shows.
func crashVersion(seed *Project, n int) *Project {
	p := seed.Clone()
	p.Title = fmt.Sprintf("save %d", n)
	p.Cards[0].Notes = strings.Repeat("note ", n%997)
	p.Cards[len(p.Cards)-1].Notes = strconv.Itoa(n)
	return p
}

// TestCrashChild is the child's loop; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	mode := os.Getenv(crashChildEnv)
	if mode == "" {
		return
	}
	path := os.Getenv(crashPathEnv)
	seed, err := Load(os.Getenv(crashSeedEnv))
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	n, _ := strconv.Atoi(os.Getenv(crashFromEnv))
	// Opening cleans the leftovers of the previous kill, as the editor does;
	// every other child leaves that to its first save.
	switch {
	case n%2 == 1:
	case mode == "recovery":
		FindRecovery(path)
	default:
		Load(path)
	}
	out := bufio.NewWriter(os.Stdout)
	for ; ; n++ {
		p := crashVersion(seed, n)
		if mode == "recovery" {
			err = SaveRecovery(p, path)
		} else {
			err = Save(p, path)
		}
		if err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(3)
		}
		fmt.Fprintln(out, "saved", n)
		out.Flush()
	}
}

// crashStats counts what the kills did.
type crashStats struct {
	kills, midSave, lostOrCorrupt, lostBackups, maxTemps, tempsAtEnd int
}

func TestCrashSafety(t *testing.T) {
	kills := 30
	if testing.Short() {
		kills = 5
	}
	if s := os.Getenv(crashKillsEnv); s != "" {
		var err error
		if kills, err = strconv.Atoi(s); err != nil {
			t.Fatalf("%s=%q is not a number", crashKillsEnv, s)
		}
	}
	for _, mode := range []string{"save", "recovery"} {
		t.Run(mode, func(t *testing.T) {
			st := crashLoop(t, mode, kills)
			t.Logf("%s: %d kills (%d during a save), %d lost or corrupt files, %d lost backups, at most %d temporary files after a kill, %d after the next open",
				mode, st.kills, st.midSave, st.lostOrCorrupt, st.lostBackups, st.maxTemps, st.tempsAtEnd)
			if st.lostOrCorrupt != 0 || st.lostBackups != 0 || st.tempsAtEnd != 0 || st.maxTemps > 2 {
				t.Errorf("crash test %s = %+v; want no lost or corrupt file, no lost backup, at most the 2 temporary files of one save after a kill and none after the next open", mode, st)
			}
		})
	}
}

// tempFiles returns the temporary files of interrupted writes of base in dir.
func tempFiles(t *testing.T, dir, base string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "."+base+".") && strings.Contains(e.Name(), ".tmp") {
			out = append(out, e.Name())
		}
	}
	return out
}

func crashLoop(t *testing.T, mode string, kills int) crashStats {
	dir := t.TempDir()
	seedPath := filepath.Join(dir, "seed", "seed.reel")
	os.Mkdir(filepath.Dir(seedPath), 0o755)
	seed := testProject(t, dir)
	for range 120 { // a project of a real size: about 100 KB
		c := seed.Cards[2]
		c.ID = uuid.New()
		c.Notes = strings.Repeat("hands on the dolly, slow push in; ", 20)
		seed.Cards = append(seed.Cards[:3], append([]Card{c}, seed.Cards[3:]...)...)
	}
	if err := Save(seed, seedPath); err != nil {
		t.Fatal(err)
	}
	seed, err := Load(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "plan.reel")
	file := path // the file under test
	if mode == "recovery" {
		file = RecoveryPath(path)
	}
	want := func(n int) []byte {
		b, err := Encode(crashVersion(seed, n), dir)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// version returns which version data is, or -1 when it is none of
	// lo..hi.
	version := func(data []byte, lo, hi int) int {
		for n := max(lo, 0); n <= hi; n++ {
			if bytes.Equal(data, want(n)) {
				return n
			}
		}
		return -1
	}

	var st crashStats
	next := 0    // the next version a child saves
	backup := -1 // the version in the .bak (-1: none yet)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for st.kills < kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+mode, crashPathEnv+"="+path,
			crashSeedEnv+"="+seedPath, crashFromEnv+"="+strconv.Itoa(next))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(stdout)
		last := -1 // the last version the child reported saved
		// Let it save a few versions, then kill it at a random moment.
		for lines.Scan() {
			if n, ok := strings.CutPrefix(lines.Text(), "saved "); ok {
				last, _ = strconv.Atoi(n)
				break
			}
			if strings.HasPrefix(lines.Text(), "error") {
				t.Fatalf("child: %s", lines.Text())
			}
		}
		if last < 0 {
			cmd.Wait()
			t.Fatalf("the child saved nothing")
		}
		time.Sleep(time.Duration(rng.Int64N(int64(15 * time.Millisecond))))
		cmd.Process.Kill()
		for lines.Scan() {
			if n, ok := strings.CutPrefix(lines.Text(), "saved "); ok {
				last, _ = strconv.Atoi(n)
			}
		}
		cmd.Wait()
		st.kills++
		temps := tempFiles(t, dir, filepath.Base(file))
		st.maxTemps = max(st.maxTemps, len(temps))

		// The file is the last version saved or the one being saved.
		data, err := os.ReadFile(file)
		if err != nil {
			st.lostOrCorrupt++
			t.Errorf("kill %d: the file is gone: %v", st.kills, err)
			continue
		}
		got := version(data, last, last+1)
		if got < 0 {
			st.lostOrCorrupt++
			t.Errorf("kill %d: the file is neither version %d nor %d (%d bytes)", st.kills, last, last+1, len(data))
			continue
		}
		// (Decode, not Load: Load would clean up for the next child.)
		if _, err := Decode(data, dir); err != nil {
			st.lostOrCorrupt++
			t.Errorf("kill %d: the file does not load: %v", st.kills, err)
		}
		// The backup that existed before is still there: the version
		// before the current one, or the current one (killed between the
		// backup's rename and the project's).
		if mode == "save" {
			bak, err := os.ReadFile(path + ".bak")
			switch {
			case err != nil && (backup >= 0 || got > 0):
				st.lostBackups++
				t.Errorf("kill %d: the backup is gone: %v", st.kills, err)
			case err == nil:
				b := version(bak, min(backup, got-1), got)
				if b < 0 {
					st.lostBackups++
					t.Errorf("kill %d: the backup is neither version %d nor %d", st.kills, got-1, got)
				} else if _, err := Decode(bak, dir); err != nil {
					st.lostBackups++
					t.Errorf("kill %d: the backup does not load: %v", st.kills, err)
				}
				backup = b
			}
		}
		if len(temps) != 0 || got == last+1 {
			st.midSave++ // killed inside Save: temporary files left, or the new version not reported
		}
		next = got + 1
	}
	// The next open removes what the last kill left.
	if mode == "save" {
		if _, err := Load(path); err != nil {
			t.Error(err)
		}
	} else {
		FindRecovery(path)
	}
	st.tempsAtEnd = len(tempFiles(t, dir, filepath.Base(file)))
	return st
}
