package storyboard

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

var testNow = time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)

// testProject returns a backstage project with every kind of field set,
// its file paths under dir.
func testProject(t testing.TB, dir string) *Project {
	t.Helper()
	p, err := NewProject(FormatBackstage, "instagram-reels", testNow)
	if err != nil {
		t.Fatal(err)
	}
	p.Author = "Ada & Co <studio>"
	p.StyleNotes = "Soft light, hands close."
	p.Soundtrack = &Soundtrack{
		Path:   filepath.Join(dir, "music", "song.wav"),
		Offset: 2 * Second,
		Length: 20 * Second,
		Analysis: &Analysis{
			Hash: "abc", Format: "wav", Duration: 60 * Second, SampleRate: 48000, Channels: 2,
			TempoBPM: 120, Beats: []Time{Second / 2, Second, 3 * Second / 2}, Downbeats: []Time{Second / 2},
		},
		PhaseNudge: -Millisecond,
	}
	p.Cards[0].Image = filepath.Join(dir, "refs", "walk in.jpg")
	p.Cards[1].Media = &MediaLink{Path: filepath.Join(filepath.Dir(dir), "clips", "a.mov"), In: 3 * Second}
	p.Cards[2].Notes = "line one\nline two"
	p.Cards[2].Color = "blue"
	p.Cards[3].Captured = true
	p.Cards[4].OnScreenText = "ÉQUIPE — команда"
	return p
}

func TestFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	p := testProject(t, dir)
	path := filepath.Join(dir, "My reel.reel")
	if err := Save(p, path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"version": 2`, `"path": "music/song.wav"`, `"image": "refs/walk in.jpg"`, `"path": "../clips/a.mov"`, `"act": "work"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("saved file lacks %s:\n%s", want, data)
		}
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"version\": 2,")) {
		t.Errorf("saved file does not start with the version:\n%.80s", data)
	}
	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("Load(Save(p)) differs from p:\n got %+v\nwant %+v", q, p)
	}
	if _, err := os.Stat(path + ".bak"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("first Save left a backup: %v", err)
	}
	// A second save keeps the first as the backup.
	p.Title = "Second"
	if err := Save(p, path); err != nil {
		t.Fatal(err)
	}
	bak, err := os.ReadFile(path + ".bak")
	if err != nil || !bytes.Equal(bak, data) {
		t.Errorf("backup = %.40q, %v; want the previous file", bak, err)
	}
	assertNoTemp(t, dir)
}

func TestSaveThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.reel")
	link := filepath.Join(dir, "link.reel")
	p := testProject(t, dir)
	if err := Save(p, target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	p.Title = "Through the link"
	if err := Save(p, link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Save(link) replaced the link: %v", err)
	}
	if q, err := Load(target); err != nil || q.Title != "Through the link" {
		t.Errorf("Load(target) after Save(link) = %v; want the new title", err)
	}
	if _, err := os.Stat(target + ".bak"); err != nil {
		t.Errorf("no backup beside the target: %v", err)
	}
}

func TestDecodeResolvesPaths(t *testing.T) {
	// Paths resolve against the file's folder even when it is opened by a
	// relative path.
	p, err := Decode([]byte(strings.Replace(minimalFile, `"cards": []`, `"soundtrack": {"path": "a/b.mp3"}, "cards": []`, 1)), "/x/y")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Soundtrack.Path, filepath.FromSlash("/x/y/a/b.mp3"); got != want {
		t.Errorf("Decode: soundtrack path = %q; want %q", got, want)
	}
}

const minimalFile = `{
  "version": 1,
  "id": "0b6a1c3e-2f1d-4c59-9a4e-0d6d2f3a5b71",
  "title": "T",
  "format": "backstage",
  "platform": "tiktok",
  "rate": {"num": 30, "den": 1},
  "aspect": {"w": 9, "h": 16},
  "cards": []
}`

// withCard returns minimalFile with the given cards JSON.
func withCards(cards string) string {
	return strings.Replace(minimalFile, `"cards": []`, `"cards": [`+cards+`]`, 1)
}

const (
	id1 = "11111111-1111-4111-8111-111111111111"
	id2 = "22222222-2222-4222-8222-222222222222"
)

func card(id, act, kind string, dur int64) string {
	b, _ := json.Marshal(map[string]any{"id": id, "title": "Shot", "act": act, "kind": kind, "duration": dur})
	return string(b)
}

func TestLoadRefusals(t *testing.T) {
	sec := int64(Second)
	tests := []struct {
		name    string
		data    string
		wantErr error
		want    string // part of the message
	}{
		{"empty", "", ErrEmpty, "the file is empty"},
		{"blank", " \n\t", ErrEmpty, "the file is empty"},
		{"syntax", "{\n  \"version\": 1,\n  \"title\": }", ErrSyntax, "the file is not valid JSON: line 3, column 12"},
		{"truncated", "{\"version\": 1", ErrSyntax, "not valid JSON"},
		{"array", "[1,2]", ErrInvalid, "the file holds an array, not a Reelboard project"},
		{"null", "null", ErrInvalid, "holds null"},
		{"no version", `{"title": "x"}`, ErrInvalid, `there is no "version" field`},
		{"version string", `{"version": "1"}`, ErrInvalid, `the "version" field is "1", want a whole number`},
		{"version zero", `{"version": 0}`, ErrInvalid, "version 0 does not exist"},
		{"newer", `{"version": 3, "whatever": [}`, ErrSyntax, "line 1"},
		{"newer valid", `{"version": 3, "cards": "new shape"}`, ErrNewerVersion, "made by a newer Reelboard: version 3; this one reads up to 2; update Reelboard"},
		{"wrong type", strings.Replace(minimalFile, `"title": "T"`, `"title": 5`, 1), ErrInvalid, `field "title" is a number, want a string (line 4, column`},
		{"wrong card type", withCards(`{"id": "` + id1 + `", "act": "work", "kind": "hands", "duration": "2s"}`), ErrInvalid, `field "cards.duration" is a string, want a whole number`},
		{"unknown act", withCards(card(id1, "middle", "hands", sec)), ErrInvalid, `card 1 "Shot" has an unknown act "middle"`},
		{"unknown kind", withCards(card(id1, "work", "zoom", sec)), ErrInvalid, `card 1 "Shot" has an unknown shot kind "zoom"`},
		{"negative duration", withCards(card(id1, "work", "hands", -sec)), ErrInvalid, `card 1 "Shot" lasts -0:01.000, shorter than one frame`},
		{"missing card id", withCards(card("", "work", "hands", sec)), ErrInvalid, `card 1 "Shot" has no id`},
		{"bad card id", withCards(card("xyz", "work", "hands", sec)), ErrInvalid, `has an invalid id "xyz"`},
		{"duplicate ids", withCards(card(id1, "work", "hands", sec) + "," + card(id1, "work", "hands", sec)), ErrInvalid, `card 2 "Shot" has the same id as card 1`},
		{"acts out of order", withCards(card(id1, "work", "hands", sec) + "," + card(id2, "arrival", "arrival", sec)), ErrInvalid, `card 2 "Shot" is in the arrival act but comes after a card of the work act`},
		{"missing project id", strings.Replace(minimalFile, `"id": "0b6a1c3e-2f1d-4c59-9a4e-0d6d2f3a5b71",`, ``, 1), ErrInvalid, "the project has no id"},
		{"unknown format", strings.Replace(minimalFile, `"backstage"`, `"wedding"`, 1), ErrInvalid, `the format "wedding" is unknown`},
		{"unknown platform", strings.Replace(minimalFile, `"tiktok"`, `"myspace"`, 1), ErrInvalid, `the platform "myspace" is unknown`},
		{"invalid rate", strings.Replace(minimalFile, `"num": 30, "den": 1`, `"num": 30, "den": 0`, 1), ErrInvalid, "the frame rate 30/0 is not supported"},
		{"odd rate", strings.Replace(minimalFile, `"num": 30, "den": 1`, `"num": 27, "den": 1`, 1), ErrInvalid, "the frame rate 27/1 is not supported"},
		{"bad aspect", strings.Replace(minimalFile, `"w": 9`, `"w": 0`, 1), ErrInvalid, "the aspect ratio 0:16 is invalid"},
		{"negative offset", strings.Replace(minimalFile, `"cards": []`, `"soundtrack": {"path": "a.mp3", "offset": -5}, "cards": []`, 1), ErrInvalid, "the soundtrack offset is negative"},
		{"bad date", strings.Replace(minimalFile, `"cards": []`, `"created": "yesterday", "cards": []`, 1), ErrInvalid, `the creation date "yesterday" is not a date`},
		{"beats out of order", strings.Replace(minimalFile, `"cards": []`, `"soundtrack": {"path": "a.mp3", "analysis": {"hash": "h", "duration": 10, "tempo_bpm": 120, "beats": [5, 3]}}, "cards": []`, 1), ErrInvalid, "analysed beat 2 at"},
		{"tempo override", strings.Replace(minimalFile, `"cards": []`, `"soundtrack": {"path": "a.mp3", "tempo_override": 5000}, "cards": []`, 1), ErrInvalid, "the tempo override 5000 BPM is out of range"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".reel")
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := Load(path)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Load(%s) = %v, %v; want error %v", tt.name, p, err, tt.wantErr)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "storyboard: load "+path+": ") || !strings.Contains(msg, tt.want) {
				t.Errorf("Load(%s) error = %q; want it to name the file and say %q", tt.name, msg, tt.want)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("Load(%s) error spans lines: %q", tt.name, msg)
			}
			if got, _ := os.ReadFile(path); string(got) != tt.data {
				t.Errorf("Load(%s) changed the refused file", tt.name)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.reel")
	_, err := Load(path)
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "storyboard: load "+path+": no such file or directory" {
		t.Errorf("Load(missing) = %v; want a not-exist error naming the file once", err)
	}
}

func TestUpgrade(t *testing.T) {
	table := map[int]func(map[string]any) error{
		1: func(o map[string]any) error { o["title"] = "renamed"; return nil },
		2: func(o map[string]any) error { o["big"] = o["n"]; return nil },
	}
	out, err := upgrade([]byte(`{"version": 1, "n": 12345678901234567}`), 1, 3, table)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	d := json.NewDecoder(bytes.NewReader(out))
	d.UseNumber()
	if err := d.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got["title"] != "renamed" || got["big"] != json.Number("12345678901234567") || got["version"] != json.Number("3") {
		t.Errorf("upgrade(v1 to v3) = %s; want title renamed, big copied exactly, version 3", out)
	}
	if _, err := upgrade([]byte(`{"version": 0}`), 0, 3, table); !errors.Is(err, ErrInvalid) {
		t.Errorf("upgrade without a migration = %v; want ErrInvalid", err)
	}
}

func TestSaveFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.reel")
	p := testProject(t, dir)
	if err := Save(p, path); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path)
	p.Title = "Changed"

	failWrite = errors.New("disk full")
	err := Save(p, path)
	failWrite = nil
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), path) {
		t.Errorf("Save with a failing write = %v; want an error naming the file and the cause", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
		t.Errorf("failed Save changed the old file")
	}
	assertNoTemp(t, dir)

	// The folder is gone: nothing to create the temporary file in.
	gone := filepath.Join(dir, "gone", "b.reel")
	if err := Save(p, gone); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Save into a missing folder = %v; want fs.ErrNotExist", err)
	}

	// The target is a folder: the rename fails, the temporary file goes.
	sub := filepath.Join(dir, "sub")
	os.MkdirAll(filepath.Join(sub, "x.reel", "inner"), 0o755)
	if err := Save(p, filepath.Join(sub, "x.reel")); err == nil {
		t.Errorf("Save over a folder succeeded")
	}
	assertNoTemp(t, sub)

	// An invalid project is not written.
	p.Cards[0].Kind = "zoom"
	if err := Save(p, path); !errors.Is(err, ErrInvalid) {
		t.Errorf("Save(invalid) = %v; want ErrInvalid", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
		t.Errorf("Save(invalid) changed the old file")
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}

func TestRecovery(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.reel")
	if got, want := RecoveryPath(path), filepath.Join(dir, ".r.reel.recovery"); got != want {
		t.Errorf("RecoveryPath(%q) = %q; want %q", path, got, want)
	}
	p := testProject(t, dir)
	if err := Save(p, path); err != nil {
		t.Fatal(err)
	}
	if rec, ok := FindRecovery(path); ok {
		t.Errorf("FindRecovery with none = %q, true; want false", rec)
	}
	p.Title = "Unsaved work"
	if err := SaveRecovery(p, path); err != nil {
		t.Fatal(err)
	}
	// Make the project file clearly older than the recovery file.
	old := time.Now().Add(-time.Hour)
	os.Chtimes(path, old, old)
	rec, ok := FindRecovery(path)
	if !ok || rec != RecoveryPath(path) {
		t.Fatalf("FindRecovery after autosave = %q, %v; want %q, true", rec, ok, RecoveryPath(path))
	}
	q, err := Load(rec)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("Load(recovery) differs from the autosaved project")
	}
	// Saving the project makes the recovery file stale.
	future := time.Now().Add(time.Hour)
	os.Chtimes(path, future, future)
	if _, ok := FindRecovery(path); ok {
		t.Errorf("FindRecovery with an older recovery file = true; want false")
	}
	if err := RemoveRecovery(path); err != nil {
		t.Fatal(err)
	}
	if err := RemoveRecovery(path); err != nil {
		t.Errorf("RemoveRecovery twice = %v; want nil", err)
	}
	if _, err := os.Stat(RecoveryPath(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("recovery file still there after RemoveRecovery")
	}
	// Recovery of a project never saved (its file is missing).
	never := filepath.Join(dir, "never.reel")
	if err := SaveRecovery(p, never); err != nil {
		t.Fatal(err)
	}
	if _, ok := FindRecovery(never); !ok {
		t.Errorf("FindRecovery(never saved) = false; want true")
	}
}

func FuzzLoad(f *testing.F) {
	dir := filepath.FromSlash("/proj/reels")
	p := testProject(f, dir)
	data, err := Encode(p, dir)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(minimalFile))
	f.Add([]byte(withCards(card(id1, "work", "hands", int64(Second)))))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data, dir)
		if err != nil {
			if p != nil {
				t.Fatalf("Decode returned a project with error %v", err)
			}
			var pe *ProjectError
			if !errors.As(err, &pe) || pe.Op != "decode" || ErrorCode(err) == CodeIO {
				t.Fatalf("Decode error %#v is not a decode *ProjectError with a code", err)
			}
			for _, e := range []error{ErrEmpty, ErrSyntax, ErrNewerVersion, ErrInvalid} {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("Decode error %v wraps none of the package's errors", err)
		}
		out, err := Encode(p, dir)
		if err != nil {
			t.Fatalf("Encode(Decode(data)) = %v", err)
		}
		q, err := Decode(out, dir)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(data))) = %v\n%s", err, out)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip differs:\n got %+v\nwant %+v", q, p)
		}
	})
}

var _ = uuid.Nil
