package xmppapi

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

const (
	envDomain     = "meet.focus.test"
	envSecret     = "component-secret"
	envFocusPass  = "focus-pw"
	envJVBPass    = "jvb-pw"
	envBrewery    = "JvbBrewery@internal.auth." + envDomain
	envConference = "conference." + envDomain
)

// env is stock prosody with the Jitsi layout and the focus running against
// it as client focus@auth.<domain> plus the external component
// focus.<domain>.
type env struct {
	c2sAddr  string
	compAddr string
	caFile   string // the auth host's certificate; "" without TLS
	svc      *Service
	rest     *httptest.Server
	ctx      context.Context
}

// startEnv starts prosody and the focus and waits until both of the
// focus's connections are up.
func startEnv(t testing.TB, extraConf string) *env { return startProsodyEnv(t, extraConf, true) }

// startProsodyEnv starts prosody and the focus; with component false the
// focus runs its client session only and focus.<domain> is left free.
func startProsodyEnv(t testing.TB, extraConf string, component bool) *env {
	t.Helper()
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	ctx := testCtx(t, 60*time.Second)
	p, err := testenv.StartProsody(ctx, testenv.ProsodyConfig{Dir: t.TempDir(), Domain: envDomain,
		Components: []testenv.Component{{Name: "focus." + envDomain, Secret: envSecret}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if t.Failed() {
			t.Logf("prosody.log:\n%s", p.Log())
		}
		_ = p.Stop(sctx)
	})
	for user, pw := range map[string]string{"focus": envFocusPass, "jvb": envJVBPass} {
		if err := p.Register(ctx, user, "auth."+envDomain, pw); err != nil {
			t.Fatal(err)
		}
	}
	e := &env{c2sAddr: testenv.Loopback(p.Config.C2SPort), compAddr: testenv.Loopback(p.Config.ComponentPort), ctx: ctx}
	e.caFile = filepath.Join(p.Config.CertDir(), "auth."+envDomain+".crt")
	opts := Options{CAFile: e.caFile}
	if component {
		opts.ComponentAddr, opts.ComponentSecret = e.compAddr, envSecret
	}
	e.svc = e.startFocus(t, true, extraConf, opts)
	return e
}

// startFocus runs the focus against e.c2sAddr until the test ends.
func (e *env) startFocus(t testing.TB, useTLS bool, extraConf string, opts Options) *Service {
	t.Helper()
	host, port, _ := net.SplitHostPort(e.c2sAddr)
	cfgText := fmt.Sprintf(`jicofo {
  xmpp.client { hostname = %q, port = %s, domain = "auth.%s", username = focus, password = %q, use-tls = %v }
  bridge.brewery-jid = %q
  conference.initial-timeout = 15 seconds
}
%s`, host, port, envDomain, envFocusPass, useTLS, envBrewery, extraConf)
	cfg, err := ParseConfigForTest(cfgText)
	if err != nil {
		t.Fatal(err)
	}
	opts.Config, opts.Version, opts.Logger, opts.ReconnectDelay = cfg, "1.0-test", testLogger(t), 200*time.Millisecond
	svc, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = svc.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("focus did not stop within 20 s")
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.rest = &httptest.Server{Listener: ln, Config: &http.Server{Handler: svc.Handler(), ReadHeaderTimeout: 5 * time.Second}}
	e.rest.Start()
	t.Cleanup(e.rest.Close)
	component := opts.ComponentSecret != ""
	if err := svc.WaitFor(e.ctx, func(s *Service) bool { return s.Connected() && (!component || s.ComponentConnected()) }); err != nil {
		t.Fatalf("focus never connected: %v", err)
	}
	return svc
}

// client logs in to prosody: anonymously on the main domain when user is
// empty, else as user@auth.<domain>. Its MUC stanzas go to the returned mux.
func (e *env) client(t testing.TB, user, password string) (*xmpp.Client, *muc.Mux) {
	t.Helper()
	mux := muc.NewMux()
	domain := envDomain
	if user != "" {
		domain = "auth." + envDomain
	}
	c, err := xmpp.DialTCP(e.ctx, e.c2sAddr, xmpp.Config{Domain: domain,
		Username: user, Password: password, Resource: "test", OnStanza: func(el *xmpp.Element) { mux.Handle(el) }})
	if err != nil {
		t.Fatalf("login %q: %v", user, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c, mux
}

func (e *env) get(t testing.TB, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(e.ctx, "GET", e.rest.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
