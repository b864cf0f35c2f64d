package capacity

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"text/template"
)

// Domain is the XMPP domain of the benchmark deployment.
const Domain = "capacity.localhost"

// confValues fill the configuration templates: the loopback ports of one
// deployment, its accounts' passwords and paths.
type confValues struct {
	C2S, HTTP     int // xmppd
	FocusREST     int // focus /stats, /about/health
	BridgeUDP     int // media, one port for every endpoint
	BridgePublic  int // colibri websocket
	BridgePrivate int // /colibri/stats, /about/health
	FocusPW       string
	JVBPW         string
	Domain        string
	XMPPDData     string // xmppd's accounts
	BridgeNick    string // the bridge's brewery nickname and server-id
}

// xmppdConf is xmppd.conf: the standard Jitsi layout for the domain (its
// defaults), c2s and HTTP (BOSH, WebSocket) on loopback, no component or
// admin listener (focus.<domain> is xmppd's native client_proxy).
const xmppdConf = `xmppd {
  domain = "{{.Domain}}"
  data-dir = "{{.XMPPDData}}"
  listen {
    c2s = "127.0.0.1:{{.C2S}}"
    http = "127.0.0.1:{{.HTTP}}"
    components = ""
    admin = ""
  }
}
`

// jicofoConf is the focus's jicofo.conf: a client of xmppd, REST on
// loopback, no SCTP (the bridge channel is the colibri websocket).
const jicofoConf = `jicofo {
  bridge {
    brewery-jid = "jvbbrewery@internal.auth.{{.Domain}}"
    xmpp-connection-name = Client
  }
  sctp.enabled = false
  xmpp.client {
    hostname = "127.0.0.1"
    port = {{.C2S}}
    domain = "auth.{{.Domain}}"
    xmpp-domain = "{{.Domain}}"
    username = "focus"
    password = "{{.FocusPW}}"
    use-tls = false
  }
  rest {
    enabled = true
    host = "127.0.0.1"
    port = {{.FocusREST}}
  }
}
`

// jvbConf is the bridge's jvb.conf: the media port, the colibri websocket
// and the private REST API (with /colibri/stats) on loopback, the brewery
// login over xmppd's c2s.
const jvbConf = `videobridge {
  ice.udp.port = {{.BridgeUDP}}
  http-servers {
    public { host = "127.0.0.1", port = {{.BridgePublic}} }
    private { host = "127.0.0.1", port = {{.BridgePrivate}} }
  }
  apis.rest.enabled = true
  websockets { enabled = true, server-id = "{{.BridgeNick}}", domain = "127.0.0.1:{{.BridgePublic}}", tls = false }
  sctp.enabled = false
  apis.xmpp-client.configs.capacity {
    hostname = "127.0.0.1"
    port = {{.C2S}}
    domain = "auth.{{.Domain}}"
    username = "jvb"
    password = "{{.JVBPW}}"
    muc_jids = "jvbbrewery@internal.auth.{{.Domain}}"
    muc_nickname = "{{.BridgeNick}}"
    disable_certificate_verification = true
  }
}
`

// scProperties is the bridge's sip-communicator.properties: no AWS
// lookup, and 127.0.0.1 advertised (as a static NAT mapping: the bridge
// binds 0.0.0.0 and leaves loopback out of its host candidates), so the
// simulated participants reach it on loopback.
const scProperties = `org.ice4j.ice.harvest.DISABLE_AWS_HARVESTER=true
org.ice4j.ice.harvest.NAT_HARVESTER_LOCAL_ADDRESS=127.0.0.1
org.ice4j.ice.harvest.NAT_HARVESTER_PUBLIC_ADDRESS=127.0.0.1
`

// confFile is one file of the deployment, relative to its directory.
type confFile struct {
	path, text string
}

var confFiles = []confFile{
	{"xmppd.conf", xmppdConf},
	{"jicofo.conf", jicofoConf},
	{"jvb.conf", jvbConf},
	{filepath.Join("videobridge", "sip-communicator.properties"), scProperties},
}

// writeConfs renders every configuration file into dir.
func writeConfs(dir string, p confValues) error {
	for _, f := range confFiles {
		t, err := template.New(f.path).Option("missingkey=error").Parse(f.text)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrDeploy, f.path, err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, p); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrDeploy, f.path, err)
		}
		full := filepath.Join(dir, f.path)
		if err := os.MkdirAll(filepath.Dir(full), 0o700); err != nil {
			return fmt.Errorf("%w: %w", ErrDeploy, err)
		}
		if err := os.WriteFile(full, b.Bytes(), 0o600); err != nil {
			return fmt.Errorf("%w: %w", ErrDeploy, err)
		}
	}
	return nil
}

// secret returns 128 random bits in hex.
func secret() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("%w: password: %w", ErrDeploy, err)
	}
	return hex.EncodeToString(b), nil
}
