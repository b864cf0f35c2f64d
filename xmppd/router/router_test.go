package router

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
)

type box struct{ got []*xmpp.Element }

func (b *box) Deliver(e *xmpp.Element) bool { b.got = append(b.got, e); return true }

func (b *box) take() []*xmpp.Element { g := b.got; b.got = nil; return g }

type full struct{}

func (full) Deliver(*xmpp.Element) bool { return false }

func cond(e *xmpp.Element) string {
	if er := e.Child("", "error"); er != nil && er.FirstChild() != nil {
		return er.FirstChild().Local
	}
	return ""
}

func TestRoute(t *testing.T) {
	r := New("d")
	a1, a2, b1, svc := &box{}, &box{}, &box{}, &box{}
	r.Bind(jid.MustParse("a@d/1"), a1)
	r.Bind(jid.MustParse("a@d/2"), a2)
	r.Bind(jid.MustParse("b@d/1"), b1)
	r.SetPresence(jid.MustParse("a@d/1"), true, 0)
	r.SetPresence(jid.MustParse("a@d/2"), true, 5)
	r.SetPresence(jid.MustParse("b@d/1"), true, 0)
	r.AddService("conference.d", svc)
	r.HandleIQ(xmpp.NSPing, "ping", func(iq *xmpp.Element, _, _ jid.JID) *xmpp.Element { return xmpp.Result(iq, nil) })
	if r.Bind(jid.MustParse("a@d/1"), a1) {
		t.Fatal("double bind accepted")
	}
	msg := func(to string) *xmpp.Element {
		return xmpp.NewElement(xmpp.NSClient, "message", "from", "b@d/1", "to", to)
	}
	iq := func(typ, to string) *xmpp.Element {
		return xmpp.NewIQ(typ, "i", "b@d/1", to, xmpp.NewElement(xmpp.NSPing, "ping"))
	}
	for _, tc := range []struct {
		name string
		in   *xmpp.Element
		dest *box
		want string // "" = the stanza itself, else the error condition bounced to b
	}{
		{"full jid", msg("a@d/1"), a1, ""},
		{"bare to highest priority", msg("a@d"), a2, ""},
		{"unknown resource falls back to bare", msg("a@d/zzz"), a2, ""},
		{"service", msg("x@conference.d/n"), svc, ""},
		{"iq to missing resource", iq("get", "a@d/zzz"), b1, "service-unavailable"},
		{"unknown domain", msg("x@elsewhere"), b1, "remote-server-not-found"},
		{"offline bare", msg("nobody@d"), b1, "service-unavailable"},
		{"server iq", iq("get", "d"), b1, ""},
		{"unhandled server iq", xmpp.NewIQ("get", "i", "b@d/1", "d", xmpp.NewElement("urn:x", "q")), b1, "service-unavailable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r.Route(tc.in)
			got := tc.dest.take()
			if len(got) != 1 {
				t.Fatalf("delivered %d stanzas to the destination", len(got))
			}
			if c := cond(got[0]); c != tc.want {
				t.Fatalf("got %s, want condition %q", got[0], tc.want)
			}
		})
	}
	// errors are never bounced (no loops)
	r.Route(xmpp.NewElement(xmpp.NSClient, "message", "type", "error", "from", "b@d/1", "to", "x@elsewhere"))
	if len(b1.take()) != 0 || r.Stats().Dropped.Load() == 0 {
		t.Fatal("error stanza bounced")
	}
	r.Bind(jid.MustParse("slow@d/1"), full{})
	r.Route(msg("slow@d/1"))
	if got := b1.take(); len(got) != 1 || cond(got[0]) != "resource-constraint" || r.Stats().Overflows.Load() != 1 {
		t.Fatalf("overflow bounce %v", got)
	}
	r.Unbind(jid.MustParse("a@d/2"))
	r.Route(msg("a@d"))
	if len(a1.take()) != 1 {
		t.Fatal("bare delivery after unbind of the best resource")
	}
}

// TestBindUnbind: resources of one account come and go in any order; the
// account disappears with its last one and the session count follows.
func TestBindUnbind(t *testing.T) {
	r := New("d")
	names := []string{"1", "2", "3"}
	for _, n := range names {
		if !r.Bind(jid.MustParse("a@d/"+n), &box{}) {
			t.Fatalf("bind %s refused", n)
		}
	}
	for i, step := range []struct {
		unbind string
		left   int
	}{{"2", 2}, {"2", 2}, {"1", 1}, {"zzz", 1}, {"3", 0}} {
		r.Unbind(jid.MustParse("a@d/" + step.unbind))
		if got := len(r.Bound(jid.MustParse("a@d"))); got != step.left {
			t.Fatalf("step %d: %d bound after unbinding %s, want %d", i, got, step.unbind, step.left)
		}
		if got := r.Stats().Sessions.Load(); got != int64(step.left) {
			t.Fatalf("step %d: session count %d, want %d", i, got, step.left)
		}
	}
	if _, ok := r.sessions["a@d"]; ok {
		t.Fatal("account kept after its last session")
	}
	if !r.Bind(jid.MustParse("a@d/2"), &box{}) {
		t.Fatal("rebind refused")
	}
}
