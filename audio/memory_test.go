package audio

import (
	"bufio"
	"context"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// maxHeld4Min is the most a loaded 4-minute 44.1 kHz stereo track may keep
// alive (its PCM alone is 42.3 MB).
const maxHeld4Min = 45_000_000

// writeLongWAV writes secs seconds of 16-bit noise under a slow tone,
// streaming it (no buffer of the whole file). With streamed, the header
// says the length is unknown (0xFFFFFFFF), as piping tools write it.
func writeLongWAV(t testing.TB, path string, sr, ch, secs int, streamed bool) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	n := sr * secs
	size := uint32(n * ch * 2)
	if streamed {
		size = 0xFFFFFFFF
	}
	var h [44]byte
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], size+36)
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1)
	binary.LittleEndian.PutUint16(h[22:], uint16(ch))
	binary.LittleEndian.PutUint32(h[24:], uint32(sr))
	binary.LittleEndian.PutUint32(h[28:], uint32(sr*2*ch))
	binary.LittleEndian.PutUint16(h[32:], uint16(2*ch))
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], size)
	w.Write(h[:])
	rng := rand.New(rand.NewPCG(21, 22))
	var b [2]byte
	for i := 0; i < n; i++ {
		v := 0.3*math.Sin(2*math.Pi*220*float64(i)/float64(sr)) + 0.1*(rng.Float64()*2-1)
		binary.LittleEndian.PutUint16(b[:], uint16(int16(v*32767)))
		for c := 0; c < ch; c++ {
			w.Write(b[:])
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestTrackHeldMemory loads a 4-minute 44.1 kHz stereo WAV, with its
// length in the header and without, and wants the Track's buffers — int16
// PCM and the waveform pyramid — within maxHeld4Min bytes, the heap it
// keeps alive too, and no more allocated while loading than it keeps
// (plus 4 MiB).
func TestTrackHeldMemory(t *testing.T) {
	const sr, ch, secs = 44100, 2, 240
	dir := t.TempDir()
	for _, streamed := range []bool{false, true} {
		p := filepath.Join(dir, "long.wav")
		writeLongWAV(t, p, sr, ch, secs, streamed)
		before := liveHeap()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		tr, err := Load(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&m1)
		alloc := int64(m1.TotalAlloc - m0.TotalAlloc)
		heap := int64(liveHeap()) - int64(before)
		held := tr.heldBytes()
		pcm := int64(sr * secs * ch * 2)
		t.Logf("streamed=%v: held %d bytes (%.1f MB; PCM %.1f MB), live heap +%.1f MB, %.1f MB allocated", streamed, held, float64(held)/1e6, float64(pcm)/1e6, float64(heap)/1e6, float64(alloc)/1e6)
		// The PCM is allocated once, from the header's length or (streamed)
		// the file's size: never grown and copied.
		if alloc > held+4<<20 {
			t.Errorf("Load(4-minute WAV, streamed=%v) allocated %d bytes for %d kept; want at most 4 MiB more", streamed, alloc, held)
		}
		if tr.Frames() != sr*secs {
			t.Fatalf("Load(streamed=%v) = %d frames; want %d", streamed, tr.Frames(), sr*secs)
		}
		if held < pcm {
			t.Errorf("heldBytes() = %d; want at least the PCM's %d", held, pcm)
		}
		if held > maxHeld4Min {
			t.Errorf("Load(4-minute WAV, streamed=%v) keeps %d bytes of buffers; want ≤ %d", streamed, held, maxHeld4Min)
		}
		if heap > maxHeld4Min {
			t.Errorf("Load(4-minute WAV, streamed=%v) keeps %d bytes of heap alive; want ≤ %d", streamed, heap, maxHeld4Min)
		}
		runtime.KeepAlive(tr)
	}
}

// TestTrackHeldMemoryFormats wants every decoder's Track sized to its
// audio (spare capacity within 1/64 of the PCM or 64 KiB, a waveform of at
// most 1/8 of the PCM) and Analyze to leave nothing behind.
func TestTrackHeldMemoryFormats(t *testing.T) {
	needTool(t, "ffmpeg", "ffmpeg")
	dir := t.TempDir()
	wav := grooveFile(t, dir, 44100)
	for _, ext := range []string{"wav", "mp3", "ogg", "flac"} {
		p := wav
		if ext != "wav" {
			p = encode(t, wav, ext)
		}
		tr, err := Load(context.Background(), p, nil)
		if err != nil {
			t.Fatal(err)
		}
		pcm := int64(len(tr.pcm)) * 2
		spare := int64(cap(tr.pcm)-len(tr.pcm)) * 2
		wave := tr.wave.heldBytes()
		if spare > max(pcm/64, 64<<10) {
			t.Errorf("Load(%s) PCM has %d bytes spare for %d used; want ≤ 1/64 or 64 KiB", ext, spare, pcm)
		}
		if wave > pcm/8 {
			t.Errorf("Load(%s) waveform = %d bytes for %d of PCM; want ≤ 1/8", ext, wave, pcm)
		}
		held := tr.heldBytes()
		if held != pcm+spare+wave {
			t.Errorf("Load(%s).heldBytes() = %d; want PCM %d + spare %d + waveform %d", ext, held, pcm, spare, wave)
		}
		if _, err := tr.Analyze(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := tr.heldBytes(); got != held {
			t.Errorf("after Analyze, %s track holds %d bytes; want %d as before", ext, got, held)
		}
	}
}

// BenchmarkLoadHeld loads a 4-minute 44.1 kHz stereo WAV and reports
// what the Track keeps: its buffers and the live heap it adds.
func BenchmarkLoadHeld(b *testing.B) {
	p := filepath.Join(b.TempDir(), "long.wav")
	writeLongWAV(b, p, 44100, 2, 240, false)
	var held, heap int64
	for b.Loop() {
		before := liveHeap()
		tr, err := Load(context.Background(), p, nil)
		if err != nil {
			b.Fatal(err)
		}
		held = tr.heldBytes()
		heap = int64(liveHeap()) - int64(before)
		runtime.KeepAlive(tr)
	}
	b.ReportMetric(float64(held)/1e6, "held-MB")
	b.ReportMetric(float64(heap)/1e6, "heap-MB")
}
