package e2e

import (
	"fmt"
	"os"
	"path/filepath"
)

// DaemonPorts are the loopback ports of our focus and bridge.
type DaemonPorts struct {
	FocusREST  int // jicofo.rest
	BridgeUDP  int // videobridge.ice.udp.port, the one media port
	BridgeHTTP int // http-servers.public: the colibri websocket
	BridgeREST int // http-servers.private: colibri REST, health, stats
}

// Brewery is the bare JID of the bridges' MUC.
func (d Deployment) Brewery() string { return "jvbbrewery@internal." + d.AuthDomain() }

// bridgeNick is the bridge's nickname in the brewery.
const bridgeNick = "jvb-e2e"

// jicofoConf is jicofo.conf for d, as an operator writes it: the focus logs
// in as focus@auth.<domain> on the c2s port without TLS (loopback), finds
// bridges in the brewery, offers no SCTP (our bridge has the colibri
// websocket as the bridge channel) and serves REST on 127.0.0.1.
func jicofoConf(d Deployment, p DaemonPorts) string {
	return fmt.Sprintf(`# jicofo.conf written by the e2e harness
jicofo {
  bridge {
    brewery-jid = "%[1]s"
    xmpp-connection-name = Client
  }
  sctp {
    enabled = false
  }
  xmpp {
    client {
      hostname = "127.0.0.1"
      port = %[2]d
      domain = "%[3]s"
      xmpp-domain = "%[4]s"
      username = "focus"
      password = "%[5]s"
      use-tls = false
    }
  }
  rest {
    host = "127.0.0.1"
    port = %[6]d
  }
}
`, d.Brewery(), d.Ports.C2S, d.AuthDomain(), d.Domain, d.FocusPassword, p.FocusREST)
}

// jvbConf is jvb.conf for d: one UDP port, the colibri websocket on the
// public HTTP server (ws://127.0.0.1:<port>, no TLS), REST on the private
// one, no SCTP, and the brewery login as jvb@auth.<domain>.
func jvbConf(d Deployment, p DaemonPorts) string {
	return fmt.Sprintf(`# jvb.conf written by the e2e harness
videobridge {
  ice {
    udp {
      port = %[1]d
    }
  }
  http-servers {
    public {
      host = "127.0.0.1"
      port = %[2]d
    }
    private {
      host = "127.0.0.1"
      port = %[3]d
    }
  }
  websockets {
    enabled = true
    server-id = "e2e-jvb"
    domain = "127.0.0.1:%[2]d"
    tls = false
  }
  sctp {
    enabled = false
  }
  apis {
    xmpp-client {
      configs {
        e2e-shard {
          hostname = "127.0.0.1"
          port = %[4]d
          domain = "%[5]s"
          username = "jvb"
          password = "%[6]s"
          muc_jids = "%[7]s"
          muc_nickname = "%[8]s"
          disable_certificate_verification = true
        }
      }
    }
  }
}
`, p.BridgeUDP, p.BridgeHTTP, p.BridgeREST, d.Ports.C2S, d.AuthDomain(), d.JVBPassword, d.Brewery(), bridgeNick)
}

// scProperties is the legacy sip-communicator.properties of the Debian
// package, as the guide keeps it: no AWS harvesting on loopback.
const scProperties = `# sip-communicator.properties written by the e2e harness
org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER=true
`

// dropInFiles writes jicofo.conf, jvb.conf and
// <dir>/videobridge/sip-communicator.properties into dir.
func dropInFiles(dir string, d Deployment, p DaemonPorts) (jicofo, jvb string, err error) {
	jicofo = filepath.Join(dir, "jicofo.conf")
	jvb = filepath.Join(dir, "jvb.conf")
	sc := filepath.Join(dir, "videobridge", "sip-communicator.properties")
	if err := os.MkdirAll(filepath.Dir(sc), 0o700); err != nil {
		return "", "", fmt.Errorf("e2e: %w", err)
	}
	for path, text := range map[string]string{jicofo: jicofoConf(d, p), jvb: jvbConf(d, p), sc: scProperties} {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			return "", "", fmt.Errorf("e2e: %w", err)
		}
	}
	return jicofo, jvb, nil
}
