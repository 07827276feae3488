package export

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reelboard/reelboard/internal/atomicfile"
	"github.com/reelboard/reelboard/storyboard"
)

// ErrNoFFmpeg reports that ffmpeg is not installed, so Render cannot work.
var ErrNoFFmpeg = errors.New("ffmpeg is not installed (or not on PATH); install ffmpeg to render a preview video")

// Render makes a preview video of p with ffmpeg: an animatic of title cards
// (or the card's reference image) for cards without media, the linked clips
// from their in-points where linked (a rough cut), and the soundtrack from
// its offset, at the project's frame size and rate, exactly as many frames
// as the reel. progress, when not nil, is called with the fraction done
// (0 to 1) as ffmpeg reports it. The file appears whole or not at all.
//
// Reference images are checked (bounded, decoded) before ffmpeg starts, so a
// broken one is refused with a sentence instead of ffmpeg retrying it
// forever. ffmpeg runs in its own process group, killed whole when ctx is
// cancelled, when renderTimeout passes or when this process dies (Linux),
// and every path reaches it as a file: URL, so a name starting with "-" or
// holding "concat:" is a file.
func Render(ctx context.Context, p *storyboard.Project, out string, progress func(float64)) error {
	return render(ctx, p, out, progress, 0)
}

// renderTimeout bounds a render: five minutes plus twenty times the reel's
// length (a 90 s reel may take 35 minutes on a slow machine before it is
// stopped).
func renderTimeout(reel time.Duration) time.Duration { return 5*time.Minute + 20*reel }

// render is Render with the timeout given (0 for renderTimeout).
func render(ctx context.Context, p *storyboard.Project, out string, progress func(float64), timeout time.Duration) error {
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		return fmt.Errorf("export: render %s: %w", out, ErrNoFFmpeg)
	}
	if err := checkOutput(p, out, Options{}); err != nil {
		return err
	}
	pl, err := newPlan(p, Options{}, true)
	if err != nil {
		return err
	}
	if err := pl.checkImages(); err != nil {
		return fmt.Errorf("export: render %s: %w", out, err)
	}
	total := pl.rate.FrameTime(pl.frames).Seconds()
	if timeout <= 0 {
		timeout = renderTimeout(time.Duration(total * float64(time.Second)))
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	work, err := os.MkdirTemp("", "reelboard-render-")
	if err != nil {
		return fmt.Errorf("export: render %s: %w", out, err)
	}
	defer os.RemoveAll(work)
	args, err := pl.ffmpegArgs(work)
	if err != nil {
		return fmt.Errorf("export: render %s: %w", out, err)
	}
	// ffmpeg writes the pending replacement of out; Commit puts it in place.
	dst, err := atomicfile.Create(out, atomicfile.Options{})
	if err != nil {
		return fmt.Errorf("export: %w", err) // atomicfile names out and the cause, never its temporary file
	}
	ok := false
	defer func() {
		if !ok {
			dst.Abort()
		}
	}()
	args = append(args, "-f", "mp4", "-y", fileURL(dst.Name()))

	cmd := exec.CommandContext(ctx, ffmpeg, args...)
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("export: render %s: %w", out, err)
	}
	var stderr tailBuffer
	cmd.Stderr = &stderr
	werr, err := runLocked(cmd, func() { readProgress(stdout, total, progress) })
	if err != nil {
		return fmt.Errorf("export: render %s: start ffmpeg: %w", out, err)
	}
	if werr != nil {
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return fmt.Errorf("export: render %s: ffmpeg was stopped after %s without finishing", out, timeout.Round(time.Second))
		case ctx.Err() != nil:
			return fmt.Errorf("export: render %s: %w", out, ctx.Err())
		}
		return fmt.Errorf("export: render %s: ffmpeg failed: %s", out, stderr.lastLine())
	}
	ok = true // Commit removes the temporary file when it fails
	if err := dst.Commit(); err != nil {
		return fmt.Errorf("export: %w", err) // atomicfile names out and the cause, never its temporary file
	}
	if progress != nil {
		progress(1)
	}
	return nil
}

// runLocked starts cmd and waits for it on one locked OS thread, because on
// Linux the child's parent-death signal follows the thread that started
// it, and Go may otherwise retire that thread. during runs while the
// command runs (reading its output). It returns Wait's error, or Start's.
func runLocked(cmd *exec.Cmd, during func()) (waitErr, startErr error) {
	done := make(chan struct{})
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		defer close(done)
		if startErr = cmd.Start(); startErr != nil {
			return
		}
		during()
		waitErr = cmd.Wait()
	}()
	<-done
	return waitErr, startErr
}

// checkImages decodes every reference image a render shows (bounded as
// sheets bound them), so that ffmpeg never meets one it cannot decode.
func (pl *plan) checkImages() error {
	checked := map[string]bool{}
	for _, c := range pl.clips {
		img := c.card.Image
		if c.media != "" || img == "" || checked[img] {
			continue
		}
		checked[img] = true
		if _, _, _, err := loadImage(img); err != nil {
			return fmt.Errorf("card %d %q: reference image %w", c.n, c.card.Title, err)
		}
	}
	return nil
}

// fileURL makes path an ffmpeg input or output that is always a local
// file: absolute, behind the file: protocol, so that "-i" or "concat:x"
// are names, never options or protocols.
func fileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return "file:" + path
}

// readProgress parses ffmpeg's -progress output (key=value lines) and
// reports out_time as a fraction of total seconds.
func readProgress(r io.Reader, total float64, progress func(float64)) {
	sc := bufio.NewScanner(r)
	last := -1.0
	for sc.Scan() {
		k, v, found := strings.Cut(sc.Text(), "=")
		if !found || progress == nil {
			continue
		}
		var f float64
		switch k {
		case "out_time_us":
			us, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil || us < 0 {
				continue
			}
			f = float64(us) / 1e6 / total
		case "progress":
			if strings.TrimSpace(v) != "end" {
				continue
			}
			f = 1
		default:
			continue
		}
		f = min(max(f, 0), 1)
		if f > last {
			last = f
			progress(f)
		}
	}
	io.Copy(io.Discard, r)
}

// ffmpegArgs builds the ffmpeg command line (without the output) for the
// plan; title texts and the font go to files in work.
func (pl *plan) ffmpegArgs(work string) ([]string, error) {
	font := filepath.Join(work, "font.ttf")
	if err := os.WriteFile(font, fontTTF, 0o644); err != nil {
		return nil, err
	}
	rate := fmt.Sprintf("%d/%d", pl.rate.Num, pl.rate.Den)
	size := fmt.Sprintf("%dx%d", pl.width, pl.height)
	fit := fmt.Sprintf("scale=%d:%d:force_original_aspect_ratio=decrease,pad=%d:%d:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=%s",
		pl.width, pl.height, pl.width, pl.height, rate)
	secs := func(n int64) string { return strconv.FormatFloat(pl.seconds(n), 'f', 6, 64) }

	args := []string{"-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1"}
	var graph []string
	input := 0
	for _, c := range pl.clips {
		label := fmt.Sprintf("[v%d]", c.n)
		// Every segment is padded by repeating its last frame, then cut to
		// exactly its frame count.
		cut := fmt.Sprintf("tpad=stop=-1:stop_mode=clone,trim=end_frame=%d,setpts=PTS-STARTPTS", c.dur)
		switch {
		case c.media != "":
			args = append(args, "-ss", secs(c.in), "-t", secs(c.dur+1), "-i", fileURL(c.media))
			graph = append(graph, fmt.Sprintf("[%d:v]%s,%s%s", input, fit, cut, label))
			input++
		case c.card.Image != "":
			args = append(args, "-loop", "1", "-framerate", rate, "-t", secs(c.dur+1), "-i", fileURL(c.card.Image))
			graph = append(graph, fmt.Sprintf("[%d:v]%s,%s%s", input, fit, cut, label))
			input++
		default:
			txt := filepath.Join(work, fmt.Sprintf("title%d.txt", c.n))
			fsize := max(24, min(pl.width, pl.height)/14)
			body := wrapRunes(c.card.Title, max(8, pl.width*9/(fsize*5)))
			if err := os.WriteFile(txt, []byte(body), 0o644); err != nil {
				return nil, err
			}
			ac := actInk[c.card.Act]
			graph = append(graph, fmt.Sprintf("color=c=0x%02x%02x%02x:s=%s:r=%s,format=yuv420p,trim=end_frame=%d,setpts=PTS-STARTPTS,"+
				"drawtext=fontfile=%s:textfile=%s:expansion=none:fontcolor=white:fontsize=%d:line_spacing=%d:x=(w-text_w)/2:y=(h-text_h)/2%s",
				ac.r, ac.g, ac.b, size, rate, c.dur, ffEscape(font), ffEscape(txt), fsize, fsize/3, label))
		}
	}
	var concat strings.Builder
	for _, c := range pl.clips {
		fmt.Fprintf(&concat, "[v%d]", c.n)
	}
	fmt.Fprintf(&concat, "concat=n=%d:v=1:a=0,format=yuv420p[v]", len(pl.clips))
	graph = append(graph, concat.String())
	total := secs(pl.frames)
	if m := pl.music; m != nil {
		args = append(args, "-ss", secs(m.in), "-t", total, "-i", fileURL(m.path))
		graph = append(graph, fmt.Sprintf("[%d:a]aresample=48000,apad=whole_dur=%s,atrim=duration=%s[a]", input, total, total))
	} else {
		graph = append(graph, fmt.Sprintf("anullsrc=r=48000:cl=stereo,atrim=duration=%s[a]", total))
	}
	script := filepath.Join(work, "graph.txt")
	if err := os.WriteFile(script, []byte(strings.Join(graph, ";\n")), 0o644); err != nil {
		return nil, err
	}
	args = append(args, "-filter_complex_script", fileURL(script), "-map", "[v]", "-map", "[a]",
		"-frames:v", strconv.FormatInt(pl.frames, 10), "-r", rate,
		"-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
		"-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart")
	return args, nil
}

// ffEscape escapes a filter option value for both levels of ffmpeg's filter
// graph syntax (option values, then the graph).
func ffEscape(s string) string {
	r1 := strings.NewReplacer(`\`, `\\`, `'`, `\'`, `:`, `\:`)
	r2 := strings.NewReplacer(`\`, `\\`, `'`, `\'`, `[`, `\[`, `]`, `\]`, `,`, `\,`, `;`, `\;`)
	return r2.Replace(r1.Replace(s))
}

// wrapRunes breaks s into lines of at most n runes at spaces.
func wrapRunes(s string, n int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > n {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// tailBuffer keeps the last few kilobytes written to it (ffmpeg's errors).
type tailBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > 8192 {
		t.b = t.b[len(t.b)-8192:]
	}
	return len(p), nil
}

func (t *tailBuffer) lastLine() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(string(t.b)), "\n")
	if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
		return l
	}
	return "no message"
}
