//go:build !linux && !windows && !plan9 && !js && !wasip1

package testenv

import "syscall"

// childAttr puts the child in its own process group.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills the process group led by pid, if anything is left in it.
func killGroup(pid int) { _ = syscall.Kill(-pid, syscall.SIGKILL) }
