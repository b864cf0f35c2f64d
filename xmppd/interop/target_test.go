package interop

import (
	"context"
	"crypto/tls"
	"fmt"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// target is one server under test with the Jitsi layout for Domain.
type target struct {
	Name      string
	Domain    string
	C2S       string // host:port
	HTTP      string // host:port
	Component string // host:port
	// CompName and CompSecret are an external component the server accepts.
	CompName, CompSecret string
	Register             func(user, host, pass string) error
}

func (tg *target) wsURL() string   { return "ws://" + tg.HTTP + "/xmpp-websocket" }
func (tg *target) boshURL() string { return "http://" + tg.HTTP + "/http-bind" }

// anonCfg logs in anonymously on the main domain.
func (tg *target) anonCfg(onStanza func(*xmpp.Element)) xmpp.Config {
	return xmpp.Config{Domain: tg.Domain, TLS: &tls.Config{InsecureSkipVerify: true}, OnStanza: onStanza}
}

func (tg *target) userCfg(user, pass string, onStanza func(*xmpp.Element)) xmpp.Config {
	return xmpp.Config{Domain: "auth." + tg.Domain, Username: user, Password: pass,
		TLS: &tls.Config{InsecureSkipVerify: true}, OnStanza: onStanza}
}

// forEachTarget runs fn against xmppd and prosody.
func forEachTarget(t *testing.T, fn func(t *testing.T, tg *target)) {
	t.Run("xmppd", func(t *testing.T) { fn(t, startXmppd(t)) })
	t.Run("prosody", func(t *testing.T) { fn(t, startProsody(t)) })
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// inbox collects stanzas for a client; stanzas skipped by one waitFor stay
// available to the next.
type inbox struct {
	ch      chan *xmpp.Element
	backlog []*xmpp.Element
}

func newInbox() *inbox { return &inbox{ch: make(chan *xmpp.Element, 4096)} }

func (in *inbox) put(e *xmpp.Element) {
	select {
	case in.ch <- e:
	default:
	}
}

// waitFor returns the first stanza matching pred, failing after ctx.
func (in *inbox) waitFor(ctx context.Context, t *testing.T, what string, pred func(*xmpp.Element) bool) *xmpp.Element {
	t.Helper()
	for i, e := range in.backlog {
		if pred(e) {
			in.backlog = append(in.backlog[:i], in.backlog[i+1:]...)
			return e
		}
	}
	for {
		select {
		case e := <-in.ch:
			if pred(e) {
				return e
			}
			in.backlog = append(in.backlog, e)
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
			return nil
		}
	}
}

func mustDial(ctx context.Context, t *testing.T, dial func() (*xmpp.Client, error)) *xmpp.Client {
	t.Helper()
	c, err := dial()
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func uniq(prefix string) string { return fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1e9) }
