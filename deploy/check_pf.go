package deploy

import "github.com/jitsi-go/jitsi-go/pf"

// hostRedirects maps each single port of the host's rdr-to rules for
// proto to the redirect target's address (the admin-only debug redirect
// aside).
func hostRedirects(t Tree, proto string, errs *[]error) map[string]string {
	f, err := pf.Parse(read(t, "host", "/etc/pf.conf", errs))
	if err != nil {
		*errs = append(*errs, consErr("host/etc/pf.conf: %v", err))
		return nil
	}
	m := map[string]string{}
	for _, r := range f.Rules {
		if r.RdrTo == nil || !contains(r.Proto, proto) || hasHost(r.From.Hosts, "<admin>") {
			continue
		}
		for _, pt := range r.To.Ports {
			m[pt.A] = r.RdrTo.Hosts[0].Addr
		}
	}
	return m
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// checkHostPF: web ports go to the web guest, DNS to the resolver, every
// focus and bridge may reach the XMPP guest's c2s port.
func checkHostPF(p *Plan, t Tree) []error {
	var errs []error
	rdr := hostRedirects(t, "tcp", &errs)
	for _, port := range []string{"80", "443"} {
		if rdr[port] != p.Addr[p.Web.Name].String() {
			errs = append(errs, consErr("host pf.conf redirects tcp %s to %q, not web %s", port, rdr[port], p.Addr[p.Web.Name]))
		}
	}
	if dns := hostRedirects(t, "udp", &errs)["domain"]; dns != p.D.Host.Resolver.String() {
		errs = append(errs, consErr("host pf.conf redirects DNS to %q, not %s", dns, p.D.Host.Resolver))
	}
	f, err := pf.Parse(read(t, "host", "/etc/pf.conf", &errs))
	if err != nil {
		return errs
	}
	for _, g := range append([]Guest{p.Focus}, p.Bridges...) {
		if !passes(f, "in", "tcp", p.Addr[g.Name].String(), p.Addr[p.XMPP.Name].String(), itoa(c2sPort)) {
			errs = append(errs, consErr("host pf.conf does not pass %s → %s port %d", g.Name, p.XMPP.Name, c2sPort))
		}
	}
	return errs
}

// checkGuestPF: the XMPP guest accepts c2s from focus and bridges; each
// bridge accepts its UDP port; the web guest may reach the BOSH port.
func checkGuestPF(p *Plan, t Tree) []error {
	var errs []error
	parse := func(g Guest) *pf.File {
		f, err := pf.Parse(read(t, g.Name, "/etc/pf.conf", &errs))
		if err != nil {
			errs = append(errs, consErr("%s/etc/pf.conf: %v", g.Name, err))
		}
		return f
	}
	if f := parse(p.XMPP); f != nil {
		for _, g := range append([]Guest{p.Focus}, p.Bridges...) {
			if !passes(f, "in", "tcp", p.Addr[g.Name].String(), "self", itoa(c2sPort)) {
				errs = append(errs, consErr("%s pf.conf does not accept c2s from %s", p.XMPP.Name, g.Name))
			}
		}
	}
	for _, b := range p.Bridges {
		if f := parse(b); f != nil && !passes(f, "in", "udp", "", "self", itoa(p.Port[b.Name])) {
			errs = append(errs, consErr("%s pf.conf does not accept udp %d", b.Name, p.Port[b.Name]))
		}
	}
	if f := parse(p.Web); f != nil && !passes(f, "out", "tcp", "", p.Addr[p.XMPP.Name].String(), itoa(httpPort)) {
		errs = append(errs, consErr("%s pf.conf does not let nginx reach %s:%d", p.Web.Name, p.XMPP.Name, httpPort))
	}
	return errs
}

// passes reports whether some pass rule in direction dir for proto has
// from (or no from if "") and to among its hosts and port among its ports.
func passes(f *pf.File, dir, proto, from, to, port string) bool {
	for _, r := range f.Rules {
		if r.Action != "pass" || r.Dir != dir || !contains(r.Proto, proto) {
			continue
		}
		if from != "" && !hasHost(r.From.Hosts, from) || !hasHost(r.To.Hosts, to) {
			continue
		}
		for _, pt := range r.To.Ports {
			if pt.Op == "" && pt.A == port {
				return true
			}
		}
	}
	return false
}

func hasHost(hs []pf.Host, a string) bool {
	for _, h := range hs {
		if !h.Not && h.Addr == a {
			return true
		}
	}
	return false
}
