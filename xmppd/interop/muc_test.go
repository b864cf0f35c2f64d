package interop

import (
	"context"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

const nsTest = "urn:xmppd:test:ext"

// joinPresence is a Jitsi-style join with custom extensions that the MUC
// must pass through untouched.
func joinPresence(occupant, statsID string) *xmpp.Element {
	return xmpp.NewElement(xmpp.NSClient, "presence", "to", occupant).Add(
		xmpp.NewElement(xmpp.NSMUC, "x"),
		xmpp.NewElement(xmpp.NSClient, "stats-id").AddText(statsID),
		xmpp.NewElement(xmpp.NSClient, "SourceInfo").AddText(`{"abcd-a0":{"muted":true}}`),
		xmpp.NewElement(nsTest, "custom", "attr", "v&<>").Add(xmpp.NewElement(nsTest, "deep").AddText("x")))
}

func isPresenceFrom(from string) func(*xmpp.Element) bool {
	return func(e *xmpp.Element) bool {
		return e.Local == "presence" && e.Get("from") == from && e.Get("type") == ""
	}
}

// twoInRoom joins two anonymous clients to a fresh room and returns them
// with their inboxes and occupant JIDs.
func twoInRoom(ctx context.Context, t *testing.T, tg *target) (a, b *xmpp.Client, ina, inb *inbox, occA, occB string) {
	room := uniq("room") + "@conference." + tg.Domain
	occA, occB = room+"/alice", room+"/bob"
	ina, inb = newInbox(), newInbox()
	a = mustDial(ctx, t, func() (*xmpp.Client, error) { return xmpp.DialTCP(ctx, tg.C2S, tg.anonCfg(ina.put)) })
	b = mustDial(ctx, t, func() (*xmpp.Client, error) { return xmpp.DialWebSocket(ctx, tg.wsURL(), tg.anonCfg(inb.put)) })
	if err := a.Send(ctx, joinPresence(occA, "alice-stats")); err != nil {
		t.Fatal(err)
	}
	ina.waitFor(ctx, t, "alice's self-presence", isPresenceFrom(occA))
	if err := b.Send(ctx, joinPresence(occB, "bob-stats")); err != nil {
		t.Fatal(err)
	}
	inb.waitFor(ctx, t, "bob's self-presence", isPresenceFrom(occB))
	return a, b, ina, inb, occA, occB
}

func TestMUCPresenceAndGroupchat(t *testing.T) {
	forEachTarget(t, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		a, _, ina, inb, occA, occB := twoInRoom(ctx, t, tg)
		p := ina.waitFor(ctx, t, "bob's presence at alice", isPresenceFrom(occB))
		checkExtensions(t, p, "bob-stats")
		x := p.Child(xmpp.NSMUCUser, "x")
		if x == nil || x.Child(xmpp.NSMUCUser, "item") == nil || x.Child(xmpp.NSMUCUser, "item").Get("role") == "" {
			t.Fatalf("no muc#user item in %s", p)
		}
		if x.Child(xmpp.NSMUCUser, "item").Get("jid") == "" {
			t.Errorf("public jids: no real jid in %s", p)
		}
		p = inb.waitFor(ctx, t, "alice's presence at bob", isPresenceFrom(occA))
		checkExtensions(t, p, "alice-stats")
		room := occA[:len(occA)-len("/alice")]
		msg := xmpp.NewElement(xmpp.NSClient, "message", "to", room, "type", "groupchat").
			Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("hello <room> & all"))
		if err := a.Send(ctx, msg); err != nil {
			t.Fatal(err)
		}
		got := inb.waitFor(ctx, t, "groupchat at bob", func(e *xmpp.Element) bool {
			return e.Local == "message" && e.Get("type") == "groupchat" && e.Child("", "body") != nil
		})
		if got.Get("from") != occA || got.Child("", "body").Text() != "hello <room> & all" {
			t.Fatalf("groupchat: %s", got)
		}
	})
}

func checkExtensions(t *testing.T, p *xmpp.Element, statsID string) {
	t.Helper()
	if s := p.Child(xmpp.NSClient, "stats-id"); s == nil || s.Text() != statsID {
		t.Errorf("stats-id lost: %s", p)
	}
	if s := p.Child(xmpp.NSClient, "SourceInfo"); s == nil || s.Text() != `{"abcd-a0":{"muted":true}}` {
		t.Errorf("SourceInfo lost: %s", p)
	}
	c := p.Child(nsTest, "custom")
	if c == nil || c.Get("attr") != "v&<>" || c.Child(nsTest, "deep") == nil || c.Child(nsTest, "deep").Text() != "x" {
		t.Errorf("custom extension altered: %s", p)
	}
}

func TestOccupantIQ(t *testing.T) {
	forEachTarget(t, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		a, b, _, _, occA, occB := twoInRoom(ctx, t, tg)
		b.Handle(nsTest, "query", func(iq *xmpp.Element) *xmpp.Element {
			if iq.Get("from") != occA {
				t.Errorf("IQ arrived from %q, want occupant JID %q", iq.Get("from"), occA)
			}
			return xmpp.Result(iq, xmpp.NewElement(nsTest, "query").AddText("pong:"+iq.FirstChild().Text()))
		})
		iq := xmpp.NewIQ("get", "", "", occB, xmpp.NewElement(nsTest, "query").AddText("jingle-ish"))
		reply, err := a.SendIQ(ctx, iq)
		if err != nil {
			t.Fatalf("IQ to occupant: %v", err)
		}
		if reply.Get("from") != occB || reply.Child(nsTest, "query") == nil || reply.Child(nsTest, "query").Text() != "pong:jingle-ish" {
			t.Fatalf("reply %s", reply)
		}
	})
}
