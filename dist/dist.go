// Package dist holds the files shipped with the binaries for installing
// them as services: OpenBSD rc.d scripts and login.conf.d classes under
// the drop-in names jicofo (cmd/focus), jvb (cmd/bridge) and xmppd, and
// systemd units for Linux. The deployment emitter copies them into the
// guests' trees; the tests check their syntax (ksh -n) and conventions.
package dist

import (
	"embed"
	"io/fs"
)

//go:embed openbsd/rc.d/* openbsd/login.conf.d/* linux/systemd/*
var files embed.FS

// Services are the rc.d names, which are also the login classes and the
// systemd unit names.
var Services = []string{"jicofo", "jvb", "xmppd"}

// RCScript returns /etc/rc.d/<name> for OpenBSD.
func RCScript(name string) ([]byte, error) { return fs.ReadFile(files, "openbsd/rc.d/"+name) }

// LoginClass returns /etc/login.conf.d/<name> for OpenBSD.
func LoginClass(name string) ([]byte, error) { return fs.ReadFile(files, "openbsd/login.conf.d/"+name) }

// SystemdUnit returns <name>.service for Linux.
func SystemdUnit(name string) ([]byte, error) {
	return fs.ReadFile(files, "linux/systemd/"+name+".service")
}
