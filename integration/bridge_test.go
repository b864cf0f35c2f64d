package integration

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge"
	bxmpp "github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/sfu"
)

// bridgePorts are the loopback ports of one bridge.
type bridgePorts struct{ udp, public, private int }

// jvbConf is the jvb.conf an operator writes for one bridge in the
// brewery of x under nick: one UDP port, the colibri websocket on the
// public HTTP server, no SCTP, STARTTLS when offered.
func jvbConf(x *xmppEnv, nick string, p bridgePorts) string {
	host, port, _ := net.SplitHostPort(x.c2s)
	return fmt.Sprintf(`videobridge {
  ice.udp.port = %[1]d
  http-servers {
    public { host = "127.0.0.1", port = %[2]d }
    private { host = "127.0.0.1", port = %[3]d }
  }
  websockets { enabled = true, server-id = %[4]q, domain = "127.0.0.1:%[2]d", tls = false }
  sctp.enabled = false
  apis.xmpp-client.configs.shard {
    hostname = %[5]q
    port = %[6]s
    domain = %[7]q
    username = jvb
    password = %[8]q
    muc_jids = %[9]q
    muc_nickname = %[4]q
    security_mode = ifpossible
    disable_certificate_verification = true
  }
}
`, p.udp, p.public, p.private, nick, host, port, authHost, jvbPass, brewery)
}

// localBridge is our bridge running in-process: the media plane (SFU),
// package bridge, its colibri websocket and its brewery client, built from
// jvb.conf the way bridge.NewDaemon builds them but with the SFU in the
// test's hands (so a test can break the media plane under a live bridge).
type localBridge struct {
	nick string
	sfu  *sfu.SFU
	b    *bridge.Bridge
}

// startLocalBridge runs a bridge in the brewery of x until the test ends.
func startLocalBridge(t testing.TB, x *xmppEnv, nick string) *localBridge {
	t.Helper()
	pub, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// The SFU below binds 127.0.0.1:0; jvb.conf only needs a valid port.
	ports := bridgePorts{udp: 10000, public: pub.Addr().(*net.TCPAddr).Port, private: -1}
	j, err := config.ParseJVB("jvb.conf", []byte(jvbConf(x, nick, ports)), nil)
	if err != nil {
		_ = pub.Close()
		t.Fatal(err)
	}
	s, err := sfu.New(sfu.Config{ListenAddr: netip.MustParseAddrPort("127.0.0.1:0")})
	if err != nil {
		_ = pub.Close()
		t.Fatal(err)
	}
	bc := bridge.FromJVB(j)
	bc.Version, bc.Logger = "2.3-int", quietLogger()
	b, err := bridge.New(bc, s)
	if err != nil {
		_ = pub.Close()
		_ = s.Close()
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/colibri-ws/", b.WebSocketHandler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(pub) }()
	xc := bxmpp.FromJVB(j)
	xc.Version, xc.Logger = "2.3-int", quietLogger()
	svc, err := bxmpp.New(xc, b)
	if err == nil {
		err = svc.Start()
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if svc != nil {
			_ = svc.Stop(ctx)
		}
		_ = b.Close()
		_ = srv.Shutdown(ctx)
		_ = s.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	return &localBridge{nick: nick, sfu: s, b: b}
}

// breakMedia closes the bridge's UDP media plane under it while its XMPP
// side stays in the brewery: every endpoint it still has dies, and every
// endpoint it is asked to create fails.
func (lb *localBridge) breakMedia() error {
	if err := lb.sfu.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}
