package muc

import (
	"fmt"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

func ownerForm(t *testing.T, s *Service, c *capture) *xmpp.Element {
	t.Helper()
	s.Deliver(xmpp.NewIQ("get", "f1", alice, room, xmpp.NewElement(xmpp.NSMUCOwner, "query")))
	r := find(c.take(), func(e *xmpp.Element) bool { return e.Get("id") == "f1" })
	return r.Child(xmpp.NSMUCOwner, "query").Child(xmpp.NSData, "x")
}

func submitForm(s *Service, c *capture, kv ...string) []*xmpp.Element {
	x := xmpp.NewElement(xmpp.NSData, "x", "type", "submit").Add(field("FORM_TYPE", "hidden", nsRoomConfig))
	for i := 0; i+1 < len(kv); i += 2 {
		x.Add(field(kv[i], "text-single", kv[i+1]))
	}
	s.Deliver(xmpp.NewIQ("set", "s1", alice, room, xmpp.NewElement(xmpp.NSMUCOwner, "query").Add(x)))
	return c.take()
}

func TestHistoryLengthForm(t *testing.T) {
	s, c, _ := histSvc(5, 8)
	aliceSays(s, c, 5)
	x := ownerForm(t, s, c)
	for _, f := range x.Children() {
		if v := f.Get("var"); v == "muc#roomconfig_historylength" || v == "muc#roomconfig_defaulthistorymessages" {
			val := f.Get("type") + " " + f.Child(nsValidate, "validate").Get("datatype")
			if val != "text-single xs:integer" {
				t.Errorf("%s: %s", v, f)
			}
		}
	}
	if formValue(x, "muc#roomconfig_historylength") != "5" || formValue(x, "muc#roomconfig_defaulthistorymessages") != "20" {
		t.Fatalf("form %s", x)
	}
	for _, tc := range []struct {
		name, value, form string
		history           string // what a joiner without <history/> gets afterwards
	}{
		{"smaller value trims", "3", "3", "2,3,4"},
		{"larger value keeps", "6", "6", "2,3,4"},
		{"above the service max is clamped", "50", "8", "2,3,4"},
		{"not an integer restores the default", "3.5", "5", "2,3,4"},
		{"negative keeps none", "-4", "0", ""},
		{"zero keeps none", "0", "0", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := submitForm(s, c, "muc#roomconfig_historylength", tc.value)
			m := find(out, func(e *xmpp.Element) bool { return e.Local == "message" && e.Get("to") == alice })
			if m == nil || statuses(m) != "104" {
				t.Fatalf("no 104 notice: %v", out)
			}
			if got := formValue(ownerForm(t, s, c), "muc#roomconfig_historylength"); got != tc.form {
				t.Fatalf("form shows %q, want %q", got, tc.form)
			}
			if got := bodies(delayed(historyJoin(s, c))); got != tc.history {
				t.Fatalf("history %q, want %q", got, tc.history)
			}
			carolLeaves(s, c)
		})
	}
}

func TestDefaultHistoryMessages(t *testing.T) {
	s, c, _ := histSvc(10, 10)
	aliceSays(s, c, 6)
	submitForm(s, c, "muc#roomconfig_defaulthistorymessages", "2")
	if got := bodies(delayed(historyJoin(s, c))); got != "4,5" {
		t.Fatalf("no <history/>: %q", got)
	}
	carolLeaves(s, c)
	if got := bodies(delayed(historyJoin(s, c, "maxstanzas", "4"))); got != "2,3,4,5" {
		t.Fatalf("maxstanzas=4: %q", got)
	}
	submitForm(s, c, "muc#roomconfig_defaulthistorymessages", "99")
	if got := formValue(ownerForm(t, s, c), "muc#roomconfig_defaulthistorymessages"); got != "10" {
		t.Fatalf("defaulthistorymessages above the length: %q", got)
	}
}

func TestHistoryServiceClamp(t *testing.T) {
	for _, tc := range []struct{ length, max, want int }{
		{20, 20, 20}, {50, 10, 10}, {-3, 10, 0}, {5, -1, 0}, {0, 20, 0},
	} {
		s, c, _ := histSvc(tc.length, tc.max)
		join(s, alice, room+"/alice")
		for i := 0; i < 30; i++ {
			s.Deliver(groupchat(alice, body("x")))
		}
		c.take()
		r := s.room(mustJID(room))
		if r.hist.length != tc.want || len(r.hist.entries) != tc.want || cap(r.hist.entries) > tc.want {
			t.Errorf("length %d max %d: room length %d, %d entries (cap %d), want %d",
				tc.length, tc.max, r.hist.length, len(r.hist.entries), cap(r.hist.entries), tc.want)
		}
	}
}

func TestHistoryLifetime(t *testing.T) {
	s, c, _ := histSvc(20, 20)
	join(s, focus, room+"/focus")
	x := xmpp.NewElement(xmpp.NSData, "x", "type", "submit").Add(field("FORM_TYPE", "hidden", nsRoomConfig),
		boolField("muc#roomconfig_persistentroom", true))
	s.Deliver(xmpp.NewIQ("set", "p1", focus, room, xmpp.NewElement(xmpp.NSMUCOwner, "query").Add(x)))
	s.Deliver(groupchat(focus, body("kept")))
	s.Deliver(xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable", "from", focus, "to", room+"/focus"))
	c.take()
	if got := bodies(delayed(historyJoin(s, c))); got != "kept" {
		t.Fatalf("persistent room lost its history while empty: %q", got)
	}
	s.Deliver(xmpp.NewIQ("set", "d1", focus, room, xmpp.NewElement(xmpp.NSMUCOwner, "query").Add(xmpp.NewElement(xmpp.NSMUCOwner, "destroy"))))
	c.take()
	if got := bodies(delayed(historyJoin(s, c))); got != "" {
		t.Fatalf("history survived destroy: %q", got)
	}
}

func TestGroupchatGetsID(t *testing.T) {
	s, c, _ := histSvc(20, 20)
	join(s, alice, room+"/alice")
	join(s, bob, room+"/bob")
	c.take()
	m := xmpp.NewElement(xmpp.NSClient, "message", "type", "groupchat", "from", alice, "to", room).Add(body("hi"))
	s.Deliver(m)
	live := find(c.take(), func(e *xmpp.Element) bool { return e.Local == "message" && e.Get("to") == bob })
	h := delayed(historyJoin(s, c))
	if live == nil || len(live.Get("id")) != 24 || len(h) != 1 || h[0].Get("id") != live.Get("id") || m.Get("id") != "" {
		t.Fatalf("live %v, history %v, sent %s", live, h, m)
	}
}

// aliceSays has alice join and send messages "0" to "n-1" to the room; what
// the service sent is discarded.
func aliceSays(s *Service, c *capture, n int) {
	join(s, alice, room+"/alice")
	for i := range n {
		s.Deliver(groupchat(alice, body(fmt.Sprint(i))))
	}
	c.take()
}

// carolLeaves has carol (a history joiner) leave the room again.
func carolLeaves(s *Service, c *capture) {
	s.Deliver(xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable", "from", carol, "to", room+"/carol"))
	c.take()
}
