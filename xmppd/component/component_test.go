package component

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
)

type recorder struct{ got chan *xmpp.Element }

func (r recorder) Deliver(e *xmpp.Element) bool { r.got <- e; return true }

func setup(t *testing.T) (*Listener, *router.Router) {
	t.Helper()
	r := router.New("meet.test")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := NewListener(ln, r, map[string]string{"focus.meet.test": "s3cret", "comp.meet.test": "x"}, 0, nil)
	go func() { _ = l.Serve() }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = l.Shutdown(ctx)
	})
	return l, r
}

func TestReplacesAndRestoresProxy(t *testing.T) {
	l, r := setup(t)
	proxy := recorder{got: make(chan *xmpp.Element, 4)}
	r.AddService("focus.meet.test", proxy)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got := make(chan *xmpp.Element, 4)
	c, err := xmpp.DialComponent(ctx, l.Addr().String(), "focus.meet.test", "s3cret", xmpp.Config{OnStanza: func(e *xmpp.Element) { got <- e }})
	if err != nil {
		t.Fatal(err)
	}
	m := xmpp.NewElement(xmpp.NSClient, "message", "from", "u@meet.test/r", "to", "focus.meet.test")
	r.Route(m)
	select {
	case e := <-got:
		if e.Get("from") != "u@meet.test/r" {
			t.Fatalf("component got %s", e)
		}
	case <-ctx.Done():
		t.Fatal("component did not receive")
	}
	if _, err := xmpp.DialComponent(ctx, l.Addr().String(), "focus.meet.test", "s3cret", xmpp.Config{}); !errors.Is(err, xmpp.ErrAuth) {
		t.Fatalf("second component for the same name: %v", err)
	}
	c.Close()
	for l.Connected.Load() != 0 {
		select {
		case <-ctx.Done():
			t.Fatal("component never disconnected")
		case <-time.After(time.Millisecond):
		}
	}
	r.Route(m.Copy())
	select {
	case <-proxy.got:
	case <-ctx.Done():
		t.Fatal("proxy not restored after the component left")
	}
}

func TestHandshakeAndFromChecks(t *testing.T) {
	l, _ := setup(t)
	for _, tc := range []struct{ name, to, secret, after, want string }{
		{"wrong secret", "comp.meet.test", "nope", "", "not-authorized"},
		{"unknown name", "other.meet.test", "x", "", "host-unknown"},
		{"spoofed from", "comp.meet.test", "x", `<message from='victim@meet.test' to='a@meet.test'/>`, "invalid-from"},
		{"malformed", "comp.meet.test", "x", `<message from='comp.meet.test'><</message>`, "not-well-formed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", l.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
			_, _ = io.WriteString(conn, `<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='`+tc.to+`'>`)
			buf := make([]byte, 512)
			n, _ := conn.Read(buf)
			id := strings.SplitN(strings.SplitN(string(buf[:n]), "id='", 2)[1], "'", 2)[0]
			_, _ = io.WriteString(conn, "<handshake>"+digestOf(id, tc.secret)+"</handshake>"+tc.after)
			more, _ := io.ReadAll(conn)
			rest := append(buf[:n], more...)
			if !strings.Contains(string(rest), "<"+tc.want) || !strings.HasSuffix(string(rest), "</stream:stream>") {
				t.Fatalf("got %q", rest)
			}
		})
	}
}
