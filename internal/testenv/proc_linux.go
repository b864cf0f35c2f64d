package testenv

import "syscall"

// childAttr puts the child in its own process group and has the kernel kill it
// if the test process dies first.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the process group led by pid (the group the launcher made
// for that one program), if anything is left in it.
func killGroup(pid int) { _ = syscall.Kill(-pid, syscall.SIGKILL) }
