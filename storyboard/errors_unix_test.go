//go:build unix

package storyboard

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLoadErrorFields(t *testing.T) {
	sec := int64(Second)
	hour := 3600 * sec
	analysis := func(extra string) string {
		return strings.Replace(minimalFile, `"cards": []`, `"soundtrack": {"path": "a.mp3", "analysis": {"hash": "h", "duration": 10, "tempo_bpm": 120`+extra+`}}, "cards": []`, 1)
	}
	tests := []struct {
		name      string
		data      string
		sentinel  error
		code      string
		line      int
		card      int
		field     string
		detailHas string
	}{
		{"empty", "", ErrEmpty, CodeEmpty, 0, 0, "", ""},
		{"syntax", "{\n  \"version\": 1,\n  \"title\": }", ErrSyntax, CodeSyntax, 3, 0, "", "line 3, column 12"},
		{"newer", `{"version": 7}`, ErrNewerVersion, CodeNewerVersion, 0, 0, "version", "version 7"},
		{"wrong type", strings.Replace(minimalFile, `"title": "T"`, `"title": 5`, 1), ErrInvalid, CodeInvalid, 4, 0, "title", `field "title" is a number`},
		{"card kind", withCards(card(id1, "work", "hands", sec) + "," + card(id2, "work", "zoom", sec)), ErrInvalid, CodeInvalid, 0, 2, "cards.kind", `card 2 "Shot" has an unknown shot kind "zoom"`},
		{"card act", withCards(card(id1, "middle", "hands", sec)), ErrInvalid, CodeInvalid, 0, 1, "cards.act", `unknown act "middle"`},
		{"huge duration", withCards(card(id1, "work", "hands", math.MaxInt64)), ErrInvalid, CodeInvalid, 0, 1, "cards.duration", `card 1 "Shot" lasts 3631020:06:27.833, longer than 12 hours`},
		{"24-hour reel", withCards(card(id1, "work", "hands", 12*hour) + "," + card(id2, "work", "hands", 12*hour)), ErrInvalid, CodeInvalid, 0, 2, "cards.duration", `the cards up to card 2 "Shot" last more than 12 hours`},
		{"media in-point", withCards(strings.Replace(card(id1, "work", "hands", 10*sec), `"id"`, `"media": {"path": "a.mov", "in": `+strconv.FormatInt(12*hour, 10)+`}, "id"`, 1)), ErrInvalid, CodeInvalid, 0, 1, "cards.media.in", "media in-point of 12:00:00.000"},
		{"sample rate", analysis(`, "sample_rate": 4611686018427387904`), ErrInvalid, CodeInvalid, 0, 0, "soundtrack.analysis.sample_rate", "the analysed sample rate 4611686018427387904 Hz is out of range (0 to 768000)"},
		{"channels", analysis(`, "channels": 1000000000`), ErrInvalid, CodeInvalid, 0, 0, "soundtrack.analysis.channels", "the analysed channel count 1000000000 is out of range (0 to 255)"},
		{"meter", analysis(`, "meter": 1000000000`), ErrInvalid, CodeInvalid, 0, 0, "soundtrack.analysis.meter", "the analysed meter 1000000000 is out of range"},
		{"section", analysis(`, "sections": [{"start": 0, "end": 9223372036854775807, "label": "A"}]`), ErrInvalid, CodeInvalid, 0, 0, "soundtrack.analysis.sections", "analysed section 1 (0:00.000 to 3631020:06:27.833) is outside ±12 hours"},
		{"phrase", analysis(`, "phrases": [-9223372036854775808]`), ErrInvalid, CodeInvalid, 0, 0, "soundtrack.analysis.phrases", "analysed phrase 1 at -3631020:06:27.833"},
		{"offset", strings.Replace(minimalFile, `"cards": []`, `"soundtrack": {"path": "a.mp3", "offset": 9223372036854775807}, "cards": []`, 1), ErrInvalid, CodeInvalid, 0, 0, "soundtrack.offset", "the soundtrack offset is over 12 hours (3631020:06:27.833)"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".reel")
		os.WriteFile(path, []byte(tt.data), 0o644)
		_, err := Load(path)
		var e *ProjectError
		if !errors.As(err, &e) || !errors.Is(err, tt.sentinel) {
			t.Errorf("Load(%s) = %v; want a *ProjectError of %v", tt.name, err, tt.sentinel)
			continue
		}
		if e.Op != "load" || e.Path != path || e.Code() != tt.code || e.Line != tt.line || e.Card != tt.card || e.Field != tt.field || !strings.Contains(e.Detail, tt.detailHas) {
			t.Errorf("Load(%s) = %+v (code %s); want op load, path %s, code %s, line %d, card %d, field %q, detail with %q",
				tt.name, *e, e.Code(), path, tt.code, tt.line, tt.card, tt.field, tt.detailHas)
		}
		if ErrorCode(err) != tt.code {
			t.Errorf("ErrorCode(Load(%s)) = %s; want %s", tt.name, ErrorCode(err), tt.code)
		}
		if strings.Count(err.Error(), path) != 1 {
			t.Errorf("Load(%s) error %q; want it to name the file once", tt.name, err)
		}
	}
}

func TestValidateError(t *testing.T) {
	p := testProject(t, t.TempDir())
	p.Cards[3].Kind = "zoom"
	err := p.Validate()
	var e *ProjectError
	if !errors.As(err, &e) || e.Op != "validate" || e.Card != 4 || e.Field != "cards.kind" || e.Title != p.Cards[3].Title || e.Path != "" {
		t.Fatalf("Validate(unknown kind on card 4) = %#v; want a ProjectError of card 4, field cards.kind", err)
	}
	if want := `card 4 "` + p.Cards[3].Title + `"`; e.Where() != want {
		t.Errorf("Where() = %q; want %q", e.Where(), want)
	}
	if !strings.HasPrefix(err.Error(), "invalid project: card 4") {
		t.Errorf("Validate error = %q; want it to start with the sentinel and the card", err)
	}
	// Save keeps the fields and names the file.
	path := filepath.Join(t.TempDir(), "x.reel")
	err = Save(p, path)
	if !errors.As(err, &e) || e.Op != "save" || e.Path != path || e.Card != 4 || !errors.Is(err, ErrInvalid) {
		t.Errorf("Save(invalid) = %#v; want a ProjectError of save, %s, card 4", err, path)
	}
}

func TestLoadOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.reel")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.reel")
	f, _ := os.Create(big)
	f.Truncate(MaxFileSize + 1) // sparse: nothing is read
	f.Close()
	link := filepath.Join(dir, "zero.reel")
	os.Symlink("/dev/zero", link)
	tests := []struct {
		path     string
		sentinel error
		code     string
		detail   string
	}{
		{"/dev/zero", ErrNotRegular, CodeNotRegular, "it is a device"},
		{link, ErrNotRegular, CodeNotRegular, "it is a device"},
		{fifo, ErrNotRegular, CodeNotRegular, "named pipe"},
		{dir, ErrNotRegular, CodeNotRegular, "folder"},
		{big, ErrTooLarge, CodeTooLarge, "the limit is 64 MiB"},
		{filepath.Join(dir, "none.reel"), fs.ErrNotExist, CodeNotFound, ""},
	}
	for _, tt := range tests {
		done := make(chan error, 1)
		go func() { _, err := Load(tt.path); done <- err }()
		select {
		case err := <-done:
			var e *ProjectError
			if !errors.Is(err, tt.sentinel) || !errors.As(err, &e) || e.Code() != tt.code || !strings.Contains(e.Detail, tt.detail) {
				t.Errorf("Load(%s) = %v; want %v (code %s, detail with %q)", tt.path, err, tt.sentinel, tt.code, tt.detail)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Load(%s) hangs", tt.path)
		}
	}
}
