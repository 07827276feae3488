//go:build !unix

package storyboard

// syscallNonblock is not needed where there are no FIFOs to hang on.
const syscallNonblock = 0
