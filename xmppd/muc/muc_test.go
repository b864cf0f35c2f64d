package muc

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

const svc = "conference.meet.test"

type capture struct {
	mu  sync.Mutex
	out []*xmpp.Element
}

func (c *capture) Route(e *xmpp.Element) {
	c.mu.Lock()
	c.out = append(c.out, e)
	c.mu.Unlock()
}

// take returns and clears what was routed.
func (c *capture) take() []*xmpp.Element {
	c.mu.Lock()
	defer c.mu.Unlock()
	o := c.out
	c.out = nil
	return o
}

func newSvc(cfg Config) (*Service, *capture) {
	c := &capture{}
	cfg.Name = svc
	if cfg.Admins == nil {
		cfg.Admins = []string{"focus@auth.meet.test"}
	}
	return New(cfg, c, nil), c
}

func join(s *Service, from, occupant string, ext ...*xmpp.Element) {
	p := xmpp.NewElement(xmpp.NSClient, "presence", "from", from, "to", occupant).Add(xmpp.NewElement(xmpp.NSMUC, "x"))
	p.Add(ext...)
	s.Deliver(p)
}

func find(out []*xmpp.Element, pred func(*xmpp.Element) bool) *xmpp.Element {
	for _, e := range out {
		if pred(e) {
			return e
		}
	}
	return nil
}

func presence(to, from string) func(*xmpp.Element) bool {
	return func(e *xmpp.Element) bool {
		return e.Local == "presence" && e.Get("to") == to && e.Get("from") == from
	}
}

func isError(to, cond string) func(*xmpp.Element) bool {
	return func(e *xmpp.Element) bool {
		if e.Get("type") != "error" || e.Get("to") != to {
			return false
		}
		er := e.Child("", "error")
		return er != nil && er.FirstChild() != nil && er.FirstChild().Local == cond
	}
}

func statuses(p *xmpp.Element) string {
	var codes []string
	if x := p.Child(xmpp.NSMUCUser, "x"); x != nil {
		for _, c := range x.Children() {
			if c.Local == "status" {
				codes = append(codes, c.Get("code"))
			}
		}
	}
	return strings.Join(codes, ",")
}

const (
	focus = "focus@auth.meet.test/focus"
	alice = "a1@meet.test/r1"
	bob   = "b2@meet.test/r2"
	room  = "room1@" + svc
)

func TestFocusHoldsJoins(t *testing.T) {
	s, c := newSvc(Config{MeetingID: true, PublicJIDs: true})
	join(s, focus, room+"/focus")
	c.take()
	// with a restart of the focus the hold applies to a room with no focus yet
	s2, c2 := newSvc(Config{MeetingID: true, PublicJIDs: true})
	join(s2, focus, room+"/other-admin-nick") // admin creates the room but is not "focus"
	c2.take()
	join(s2, alice, room+"/alice", xmpp.NewElement(xmpp.NSClient, "stats-id").AddText("A"))
	if out := c2.take(); find(out, presence(alice, room+"/alice")) != nil {
		t.Fatalf("alice admitted before focus joined: %v", out)
	}
	join(s2, focus+"2", room+"/focus")
	out := c2.take()
	if find(out, presence(alice, room+"/focus")) == nil || find(out, presence(alice, room+"/alice")) == nil {
		t.Fatalf("held join not released after focus joined: %v", out)
	}
	p := find(out, presence(focus+"2", room+"/alice"))
	if p == nil || p.Child(xmpp.NSClient, "stats-id") == nil || p.Child(xmpp.NSClient, "stats-id").Text() != "A" {
		t.Fatalf("focus did not get alice's presence with stats-id: %v", p)
	}
	_ = s
}

func TestRestrictedCreation(t *testing.T) {
	s, c := newSvc(Config{RestrictCreation: true})
	join(s, alice, room+"/alice")
	if find(c.take(), isError(alice, "not-allowed")) == nil {
		t.Fatal("non-admin created a room")
	}
	join(s, focus, room+"/focus")
	p := find(c.take(), presence(focus, room+"/focus"))
	if p == nil || statuses(p) != "110,201" {
		t.Fatalf("admin create: %v", p)
	}
	if item := p.Child(xmpp.NSMUCUser, "x").Child(xmpp.NSMUCUser, "item"); item.Get("affiliation") != "owner" || item.Get("role") != "moderator" {
		t.Fatalf("admin item %s", item)
	}
	join(s, alice, room+"/alice")
	if find(c.take(), presence(alice, room+"/alice")) == nil {
		t.Fatal("alice could not join an existing room")
	}
}

func TestMeetingIDAndOwnerForm(t *testing.T) {
	s, c := newSvc(Config{MeetingID: true})
	join(s, focus, room+"/focus")
	c.take()
	s.Deliver(xmpp.NewIQ("get", "i1", alice, room, xmpp.NewElement(xmpp.NSDiscoInfo, "query")))
	info := find(c.take(), func(e *xmpp.Element) bool { return e.Get("id") == "i1" })
	id := formValue(info.Child(xmpp.NSDiscoInfo, "query").Child(xmpp.NSData, "x"), "muc#roominfo_meetingId")
	if len(id) != 36 {
		t.Fatalf("meetingId %q in %s", id, info)
	}
	s.Deliver(xmpp.NewIQ("get", "o1", focus, room, xmpp.NewElement(xmpp.NSMUCOwner, "query")))
	form := find(c.take(), func(e *xmpp.Element) bool { return e.Get("id") == "o1" })
	x := form.Child(xmpp.NSMUCOwner, "query").Child(xmpp.NSData, "x")
	if formValue(x, "muc#roominfo_meetingId") != id || formValue(x, "muc#roomconfig_whois") != "moderators" {
		t.Fatalf("owner form %s", form)
	}
	submit := xmpp.NewElement(xmpp.NSData, "x", "type", "submit").Add(
		field("FORM_TYPE", "hidden", nsRoomConfig), field("muc#roomconfig_whois", "list-single", "anyone"),
		field("muc#roominfo_meetingId", "text-single", "fixed-id"))
	s.Deliver(xmpp.NewIQ("set", "o2", focus, room, xmpp.NewElement(xmpp.NSMUCOwner, "query").Add(submit)))
	out := c.take()
	if r := find(out, func(e *xmpp.Element) bool { return e.Get("id") == "o2" }); r == nil || r.Get("type") != "result" {
		t.Fatalf("submit: %v", out)
	}
	if m := find(out, func(e *xmpp.Element) bool { return e.Local == "message" }); m == nil || statuses(m) != "172" {
		t.Fatalf("no 172 notice: %v", out)
	}
	if got := s.room(mustJID(room)).MeetingID(); got != "fixed-id" {
		t.Fatalf("meetingId after submit %q", got)
	}
	s.Deliver(xmpp.NewIQ("get", "o3", alice, room, xmpp.NewElement(xmpp.NSMUCOwner, "query")))
	if find(c.take(), isError(alice, "forbidden")) == nil {
		t.Fatal("non-owner read the owner form")
	}
}

func formValue(x *xmpp.Element, v string) string {
	for _, f := range x.Children() {
		if f.Get("var") == v {
			return f.Child(xmpp.NSData, "value").Text()
		}
	}
	return ""
}

// TestHeldJoinsBounded: while the focus is not in, a client's repeated join
// replaces its held one, and beyond maxHeldJoins clients joins are refused
// with resource-constraint instead of queued without bound.
func TestHeldJoinsBounded(t *testing.T) {
	defer func(n int) { maxHeldJoins = n }(maxHeldJoins)
	maxHeldJoins = 20
	s, c := newSvc(Config{MeetingID: true, PublicJIDs: true})
	join(s, focus, room+"/other-admin-nick") // the room exists, its focus is not in
	c.take()
	join(s, alice, room+"/alice")
	join(s, alice, room+"/alice2") // the same client again: replaces its held join
	for i := range maxHeldJoins - 1 {
		join(s, fmt.Sprintf("u%d@meet.test/r", i), fmt.Sprintf("%s/u%d", room, i))
	}
	if out := c.take(); len(out) != 0 {
		t.Fatalf("%d stanzas sent while joins are held: %v", len(out), out[0])
	}
	join(s, "late@meet.test/r", room+"/late")
	out := c.take()
	if len(out) != 1 || out[0].Get("type") != "error" || out[0].Get("to") != "late@meet.test/r" ||
		out[0].Child("", "error") == nil || out[0].Child("", "error").Child("urn:ietf:params:xml:ns:xmpp-stanzas", "resource-constraint") == nil {
		t.Fatalf("join beyond the held limit: %v", out)
	}
	join(s, focus+"2", room+"/focus")
	released := 0
	for _, e := range c.take() {
		if e.Local == "presence" && e.Get("to") == focus+"2" && e.Get("type") == "" {
			released++
		}
	}
	// the focus sees the admin, every released occupant, and itself
	if want := 1 + maxHeldJoins + 1; released != want {
		t.Fatalf("focus saw %d presences, want %d", released, want)
	}
}
