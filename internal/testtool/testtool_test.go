package testtool

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNeed runs the test binary again to see a missing tool skip without
// the variable and fail with it.
func TestNeed(t *testing.T) {
	if os.Getenv("TESTTOOL_CHILD") == "1" {
		Need(t, "reelboard-no-such-tool", "no-such-package")
		t.Log("reached after Need")
		return
	}
	for _, tc := range []struct {
		require string
		wantErr bool
		want    string
	}{
		{"", false, "SKIP"},
		{"1", true, "FAIL"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestNeed$", "-test.v")
		cmd.Env = append(os.Environ(), "TESTTOOL_CHILD=1", RequireEnv+"="+tc.require)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tc.wantErr || !strings.Contains(string(out), tc.want) || strings.Contains(string(out), "reached after Need") {
			t.Errorf("Need with %s=%q: err %v, output:\n%s\nwant %s", RequireEnv, tc.require, err, out, tc.want)
		}
		if !strings.Contains(string(out), "apt-get install no-such-package") {
			t.Errorf("Need with %s=%q does not name the package:\n%s", RequireEnv, tc.require, out)
		}
	}
	if p := Need(t, "sh", "dash"); p == "" {
		t.Error(`Need("sh") = ""; want a path`)
	}
}
