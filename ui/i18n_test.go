package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/assets"
	"github.com/reelboard/reelboard/storyboard"
)

func TestTranslations(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Cleanup(func() { setupTranslations("en") })
	tests := []struct {
		lang string
		got  func() string
		want string
	}{
		{"it", func() string { return kindName(storyboard.ShotHands) }, "Primo piano delle mani"},
		{"it", func() string { return actName(storyboard.Fulfilment) }, "Compimento"},
		{"ru", func() string { return kindName(storyboard.ShotHands) }, "Руки крупным планом"},
		{"ru", func() string { return lang.L("Save") }, "Сохранить"},
		{"ru", func() string {
			return findingText(finding{Code: storyboard.CodeShotTooShort, Message: "English",
				Args: map[string]any{"Card": 3, "Title": "Съёмка", "Length": storyboard.Second / 4, "Min": storyboard.Second / 2}})
		}, "Карточка 3 «Съёмка» длится 0:00.250, меньше 0:00.500: она промелькнёт; удлините её или объедините с соседней."},
		{"en", func() string { return kindName(storyboard.ShotHands) }, "Hands close-up"},
		{"en", func() string { return findingText(finding{Code: "unknown-code", Message: "As is."}) }, "As is."},
	}
	for _, tt := range tests {
		setupTranslations(tt.lang)
		if got := tt.got(); got != tt.want {
			t.Errorf("in %s: got %q; want %q", tt.lang, got, tt.want)
		}
	}
}

// TestTranslationFilesComplete checks that Italian and Russian translate
// every English string and that every template parses.
func TestTranslationFilesComplete(t *testing.T) {
	read := func(name string) map[string]string {
		data, err := assets.Translations.ReadFile("translations/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", name, err)
		}
		return m
	}
	en := read("en")
	for _, l := range []string{"it", "ru"} {
		m := read(l)
		for k := range en {
			if m[k] == "" {
				t.Errorf("%s.json lacks %q", l, k)
			}
		}
		for k, v := range m {
			if _, err := template.New(k).Parse(v); err != nil {
				t.Errorf("%s.json %q: %v", l, k, err)
			}
		}
		for _, k := range storyboard.ShotKinds {
			if m["kind."+string(k.Kind)] == "" || m["kind."+string(k.Kind)+".desc"] == "" {
				t.Errorf("%s.json lacks shot kind %s", l, k.Kind)
			}
		}
	}
}

func TestLanguageSwitchKeepsEditing(t *testing.T) {
	t.Cleanup(func() { setupTranslations("en") })
	m := newTestWindow(t)
	m.report(m.ed.DuplicateSelected())
	n := len(m.ed.Project.Cards)
	setupTranslations("it")
	m.rebuild()
	if got := m.palette[0].button.Text; got != "Arrivo sul set" {
		t.Errorf("palette after switching to Italian = %q; want %q", got, "Arrivo sul set")
	}
	if got := m.menu.Items[0].Items[0].Label; got != "Nuovo…" {
		t.Errorf("first File item = %q; want %q", got, "Nuovo…")
	}
	if !m.ed.Undo() || len(m.ed.Project.Cards) != n-1 {
		t.Errorf("undo after the switch: %d cards; want %d", len(m.ed.Project.Cards), n-1)
	}
	setupTranslations("")
	m.rebuild()
	if got := m.palette[0].button.Text; got == "Arrivo sul set" {
		t.Errorf("palette after going back to the system language is still Italian")
	}
}

func TestPacingSummaryPlurals(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Cleanup(func() { setupTranslations("en") })
	tests := []struct {
		lang               string
		errs, warns, hints int
		want               string
	}{
		{"en", 0, 1, 13, "Pacing: 0 errors, 1 warning, 13 hints"},
		{"en", 1, 2, 1, "Pacing: 1 error, 2 warnings, 1 hint"},
		{"it", 1, 0, 2, "Ritmo: 1 errore, 0 avvisi, 2 suggerimenti"},
		{"ru", 0, 1, 13, "Темп: 0 ошибок, 1 предупреждение, 13 подсказок"},
		{"ru", 2, 21, 5, "Темп: 2 ошибки, 21 предупреждение, 5 подсказок"},
		{"ru", 11, 3, 112, "Темп: 11 ошибок, 3 предупреждения, 112 подсказок"},
	}
	for _, tt := range tests {
		setupTranslations(tt.lang)
		if got := pacingSummary(tt.errs, tt.warns, tt.hints); got != tt.want {
			t.Errorf("in %s: pacingSummary(%d, %d, %d) = %q; want %q", tt.lang, tt.errs, tt.warns, tt.hints, got, tt.want)
		}
	}
}

// TestEveryUIStringIsInTheTranslations checks that each string the window
// translates (lang.L literals and the command table's labels and help) is
// a key of en.json, so that Italian and Russian, checked complete against
// en.json, translate it too.
func TestEveryUIStringIsInTheTranslations(t *testing.T) {
	data, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]string
	if err := json.Unmarshal(data, &en); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	literal := regexp.MustCompile(`(?:lang\.L\(|label: |help: )("(?:[^"\\]|\\.)*")`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllSubmatch(src, -1) {
			key, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatalf("%s: %s: %v", f, m[1], err)
			}
			if _, ok := en[key]; !ok {
				t.Errorf("%s: %q is not in en.json", f, key)
			}
		}
	}
}

func TestLanguageSwitchTranslatesTheSoundtrackStatus(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_MESSAGES", "")
	t.Cleanup(func() { setupTranslations("en") })
	withCache(t)
	m := newTestWindow(t)
	m.music.Choose(demoSong(t))
	en := m.sound.status.Text
	setupTranslations("it")
	m.rebuild()
	if got := m.sound.status.Text; got == en || !strings.Contains(got, "battiti") {
		t.Errorf("soundtrack status after switching to Italian = %q; want it in Italian (English was %q)", got, en)
	}
}
