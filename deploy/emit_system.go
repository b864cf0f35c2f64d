package deploy

import (
	"fmt"
	"sort"
	"strings"
)

// emitHosts writes the /etc/hosts every machine gets (guide VI.B): one
// line per guest, the public domain on the XMPP guest's line (so the
// focus's -host resolves to the XMPP guest's local address), and no other
// FQDN: the internal XMPP names need no DNS.
func emitHosts(p *Plan) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# /etc/hosts for %s, written by jitsi-deploy: identical on the host and every guest.\n", p.D.Domain)
	b.WriteString("127.0.0.1\tlocalhost\n::1\t\tlocalhost\n")
	for _, g := range p.Guests {
		names := g.Name
		if g.Name == p.XMPP.Name {
			names += " " + p.D.Domain
		}
		fmt.Fprintf(&b, "%s\t%s\n", p.Addr[g.Name], names)
	}
	return []byte(b.String())
}

// emitNet writes the guest's static network files, equal to what vmd's
// DHCP would hand out, so the address exists before any daemon starts.
func emitNet(p *Plan, g Guest) (hostname, mygate, resolv []byte) {
	hostname = fmt.Appendf(nil, "inet %s 255.255.255.254\n", p.Addr[g.Name])
	mygate = []byte(p.Gateway[g.Name].String() + "\n")
	resolv = fmt.Appendf(nil, "# vmd host side; its pf redirects DNS to %s\nnameserver %s\nlookup file bind\n",
		p.D.Host.Resolver, p.Gateway[g.Name])
	return hostname, mygate, resolv
}

// rcScripts maps a role to its pkg_scripts entry.
func rcScript(p *Plan, r Role) string {
	switch r {
	case RoleWeb:
		return "nginx"
	case RoleXMPP:
		if p.D.XMPPServer == ServerProsody {
			return "prosody"
		}
		return "xmppd"
	case RoleFocus:
		return "jicofo"
	}
	return "jvb"
}

// startRank orders pkg_scripts: web, xmpp server, focus, bridge.
var startRank = map[string]int{"nginx": 0, "prosody": 1, "xmppd": 1, "jicofo": 2, "jvb": 3}

// rcConfLocal renders rc.conf.local lines sorted as rcctl writes them
// (sort -u), with pkg_scripts in start order.
func rcConfLocal(scripts []string, flags map[string]string) []byte {
	sort.SliceStable(scripts, func(i, j int) bool { return startRank[scripts[i]] < startRank[scripts[j]] })
	var lines []string
	for name, f := range flags {
		lines = append(lines, name+"_flags="+f)
	}
	if len(scripts) > 0 {
		lines = append(lines, "pkg_scripts="+strings.Join(scripts, " "))
	}
	sort.Strings(lines)
	return []byte(strings.Join(lines, "\n") + "\n")
}

// emitRCConf writes a guest's /etc/rc.conf.local.
func emitRCConf(p *Plan, g Guest) []byte {
	flags := map[string]string{}
	if g.Role == RoleFocus {
		flags["jicofo"] = "-host=" + p.D.Domain
	}
	return rcConfLocal([]string{rcScript(p, g.Role)}, flags)
}
