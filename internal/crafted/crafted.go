// Package crafted writes a family of audio files whose headers lie: huge
// sample counts, zero or absurd sample rates, 0 or 255 channels, truncated
// pages and frames. Each is made from a real encoding (ffmpeg) with a few
// header bytes changed, so everything else about it is genuine. Reelboard
// must refuse every one of them with one sentence, in bounded memory. The
// audio tests, the fuzz seeds and the command-line tests share it; it is
// never built into the application.
package crafted

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
)

// Case is one crafted file.
type Case struct {
	Name string // file name, also the case's name
	Path string
	Lie  string // what its header claims
}

// Source encodes seconds of a noisy tone at rate Hz with ch channels to
// dir/name (its extension picks the codec) with ffmpeg, and returns its path.
// Noise keeps FLAC from compressing much, so size follows length.
func Source(dir, name string, rate, ch int, seconds float64) (string, error) {
	n := int(seconds * float64(rate))
	rng := rand.New(rand.NewPCG(uint64(rate), uint64(n)))
	raw := make([]byte, 2*n*ch)
	for i := 0; i < n; i++ {
		for c := 0; c < ch; c++ {
			v := 0.4*math.Sin(2*math.Pi*440*float64(i)/float64(rate)*float64(c+1)) + 0.3*(rng.Float64()*2-1)
			binary.LittleEndian.PutUint16(raw[2*(i*ch+c):], uint16(int16(v*32767)))
		}
	}
	pcm := filepath.Join(dir, name+".s16")
	if err := os.WriteFile(pcm, raw, 0o644); err != nil {
		return "", err
	}
	defer os.Remove(pcm)
	out := filepath.Join(dir, name)
	args := []string{"-nostdin", "-loglevel", "error", "-y", "-f", "s16le", "-ar", fmt.Sprint(rate), "-ac", fmt.Sprint(ch), "-i", pcm}
	switch filepath.Ext(name) {
	case ".mp3":
		args = append(args, "-c:a", "libmp3lame", "-b:a", "128k")
	case ".ogg":
		args = append(args, "-c:a", "libvorbis", "-q:a", "6")
	}
	args = append(args, out)
	if b, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("ffmpeg %v: %v\n%s", args, err, b)
	}
	return out, nil
}

// Write makes the crafted family in dir. Large sources (a FLAC over 2 MiB,
// an Ogg over 256 KiB) are included so the parallel decoders see the lies.
func Write(dir string) ([]Case, error) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		return nil, errors.New("crafted: ffmpeg is not installed (apt-get install ffmpeg)")
	}
	type src struct {
		name     string
		rate, ch int
		seconds  float64
		data     []byte
	}
	srcs := []*src{
		{name: "small.wav", rate: 8000, ch: 1, seconds: 0.5},
		{name: "small.flac", rate: 8000, ch: 1, seconds: 1},
		{name: "big.flac", rate: 44100, ch: 2, seconds: 14},
		{name: "small.ogg", rate: 8000, ch: 1, seconds: 1},
		{name: "big.ogg", rate: 44100, ch: 2, seconds: 14},
		{name: "small.mp3", rate: 44100, ch: 2, seconds: 1},
	}
	by := map[string]*src{}
	for _, s := range srcs {
		p, err := Source(dir, s.name, s.rate, s.ch, s.seconds)
		if err != nil {
			return nil, err
		}
		if s.data, err = os.ReadFile(p); err != nil {
			return nil, err
		}
		os.Remove(p)
		by[s.name] = s
	}
	var cases []Case
	var errs []error
	try := func(b []byte, err error) []byte {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		return b
	}
	add := func(name, lie string, b []byte) {
		if b == nil {
			errs = append(errs, fmt.Errorf("crafted %s: could not be made", name))
			return
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			errs = append(errs, err)
			return
		}
		cases = append(cases, Case{Name: name, Path: p, Lie: lie})
	}

	// FLAC: STREAMINFO starts at byte 8 (after "fLaC" and its block header).
	for _, s := range []string{"small.flac", "big.flac"} {
		base := s[:len(s)-5]
		add(base+"-samples-2^36-1.flac", "2^36-1 total samples", flacStreamInfo(by[s].data, -1, -1, 1<<36-1))
	}
	add("flac-rate-0.flac", "a sample rate of 0 Hz", flacStreamInfo(by["small.flac"].data, 0, -1, -1))
	add("flac-rate-1048575.flac", "a sample rate of 1048575 Hz", flacStreamInfo(by["big.flac"].data, 1<<20-1, -1, -1))
	add("flac-samples-3h-at-8k-plus-1.flac", "one frame more than 3 hours", flacStreamInfo(by["small.flac"].data, -1, -1, 3*3600*8000+1))
	add("flac-truncated-streaminfo.flac", "a STREAMINFO cut short", by["small.flac"].data[:30])
	add("flac-truncated-frame.flac", "a first frame cut short", by["small.flac"].data[:flacFirstFrame(by["small.flac"].data)+20])

	// WAV: ffmpeg writes fmt at 12 (rate at 24, channels at 22) and may add LIST.
	w := by["small.wav"].data
	add("wav-rate-0.wav", "a sample rate of 0 Hz", try(patchWAV(w, func(f []byte) { binary.LittleEndian.PutUint32(f[4:], 0) })))
	add("wav-rate-4294967295.wav", "a sample rate of 4294967295 Hz", try(patchWAV(w, func(f []byte) { binary.LittleEndian.PutUint32(f[4:], math.MaxUint32) })))
	add("wav-channels-0.wav", "0 channels", try(patchWAV(w, func(f []byte) {
		binary.LittleEndian.PutUint16(f[2:], 0)
		binary.LittleEndian.PutUint16(f[12:], 0)
	})))
	add("wav-channels-255.wav", "255 channels", try(patchWAV(w, func(f []byte) {
		binary.LittleEndian.PutUint16(f[2:], 255)
		binary.LittleEndian.PutUint16(f[12:], 255*2)
		binary.LittleEndian.PutUint32(f[8:], 255*2*8000)
	})))
	add("wav-data-4GiB.wav", "a data chunk of 4 GiB", try(patchWAVData(w, 0xFFFFFFF0)))
	add("wav-truncated-fmt.wav", "a fmt chunk cut short", w[:30])

	// Ogg Vorbis: the identification header is the first page's packet.
	for _, s := range []string{"small.ogg", "big.ogg"} {
		base := s[:len(s)-4]
		d := by[s].data
		add(base+"-channels-0.ogg", "0 channels", try(patchVorbisID(d, func(id []byte) { id[11] = 0 })))
		add(base+"-channels-255.ogg", "255 channels", try(patchVorbisID(d, func(id []byte) { id[11] = 255 })))
		add(base+"-rate-0.ogg", "a sample rate of 0 Hz", try(patchVorbisID(d, func(id []byte) { binary.LittleEndian.PutUint32(id[12:], 0) })))
		add(base+"-rate-4294967295.ogg", "a sample rate of 4294967295 Hz", try(patchVorbisID(d, func(id []byte) { binary.LittleEndian.PutUint32(id[12:], math.MaxUint32) })))
		add(base+"-granule-2^62.ogg", "a last granule position of 2^62", try(patchOggLastGranule(d, 1<<62)))
		add(base+"-comments-2^29.ogg", "a comment header claiming 2^29 comments", try(patchVorbisCommentCount(d, 1<<29)))
	}
	if d := by["small.ogg"].data; len(d) > 0 {
		add("ogg-truncated-setup-page.ogg", "a setup header page cut short", oggCutInPage(d, 1))
	}

	// MP3: the LAME/Xing tag in the first frame says how many frames follow.
	m := by["small.mp3"].data
	add("mp3-xing-frames-4294967295.mp3", "4294967295 frames in its Xing tag", try(patchXingFrames(m, math.MaxUint32)))
	add("mp3-xing-frames-1000000000.mp3", "a billion frames in its Xing tag", try(patchXingFrames(m, 1e9)))
	add("mp3-truncated-frame.mp3", "only the first frames, the last cut short", try(mp3CutAfterFrames(m, 3)))
	if len(errs) > 0 {
		return cases, errors.Join(errs...)
	}
	return cases, nil
}

// flacStreamInfo sets STREAMINFO's sample rate, channel count and total
// samples (a negative value keeps the field).
func flacStreamInfo(src []byte, rate, ch int, total int64) []byte {
	b := append([]byte(nil), src...)
	si := b[8 : 8+34]
	// Bytes 10..17: rate (20 bits), channels-1 (3), bits-1 (5), total (36).
	v := binary.BigEndian.Uint64(si[10:18])
	if rate >= 0 {
		v = v&^(uint64(1<<20-1)<<44) | uint64(rate)<<44
	}
	if ch > 0 {
		v = v&^(uint64(7)<<41) | uint64(ch-1)<<41
	}
	if total >= 0 {
		v = v&^uint64(1<<36-1) | uint64(total)
	}
	binary.BigEndian.PutUint64(si[10:18], v)
	return b
}

// flacFirstFrame returns the offset of the first audio frame.
func flacFirstFrame(b []byte) int {
	off := 4
	for off+4 <= len(b) {
		last := b[off]&0x80 != 0
		n := int(b[off+1])<<16 | int(b[off+2])<<8 | int(b[off+3])
		off += 4 + n
		if last {
			break
		}
	}
	return off
}

// patchWAV edits the fmt chunk's body.
func patchWAV(src []byte, edit func(fmtBody []byte)) ([]byte, error) {
	b := append([]byte(nil), src...)
	off, n, ok := wavChunk(b, "fmt ")
	if !ok || n < 16 {
		return nil, errors.New("no fmt chunk")
	}
	edit(b[off : off+n])
	return b, nil
}

// patchWAVData sets the data chunk's size.
func patchWAVData(src []byte, size uint32) ([]byte, error) {
	b := append([]byte(nil), src...)
	off, _, ok := wavChunk(b, "data")
	if !ok {
		return nil, errors.New("no data chunk")
	}
	binary.LittleEndian.PutUint32(b[off-4:], size)
	return b, nil
}

// wavChunk finds a chunk's body offset and size.
func wavChunk(b []byte, id string) (int, int, bool) {
	for off := 12; off+8 <= len(b); {
		n := int(binary.LittleEndian.Uint32(b[off+4:]))
		if string(b[off:off+4]) == id {
			return off + 8, n, true
		}
		off += 8 + n + n%2
	}
	return 0, 0, false
}

// oggPages lists the byte offsets of the Ogg pages.
func oggPages(b []byte) []int {
	var offs []int
	for off := 0; off+27 <= len(b) && string(b[off:off+4]) == "OggS"; {
		nseg := int(b[off+26])
		if off+27+nseg > len(b) {
			break
		}
		size := 0
		for _, s := range b[off+27 : off+27+nseg] {
			size += int(s)
		}
		offs = append(offs, off)
		off += 27 + nseg + size
	}
	return offs
}

// patchVorbisID edits the identification header (first page's body) and
// fixes the page's CRC.
func patchVorbisID(src []byte, edit func(id []byte)) ([]byte, error) {
	b := append([]byte(nil), src...)
	pages := oggPages(b)
	if len(pages) == 0 {
		return nil, errors.New("no Ogg page")
	}
	nseg := int(b[26])
	id := b[27+nseg:]
	if len(id) < 30 || string(id[1:7]) != "vorbis" {
		return nil, errors.New("no Vorbis identification header")
	}
	edit(id)
	oggFixCRC(b, pages[0])
	return b, nil
}

// patchOggLastGranule sets the last page's granule position.
func patchOggLastGranule(src []byte, g uint64) ([]byte, error) {
	b := append([]byte(nil), src...)
	pages := oggPages(b)
	if len(pages) < 2 {
		return nil, errors.New("too few Ogg pages")
	}
	last := pages[len(pages)-1]
	binary.LittleEndian.PutUint64(b[last+6:], g)
	oggFixCRC(b, last)
	return b, nil
}

// patchVorbisCommentCount sets the comment count of the Vorbis comment
// header (after "\x03vorbis", the vendor string's length and the vendor
// string) and fixes the CRC of its page.
func patchVorbisCommentCount(src []byte, n uint32) ([]byte, error) {
	b := append([]byte(nil), src...)
	i := bytes.Index(b, []byte("\x03vorbis"))
	if i < 0 || i+11 > len(b) {
		return nil, errors.New("no Vorbis comment header")
	}
	c := i + 11 + int(binary.LittleEndian.Uint32(b[i+7:]))
	if c+4 > len(b) {
		return nil, errors.New("the Vorbis vendor string runs past the file")
	}
	binary.LittleEndian.PutUint32(b[c:], n)
	page := -1
	for _, p := range oggPages(b) {
		if p <= i {
			page = p
		}
	}
	if page < 0 {
		return nil, errors.New("the comment header is on no Ogg page")
	}
	oggFixCRC(b, page)
	return b, nil
}

// oggCutInPage cuts the file in the middle of page i.
func oggCutInPage(b []byte, i int) []byte {
	pages := oggPages(b)
	if i+1 >= len(pages) {
		return b[:len(b)/2]
	}
	return b[:(pages[i]+pages[i+1])/2]
}

var oggCRCTable = func() [256]uint32 {
	var t [256]uint32
	for i := range t {
		r := uint32(i) << 24
		for k := 0; k < 8; k++ {
			if r&0x80000000 != 0 {
				r = r<<1 ^ 0x04c11db7
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return t
}()

// oggFixCRC recomputes the CRC of the page at off.
func oggFixCRC(b []byte, off int) {
	nseg := int(b[off+26])
	size := 0
	for _, s := range b[off+27 : off+27+nseg] {
		size += int(s)
	}
	page := b[off : off+27+nseg+size]
	binary.LittleEndian.PutUint32(page[22:], 0)
	var crc uint32
	for _, c := range page {
		crc = crc<<8 ^ oggCRCTable[byte(crc>>24)^c]
	}
	binary.LittleEndian.PutUint32(page[22:], crc)
}

// mp3First returns the offset of the first MPEG audio frame (after ID3v2).
func mp3First(b []byte) int {
	off := 0
	if len(b) >= 10 && string(b[:3]) == "ID3" {
		off = 10 + (int(b[6]&0x7f)<<21 | int(b[7]&0x7f)<<14 | int(b[8]&0x7f)<<7 | int(b[9]&0x7f))
	}
	for ; off+4 <= len(b); off++ {
		if b[off] == 0xFF && b[off+1]&0xE0 == 0xE0 {
			return off
		}
	}
	return -1
}

// patchXingFrames sets the frame count of the Xing/Info tag.
func patchXingFrames(src []byte, frames uint32) ([]byte, error) {
	b := append([]byte(nil), src...)
	off := mp3First(b)
	if off < 0 {
		return nil, errors.New("no MPEG frame")
	}
	for x := off + 4; x+12 <= len(b) && x < off+64; x++ {
		if tag := string(b[x : x+4]); tag == "Xing" || tag == "Info" {
			if binary.BigEndian.Uint32(b[x+4:])&1 == 0 {
				return nil, errors.New("the Xing tag has no frame count")
			}
			binary.BigEndian.PutUint32(b[x+8:], frames)
			return b, nil
		}
	}
	return nil, errors.New("no Xing/Info tag")
}

// mp3CutAfterFrames keeps the first n frames (Xing included) and half of
// the next one.
func mp3CutAfterFrames(b []byte, n int) ([]byte, error) {
	off := mp3First(b)
	if off < 0 {
		return nil, errors.New("no MPEG frame")
	}
	rates := [4]int{44100, 48000, 32000, 0}
	kbps := [16]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}
	for i := 0; i <= n; i++ {
		if off+4 > len(b) {
			return nil, errors.New("too few frames")
		}
		h := b[off:]
		if h[0] != 0xFF || h[1]&0xFE != 0xFA { // MPEG 1 Layer III
			return nil, errors.New("not an MPEG-1 Layer III frame")
		}
		sr := rates[h[2]>>2&3]
		size := 144000*kbps[h[2]>>4]/sr + int(h[2]>>1&1)
		if i == n {
			return b[:off+size/2], nil
		}
		off += size
	}
	return nil, errors.New("unreachable")
}
