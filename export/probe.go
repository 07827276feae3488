package export

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/reelboard/reelboard/storyboard"
)

// Media facts: what ffprobe reads from a linked clip or the soundtrack, so
// the exports describe the real file (its length, frame rate, size, start
// timecode and audio) instead of guessing from the cards.

// mediaFacts are the facts of one media file. When err is not empty the
// facts could not be read and every other field is zero.
type mediaFacts struct {
	err string // why the facts could not be read, one phrase

	video         bool
	rate          storyboard.Rate // the video's frame rate
	frames        int64           // the video's length in its own frames
	width, height int
	tc            string // embedded start timecode as written, "" when none
	tcFrames      int64  // that timecode as a frame count at rate
	tcDrop        bool   // the timecode is drop-frame

	dur        storyboard.Time // the file's length
	audio      bool
	chans      int
	sampleRate int
	audioCodec string // ffprobe's codec name, such as "vorbis"
}

// read reports whether the facts were read.
func (f *mediaFacts) read() bool { return f != nil && f.err == "" }

type probeKey struct {
	path  string
	size  int64
	mtime int64
}

var probeCache = struct {
	sync.Mutex
	m map[probeKey]*mediaFacts
}{m: map[probeKey]*mediaFacts{}}

// probeTimeout bounds one ffprobe run.
const probeTimeout = 30 * time.Second

// ffprobePath is the ffprobe the exports run; tests may point it elsewhere.
var ffprobePath = "ffprobe"

// probe returns the facts of the media file at path, from the cache when
// the file's size and modification time are unchanged. It never fails: the
// facts say why they could not be read.
func probe(path string) *mediaFacts {
	st, err := os.Stat(path)
	if err != nil {
		return &mediaFacts{err: "the file cannot be read"}
	}
	key := probeKey{path, st.Size(), st.ModTime().UnixNano()}
	probeCache.Lock()
	f, ok := probeCache.m[key]
	probeCache.Unlock()
	if ok {
		return f
	}
	f = runProbe(path)
	probeCache.Lock()
	probeCache.m[key] = f
	probeCache.Unlock()
	return f
}

// ffprobe's JSON, the fields we read.
type probeJSON struct {
	Streams []struct {
		CodecType  string            `json:"codec_type"`
		CodecName  string            `json:"codec_name"`
		Width      int               `json:"width"`
		Height     int               `json:"height"`
		RFrameRate string            `json:"r_frame_rate"`
		Duration   string            `json:"duration"`
		NbFrames   string            `json:"nb_frames"`
		SampleRate string            `json:"sample_rate"`
		Channels   int               `json:"channels"`
		Tags       map[string]string `json:"tags"`
		Disp       map[string]int    `json:"disposition"`
	} `json:"streams"`
	Format struct {
		Duration string            `json:"duration"`
		Tags     map[string]string `json:"tags"`
	} `json:"format"`
}

func runProbe(path string) *mediaFacts {
	exe, err := exec.LookPath(ffprobePath)
	if err != nil {
		return &mediaFacts{err: "ffprobe is not installed"}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return &mediaFacts{err: "the file cannot be read"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	// "file:" makes a name that starts with "-" or holds ":" a file name.
	cmd := exec.CommandContext(ctx, exe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", "file:"+abs)
	out, err := cmd.Output()
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return &mediaFacts{err: "ffprobe took too long"}
		}
		return &mediaFacts{err: "ffprobe cannot read it"}
	}
	return parseProbe(out)
}

// parseProbe reads ffprobe's JSON output.
func parseProbe(out []byte) *mediaFacts {
	var pj probeJSON
	if err := json.Unmarshal(out, &pj); err != nil {
		return &mediaFacts{err: "ffprobe's answer is unreadable"}
	}
	f := &mediaFacts{}
	f.dur = parseSeconds(pj.Format.Duration)
	tc := pj.Format.Tags["timecode"]
	for _, s := range pj.Streams {
		if t := s.Tags["timecode"]; t != "" && tc == "" {
			tc = t
		}
		switch s.CodecType {
		case "video":
			if f.video || s.Disp["attached_pic"] == 1 {
				continue
			}
			r, ok := parseRate(s.RFrameRate)
			if !ok {
				continue
			}
			f.video, f.rate, f.width, f.height = true, r, s.Width, s.Height
			d := parseSeconds(s.Duration)
			if d <= 0 {
				d = f.dur
			}
			if n, err := strconv.ParseInt(s.NbFrames, 10, 64); err == nil && n > 0 {
				f.frames = n
			} else {
				f.frames = r.Frames(d)
			}
		case "audio":
			if f.audio {
				continue
			}
			f.audio = true
			f.chans = s.Channels
			f.sampleRate, _ = strconv.Atoi(s.SampleRate)
			f.audioCodec = s.CodecName
			if f.dur <= 0 {
				f.dur = parseSeconds(s.Duration)
			}
		}
	}
	if !f.video && !f.audio {
		return &mediaFacts{err: "ffprobe finds no picture or sound in it"}
	}
	if f.video && tc != "" {
		if n, drop, ok := parseTC(tc, f.rate); ok {
			f.tc, f.tcFrames, f.tcDrop = tc, n, drop
		}
	}
	return f
}

func parseSeconds(s string) storyboard.Time {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 24*3600 {
		return 0
	}
	return storyboard.Seconds(v)
}

// parseRate reads "30000/1001" as a frame rate, the named rate when it is
// one of storyboard.Rates.
func parseRate(s string) (storyboard.Rate, bool) {
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		den = "1"
	}
	n, err1 := strconv.ParseInt(num, 10, 64)
	d, err2 := strconv.ParseInt(den, 10, 64)
	if err1 != nil || err2 != nil || n <= 0 || d <= 0 || n/d > 1000 {
		return storyboard.Rate{}, false
	}
	g := gcd(n, d)
	return storyboard.Rate{Num: n / g, Den: d / g}, true
}

// parseTC reads SMPTE timecode HH:MM:SS:FF (or HH:MM:SS;FF, drop-frame) as
// a frame count at rate r.
func parseTC(s string, r storyboard.Rate) (n int64, drop bool, ok bool) {
	var h, m, sec, ff int64
	drop = strings.ContainsAny(s, ";,.")
	norm := strings.NewReplacer(";", ":", ",", ":", ".", ":").Replace(s)
	if c, err := fmt.Sscanf(norm, "%d:%d:%d:%d", &h, &m, &sec, &ff); err != nil || c != 4 {
		return 0, false, false
	}
	tb := r.Timebase()
	if h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59 || ff < 0 || ff >= tb {
		return 0, false, false
	}
	drop = drop && r.NTSC() && tb%30 == 0
	return labelFrames(h, m, sec, ff, tb, drop), drop, true
}

// labelFrames is the frame count of timecode h:m:s:f at timebase tb,
// drop-frame when drop is set (a dropped label counts as the next frame).
func labelFrames(h, m, s, f, tb int64, drop bool) int64 {
	n := ((h*60+m)*60+s)*tb + f
	if drop {
		d := tb / 15
		mins := h*60 + m
		if m%10 != 0 && s == 0 && f < d {
			n += d - f
		}
		n -= d * (mins - mins/10)
	}
	return n
}
