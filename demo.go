package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/reelboard/reelboard/assets"
	"github.com/reelboard/reelboard/internal/atomicfile"
)

// demoProjectPath installs the embedded demo project and soundtrack into the
// user's config folder (once; a demo the user edited is kept) and returns the
// project's path.
func demoProjectPath() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		base = os.TempDir()
	}
	return installDemo(filepath.Join(base, "reelboard", "demo"))
}

func installDemo(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot create the demo folder %s: %w", dir, err)
	}
	for _, name := range []string{assets.DemoSoundtrackFile, assets.DemoProjectFile} {
		dst := filepath.Join(dir, filepath.Base(name))
		data, err := fs.ReadFile(assets.Demo, name)
		if err != nil {
			return "", fmt.Errorf("the embedded demo is missing %s: %w", name, err)
		}
		if old, err := os.ReadFile(dst); err == nil && (name == assets.DemoProjectFile || bytes.Equal(old, data)) {
			continue // keep the user's edits of the demo project
		}
		if err := atomicfile.Write(dst, data, atomicfile.Options{}); err != nil {
			return "", fmt.Errorf("cannot install the demo into %s: %w", dir, err)
		}
	}
	return filepath.Join(dir, filepath.Base(assets.DemoProjectFile)), nil
}
