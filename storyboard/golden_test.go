package storyboard

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/uuid"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenProject is testProject with fixed IDs, so its file is stable.
func goldenProject(t *testing.T, dir string) *Project {
	p := testProject(t, dir)
	p.ID = uuid.MustParse("5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5")
	for i := range p.Cards {
		p.Cards[i].ID = uuid.UUID{0xca, 0x4d, byte(i), 0, 0, 0, 0x40, 0, 0x80}
	}
	return p
}

func TestEncodeGolden(t *testing.T) {
	dir := filepath.FromSlash("/home/ada/reels")
	p := goldenProject(t, dir)
	got, err := Encode(p, dir)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "backstage.reel")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Encode(golden project) differs from %s (run go test -update if the change is meant):\n%s", golden, got)
	}
	q, err := Decode(want, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("Decode(%s) differs from the golden project", golden)
	}
}
