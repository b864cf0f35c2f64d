package deploy

import (
	"fmt"
	"strings"
)

// jvbNodes is /etc/jvb/jvb.conf for bridge g: the guide's xmpp-client,
// sctp and ice.udp keys (with the two closing braces the printed guide
// lost), colibri websockets behind nginx, and the REST port.
func jvbNodes(p *Plan, g Guest) []hnode {
	n := p.Names
	xmppClient := []hnode{
		hkv("hostname", p.XMPP.Name),
		hkv("port", c2sPort),
		hkv("domain", n.Auth),
		hkv("username", "jvb"),
		hkv("password", p.JVBPW),
		hkv("muc_jids", n.Brewery),
		hkv("muc_nickname", g.Name),
		hkv("disable_certificate_verification", true),
	}
	vb := []hnode{
		hobj("apis", hobj("xmpp-client", hobj("configs", hobj(macro(p.XMPP.Name), xmppClient...)))),
		hobj("sctp", hkv("enabled", p.D.SCTP)).withComment("must equal jicofo.sctp.enabled"),
		hobj("ice", hobj("udp", hkv("port", p.Port[g.Name]))),
	}
	if p.D.ColibriWebsockets {
		vb = append(vb, hobj("websockets",
			hkv("enabled", true),
			hkv("domains", []string{p.D.Domain + ":443"}),
			hkv("tls", true),
			hkv("server-id", g.Name)))
	}
	vb = append(vb, hobj("http-servers", httpServers(p)...))
	return []hnode{hobj("videobridge", vb...)}
}

func httpServers(p *Plan) []hnode {
	var hs []hnode
	if p.D.ColibriWebsockets {
		hs = append(hs, hobj("public", hkv("port", colibriWSPort)))
	}
	private := []hnode{hkv("port", bridgeRESTPort)}
	if len(p.D.Host.Monitor) > 0 {
		private = append(private, hkv("host", "0.0.0.0"))
	}
	return append(hs, hobj("private", private...))
}

func emitJVB(p *Plan, g Guest) ([]byte, error) {
	nodes := jvbNodes(p, g)
	out := renderHOCON([]string{fmt.Sprintf("/etc/jvb/jvb.conf on %s for %s, written by jitsi-deploy.", g.Name, p.D.Domain)}, nodes)
	if err := verifyHOCON(out, nodes); err != nil {
		return nil, fileErr(ErrEmit, g.Name+"/etc/jvb/jvb.conf", err)
	}
	return out, nil
}

// sipProps are the ice4j NAT mapping properties for bridge g: local is the
// guest's address, public the host's, as the host's rdr-to requires.
func sipProps(p *Plan, g Guest) [][2]string {
	const pre = "org.ice4j.ice.harvest."
	return [][2]string{
		{pre + "NAT_HARVESTER_LOCAL_ADDRESS", p.Addr[g.Name].String()},
		{pre + "NAT_HARVESTER_PUBLIC_ADDRESS", p.D.Host.PublicAddress.String()},
		{pre + "DISABLE_AWS_HARVESTER", "true"},
	}
}

func emitSIP(p *Plan, g Guest) ([]byte, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# /etc/jvb/sip-communicator.properties on %s, written by jitsi-deploy.\n", g.Name)
	props := sipProps(p, g)
	for _, kv := range props {
		b.WriteString(kv[0] + "=" + kv[1] + "\n")
	}
	out := []byte(b.String())
	got, err := parseProperties(out)
	if err == nil {
		for _, kv := range props {
			if got[kv[0]] != kv[1] {
				err = fmt.Errorf("%s read back as %q", kv[0], got[kv[0]])
			}
		}
	}
	if err != nil {
		return nil, fileErr(ErrEmit, g.Name+"/etc/jvb/sip-communicator.properties", err)
	}
	return out, nil
}
