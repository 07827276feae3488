package assets

import "embed"

// Translations holds the translation files (en.json, it.json, ru.json) in the
// folder "translations", in the format fyne's lang.AddTranslationsFS reads.
//
//go:embed translations/*.json
var Translations embed.FS
