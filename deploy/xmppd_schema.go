package deploy

import (
	"fmt"
	"strconv"
)

// This file is the one place that defines the xmppd.conf this package
// emits (/etc/xmppd/xmppd.conf, HOCON), so that it can be aligned with
// xmppd's reader (xmppd/xconfig) in one edit. Keys are xconfig.Config's
// fields in kebab case; the values are xconfig.Default(D) with the
// OpenBSD data directory and the component port open to pf's <admin>:
//
//	xmppd {
//	  data-dir = "/var/xmppd"                  // accounts, generated TLS pair
//	  c2s = "0.0.0.0:5222"                     // listen addresses, "" disables
//	  http = "0.0.0.0:5280"                    // BOSH /http-bind, websocket /xmpp-websocket
//	  components = "0.0.0.0:5347"              // XEP-0114
//	  admin = "127.0.0.1:5281"                 // /metrics, health
//	  tls-cert = "/etc/xmppd/auth.D.crt"       // generated once if absent
//	  tls-key = "/etc/xmppd/auth.D.key"
//	  bosh-secure = true                       // nginx terminates TLS in front
//	  ws-secure = true
//	  hosts = [
//	    { name = "D", auth = "anonymous" }
//	    { name = "auth.D", auth = "internal_hashed" }
//	  ]
//	  mucs = [
//	    { name = "conference.D", admins = [ "focus@auth.D" ], restrict-creation = true,
//	      locking = false, public-jids = true, meeting-id = true, authenticated-only = false }
//	    { name = "internal.auth.D", admins = [ "focus@auth.D", "jvb@auth.D" ],
//	      restrict-creation = false, locking = false, public-jids = false,
//	      meeting-id = false, authenticated-only = true }   // the brewery
//	  ]
//	  external = [ ]                           // { name, secret }: none needed
//	  proxies = [ { name = "focus.D", target = "focus@auth.D" } ]   // client_proxy
//	}
//
// xconfig.Config names the component listen address Components and the
// component list External; the keys follow: "components", "external".

func xmppdNodes(p *Plan) []hnode {
	n := p.Names
	focus, jvb := "focus@"+n.Auth, "jvb@"+n.Auth
	addr := func(host string, port int) string { return host + ":" + strconv.Itoa(port) }
	muc := func(name string, admins []string, restrict, public, meeting, authOnly bool) []hnode {
		return []hnode{hkv("name", name), hkv("admins", admins), hkv("restrict-creation", restrict),
			hkv("locking", false), hkv("public-jids", public), hkv("meeting-id", meeting),
			hkv("authenticated-only", authOnly)}
	}
	return []hnode{hobj("xmppd",
		hkv("data-dir", "/var/xmppd"),
		hkv("c2s", addr("0.0.0.0", c2sPort)),
		hkv("http", addr("0.0.0.0", httpPort)),
		hkv("components", addr("0.0.0.0", componentPort)),
		hkv("admin", addr("127.0.0.1", xmppdAdminPort)),
		hkv("tls-cert", "/etc/xmppd/"+n.Auth+".crt"),
		hkv("tls-key", "/etc/xmppd/"+n.Auth+".key"),
		hkv("bosh-secure", true),
		hkv("ws-secure", true),
		hlist("hosts",
			[]hnode{hkv("name", n.Domain), hkv("auth", "anonymous")},
			[]hnode{hkv("name", n.Auth), hkv("auth", "internal_hashed")}),
		hlist("mucs",
			muc(n.Conference, []string{focus}, true, true, true, false),
			muc(n.Internal, []string{focus, jvb}, false, false, false, true)),
		hlist("external"),
		hlist("proxies", []hnode{hkv("name", n.Focus), hkv("target", focus)}),
	)}
}

// xmppdAdminPort is the loopback admin listener (metrics, health).
const xmppdAdminPort = 5281

func emitXMPPD(p *Plan) ([]byte, error) {
	nodes := xmppdNodes(p)
	out := renderHOCON([]string{fmt.Sprintf("/etc/xmppd/xmppd.conf on %s for %s, written by jitsi-deploy.", p.XMPP.Name, p.D.Domain)}, nodes)
	if err := verifyHOCON(out, nodes); err != nil {
		return nil, fileErr(ErrEmit, p.XMPP.Name+"/etc/xmppd/xmppd.conf", err)
	}
	return out, nil
}
