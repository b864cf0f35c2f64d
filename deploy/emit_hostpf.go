package deploy

import (
	"fmt"
	"strconv"

	"github.com/jitsi-go/jitsi-go/pf"
)

// hostMacros are the macro names the host pf.conf defines besides one
// per guest, so no guest may be named like them.
var hostMacros = map[string]bool{"vms": true, "vmnet": true, "resolver": true}

// Shorthands for building rules.
var (
	tcp    = []string{"tcp"}
	udp    = []string{"udp"}
	tcpUDP = []string{"tcp", "udp"}
)

func hosts(addrs ...string) []pf.Host {
	hs := make([]pf.Host, len(addrs))
	for i, a := range addrs {
		hs[i] = pf.Host{Addr: a}
	}
	return hs
}

func ports(ns ...int) []pf.Port {
	ps := make([]pf.Port, len(ns))
	for i, n := range ns {
		ps[i] = pf.Port{A: strconv.Itoa(n)}
	}
	return ps
}

func ref(g Guest) string { return "$" + macro(g.Name) }

func refs(gs []Guest) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = ref(g)
	}
	return out
}

// tables returns the <admin> and (if any) <monitor> tables.
func tables(h Host) []pf.Table {
	ts := []pf.Table{{Name: "admin", Flags: []string{"const"}, Addrs: prefixStrings(h.Admin)}}
	if len(h.Monitor) > 0 {
		ts = append(ts, pf.Table{Name: "monitor", Flags: []string{"const"}, Addrs: prefixStrings(h.Monitor)})
	}
	return ts
}

// emitHostPF writes the host's /etc/pf.conf: NAT for the guests, rdr-to
// for web and every bridge port, inter-guest XMPP, colibri websockets,
// admin/monitor access and the guests' DNS redirected to the resolver.
func emitHostPF(p *Plan) ([]byte, error) {
	rs := pf.Ruleset{
		Header:  []string{fmt.Sprintf("/etc/pf.conf on the vmd host for %s, written by jitsi-deploy.", p.D.Domain)},
		Macros:  hostPFMacros(p),
		Tables:  tables(p.D.Host),
		Options: []pf.Option{{Name: "skip", Args: []string{"on", "lo"}}},
		Rules:   hostPFRules(p),
	}
	out, err := pf.Emit(rs)
	if err != nil {
		return nil, fileErr(ErrEmit, "host/etc/pf.conf", err)
	}
	return out, nil
}

func hostPFMacros(p *Plan) []pf.Macro {
	ms := []pf.Macro{{Name: "ext_if", Value: p.D.Host.Egress}, {Name: "vmnet", Value: "100.64.0.0/10"}}
	var all []string
	for _, g := range p.Guests {
		ms = append(ms, pf.Macro{Name: macro(g.Name), Value: p.Addr[g.Name].String()})
		all = append(all, ref(g))
	}
	return append(ms, pf.Macro{Name: "vms", Value: "{ " + joinSpace(all) + " }"},
		pf.Macro{Name: "resolver", Value: p.D.Host.Resolver.String()})
}

func hostPFRules(p *Plan) []pf.Rule {
	ext := []string{"$ext_if"}
	self := hosts("($ext_if)")
	rules := []pf.Rule{
		{Action: "block", BlockPolicy: "return", Log: true},
		{Action: "pass", Dir: "out", Comment: "forwarded legs leaving on tapN need their own state"},
		{Action: "pass", Dir: "in", Quick: true, On: ext, Proto: tcp, From: pf.Endpoint{Hosts: hosts("<admin>")},
			To: pf.Endpoint{Hosts: self, Ports: ports(22)}},
		{Action: "match", Dir: "out", On: ext, From: pf.Endpoint{Hosts: hosts("$vmnet")},
			NatTo: &pf.Redirect{Hosts: self}},
		{Action: "pass", Dir: "in", On: ext, Proto: tcp, To: pf.Endpoint{Hosts: self, Ports: ports(80, 443)},
			RdrTo: &pf.Redirect{Hosts: hosts(ref(p.Web))}},
	}
	for _, b := range p.Bridges {
		rules = append(rules, pf.Rule{Action: "pass", Dir: "in", On: ext, Proto: udp,
			To: pf.Endpoint{Hosts: self, Ports: ports(p.Port[b.Name])}, RdrTo: &pf.Redirect{Hosts: hosts(ref(b))},
			Comment: "media for " + b.Name})
	}
	rules = append(rules, hostInterGuest(p)...)
	rules = append(rules, hostAdmin(p)...)
	return append(rules,
		pf.Rule{Action: "pass", Dir: "in", Proto: tcpUDP, From: pf.Endpoint{Hosts: hosts("$vms")},
			To:    pf.Endpoint{Hosts: hosts("any"), Ports: []pf.Port{{A: "domain"}}},
			RdrTo: &pf.Redirect{Hosts: hosts("$resolver"), Ports: []pf.Port{{A: "domain"}}}, Comment: "DNS"},
		pf.Rule{Action: "pass", Dir: "in", Proto: tcpUDP, From: pf.Endpoint{Hosts: hosts("$vms")},
			To:      pf.Endpoint{Hosts: []pf.Host{{Not: true, Addr: "$vmnet"}}, Ports: ports(123, 80, 443)},
			Comment: "guests' ntp and pkg_add"})
}

// hostInterGuest passes the guest-to-guest legs through the host.
func hostInterGuest(p *Plan) []pf.Rule {
	clients := append([]string{ref(p.Focus)}, refs(p.Bridges)...)
	rules := []pf.Rule{
		{Action: "pass", Dir: "in", Proto: tcp, From: pf.Endpoint{Hosts: hosts(clients...)},
			To: pf.Endpoint{Hosts: hosts(ref(p.XMPP)), Ports: ports(5222)}, Comment: "native"},
		{Action: "pass", Dir: "in", Proto: tcp, From: pf.Endpoint{Hosts: hosts(ref(p.Web))},
			To: pf.Endpoint{Hosts: hosts(ref(p.XMPP)), Ports: ports(5280)}, Comment: "http/BOSH"},
	}
	if p.D.ColibriWebsockets {
		rules = append(rules, pf.Rule{Action: "pass", Dir: "in", Proto: tcp, From: pf.Endpoint{Hosts: hosts(ref(p.Web))},
			To: pf.Endpoint{Hosts: hosts(refs(p.Bridges)...), Ports: ports(colibriWSPort)}, Comment: "colibri websockets"})
	}
	return rules
}

// hostAdmin forwards admin and monitor traffic routed to the guests, and
// the guide's XMPP debug redirect (admin only here).
func hostAdmin(p *Plan) []pf.Rule {
	ext := []string{"$ext_if"}
	rules := []pf.Rule{
		{Action: "pass", Dir: "in", On: ext, Proto: tcp, From: pf.Endpoint{Hosts: hosts("<admin>")},
			To:    pf.Endpoint{Hosts: hosts("($ext_if)"), Ports: ports(5280, 5347)},
			RdrTo: &pf.Redirect{Hosts: hosts(ref(p.XMPP))}, Comment: "debug"},
		{Action: "pass", Dir: "in", On: ext, Proto: tcp, From: pf.Endpoint{Hosts: hosts("<admin>")},
			To: pf.Endpoint{Hosts: hosts("$vms"), Ports: ports(22)}},
	}
	if len(p.D.Host.Monitor) > 0 {
		rules = append(rules,
			pf.Rule{Action: "pass", Dir: "in", On: ext, Proto: tcp, From: pf.Endpoint{Hosts: hosts("<monitor>")},
				To: pf.Endpoint{Hosts: hosts(ref(p.Focus)), Ports: ports(focusRESTPort)}},
			pf.Rule{Action: "pass", Dir: "in", On: ext, Proto: tcp, From: pf.Endpoint{Hosts: hosts("<monitor>")},
				To: pf.Endpoint{Hosts: hosts(refs(p.Bridges)...), Ports: ports(bridgeRESTPort)}})
	}
	return rules
}
