package ui

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/reelboard/reelboard/assets"
	"github.com/reelboard/reelboard/storyboard"
)

// TestDemoSpeaksTheUsersLanguage: the installed demo, as installed, opens
// with its texts in the language in use, and reads as saved; once the user
// has saved it, it opens as saved.
func TestDemoSpeaksTheUsersLanguage(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	demo := filepath.Join(cfg, "reelboard", "demo", "demo.reel")
	data, err := fs.ReadFile(assets.Demo, assets.DemoProjectFile)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(demo), 0o755)
	if err := os.WriteFile(demo, data, 0o644); err != nil {
		t.Fatal(err)
	}
	m := newTestWindow(t)
	defer setupTranslations("en")
	for l, first := range map[string]string{"it": "Le porte del furgone si aprono all'alba", "ru": "Двери фургона открываются на рассвете", "en": "Van doors open at dawn"} {
		setupTranslations(l)
		if err := m.load(demo); err != nil {
			t.Fatal(err)
		}
		if got := m.ed.Project.Cards[0].Title; got != first {
			t.Errorf("%s: the demo's first card is %q; want %q", l, got, first)
		}
		if m.ed.Dirty() {
			t.Errorf("%s: the translated demo reads as unsaved", l)
		}
	}
	// A demo the user changed and saved is theirs: opened as it is.
	setupTranslations("it")
	p := m.ed.Project.Clone()
	p.Cards[0].Title = "My own first shot"
	p.Cards[1].Title = "Walking onto the set" // as the English demo has it
	if err := storyboard.Save(p, demo); err != nil {
		t.Fatal(err)
	}
	if err := m.load(demo); err != nil {
		t.Fatal(err)
	}
	if got := m.ed.Project.Cards[1].Title; got != "Walking onto the set" {
		t.Errorf("a saved demo opens translated: card 2 is %q", got)
	}
}

// TestDemoTextsTranslated: every text of the demo project has its Italian
// and Russian translation.
func TestDemoTextsTranslated(t *testing.T) {
	data, err := fs.ReadFile(assets.Demo, assets.DemoProjectFile)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Title      string `json:"title"`
		StyleNotes string `json:"style_notes"`
		Cards      []struct {
			Title, Notes string
			OnScreen     string `json:"on_screen_text"`
		} `json:"cards"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	texts := []string{d.Title, d.StyleNotes}
	for _, c := range d.Cards {
		texts = append(texts, c.Title, c.Notes, c.OnScreen)
	}
	for _, l := range []string{"it", "ru"} {
		b, err := fs.ReadFile(assets.Translations, "translations/"+l+".json")
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]string
		if err := json.Unmarshal(b, &tr); err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			if s != "" && (tr[s] == "" || tr[s] == s) {
				t.Errorf("%s: the demo's %q has no translation", l, s)
			}
		}
	}
}
