//go:build unix

package storyboard

import "syscall"

// syscallNonblock opens without waiting for a writer should the path be a
// FIFO.
const syscallNonblock = syscall.O_NONBLOCK
