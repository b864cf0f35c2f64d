package bridge

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/config"
)

func loopbackListener(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	return ln
}

// TestDaemonPaperConfig runs the daemon on the OpenBSD guide's jvb.conf
// and sip-communicator.properties: the NAT mapping is advertised as a
// srflx candidate on the shared port.
func TestDaemonPaperConfig(t *testing.T) {
	j, err := config.LoadJVB("../config/testdata/paper/jvb.conf", "../config/testdata/paper/sip-communicator.properties")
	must(t, err)
	priv := loopbackListener(t)
	d, err := NewDaemon(j, DaemonOptions{Version: "t", Logger: slog.New(slog.NewTextHandler(t.Output(), nil)), PrivateListener: priv, UDPAddr: netip.MustParseAddrPort("127.0.0.1:0")})
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() { cancel(); <-done }()

	resp, err := http.Get("http://" + priv.Addr().String() + "/about/health")
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("health %d", resp.StatusCode)
	}
	tb := &testBridge{Bridge: d.Bridge}
	ans := tb.mustModify(t, createEndpoint("m1", "ep0", true))
	port := strconv.Itoa(int(d.sfu.LocalAddr().Port()))
	var srflx bool
	for _, c := range ans.Endpoint("ep0").Transport.ICEUDP.Candidates {
		if c.Type == "srflx" && c.IP == "87.253.170.146" && strconv.Itoa(c.Port) == port && c.RelAddr == "100.64.4.3" {
			srflx = true
		}
	}
	if !srflx {
		t.Errorf("no NAT-mapped srflx candidate in %+v", ans.Endpoint("ep0").Transport.ICEUDP.Candidates)
	}
	if u := ans.Endpoint("ep0").Transport.WebSocketURL(); u != "" {
		t.Errorf("web socket URL %q with websockets off", u)
	}
}

const wsConf = `videobridge {
  http-servers { public { port = 9090 } }
  websockets { enabled = true, server-id = "jvb1", domains = ["meet.example.com:443"], tls = true }
  apis.rest.enabled = true
  rest.shutdown.enabled = true
  sctp.enabled = false
}
`

// TestDaemonWebSocketsAndShutdown: the public listener serves the colibri
// web socket under the configured server id, and a graceful REST shutdown
// without conferences ends Run.
func TestDaemonWebSocketsAndShutdown(t *testing.T) {
	j, err := config.ParseJVB("jvb.conf", []byte(wsConf), nil)
	must(t, err)
	priv, pub := loopbackListener(t), loopbackListener(t)
	d, err := NewDaemon(j, DaemonOptions{Version: "t", Logger: slog.New(slog.NewTextHandler(t.Output(), nil)), PrivateListener: priv, PublicListener: pub, UDPAddr: netip.MustParseAddrPort("127.0.0.1:0")})
	must(t, err)
	done := make(chan error, 1)
	go func() { done <- d.Run(context.Background()) }()
	tb := &testBridge{Bridge: d.Bridge}
	ans := tb.mustModify(t, createEndpoint("m1", "ep0", true))
	u := ans.Endpoint("ep0").Transport.WebSocketURL()
	if !strings.HasPrefix(u, "wss://meet.example.com:443/colibri-ws/jvb1/") {
		t.Fatalf("URL %q", u)
	}
	local := "http://" + pub.Addr().String() + u[len("wss://meet.example.com:443"):]
	resp, err := http.Get(local) // not an upgrade request: the path and password are right
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUpgradeRequired && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("plain GET on a valid channel URL: %d", resp.StatusCode)
	}
	resp, err = http.Get(strings.Replace(local, "/jvb1/", "/default-id/", 1))
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("wrong server id: %d", resp.StatusCode)
	}
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Expire: true})
	resp, err = http.Post("http://"+priv.Addr().String()+"/colibri/shutdown", "application/json", strings.NewReader(`{"graceful-shutdown":true}`))
	must(t, err)
	resp.Body.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestDaemonHostAddrs: DaemonOptions.HostAddrs replaces the advertised host
// candidates while the socket stays bound to the unspecified address.
func TestDaemonHostAddrs(t *testing.T) {
	j, err := config.ParseJVB("jvb.conf", []byte("videobridge { sctp.enabled = false }\n"), nil)
	must(t, err)
	want := []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("192.0.2.7")}
	d, err := NewDaemon(j, DaemonOptions{Version: "t", Logger: slog.New(slog.NewTextHandler(t.Output(), nil)),
		UDPAddr: netip.MustParseAddrPort("0.0.0.0:0"), HostAddrs: want})
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() { cancel(); <-done }()

	tb := &testBridge{Bridge: d.Bridge}
	ans := tb.mustModify(t, createEndpoint("m1", "ep0", true))
	port := int(d.sfu.LocalAddr().Port())
	var got []string
	for _, c := range ans.Endpoint("ep0").Transport.ICEUDP.Candidates {
		if c.Type == "host" && c.Port == port {
			got = append(got, c.IP)
		}
	}
	if len(got) != len(want) || got[0] != want[0].String() || got[1] != want[1].String() {
		t.Errorf("host candidates %v, want %v", got, want)
	}
}
