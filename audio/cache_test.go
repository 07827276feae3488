package audio

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestAnalyzeCaches(t *testing.T) {
	dir := t.TempDir()
	SetCacheDir(filepath.Join(dir, "cache"))
	defer SetCacheDir("")
	wav := grooveFile(t, dir, 44100)
	first, err := Analyze(context.Background(), wav, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Hash) != 64 || len(first.Beats.Beats) < 10 {
		t.Fatalf("Analyze(%s) = hash %q, %d beats; want a SHA-256 and beats", wav, first.Hash, len(first.Beats.Beats))
	}
	files, _ := os.ReadDir(filepath.Join(dir, "cache"))
	if len(files) != 1 || files[0].Name() != first.Hash+".json" {
		t.Fatalf("cache dir holds %v; want %s.json", files, first.Hash)
	}
	// A copy under another name is found in the cache, not re-analysed:
	// spoil the entry's tempo to see where the answer comes from.
	p := filepath.Join(dir, "cache", first.Hash+".json")
	b, _ := os.ReadFile(p)
	e, _ := readCache(first.Hash)
	e.Tempo = 999
	writeCache(first.Hash, e)
	copyPath := filepath.Join(dir, "copy.wav")
	data, _ := os.ReadFile(wav)
	os.WriteFile(copyPath, data, 0o644)
	second, err := Analyze(context.Background(), copyPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.TempoBPM != 999 || second.Path != copyPath {
		t.Errorf("Analyze(copy) = tempo %v, path %q; want the cached 999 and %q", second.TempoBPM, second.Path, copyPath)
	}
	os.WriteFile(p, b, 0o644)
	third, err := Analyze(context.Background(), wav, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, third) {
		t.Errorf("Analyze from cache = %+v; want %+v", third, first)
	}
}
