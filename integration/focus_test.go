package integration

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	fxmpp "github.com/jitsi-go/jitsi-go/focus/xmppapi"
)

// focusConf is the jicofo.conf every test starts from: no SCTP (our bridge
// has the colibri websocket), a short single-participant timeout, and the
// caller's extra lines.
func focusConf(x *xmppEnv, extra string) string {
	host, port, _ := net.SplitHostPort(x.c2s)
	return fmt.Sprintf(`jicofo {
  xmpp.client { hostname = %q, port = %s, domain = %q, username = focus, password = %q, use-tls = %v }
  bridge.brewery-jid = %q
  sctp.enabled = false
  conference.single-participant-timeout = 2 seconds
}
%s`, host, port, authHost, focusPass, x.caFile != "", brewery, extra)
}

// focus is our focus running in-process against one XMPP server.
type focus struct {
	svc *fxmpp.Service
	log *lockedBuffer
}

// startFocus runs the focus (as client focus@auth.<domain>, and on prosody
// also as the component focus.<domain>) until the test ends and waits until
// its connections are up.
func startFocus(t testing.TB, ctx context.Context, x *xmppEnv, extra string) *focus {
	t.Helper()
	cfg, err := config.ParseJicofo("jicofo.conf", []byte(focusConf(x, extra)), domain)
	if err != nil {
		t.Fatal(err)
	}
	f := &focus{log: &lockedBuffer{}}
	opts := fxmpp.Options{Config: cfg, Version: "1.0-int", CAFile: x.caFile, ReconnectDelay: 200 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(f.log, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if x.compAddr != "" {
		opts.ComponentAddr, opts.ComponentSecret = x.compAddr, compSec
	}
	if f.svc, err = fxmpp.New(opts); err != nil {
		t.Fatal(err)
	}
	rctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = f.svc.Run(rctx)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("focus did not stop within 20 s")
		}
		if t.Failed() || os.Getenv("INTEGRATION_LOG") != "" {
			t.Logf("focus log (tail):\n%s", f.log.Tail(40000))
		}
	})
	comp := x.compAddr != ""
	if err := f.svc.WaitFor(ctx, func(s *fxmpp.Service) bool { return s.Connected() && (!comp || s.ComponentConnected()) }); err != nil {
		t.Fatalf("focus never connected: %v", err)
	}
	return f
}

// waitBridges waits until the focus counts n operational bridges.
func (f *focus) waitBridges(t testing.TB, ctx context.Context, n int) {
	t.Helper()
	err := f.svc.WaitFor(ctx, func(s *fxmpp.Service) bool { return s.Registry().Counts().OperationalBridgeCount == n })
	if err != nil {
		t.Fatalf("focus never had %d operational bridges (%+v): %v", n, f.svc.Registry().Counts(), err)
	}
}

// bridgeOf returns the brewery JID of the bridge a participant's session
// is on ("" when none).
func (f *focus) bridgeOf(ctx context.Context, room, nick string) string {
	c := f.svc.Hub().Get(room)
	if c == nil {
		return ""
	}
	snap, err := c.Snapshot(ctx)
	if err != nil {
		return ""
	}
	for _, p := range snap.Participants {
		if p.Nick == nick {
			return p.Bridge
		}
	}
	return ""
}

// operational reports whether the focus counts the bridge with this
// brewery nick as operational.
func (f *focus) operational(nick string) (known, ok bool) {
	for _, b := range f.svc.Registry().Bridges() {
		if strings.HasSuffix(b.JID, "/"+nick) {
			return true, b.Operational
		}
	}
	return false, false
}

// lockedBuffer collects log output from any goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// Contains reports whether one log line holds every one of subs.
func (l *lockedBuffer) Contains(subs ...string) bool { return l.Line(subs...) != "" }

// Line returns the first log line holding every one of subs, or "".
func (l *lockedBuffer) Line(subs ...string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range strings.Split(l.b.String(), "\n") {
		all := true
		for _, s := range subs {
			all = all && strings.Contains(line, s)
		}
		if all {
			return line
		}
	}
	return ""
}

// Tail returns the last n bytes of the log.
func (l *lockedBuffer) Tail(n int) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.b.String()
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return s
}
