// Package testtool lets tests that drive an external program (ffmpeg, melt,
// xmllint, pdftotext, sox, chromium…) say what they need. On a developer's
// machine without the program the test is skipped with a one-line reason;
// where REELBOARD_REQUIRE_TOOLS=1 (as `make test`, and so CI, sets it) a
// missing program fails the test, so nothing is silently skipped there.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// RequireEnv is the environment variable that turns a missing tool from a
// skip into a failure.
const RequireEnv = "REELBOARD_REQUIRE_TOOLS"

// Need returns the path of the program name on PATH, or stops the test: it
// fails when RequireEnv is "1" and skips otherwise. pkg is the Debian package
// that installs the program, named in the message.
func Need(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if Required() {
		t.Fatalf("%s is not installed (apt-get install %s); %s=1 requires it", name, pkg, RequireEnv)
	}
	t.Skipf("%s is not installed (apt-get install %s)", name, pkg)
	return ""
}

// Required reports whether missing tools fail tests rather than skip them.
func Required() bool { return os.Getenv(RequireEnv) == "1" }
