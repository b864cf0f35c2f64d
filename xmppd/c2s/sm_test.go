package c2s

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// rawLogin logs in anonymously by hand and stops before bind, returning the
// connection, its reader and the post-auth features.
func rawLogin(t testing.TB, addr string) (net.Conn, *xmpp.Reader, *xmpp.Element) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	t.Cleanup(func() { conn.Close() })
	r := xmpp.NewReader(conn, 0)
	open := func() *xmpp.Element {
		if _, err := conn.Write([]byte(header)); err != nil {
			t.Fatal(err)
		}
		if _, err := r.StreamStart(); err != nil {
			t.Fatal(err)
		}
		return next(t, r)
	}
	open()
	send(t, conn, xmpp.NewElement(xmpp.NSSASL, "auth", "mechanism", "ANONYMOUS"))
	if e := next(t, r); e.Local != "success" {
		t.Fatalf("auth: %s", e)
	}
	r = xmpp.NewReader(conn, 0)
	return conn, r, open()
}

func next(t testing.TB, r *xmpp.Reader) *xmpp.Element {
	t.Helper()
	e, err := r.ReadElement()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func send(t testing.TB, conn net.Conn, e *xmpp.Element) {
	t.Helper()
	if _, err := conn.Write(e.Marshal(xmpp.NSClient)); err != nil {
		t.Fatal(err)
	}
}

// TestStreamManagementResume: enable with resume, lose the TCP connection,
// get a message while hibernating, resume on a new connection and receive
// it; the JID and routing survive.
func TestStreamManagementResume(t *testing.T) {
	h := newHarness(t, Limits{})
	conn, r, f := rawLogin(t, h.addr())
	if f.Child(xmpp.NSSM, "sm") == nil {
		t.Fatalf("no sm feature: %s", f)
	}
	send(t, conn, xmpp.NewIQ("set", "b1", "", "", xmpp.NewElement(xmpp.NSBind, "bind")))
	bound := next(t, r).Child(xmpp.NSBind, "bind").Child(xmpp.NSBind, "jid").Text()
	send(t, conn, xmpp.NewElement(xmpp.NSSM, "enable", "resume", "true"))
	en := next(t, r)
	if en.Local != "enabled" || en.Get("resume") != "true" || en.Get("id") == "" {
		t.Fatalf("enable: %s", en)
	}
	send(t, conn, xmpp.NewIQ("get", "p1", "", host, xmpp.NewElement(xmpp.NSPing, "ping")))
	next(t, r)
	send(t, conn, xmpp.NewElement(xmpp.NSSM, "r"))
	if a := next(t, r); a.Local != "a" || a.Get("h") != "1" {
		t.Fatalf("ack: %s", a)
	}
	conn.(*net.TCPConn).SetLinger(0)
	conn.Close() // abrupt loss, no </stream:stream>
	waitHibernating(t, h.env.Resume, en.Get("id"))
	good := h.goodClient(t)
	m := xmpp.NewElement(xmpp.NSClient, "message", "to", bound).Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("while away"))
	if err := good.Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	h.ping(t, good) // the message was routed before the ping's reply
	conn2, r2, _ := rawLogin(t, h.addr())
	send(t, conn2, xmpp.NewElement(xmpp.NSSM, "resume", "previd", en.Get("id"), "h", "0"))
	res := next(t, r2)
	if res.Local != "resumed" || res.Get("h") != "1" {
		t.Fatalf("resume: %s", res)
	}
	var got []string
	for {
		e := next(t, r2)
		if e.Local == "message" {
			if e.Get("to") != bound {
				t.Fatalf("resent to %q, want %q", e.Get("to"), bound)
			}
			got = append(got, e.Child("", "body").Text())
			break
		}
	}
	if !strings.Contains(strings.Join(got, ","), "while away") {
		t.Fatalf("got %v", got)
	}
	send(t, conn2, xmpp.NewIQ("get", "p2", "", host, xmpp.NewElement(xmpp.NSPing, "ping")))
	if e := next(t, r2); e.Get("id") != "p2" && e.Local != "message" {
		t.Fatalf("after resume: %s", e)
	}
}

// waitHibernating polls (bounded) until the server noticed the loss.
func waitHibernating(t *testing.T, r *Resumptions, id string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !hibernating(r, id) {
		select {
		case <-deadline:
			t.Fatal("session never hibernated")
		case <-time.After(time.Millisecond):
		}
	}
}

func hibernating(r *Resumptions, id string) bool {
	r.mu.Lock()
	s := r.m[id]
	r.mu.Unlock()
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sm.hibernating
}

func TestResumeUnknownID(t *testing.T) {
	h := newHarness(t, Limits{})
	conn, r, _ := rawLogin(t, h.addr())
	send(t, conn, xmpp.NewElement(xmpp.NSSM, "resume", "previd", "nope", "h", "0"))
	if e := next(t, r); e.Local != "failed" {
		t.Fatalf("got %s", e)
	}
	send(t, conn, xmpp.NewIQ("set", "b1", "", "", xmpp.NewElement(xmpp.NSBind, "bind")))
	if e := next(t, r); e.Get("type") != "result" {
		t.Fatalf("bind after failed resume: %s", e)
	}
}

// TestHibernationExpires: without a resume the session ends after the
// resumption window on the injected clock, and its JID is released.
func TestHibernationExpires(t *testing.T) {
	h := newHarness(t, Limits{})
	conn, r, _ := rawLogin(t, h.addr())
	send(t, conn, xmpp.NewIQ("set", "b1", "", "", xmpp.NewElement(xmpp.NSBind, "bind")))
	next(t, r)
	send(t, conn, xmpp.NewElement(xmpp.NSSM, "enable", "resume", "true"))
	id := next(t, r).Get("id")
	conn.Close()
	waitHibernating(t, h.env.Resume, id)
	if n := h.env.Router.Stats().Sessions.Load(); n != 1 {
		t.Fatalf("sessions while hibernating = %d", n)
	}
	h.clk.Advance(smResumeAfter + time.Second)
	if n := h.env.Router.Stats().Sessions.Load(); n != 0 || hibernating(h.env.Resume, id) {
		t.Fatalf("after expiry sessions = %d", n)
	}
}
