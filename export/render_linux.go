package export

import "syscall"

// dieWithParent asks Linux to kill the child when this process dies, even
// by SIGKILL, when no signal handler of ours can run.
func dieWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
