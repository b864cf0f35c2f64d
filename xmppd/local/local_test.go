package local

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/router"
	"mellium.im/xmpp/jid"
)

type box struct{ got []*xmpp.Element }

func (b *box) Deliver(e *xmpp.Element) bool { b.got = append(b.got, e); return true }

func (b *box) last() *xmpp.Element {
	if len(b.got) == 0 {
		return nil
	}
	e := b.got[len(b.got)-1]
	b.got = nil
	return e
}

func setup() (*router.Router, *box, *box) {
	r := router.New("d", "auth.d")
	Register(r, Services{"conference.d": {Category: "conference", Type: "text", Name: "Chatrooms"}}, NewRoster())
	focus, proxy := &box{}, &box{}
	r.Bind(jid.MustParse("focus@auth.d/focus"), focus)
	r.SetPresence(jid.MustParse("focus@auth.d/focus"), true, 0)
	r.Bind(jid.MustParse("jvb@auth.d/x"), proxy)
	r.SetPresence(jid.MustParse("jvb@auth.d/x"), true, 0)
	return r, focus, proxy
}

func TestDisco(t *testing.T) {
	r, focus, _ := setup()
	r.Route(xmpp.NewIQ("get", "1", "focus@auth.d/focus", "d", xmpp.NewElement(xmpp.NSDiscoItem, "query")))
	items := focus.last()
	if it := items.Child(xmpp.NSDiscoItem, "query").Child("", "item"); it == nil || it.Get("jid") != "conference.d" {
		t.Fatalf("items %s", items)
	}
	r.Route(xmpp.NewIQ("get", "2", "focus@auth.d/focus", "d", xmpp.NewElement(xmpp.NSDiscoInfo, "query")))
	info := focus.last()
	found := false
	for _, f := range info.Child(xmpp.NSDiscoInfo, "query").Children() {
		found = found || f.Get("var") == xmpp.NSPing
	}
	if !found {
		t.Fatalf("info %s", info)
	}
}

func TestSubscription(t *testing.T) {
	r, focus, jvb := setup()
	r.Route(xmpp.NewElement(xmpp.NSClient, "presence", "type", "subscribe", "from", "jvb@auth.d/x", "to", "focus@auth.d"))
	if p := focus.last(); p == nil || p.Get("type") != "subscribe" || p.Get("from") != "jvb@auth.d" {
		t.Fatalf("subscribe not delivered: %v", p)
	}
	r.Route(xmpp.NewElement(xmpp.NSClient, "presence", "type", "subscribed", "from", "focus@auth.d/focus", "to", "jvb@auth.d"))
	if p := jvb.last(); p == nil || p.Get("type") != "subscribed" {
		t.Fatalf("subscribed not delivered: %v", p)
	}
	r.Route(xmpp.NewIQ("get", "r", "focus@auth.d/focus", "focus@auth.d", xmpp.NewElement(xmpp.NSRoster, "query")))
	roster := focus.last()
	it := roster.Child(xmpp.NSRoster, "query").Child("", "item")
	if it == nil || it.Get("jid") != "jvb@auth.d" || it.Get("subscription") != "from" {
		t.Fatalf("roster %s", roster)
	}
	r.Route(xmpp.NewIQ("get", "r2", "jvb@auth.d/x", "focus@auth.d", xmpp.NewElement(xmpp.NSRoster, "query")))
	if e := jvb.last(); e == nil || e.Get("type") != "error" {
		t.Fatalf("read someone else's roster: %v", e)
	}
}
