package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleNoise runs this test binary again under LANG=C.UTF-8 with no
// LANGUAGE, as in containers and CI, and checks that nothing (fyne's "Error
// parsing user locale C" in particular) is written to stderr before main runs.
func TestNoLocaleNoise(t *testing.T) {
	if os.Getenv("REELBOARD_LOCALE_CHILD") == "1" {
		// The child: package initialisation has already happened.
		return
	}
	for _, lang := range []string{"C.UTF-8", "C", "POSIX"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleNoise$")
		var env []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "LANGUAGE=") && !strings.HasPrefix(kv, "LC_ALL=") && !strings.HasPrefix(kv, "LC_MESSAGES=") && !strings.HasPrefix(kv, "LANG=") {
				env = append(env, kv)
			}
		}
		cmd.Env = append(env, "LANG="+lang, "REELBOARD_LOCALE_CHILD=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("child with LANG=%s: %v; stderr %q", lang, err, stderr.String())
		}
		if stderr.Len() != 0 {
			t.Errorf("start with LANG=%s wrote to stderr %q; want nothing", lang, stderr.String())
		}
	}
}
