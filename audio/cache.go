package audio

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/reelboard/reelboard/internal/atomicfile"
)

// Result is the whole analysis of a file: its Info, the SHA-256 of its
// content and its Beats.
type Result struct {
	Info
	Hash string // hex SHA-256 of the file's bytes
	Beats
}

// analysisVersion changes whenever the analysis changes its results, so
// stale cache entries are ignored.
const analysisVersion = 5

var (
	cacheMu       sync.Mutex
	cacheOverride string
)

// SetCacheDir makes the analysis cache live in dir ("" restores the default,
// os.UserCacheDir()/reelboard/analysis). The environment variable
// REELBOARD_ANALYSIS_CACHE overrides the default too.
func SetCacheDir(dir string) {
	cacheMu.Lock()
	cacheOverride = dir
	cacheMu.Unlock()
}

// CacheDir returns the directory the analysis cache uses.
func CacheDir() (string, error) {
	cacheMu.Lock()
	d := cacheOverride
	cacheMu.Unlock()
	if d != "" {
		return d, nil
	}
	if d := os.Getenv("REELBOARD_ANALYSIS_CACHE"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "reelboard", "analysis"), nil
}

// HashFile returns the hex SHA-256 of the file's content.
func HashFile(path string) (string, error) {
	f, _, err := openRegular(path) // never a device or FIFO: see limits.go
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("audio: reading %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

type cacheEntry struct {
	Version    int       `json:"version"`
	Format     string    `json:"format"`
	SampleRate int       `json:"sample_rate"`
	Channels   int       `json:"channels"`
	Duration   float64   `json:"duration_s"`
	Tempo      float64   `json:"tempo_bpm"`
	Beats      []float64 `json:"beats_s"`
	Downbeats  []float64 `json:"downbeats_s"`
	// Since version 2.
	Meter         int       `json:"meter"`
	Extrapolated  []float64 `json:"beats_extrapolated_s"`
	Phrases       []float64 `json:"phrases_s"`
	Sections      []Section `json:"sections"`
	EnergyPerBeat []float64 `json:"energy_per_beat"`
}

// beats returns the entry's rhythm.
func (e cacheEntry) beats() Beats {
	return Beats{TempoBPM: e.Tempo, Beats: e.Beats, Downbeats: e.Downbeats, Meter: e.Meter,
		Extrapolated: e.Extrapolated, Phrases: e.Phrases, Sections: e.Sections, EnergyPerBeat: e.EnergyPerBeat}
}

// newCacheEntry stores the facts and rhythm of a file.
func newCacheEntry(in Info, b Beats) cacheEntry {
	return cacheEntry{Version: analysisVersion, Format: in.Format, SampleRate: in.SampleRate,
		Channels: in.Channels, Duration: in.Duration, Tempo: b.TempoBPM, Beats: b.Beats, Downbeats: b.Downbeats,
		Meter: b.Meter, Extrapolated: b.Extrapolated, Phrases: b.Phrases, Sections: b.Sections, EnergyPerBeat: b.EnergyPerBeat}
}

func cachePath(hash string) (string, error) {
	dir, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, hash+".json"), nil
}

func readCache(hash string) (cacheEntry, bool) {
	p, err := cachePath(hash)
	if err != nil {
		return cacheEntry{}, false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return cacheEntry{}, false
	}
	var e cacheEntry
	if json.Unmarshal(b, &e) != nil || e.Version != analysisVersion || e.SampleRate <= 0 {
		return cacheEntry{}, false
	}
	if e.Beats == nil {
		e.Beats = []float64{}
	}
	if e.Downbeats == nil {
		e.Downbeats = []float64{}
	}
	if len(e.EnergyPerBeat) != len(e.Beats) {
		return cacheEntry{}, false
	}
	return e, true
}

// writeCache stores the entry atomically; failures only cost a re-analysis.
func writeCache(hash string, e cacheEntry) {
	p, err := cachePath(hash)
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	atomicfile.Write(p, b, atomicfile.Options{}) // a cache that fails to write is only slower next time
}

// Analyze decodes and analyses the file at path, or returns the cached
// result for the same content. progress, when not nil, gets 0..1 (from a
// goroutine of Analyze's).
//
// With more than one core, the decode starts while the file is hashed for
// the cache (SHA-256 takes ~0.2 s for 40 MB here) and is stopped if the
// cache has the file.
func Analyze(ctx context.Context, path string, progress func(float64)) (Result, error) {
	var p func(Progress)
	if progress != nil {
		p = func(pr Progress) { progress(0.9 * pr.Fraction) }
	}
	type analysed struct {
		in  Info
		b   Beats
		err error
	}
	actx, cancel := context.WithCancel(ctx)
	defer cancel()
	var done chan analysed
	start := func() {
		done = make(chan analysed, 1)
		go func() {
			var a analysed
			defer func() {
				// A bug of ours must not end the process from this
				// goroutine: it becomes the file's error.
				if r := recover(); r != nil {
					done <- analysed{err: fmt.Errorf("audio: analysing %s failed: %v", path, r)}
				}
			}()
			t, err := load(actx, path, p, false)
			if err == nil {
				a.in = t.Info()
				a.b, err = t.Analyze(actx)
			}
			a.err = err
			done <- a
		}()
	}
	stop := func() {
		if done != nil {
			cancel()
			<-done
		}
	}
	if runtime.GOMAXPROCS(0) > 1 {
		start()
	}
	hash, err := HashFile(path)
	if err != nil {
		stop()
		return Result{}, err
	}
	if e, ok := readCache(hash); ok {
		stop()
		if progress != nil {
			progress(1)
		}
		return Result{
			Info:  Info{Path: path, Format: e.Format, SampleRate: e.SampleRate, Channels: e.Channels, Duration: e.Duration},
			Hash:  hash,
			Beats: e.beats(),
		}, nil
	}
	if done == nil {
		start()
	}
	a := <-done
	if a.err != nil {
		return Result{}, a.err
	}
	writeCache(hash, newCacheEntry(a.in, a.b))
	if progress != nil {
		progress(1)
	}
	return Result{Info: a.in, Hash: hash, Beats: a.b}, nil
}
