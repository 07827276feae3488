//go:build !unix

package export

import "os/exec"

// ownGroup keeps exec's default: cancelling the render kills ffmpeg.
func ownGroup(*exec.Cmd) {}
