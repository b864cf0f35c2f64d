package deploy

import (
	"fmt"
	"slices"
	"strings"
)

// accountsPath is where the XMPP guest gets its account script.
const accountsPath = "/etc/jitsi-deploy/accounts.sh"

// emitAccounts writes the script that registers focus@auth.D and
// jvb@auth.D with the same secrets jicofo.conf and jvb.conf carry (and,
// for prosody, subscribes focus.D to the focus as the guide does). Run it
// once on the XMPP guest after the server has started.
func emitAccounts(p *Plan) []byte {
	n := p.Names
	// xmppd register writes into the data directory of the configuration
	// it is given; without -config it would use its default directory,
	// which the server started by rc.d does not read.
	tool := "xmppd -config " + xmppdConfPath + " register"
	if p.D.XMPPServer == ServerProsody {
		tool = "prosodyctl register"
	}
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	fmt.Fprintf(&b, "# %s on %s for %s, written by jitsi-deploy.\n", accountsPath, p.XMPP.Name, p.D.Domain)
	b.WriteString("# Registers the service accounts; the passwords equal those in jicofo.conf and jvb.conf.\nset -e\n")
	fmt.Fprintf(&b, "%s focus %s %s\n", tool, n.Auth, p.FocusPW)
	fmt.Fprintf(&b, "%s jvb %s %s\n", tool, n.Auth, p.JVBPW)
	if p.D.XMPPServer == ServerProsody {
		fmt.Fprintf(&b, "prosodyctl mod_roster_command subscribe %s focus@%s\n", n.Focus, n.Auth)
	}
	return []byte(b.String())
}

// accountPasswords reads user → password from an accounts script: the
// three words after "register" on each register line.
func accountPasswords(data []byte) map[string]string {
	m := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if i := slices.Index(f, "register"); i > 0 && len(f) == i+4 {
			m[f[i+1]+"@"+f[i+2]] = f[i+3]
		}
	}
	return m
}
