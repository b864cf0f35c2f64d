package xmppapi_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

const (
	domain   = "meet.jvb.test"
	authHost = "auth." + domain
	brewery  = "JvbBrewery@internal.auth." + domain
	// breweryNorm is the room JID as prosody writes it.
	breweryNorm = "jvbbrewery@internal.auth." + domain
)

func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }

// startProsody runs stock prosody with the Jitsi layout and the focus and
// jvb accounts.
func startProsody(t *testing.T, ctx context.Context) *testenv.Prosody {
	t.Helper()
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	testenv.RequireNetNS(t)
	p, err := testenv.StartProsody(ctx, testenv.ProsodyConfig{Dir: t.TempDir(), Domain: domain,
		// prosody opens its component port (which StartProsody waits for)
		// only when a component is configured.
		Components: []testenv.Component{{Name: "focus." + domain, Secret: "unused"}}})
	if err != nil {
		t.Fatal(err)
	}
	stopAtCleanup(t, p)
	for _, u := range []string{"focus", "jvb"} {
		if err := p.Register(ctx, u, authHost, u+"-secret"); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func stopAtCleanup(t *testing.T, p *testenv.Prosody) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = p.Stop(ctx)
		if t.Failed() {
			t.Logf("prosody.log tail:\n%s", p.Log())
		}
	})
}

// roots trusts the self-signed certificates of the test prosody.
func roots(t *testing.T, p *testenv.Prosody) *x509.CertPool {
	t.Helper()
	pool := x509.NewCertPool()
	for _, h := range p.Config.Hosts() {
		pem, err := os.ReadFile(filepath.Join(p.Config.CertDir(), h+".crt"))
		if err != nil {
			t.Fatal(err)
		}
		pool.AppendCertsFromPEM(pem)
	}
	return pool
}

// login connects a test client: user "" is anonymous on the main host.
func login(t *testing.T, ctx context.Context, p *testenv.Prosody, user string, m *muc.Mux) *xmpp.Client {
	t.Helper()
	cfg := xmpp.Config{Domain: domain, TLS: &tls.Config{RootCAs: roots(t, p), MinVersion: tls.VersionTLS12},
		OnStanza: func(e *xmpp.Element) { m.Handle(e) }}
	if user != "" {
		cfg.Domain, cfg.Username, cfg.Password = authHost, user, user+"-secret"
	}
	c, err := xmpp.DialTCP(ctx, testenv.Loopback(p.Config.C2SPort), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// recorder collects occupant events in order.
type recorder struct {
	mu     sync.Mutex
	events []muc.Event
	more   chan struct{}
}

func newRecorder() *recorder { return &recorder{more: make(chan struct{})} }

func (r *recorder) add(ev muc.Event) {
	r.mu.Lock()
	r.events = append(r.events, ev)
	close(r.more)
	r.more = make(chan struct{})
	r.mu.Unlock()
}

// wait returns the first event from index from on that matches ok, and
// the index after it.
func (r *recorder) wait(t *testing.T, ctx context.Context, from int, ok func(muc.Event) bool) (muc.Event, int) {
	t.Helper()
	for {
		r.mu.Lock()
		for i := from; i < len(r.events); i++ {
			if ok(r.events[i]) {
				ev := r.events[i]
				r.mu.Unlock()
				return ev, i + 1
			}
		}
		more, n := r.more, len(r.events)
		r.mu.Unlock()
		select {
		case <-more:
		case <-ctx.Done():
			t.Fatalf("occupant event not seen (%d events): %v", n, ctx.Err())
		}
	}
}

// waitState waits until the service's first client satisfies ok.
func waitState(t *testing.T, ctx context.Context, s *xmppapi.Service, what string, ok func(xmppapi.State) bool) xmppapi.State {
	t.Helper()
	for {
		ch := s.Changed()
		if st := s.States()[0]; ok(st) {
			return st
		}
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatalf("bridge never %s: state %+v", what, s.States()[0])
		}
	}
}

func stat(p *xmpp.Element, name string) string {
	s := p.Child("http://jitsi.org/protocol/colibri", "stats")
	if s == nil {
		return ""
	}
	for _, c := range s.Children() {
		if c.Get("name") == name {
			return c.Get("value")
		}
	}
	return ""
}

func fixture(t *testing.T, name, to string) *xmpp.Element {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	e, err := xmpp.ParseElement(data)
	if err != nil {
		t.Fatal(err)
	}
	e.SetAttr("to", to)
	e.SetAttr("id", "")
	return e
}
