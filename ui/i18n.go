package ui

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/reelboard/reelboard/assets"
	"github.com/reelboard/reelboard/storyboard"
	"github.com/reelboard/reelboard/ui/numfmt"
)

// prefLanguage holds the language override: "" (follow the system), "en",
// "it" or "ru".
const prefLanguage = "language"

// localeVars are the environment variables fyne's lang package reads.
var localeVars = []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}

var (
	envOnce sync.Once
	origEnv = map[string]string{}
)

// languages are the translations Reelboard ships, with their own names.
var languages = []struct{ Code, Name string }{
	{"", "System"},
	{"en", "English"},
	{"it", "Italiano"},
	{"ru", "Русский"},
}

// setupTranslations loads the embedded translations and applies the
// language override code ("" follows the system locale).
func setupTranslations(code string) {
	envOnce.Do(func() {
		for _, v := range localeVars {
			if val, ok := os.LookupEnv(v); ok {
				origEnv[v] = val
			}
		}
	})
	// Start from the locale the app was started with.
	for _, v := range localeVars {
		if val, ok := origEnv[v]; ok {
			os.Setenv(v, val)
		} else {
			os.Unsetenv(v)
		}
	}
	if code != "" {
		// fyne's lang package follows the locale environment; an override
		// puts the chosen language first.
		os.Setenv("LANGUAGE", code)
		loc := ""
		for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if loc = os.Getenv(v); loc != "" {
				break
			}
		}
		if loc == "" || loc == "C" || loc == "POSIX" || strings.HasPrefix(loc, "C.") {
			if os.Getenv("LC_ALL") == "" {
				os.Setenv("LC_MESSAGES", code)
			} else {
				os.Setenv("LC_ALL", code)
			}
		}
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("Reelboard: loading translations", err)
	}
	loadActiveKeys(code)
}

// activeLang is the language code of the translation in use ("en", "it",
// "ru").
var activeLang = "en"

// activeKeys are the message IDs the current language's file defines.
var activeKeys map[string]bool

// loadActiveKeys records which keys the language in use translates, so that
// optional keys (a finding's code) fall back quietly to English.
func loadActiveKeys(code string) {
	if code == "" {
		code = os.Getenv("LANGUAGE")
		for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if code != "" {
				break
			}
			code = os.Getenv(v)
		}
	}
	code = strings.ToLower(code)
	if i := strings.IndexAny(code, "_-.:@"); i >= 0 {
		code = code[:i]
	}
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	activeLang = code
	if err != nil {
		data, _ = assets.Translations.ReadFile("translations/en.json")
		activeLang = "en"
	}
	numfmt.SetLanguage(activeLang) // "2,50 s" in Italian and Russian
	var m map[string]string
	_ = json.Unmarshal(data, &m)
	activeKeys = make(map[string]bool, len(m))
	for k := range m {
		activeKeys[k] = true
	}
}

// tr translates key when the language in use defines it, and returns
// fallback (untouched) otherwise.
func tr(key, fallback string, data ...any) string {
	if !activeKeys[key] {
		return fallback
	}
	return lang.X(key, fallback, data...)
}

// kindName returns the translated name of a shot kind.
func kindName(k storyboard.ShotKind) string {
	info, ok := storyboard.KindInfo(k)
	if !ok {
		return string(k)
	}
	return tr("kind."+string(k), info.Name)
}

// kindDescription returns the translated description of a shot kind.
func kindDescription(k storyboard.ShotKind) string {
	info, ok := storyboard.KindInfo(k)
	if !ok {
		return ""
	}
	return tr("kind."+string(k)+".desc", info.Description)
}

var actFallback = map[storyboard.Act]string{
	storyboard.Arrival:    "Arrival",
	storyboard.Work:       "Work",
	storyboard.Fulfilment: "Fulfilment",
}

// actName returns the translated name of an act.
func actName(a storyboard.Act) string {
	return tr("act."+a.String(), actFallback[a])
}

var colorFallback = map[string]string{
	"": "None", "red": "Red", "orange": "Orange", "yellow": "Yellow", "green": "Green",
	"blue": "Blue", "purple": "Purple", "grey": "Grey",
}

// colorName returns the translated name of a colour tag.
func colorName(tag string) string {
	return tr("color."+tag, colorFallback[tag])
}

// pluralForm is the CLDR plural category of n in language code: "one" or
// "other" in English and Italian; "one", "few" or "many" in Russian.
func pluralForm(code string, n int) string {
	if code == "ru" {
		switch n10, n100 := n%10, n%100; {
		case n10 == 1 && n100 != 11:
			return "one"
		case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
			return "few"
		default:
			return "many"
		}
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// pluralCount translates the count n with the message key+"."+form, where form
// is n's plural category in the language in use ("pacing.errors.one": "{{.N}}
// error"); the message gets n as {{.N}}. It falls back to key+".other" and
// then to the English one or other.
// beatsCount writes a whole number of beats: "4 beats", "4 battiti",
// "4 доли", "5 долей".
func beatsCount(n int) string { return pluralCount("beats", n, "{{.N}} beat", "{{.N}} beats") }

func pluralCount(key string, n int, one, other string) string {
	data := map[string]any{"N": n}
	for _, k := range []string{key + "." + pluralForm(activeLang, n), key + ".other"} {
		if activeKeys[k] {
			return lang.X(k, other, data)
		}
	}
	if n == 1 {
		return strings.ReplaceAll(one, "{{.N}}", "1")
	}
	return strings.ReplaceAll(other, "{{.N}}", strconv.Itoa(n))
}
