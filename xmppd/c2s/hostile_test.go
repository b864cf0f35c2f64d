package c2s

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/clock"
	"github.com/jitsi-go/jitsi-go/xmppd/local"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"github.com/jitsi-go/jitsi-go/xmppd/store"
)

const host = "example.test"

type harness struct {
	l   *Listener
	clk *clock.Fake
	env *Env
}

func newHarness(t testing.TB, lim Limits) *harness {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := router.New(host, "auth."+host)
	local.Register(r, local.Services{}, local.NewRoster())
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	env := (&Env{Router: r, Store: st, Clock: clk, Limits: lim, Log: slog.New(slog.DiscardHandler),
		Hosts: map[string]HostConfig{host: {Anonymous: true}, "auth." + host: {AllowPlain: true}}}).Fill()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := NewListener(env, ln)
	go func() { _ = l.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = l.Shutdown(ctx)
	})
	return &harness{l: l, clk: clk, env: env}
}

func (h *harness) addr() string { return h.l.Addr().String() }

// goodClient logs in anonymously and pings the server.
func (h *harness) goodClient(t *testing.T) *xmpp.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := xmpp.DialTCP(ctx, h.addr(), xmpp.Config{Domain: host})
	if err != nil {
		t.Fatalf("good client login: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	h.ping(t, c)
	return c
}

func (h *harness) ping(t *testing.T, c *xmpp.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.SendIQ(ctx, xmpp.NewIQ("get", "", "", host, xmpp.NewElement(xmpp.NSPing, "ping"))); err != nil {
		t.Fatalf("good session affected: %v", err)
	}
}

// raw opens a connection and writes data, returning everything the server
// sends until it closes (bounded by a 10 s deadline).
func raw(t *testing.T, addr string, data string) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	go func() { _, _ = io.WriteString(conn, data) }()
	b, _ := io.ReadAll(conn)
	return string(b)
}

const header = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='` + host + `' version='1.0'>`

func billionLaughs() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i < 10; i++ {
		name := "lol" + string(rune('0'+i))
		b.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
		prev = name
	}
	b.WriteString(`]>`)
	return b.String()
}

func TestHostileInput(t *testing.T) {
	h := newHarness(t, Limits{MaxStanza: 64 << 10})
	good := h.goodClient(t)
	auth := `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>`
	restart := header
	for _, tc := range []struct {
		name, data, want string
	}{
		{"malformed", header + `<message><body></message>`, "not-well-formed"},
		{"billion-laughs-dtd", billionLaughs() + header + `<message><body>&lol9;</body></message>`, "restricted-xml"},
		{"undeclared-entity", header + `<message><body>&lol9;</body></message>`, "not-well-formed"},
		{"oversized", header + `<message><body>` + strings.Repeat("A", 100<<10) + `</body></message>`, "policy-violation"},
		{"too-deep", header + strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200), "policy-violation"},
		{"processing-instruction", header + `<?evil x?>`, "restricted-xml"},
		{"bad-sasl-base64", header + `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'>!!!</auth>`, "not-authorized"},
		{"sasl-response-without-auth", header + `<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AAAA</response>`, "not-authorized"},
		{"stanza-before-auth", header + `<message to='x@` + host + `'><body>hi</body></message>`, "not-authorized"},
		{"wrong-namespace", `<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' to='` + host + `'>`, "invalid-namespace"},
		{"unknown-host", strings.Replace(header, host, "nowhere.test", 1), "host-unknown"},
		{"stanza-after-bind-garbage", header + auth + restart + `<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq><message><</message>`, "not-well-formed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := raw(t, h.addr(), tc.data)
			if !hasStreamError(got, tc.want) {
				t.Fatalf("want stream error %s and close, got %q", tc.want, tail(got))
			}
			h.ping(t, good)
		})
	}
}

// hasStreamError reports whether the server opened a stream, sent the
// stream error cond and closed the stream.
func hasStreamError(got, cond string) bool {
	return strings.HasPrefix(got, "<?xml") && strings.Contains(got, "<stream:stream") &&
		strings.Contains(got, "<stream:error") && strings.Contains(got, "<"+cond+` xmlns="`+xmpp.NSStreamErr) &&
		strings.HasSuffix(got, "</stream:stream>")
}

func tail(s string) string {
	if len(s) > 300 {
		return "…" + s[len(s)-300:]
	}
	return s
}

func TestSCRAMGarbageThenRetryLimit(t *testing.T) {
	h := newHarness(t, Limits{MaxAuthFailures: 2})
	good := h.goodClient(t)
	authHdr := strings.Replace(header, host, "auth."+host, 1)
	bad := `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>Z2FyYmFnZQ==</auth>`
	got := raw(t, h.addr(), authHdr+bad+bad)
	if strings.Count(got, "<failure") != 2 || !hasStreamError(got, "not-authorized") {
		t.Fatalf("got %q", tail(got))
	}
	h.ping(t, good)
}

func TestAuthTimeout(t *testing.T) {
	h := newHarness(t, Limits{AuthTimeout: 30 * time.Second})
	good := h.goodClient(t)
	conn, err := net.Dial("tcp", h.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, header); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	if n, err := conn.Read(buf); err != nil || !strings.Contains(string(buf[:n]), "mechanisms") {
		t.Fatalf("no features: %v %q", err, buf[:n])
	}
	h.clk.Advance(31 * time.Second)
	rest, _ := io.ReadAll(conn)
	if !strings.Contains(string(rest), "connection-timeout") {
		t.Fatalf("after timeout got %q", rest)
	}
	h.ping(t, good)
}

func TestConnectionCap(t *testing.T) {
	h := newHarness(t, Limits{MaxConns: 1})
	good := h.goodClient(t)
	got := raw(t, h.addr(), header)
	if !strings.Contains(got, "resource-constraint") {
		t.Fatalf("over cap got %q", got)
	}
	h.ping(t, good)
	if h.env.Count.Rejected.Load() != 1 {
		t.Fatalf("rejected = %d", h.env.Count.Rejected.Load())
	}
}

var _ = tls.VersionTLS12
