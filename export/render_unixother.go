//go:build unix && !linux

package export

import "syscall"

// dieWithParent does nothing where the system cannot tie a child's life to
// its parent's; cancelling the render still kills the group.
func dieWithParent(*syscall.SysProcAttr) {}
