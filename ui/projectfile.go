package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/reelboard/reelboard/storyboard"
)

// loadProject reads a .reel file.
//
// TODO(merge): replace with storyboard.Load once it lands in main.
func loadProject(path string) (*storyboard.Project, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	var p storyboard.Project
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("open %s: not a Reelboard project: %w", path, err)
	}
	return &p, nil
}

// saveProject writes p to path safely: a temporary file in the same folder,
// synced, then renamed over the old one.
//
// TODO(merge): replace with storyboard.Save once it lands in main.
func saveProject(p *storyboard.Project, path string) error {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".reel-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}
