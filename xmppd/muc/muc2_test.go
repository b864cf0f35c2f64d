package muc

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/jid"
)

func mustJID(s string) jid.JID { return jid.MustParse(s) }

func TestNickConflictAndWhois(t *testing.T) {
	s, c := newSvc(Config{})
	join(s, alice, room+"/alice")
	join(s, bob, room+"/alice")
	if find(c.take(), isError(bob, "conflict")) == nil {
		t.Fatal("duplicate nick admitted")
	}
	join(s, bob, room+"/bob")
	out := c.take()
	p := find(out, presence(bob, room+"/alice")) // alice (owner, moderator) as seen by bob
	if p.Child(xmpp.NSMUCUser, "x").Child(xmpp.NSMUCUser, "item").Get("jid") != "" {
		t.Fatal("semi-anonymous room leaked alice's real JID to a participant")
	}
	p = find(out, presence(alice, room+"/bob")) // moderators see real JIDs
	if p.Child(xmpp.NSMUCUser, "x").Child(xmpp.NSMUCUser, "item").Get("jid") != bob {
		t.Fatalf("moderator did not see real JID: %s", p)
	}
}

func TestOccupantIQAndPrivateMessage(t *testing.T) {
	s, c := newSvc(Config{})
	join(s, alice, room+"/alice")
	join(s, bob, room+"/bob")
	c.take()
	payload := xmpp.NewElement("urn:xmpp:jingle:1", "jingle", "action", "session-initiate")
	s.Deliver(xmpp.NewIQ("set", "j1", alice, room+"/bob", payload))
	fwd := find(c.take(), func(e *xmpp.Element) bool { return e.Get("id") == "j1" })
	if fwd == nil || fwd.Get("to") != bob || fwd.Get("from") != room+"/alice" || fwd.Child("urn:xmpp:jingle:1", "jingle") == nil {
		t.Fatalf("forwarded %v", fwd)
	}
	s.Deliver(xmpp.NewIQ("result", "j1", bob, room+"/alice", nil))
	back := find(c.take(), func(e *xmpp.Element) bool { return e.Get("id") == "j1" })
	if back == nil || back.Get("to") != alice || back.Get("from") != room+"/bob" {
		t.Fatalf("result %v", back)
	}
	s.Deliver(xmpp.NewIQ("get", "j2", "stranger@meet.test/x", room+"/bob", payload))
	if find(c.take(), isError("stranger@meet.test/x", "not-acceptable")) == nil {
		t.Fatal("non-occupant IQ was forwarded")
	}
	s.Deliver(xmpp.NewElement(xmpp.NSClient, "message", "type", "chat", "from", bob, "to", room+"/alice").
		Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("psst")))
	pm := find(c.take(), func(e *xmpp.Element) bool { return e.Local == "message" })
	if pm == nil || pm.Get("to") != alice || pm.Get("from") != room+"/bob" {
		t.Fatalf("private message %v", pm)
	}
}

func TestKickAffiliationDestroy(t *testing.T) {
	s, c := newSvc(Config{})
	join(s, focus, room+"/focus")
	join(s, alice, room+"/alice")
	c.take()
	grant := xmpp.NewElement(xmpp.NSMUCAdmin, "query").Add(xmpp.NewElement(xmpp.NSMUCAdmin, "item", "affiliation", "owner", "jid", "a1@meet.test"))
	s.Deliver(xmpp.NewIQ("set", "g1", focus, room, grant))
	out := c.take()
	p := find(out, presence(focus, room+"/alice"))
	if p == nil || p.Child(xmpp.NSMUCUser, "x").Child(xmpp.NSMUCUser, "item").Get("affiliation") != "owner" {
		t.Fatalf("grant owner: %v", out)
	}
	s.Deliver(xmpp.NewIQ("set", "g2", alice, room, grant)) // alice is owner now and may grant too
	if r := find(c.take(), func(e *xmpp.Element) bool { return e.Get("id") == "g2" }); r.Get("type") != "result" {
		t.Fatalf("owner grant refused: %s", r)
	}
	join(s, bob, room+"/bob")
	c.take()
	kick := xmpp.NewElement(xmpp.NSMUCAdmin, "query").Add(xmpp.NewElement(xmpp.NSMUCAdmin, "item", "nick", "bob", "role", "none"))
	s.Deliver(xmpp.NewIQ("set", "k1", alice, room, kick))
	out = c.take()
	if p := find(out, presence(bob, room+"/bob")); p == nil || p.Get("type") != "unavailable" || statuses(p) != "110,307" {
		t.Fatalf("kick: %v", out)
	}
	s.Deliver(xmpp.NewIQ("set", "d1", focus, room, xmpp.NewElement(xmpp.NSMUCOwner, "query").Add(xmpp.NewElement(xmpp.NSMUCOwner, "destroy"))))
	out = c.take()
	if p := find(out, presence(alice, room+"/alice")); p == nil || p.Child(xmpp.NSMUCUser, "x").Child(xmpp.NSMUCUser, "destroy") == nil {
		t.Fatalf("destroy: %v", out)
	}
	if s.room(mustJID(room)) != nil || s.Rooms.Load() != 0 || s.Occupants.Load() != 0 {
		t.Fatalf("room left behind: rooms=%d occupants=%d", s.Rooms.Load(), s.Occupants.Load())
	}
}

func TestAuthenticatedOnlyAndEmptyRoomRemoval(t *testing.T) {
	s, c := newSvc(Config{AuthenticatedOnly: true, IsAnonymousHost: func(d string) bool { return d == "meet.test" }})
	join(s, alice, room+"/alice")
	if find(c.take(), isError(alice, "forbidden")) == nil {
		t.Fatal("anonymous user joined the brewery")
	}
	join(s, focus, room+"/focus")
	s.Deliver(xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable", "from", focus, "to", room+"/focus"))
	if s.room(mustJID(room)) != nil || s.Rooms.Load() != 0 {
		t.Fatal("empty room not removed")
	}
}
