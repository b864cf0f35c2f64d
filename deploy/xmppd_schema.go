package deploy

import (
	"fmt"
	"strconv"
)

// This file is the one place that defines the xmppd.conf this package
// emits (/etc/xmppd/xmppd.conf, HOCON). Its keys are the ones xmppd's
// reader (xmppd/xconfig.FromDoc) reads, and the tests load the emitted
// file with that reader, requiring no warning. The values are
// xconfig.Default(D) with the OpenBSD data directory and the component
// port open to pf's <admin>:
//
//	xmppd {
//	  domain = "D"
//	  data-dir = "/var/xmppd"          // accounts; tls/self-signed.{crt,key}
//	  listen {
//	    c2s = "0.0.0.0:5222"           // "" disables
//	    http = "0.0.0.0:5280"          // BOSH /http-bind, websocket /xmpp-websocket
//	    components = "0.0.0.0:5347"    // XEP-0114
//	    admin = "127.0.0.1:5281"       // /metrics, health
//	  }
//	  http { bosh-secure = true, websocket-secure = true }   // nginx terminates TLS
//	  hosts = [
//	    { name = "D", auth = "anonymous" }
//	    { name = "auth.D", auth = "internal_hashed" }
//	  ]
//	  muc = [
//	    { name = "conference.D", admins = [ "focus@auth.D" ], restrict-room-creation = true,
//	      room-locking = false, default-public-jids = true, meeting-id = true, authenticated-only = false }
//	    { name = "internal.auth.D", admins = [ "focus@auth.D", "jvb@auth.D" ],
//	      restrict-room-creation = false, room-locking = false, default-public-jids = false,
//	      meeting-id = false, authenticated-only = true }   // the brewery
//	  ]
//	  components = [ ]                 // external components { name, secret }: none needed
//	  client-proxy = [ { name = "focus.D", target = "focus@auth.D" } ]
//	}
//
// No tls block: xmppd generates a self-signed pair under data-dir/tls on
// first start (a configured pair must exist, and nothing would create
// one). The focus and the bridges connect with
// disable-certificate-verification, and clients reach xmppd only through
// nginx, which holds the public certificate.

func xmppdNodes(p *Plan) []hnode {
	n := p.Names
	focus, jvb := "focus@"+n.Auth, "jvb@"+n.Auth
	addr := func(host string, port int) string { return host + ":" + strconv.Itoa(port) }
	muc := func(name string, admins []string, restrict, public, meeting, authOnly bool) []hnode {
		return []hnode{hkv("name", name), hkv("admins", admins), hkv("restrict-room-creation", restrict),
			hkv("room-locking", false), hkv("default-public-jids", public), hkv("meeting-id", meeting),
			hkv("authenticated-only", authOnly)}
	}
	return []hnode{hobj("xmppd",
		hkv("domain", n.Domain),
		hkv("data-dir", xmppdDataDir),
		hobj("listen",
			hkv("c2s", addr("0.0.0.0", c2sPort)),
			hkv("http", addr("0.0.0.0", httpPort)),
			hkv("components", addr("0.0.0.0", componentPort)),
			hkv("admin", addr("127.0.0.1", xmppdAdminPort))),
		hobj("http",
			hkv("bosh-secure", true),
			hkv("websocket-secure", true)).withComment("nginx terminates TLS in front of BOSH and the websocket"),
		hlist("hosts",
			[]hnode{hkv("name", n.Domain), hkv("auth", "anonymous")},
			[]hnode{hkv("name", n.Auth), hkv("auth", "internal_hashed")}),
		hlist("muc",
			muc(n.Conference, []string{focus}, true, true, true, false),
			muc(n.Internal, []string{focus, jvb}, false, false, false, true)),
		hlist("components"),
		hlist("client-proxy", []hnode{hkv("name", n.Focus), hkv("target", focus)}),
	)}
}

const (
	// xmppdAdminPort is the loopback admin listener (metrics, health).
	xmppdAdminPort = 5281
	// xmppdDataDir holds the accounts and the generated TLS pair.
	xmppdDataDir = "/var/xmppd"
	// xmppdConfPath is where the rc.d script's -config points.
	xmppdConfPath = "/etc/xmppd/xmppd.conf"
)

func emitXMPPD(p *Plan) ([]byte, error) {
	nodes := xmppdNodes(p)
	out := renderHOCON([]string{fmt.Sprintf("%s on %s for %s, written by jitsi-deploy.", xmppdConfPath, p.XMPP.Name, p.D.Domain)}, nodes)
	if err := verifyHOCON(out, nodes); err != nil {
		return nil, fileErr(ErrEmit, p.XMPP.Name+xmppdConfPath, err)
	}
	return out, nil
}
