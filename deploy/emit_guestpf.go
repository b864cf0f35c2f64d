package deploy

import (
	"fmt"

	"github.com/jitsi-go/jitsi-go/pf"
)

// emitGuestPF writes a guest's /etc/pf.conf: the guide's admin base rules
// plus the least-privilege rules of its role.
func emitGuestPF(p *Plan, g Guest) ([]byte, error) {
	rs := pf.Ruleset{
		Header:  []string{fmt.Sprintf("/etc/pf.conf on %s (%s) for %s, written by jitsi-deploy.", g.Name, g.Role, p.D.Domain)},
		Tables:  tables(p.D.Host),
		Options: []pf.Option{{Name: "skip", Args: []string{"on", "lo"}}},
	}
	role, peers := guestRoleRules(p, g)
	for _, peer := range peers {
		rs.Macros = append(rs.Macros, pf.Macro{Name: macro(peer.Name), Value: p.Addr[peer.Name].String()})
	}
	egress := []string{"egress"}
	rs.Rules = append([]pf.Rule{
		{Action: "block", BlockPolicy: "return", Log: true},
		{Action: "pass", Dir: "out", Quick: true, On: egress, Proto: tcpUDP,
			To: pf.Endpoint{Hosts: hosts("any"), Ports: ports(123, 53, 80, 443)}},
		{Action: "pass", Dir: "in", Quick: true, On: egress, Proto: tcp,
			From: pf.Endpoint{Hosts: hosts("<admin>")}, To: pf.Endpoint{Hosts: hosts("self"), Ports: ports(22)}},
	}, role...)
	out, err := pf.Emit(rs)
	if err != nil {
		return nil, fileErr(ErrEmit, g.Name+"/etc/pf.conf", err)
	}
	return out, nil
}

// guestRoleRules returns the role's rules and the peers they name.
func guestRoleRules(p *Plan, g Guest) ([]pf.Rule, []Guest) {
	switch g.Role {
	case RoleWeb:
		return webRules(p), append([]Guest{p.XMPP}, p.Bridges...)
	case RoleXMPP:
		return xmppRules(p), append([]Guest{p.Web, p.Focus}, p.Bridges...)
	case RoleFocus:
		return focusRules(p), []Guest{p.XMPP}
	}
	return bridgeRules(p, g), []Guest{p.Web, p.XMPP}
}

func inSelf(proto []string, from []pf.Host, port ...int) pf.Rule {
	return pf.Rule{Action: "pass", Dir: "in", Quick: true, On: []string{"egress"}, Proto: proto,
		From: pf.Endpoint{Hosts: from}, To: pf.Endpoint{Hosts: hosts("self"), Ports: ports(port...)}}
}

func outTo(to []pf.Host, port ...int) pf.Rule {
	return pf.Rule{Action: "pass", Dir: "out", Quick: true, On: []string{"egress"}, Proto: tcp,
		To: pf.Endpoint{Hosts: to, Ports: ports(port...)}}
}

func webRules(p *Plan) []pf.Rule {
	rules := []pf.Rule{
		inSelf(tcp, nil, 80, 443),
		outTo(hosts(ref(p.XMPP)), httpPort),
	}
	if p.D.ColibriWebsockets {
		rules = append(rules, outTo(hosts(refs(p.Bridges)...), colibriWSPort))
	}
	return rules
}

func xmppRules(p *Plan) []pf.Rule {
	clients := append([]string{ref(p.Focus)}, refs(p.Bridges)...)
	debug := inSelf(tcp, hosts("<admin>"), httpPort, componentPort)
	debug.Comment = "debug"
	return []pf.Rule{
		inSelf(tcp, hosts(clients...), c2sPort),
		inSelf(tcp, hosts(ref(p.Web)), httpPort),
		debug,
	}
}

func focusRules(p *Plan) []pf.Rule {
	rules := []pf.Rule{outTo(hosts(ref(p.XMPP)), c2sPort)}
	if len(p.D.Host.Monitor) > 0 {
		rules = append(rules, inSelf(tcp, hosts("<monitor>"), focusRESTPort))
	}
	return rules
}

func bridgeRules(p *Plan, g Guest) []pf.Rule {
	rules := []pf.Rule{
		outTo(hosts(ref(p.XMPP)), c2sPort),
		inSelf(udp, nil, p.Port[g.Name]),
	}
	if p.D.ColibriWebsockets {
		rules = append(rules, inSelf(tcp, hosts(ref(p.Web)), colibriWSPort))
	}
	if len(p.D.Host.Monitor) > 0 {
		rules = append(rules, inSelf(tcp, hosts("<monitor>"), bridgeRESTPort))
	}
	return rules
}
