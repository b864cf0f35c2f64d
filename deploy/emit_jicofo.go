package deploy

import "fmt"

// jicofoNodes is /etc/jicofo/jicofo.conf: the guide's keys (brewery,
// sctp, xmpp.client, trusted-domains) plus the names the guide left to
// defaults derived from -host, written out so that the file alone says
// where the focus connects.
func jicofoNodes(p *Plan) []hnode {
	n := p.Names
	client := []hnode{
		hkv("hostname", p.D.Domain).withComment("the XMPP server; /etc/hosts maps it to " + p.XMPP.Name),
		hkv("port", c2sPort),
		hkv("domain", n.Auth),
		hkv("xmpp-domain", n.Domain),
		hkv("username", "focus"),
		hkv("password", p.FocusPW),
		hkv("conference-muc-jid", n.Conference),
		hkv("client-proxy", n.Focus),
		hkv("use-tls", p.D.TLS.XMPP),
	}
	if p.D.TLS.XMPP {
		client = append(client, hkv("disable-certificate-verification", true))
	}
	rest := []hnode{hkv("port", focusRESTPort)}
	if len(p.D.Host.Monitor) > 0 {
		rest = append(rest, hkv("host", "0.0.0.0"))
	}
	return []hnode{hobj("jicofo",
		hobj("bridge",
			hkv("brewery-jid", n.Brewery),
			hkv("xmpp-connection-name", "Client")),
		hobj("sctp", hkv("enabled", p.D.SCTP)).withComment("must equal videobridge.sctp.enabled on every bridge"),
		hobj("xmpp",
			hobj("client", client...),
			hkv("trusted-domains", []string{n.Auth}).withComment("trusted service domains: logged in -> advance to bridges")),
		hobj("rest", rest...),
	)}
}

func emitJicofo(p *Plan) ([]byte, error) {
	nodes := jicofoNodes(p)
	out := renderHOCON([]string{fmt.Sprintf("/etc/jicofo/jicofo.conf on %s for %s, written by jitsi-deploy.", p.Focus.Name, p.D.Domain)}, nodes)
	if err := verifyHOCON(out, nodes); err != nil {
		return nil, fileErr(ErrEmit, p.Focus.Name+"/etc/jicofo/jicofo.conf", err)
	}
	return out, nil
}
