package audio_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	"github.com/reelboard/reelboard/audio"
)

// writeTone writes a mono 16-bit WAV: 2 s of silence, then 2 s at ±0.5.
func writeTone(path string) error {
	const sr = 8192 // 2 s fall on waveform bin edges
	pcm := make([]int16, 4*sr)
	for i := 2 * sr; i < len(pcm); i++ {
		pcm[i] = 16384
		if i%2 == 1 {
			pcm[i] = -16384
		}
	}
	hdr := []any{[4]byte{'R', 'I', 'F', 'F'}, uint32(36 + 2*len(pcm)), [8]byte{'W', 'A', 'V', 'E', 'f', 'm', 't', ' '},
		uint32(16), uint16(1), uint16(1), uint32(sr), uint32(2 * sr), uint16(2), uint16(16),
		[4]byte{'d', 'a', 't', 'a'}, uint32(2 * len(pcm)), pcm}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, v := range hdr {
		if err := binary.Write(f, binary.LittleEndian, v); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// Load decodes a file; its Waveform gives min/max pairs for n columns.
func ExampleLoad() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "tone.wav")
	if err := writeTone(path); err != nil {
		fmt.Println(err)
		return
	}
	t, err := audio.Load(context.Background(), path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	in := t.Info()
	fmt.Println(in.Format, in.SampleRate, in.Channels, in.Duration)
	peaks := t.Waveform().Bins(0, 4, 4, nil) // 4 columns of 1 s
	for i := 0; i < 4; i++ {
		fmt.Printf("%.1f..%.1f ", peaks[2*i], peaks[2*i+1])
	}
	fmt.Println()
	// Output:
	// wav 8192 1 4
	// 0.0..0.0 0.0..0.0 -0.5..0.5 -0.5..0.5
}
