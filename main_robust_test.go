package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reelboard/reelboard/internal/crafted"
	"github.com/reelboard/reelboard/internal/testtool"
)

// The command line's contract on hostile audio: exit status 1 and exactly
// one line on stderr, naming the file — nothing from a third-party decoder
// (C decoders, or Go ones through the standard logger, would write to the
// process's stderr, so these tests run the command in a child process and
// read its real stderr).

// TestRobustHelperProcess is the child: `reelboard ARGS...` in this test
// binary. It does nothing in a normal test run.
func TestRobustHelperProcess(t *testing.T) {
	if os.Getenv("REELBOARD_ROBUST_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// reelboard runs the command line in a child process with a fresh analysis
// cache, giving up after a minute (a hang is a failure, not a stuck test).
func reelboard(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	code, stdout, stderr, _ = reelboardRSS(t, args...)
	return code, stdout, stderr
}

// hostileCeiling is the resident memory `reelboard analyze` may add, at its
// peak, to what the command holds doing nothing (README, "Limits"): the
// little a refused header costs, never what a header claims.
const hostileCeiling = 160 << 20

// reelboardRSS is reelboard, also returning the child's peak resident
// memory in bytes (its rusage, as /usr/bin/time -v reports it).
func reelboardRSS(t *testing.T, args ...string) (code int, stdout, stderr string, rss int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run=^TestRobustHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "REELBOARD_ROBUST_HELPER=1", "REELBOARD_ANALYSIS_CACHE="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("reelboard %q did not finish within a minute", args)
	}
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("reelboard %q: %v", args, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss << 10 // kilobytes on Linux
	}
	return code, out.String(), errb.String(), rss
}

// oneSentence reports whether s is exactly one line naming name.
func analyzeSentence(s, name string) bool {
	return strings.Count(s, "\n") == 1 && strings.HasSuffix(s, ".\n") &&
		strings.HasPrefix(s, "reelboard analyze: ") && strings.Contains(s, name)
}

// TestAnalyzeRefusesHostileAudio: the crafted-header family (2^36-1 FLAC
// samples, 0 Hz, 255 channels, 4 GiB WAV data, 2^62 Ogg granules, huge
// Xing frame counts, truncated pages and frames), /dev/zero and a FIFO each
// exit 1 with one sentence on stderr and nothing on stdout, within the
// memory ceiling (peak resident, measured from the child's rusage).
func TestAnalyzeRefusesHostileAudio(t *testing.T) {
	testtool.Need(t, "ffmpeg", "ffmpeg")
	dir := t.TempDir()
	cases, err := crafted.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.ogg")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	paths := []string{"/dev/zero", "/dev/urandom", fifo}
	for _, c := range cases {
		paths = append(paths, c.Path)
	}
	// The test binary's own footprint (the race detector's shadow memory
	// when it is on) is the child's baseline: the ceiling is on top of it.
	_, _, _, base := reelboardRSS(t, "version")
	for _, p := range paths {
		code, stdout, stderr, rss := reelboardRSS(t, "analyze", p)
		if code != exitRefused || stdout != "" || !analyzeSentence(stderr, p) {
			t.Errorf("reelboard analyze %s = exit %d, stdout %q, stderr %q; want exit %d, no output, one sentence naming the file",
				filepath.Base(p), code, stdout, stderr, exitRefused)
		}
		if rss-base > hostileCeiling {
			t.Errorf("reelboard analyze %s peaked at %d MB resident, %d MB over the command's own %d MB; want at most %d MB over", filepath.Base(p), rss>>20, (rss-base)>>20, base>>20, hostileCeiling>>20)
		}
		t.Logf("%-28s exit %d, peak %3d MB (the command alone: %d MB)", filepath.Base(p), code, rss>>20, base>>20)
	}
}

// TestAnalyzeFLAC24kQuiet: a 24000 Hz FLAC (a rate mewkiz/flac, the FLAC
// decoder before libFLAC, logged a note about) analyses with nothing at all
// on stderr.
func TestAnalyzeFLAC24kQuiet(t *testing.T) {
	testtool.Need(t, "ffmpeg", "ffmpeg")
	p, err := crafted.Source(t.TempDir(), "24k.flac", 24000, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := reelboard(t, "analyze", p)
	if code != exitOK || stderr != "" || stdout == "" {
		t.Errorf("reelboard analyze 24k.flac = exit %d, stdout %q, stderr %q; want exit 0, a result and an empty stderr", code, stdout, stderr)
	}
}
