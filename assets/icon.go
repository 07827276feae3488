package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon (icon.svg rendered to 512×512 PNG, the file
// FyneApp.toml names). `go run` and `go build` do not read FyneApp.toml, so
// main sets it in code.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)
