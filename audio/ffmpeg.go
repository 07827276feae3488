package audio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os/exec"
	"strconv"
	"strings"
)

var errNoFFmpeg = errors.New("ffmpeg is not installed")

// ffmpegDecoder decodes any format ffmpeg knows (M4A/AAC, AIFF, Opus, …)
// by piping 16-bit PCM from an ffmpeg process.
type ffmpegDecoder struct {
	cmd    *exec.Cmd
	out    *bufio.Reader
	stderr bytes.Buffer
	sr, ch int
	est    int64
	raw    []byte
	ended  bool
	cancel context.CancelFunc
}

// ffprobeAudio returns the first audio stream's rate, channels and duration.
func ffprobeAudio(ctx context.Context, path string) (sr, ch int, dur float64, err error) {
	out, err := exec.CommandContext(ctx, "ffprobe", "-v", "error", "-select_streams", "a:0",
		"-show_entries", "stream=sample_rate,channels:format=duration", "-of", "default=noprint_wrappers=1", "-i", "file:"+path).Output()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("ffprobe found no audio stream")
	}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), "=")
		switch k {
		case "sample_rate":
			sr, _ = strconv.Atoi(v)
		case "channels":
			ch, _ = strconv.Atoi(v)
		case "duration":
			dur, _ = strconv.ParseFloat(v, 64)
		}
	}
	if sr <= 0 || ch <= 0 {
		return 0, 0, 0, fmt.Errorf("ffprobe found no audio stream")
	}
	return sr, ch, dur, nil
}

func newFFmpegDecoder(ctx context.Context, path, format string) (decoder, error) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		return nil, errNoFFmpeg
	}
	sr, ch, dur := 44100, 2, 0.0
	if _, err := exec.LookPath("ffprobe"); err == nil {
		s, c, d, err := ffprobeAudio(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", format, err)
		}
		sr, ch, dur = s, c, d
	}
	ch = min(ch, 2)
	cctx, cancel := context.WithCancel(ctx)
	// "file:" makes a path like "concat:a|b" or "-x" a file, never a
	// protocol or an option.
	cmd := exec.CommandContext(cctx, "ffmpeg", "-nostdin", "-v", "error", "-i", "file:"+path, "-map", "0:a:0",
		"-f", "s16le", "-acodec", "pcm_s16le", "-ac", strconv.Itoa(ch), "-ar", strconv.Itoa(sr), "-")
	d := &ffmpegDecoder{cmd: cmd, sr: sr, ch: ch, est: int64(dur * float64(sr)), cancel: cancel}
	cmd.Stderr = &d.stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("starting ffmpeg: %w", err)
	}
	d.out = bufio.NewReaderSize(pipe, 1<<16)
	return d, nil
}

func (d *ffmpegDecoder) rate() int        { return d.sr }
func (d *ffmpegDecoder) channels() int    { return d.ch }
func (d *ffmpegDecoder) estFrames() int64 { return d.est }

func (d *ffmpegDecoder) read(buf []int16) (int, error) {
	if d.ended {
		return 0, io.EOF
	}
	want := len(buf) / d.ch * d.ch * 2
	if cap(d.raw) < want {
		d.raw = make([]byte, want)
	}
	raw := d.raw[:want]
	n, err := io.ReadFull(d.out, raw)
	v := n / (2 * d.ch) * d.ch // whole frames' values
	for i := 0; i < v; i++ {
		buf[i] = max(int16(binary.LittleEndian.Uint16(raw[2*i:])), -math.MaxInt16)
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		if werr := d.cmd.Wait(); werr != nil {
			msg := strings.TrimSpace(d.stderr.String())
			if i := strings.IndexByte(msg, '\n'); i >= 0 {
				msg = msg[:i]
			}
			return v, fmt.Errorf("ffmpeg: %s", msg)
		}
		d.cmd = nil
		d.ended = true
		if v == 0 {
			return 0, io.EOF
		}
		return v, nil
	}
	return v, err
}

// Close stops ffmpeg if it still runs.
func (d *ffmpegDecoder) Close() error {
	d.cancel()
	if d.cmd != nil {
		d.cmd.Wait()
	}
	return nil
}
