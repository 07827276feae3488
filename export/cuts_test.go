package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reelboard/reelboard/storyboard"
)

// parseTimecode is the inverse of timecode.
func parseTimecode(s string, r storyboard.Rate) (int64, error) {
	var h, m, sec, f int64
	if _, err := fmt.Sscanf(strings.NewReplacer(";", ":").Replace(s), "%d:%d:%d:%d", &h, &m, &sec, &f); err != nil {
		return 0, fmt.Errorf("timecode %q: %w", s, err)
	}
	tb := r.Timebase()
	n := ((h*60+m)*60+sec)*tb + f
	if strings.Contains(s, ";") {
		d := tb / 15
		mins := h*60 + m
		n -= d * (mins - mins/10)
	}
	return n, nil
}

// cutsFrom returns the cut frames (each card's start, then the reel's end)
// read back from an export.
func cutsFrom(t *testing.T, format string, b []byte, r storyboard.Rate) []int64 {
	t.Helper()
	var cuts []int64
	fromDurations := func(durs []int64) []int64 {
		c := []int64{0}
		for _, d := range durs {
			c = append(c, c[len(c)-1]+d)
		}
		return c
	}
	tcs := func(ss ...string) []int64 {
		var out []int64
		for _, s := range ss {
			n, err := parseTimecode(s, r)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, n)
		}
		return out
	}
	switch format {
	case "otio":
		var tl struct {
			Tracks struct {
				Children []struct {
					Kind     string `json:"kind"`
					Children []struct {
						SourceRange struct {
							Duration struct{ Rate, Value float64 } `json:"duration"`
						} `json:"source_range"`
					} `json:"children"`
				} `json:"children"`
			} `json:"tracks"`
		}
		if err := json.Unmarshal(b, &tl); err != nil {
			t.Fatal(err)
		}
		var durs []int64
		for _, c := range tl.Tracks.Children[0].Children {
			if c.SourceRange.Duration.Rate != r.FPS() {
				t.Errorf("otio clip rate = %v; want %v", c.SourceRange.Duration.Rate, r.FPS())
			}
			durs = append(durs, int64(c.SourceRange.Duration.Value))
		}
		return fromDurations(durs)
	case "edl":
		ev := regexp.MustCompile(`(?m)^\d{3}  \S+ +V +C +(\S+) (\S+) (\S+) (\S+)$`)
		for _, m := range ev.FindAllStringSubmatch(string(b), -1) {
			rec := tcs(m[3], m[4])
			if len(cuts) > 0 && cuts[len(cuts)-1] != rec[0] {
				t.Errorf("edl event starts at %d; previous ended at %d", rec[0], cuts[len(cuts)-1])
			}
			if len(cuts) == 0 {
				cuts = append(cuts, rec[0])
			}
			cuts = append(cuts, rec[1])
		}
		return cuts
	case "fcp7":
		var x struct {
			Clips []struct {
				Start int64 `xml:"start"`
				End   int64 `xml:"end"`
			} `xml:"sequence>media>video>track>clipitem"`
		}
		if err := xml.Unmarshal(b, &x); err != nil {
			t.Fatal(err)
		}
		for i, c := range x.Clips {
			if i == 0 {
				cuts = append(cuts, c.Start)
			}
			cuts = append(cuts, c.End)
		}
		return cuts
	case "fcpxml":
		var x struct {
			Spine struct {
				Items []struct {
					Offset   string `xml:"offset,attr"`
					Duration string `xml:"duration,attr"`
				} `xml:",any"`
			} `xml:"library>event>project>sequence>spine"`
		}
		if err := xml.Unmarshal(b, &x); err != nil {
			t.Fatal(err)
		}
		frames := func(s string) int64 {
			s = strings.TrimSuffix(s, "s")
			num, den := s, "1"
			if i := strings.IndexByte(s, '/'); i >= 0 {
				num, den = s[:i], s[i+1:]
			}
			n, _ := strconv.ParseInt(num, 10, 64)
			d, _ := strconv.ParseInt(den, 10, 64)
			if (n*r.Num)%(d*r.Den) != 0 {
				t.Errorf("fcpxml time %q is not on a frame boundary at %s fps", s, r)
			}
			return n * r.Num / (d * r.Den)
		}
		for i, it := range x.Spine.Items {
			if i == 0 {
				cuts = append(cuts, frames(it.Offset))
			}
			cuts = append(cuts, frames(it.Offset)+frames(it.Duration))
		}
		return cuts
	case "mlt":
		var x struct {
			Playlists []struct {
				ID      string `xml:"id,attr"`
				Entries []struct {
					In  int64 `xml:"in,attr"`
					Out int64 `xml:"out,attr"`
				} `xml:"entry"`
			} `xml:"playlist"`
		}
		if err := xml.Unmarshal(b, &x); err != nil {
			t.Fatal(err)
		}
		var durs []int64
		for _, pl := range x.Playlists {
			if pl.ID == "video" {
				for _, e := range pl.Entries {
					durs = append(durs, e.Out-e.In+1)
				}
			}
		}
		return fromDurations(durs)
	case "csv":
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[1:] {
			se := tcs(row[4], row[5])
			if len(cuts) == 0 {
				cuts = append(cuts, se[0])
			}
			cuts = append(cuts, se[0]+se[1])
		}
		return cuts
	case "md":
		for _, line := range strings.Split(string(b), "\n") {
			cells := strings.Split(line, " | ")
			if len(cells) < 6 || !regexp.MustCompile(`^\| \d+$`).MatchString(cells[0]) {
				continue
			}
			se := tcs(cells[4], cells[5])
			if len(cuts) == 0 {
				cuts = append(cuts, se[0])
			}
			cuts = append(cuts, se[0]+se[1])
		}
		return cuts
	}
	t.Fatalf("no cut parser for %s", format)
	return nil
}

// TestCutsAgree exports the fixture in every edit and list format at every
// supported rate and checks that each export, parsed back, has the same
// cards and the same cuts to the frame as the model.
func TestCutsAgree(t *testing.T) {
	dir := mediaDir(t)
	out := t.TempDir()
	for _, r := range testRates {
		for _, drop := range []bool{false, true} {
			p := fixture(r, dir)
			var want []int64
			for i := range p.Cards {
				want = append(want, r.Frames(p.Start(i)))
			}
			want = append(want, r.Frames(p.Length()))
			for _, f := range []string{"otio", "edl", "fcp7", "fcpxml", "mlt", "csv", "md"} {
				name := fmt.Sprintf("%s-%s-df%v", f, rateName(r), drop)
				path := filepath.Join(out, name)
				if err := Write(p, f, path, Options{NonDropFrame: !drop}); err != nil {
					t.Fatalf("Write(%s) = %v", name, err)
				}
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if got := cutsFrom(t, f, b, r); !slices.Equal(got, want) {
					t.Errorf("cuts(%s) = %v; want %v", name, got, want)
				}
			}
		}
	}
}

func TestTimecode(t *testing.T) {
	tests := []struct {
		n    int64
		r    storyboard.Rate
		drop bool
		want string
	}{
		{0, storyboard.Rate25, false, "00:00:00:00"},
		{90000, storyboard.Rate25, false, "01:00:00:00"},
		{1799, storyboard.Rate2997, true, "00:00:59;29"},
		{1800, storyboard.Rate2997, true, "00:01:00;02"},
		{17982, storyboard.Rate2997, true, "00:10:00;00"},
		{107892, storyboard.Rate2997, true, "01:00:00;00"},
		{1800, storyboard.Rate2997, false, "00:01:00:00"},
		{3600, storyboard.Rate5994, true, "00:01:00;04"},
		{215784, storyboard.Rate5994, true, "01:00:00;00"},
		{1440, storyboard.Rate23976, true, "00:01:00:00"},
	}
	for _, tt := range tests {
		if got := timecode(tt.n, tt.r, tt.drop); got != tt.want {
			t.Errorf("timecode(%d, %s, %v) = %s; want %s", tt.n, tt.r, tt.drop, got, tt.want)
		}
	}
	// Round trip over the first 11 minutes at both drop-frame rates.
	for _, r := range []storyboard.Rate{storyboard.Rate2997, storyboard.Rate5994} {
		for n := int64(0); n < r.Timebase()*660; n++ {
			s := timecode(n, r, true)
			if back, err := parseTimecode(s, r); err != nil || back != n {
				t.Fatalf("parseTimecode(timecode(%d, %s)) = %d (%s), %v", n, r, back, s, err)
			}
		}
	}
}
