// Package assets holds what Reelboard embeds: the demo project and its
// soundtrack, the icon and the translation files.
//
// The demo soundtrack is synthesised by gen_demo.go (a drum and bass groove at
// 120 BPM, free to ship); `go generate ./assets` rebuilds it and the demo
// project with ffmpeg installed.
package assets

//go:generate go run gen_demo.go

import "embed"

// Demo holds the demo project (demo/demo.reel) and its soundtrack
// (demo/soundtrack.ogg), the project's paths relative to its folder.
//
//go:embed demo/demo.reel demo/soundtrack.ogg
var Demo embed.FS

// DemoProjectFile and DemoSoundtrackFile are the names of the demo files in Demo.
const (
	DemoProjectFile    = "demo/demo.reel"
	DemoSoundtrackFile = "demo/soundtrack.ogg"
)
