package server

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

const domain = "meet.test"

func start(t *testing.T) *Server {
	t.Helper()
	cfg := xconfig.Default(domain)
	cfg.DataDir = t.TempDir()
	cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0", "127.0.0.1:0"
	s, err := New(cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
	})
	return s
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return c
}

func dial(t *testing.T, s *Server, cfg xmpp.Config) *xmpp.Client {
	t.Helper()
	cfg.TLS = &tls.Config{InsecureSkipVerify: true}
	c, err := xmpp.DialTCP(ctx(t), s.Addrs().C2S, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// TestClientProxy: a conference IQ to focus.D reaches focus@auth.D from
// focus.D/<client JID>, and the result returns from focus.D.
func TestClientProxy(t *testing.T) {
	s := start(t)
	if err := s.Store().Register("focus", "auth."+domain, "pw"); err != nil {
		t.Fatal(err)
	}
	focus := dial(t, s, xmpp.Config{Domain: "auth." + domain, Username: "focus", Password: "pw", Resource: "focus"})
	if err := focus.Send(ctx(t), xmpp.NewElement(xmpp.NSClient, "presence")); err != nil {
		t.Fatal(err)
	}
	const nsFocus = "http://jitsi.org/protocol/focus"
	client := dial(t, s, xmpp.Config{Domain: domain})
	seen := make(chan string, 1)
	focus.Handle(nsFocus, "conference", func(iq *xmpp.Element) *xmpp.Element {
		seen <- iq.Get("from")
		return xmpp.Result(iq, xmpp.NewElement(nsFocus, "conference", "ready", "true", "focusjid", "focus@auth."+domain))
	})
	req := xmpp.NewIQ("set", "", "", "focus."+domain, xmpp.NewElement(nsFocus, "conference", "room", "r@conference."+domain))
	var reply *xmpp.Element
	var err error
	for i := 0; i < 50; i++ { // the focus's presence may still be in flight
		if reply, err = client.SendIQ(ctx(t), req.Copy()); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("conference IQ: %v", err)
	}
	if reply.Get("from") != "focus."+domain || reply.Child(nsFocus, "conference").Get("ready") != "true" {
		t.Fatalf("reply %s", reply)
	}
	if from := <-seen; from != "focus."+domain+"/"+client.JID().String() {
		t.Fatalf("focus saw from %q", from)
	}
}

func TestAdminEndpointsAndShutdown(t *testing.T) {
	s := start(t)
	c := dial(t, s, xmpp.Config{Domain: domain})
	resp, err := http.Get("http://" + s.Addrs().Admin + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "xmppd_sessions 1") || !strings.Contains(string(body), "xmppd_auth_success_total 1") {
		t.Fatalf("metrics:\n%s", body)
	}
	resp, err = http.Get("http://" + s.Addrs().Admin + "/health")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health: %v %v", err, resp)
	}
	resp.Body.Close()
	sd, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(sd); err != nil {
		t.Fatal(err)
	}
	<-c.Done()
	if !errors.Is(c.Err(), xmpp.ErrStreamError) || !strings.Contains(c.Err().Error(), "system-shutdown") {
		t.Fatalf("client ended with %v, want system-shutdown stream error", c.Err())
	}
}

func TestReloadTLSAndSelfSigned(t *testing.T) {
	s := start(t)
	first := s.currentTLS()
	if err := s.ReloadTLS(); err != nil {
		t.Fatal(err)
	}
	if s.currentTLS() == first {
		t.Fatal("reload kept the old config object")
	}
	c := dial(t, s, xmpp.Config{Domain: domain}) // STARTTLS with the stored self-signed pair
	_ = c
}
