package muc

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// fakeNow is an injected clock the test moves by hand.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeNow) advance(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

var t0 = time.Date(2026, 3, 4, 5, 6, 7, 800e6, time.UTC)

const carol = "c3@meet.test/r3"

func histSvc(length, maxLen int) (*Service, *capture, *fakeNow) {
	clk := &fakeNow{t: t0}
	s, c := newSvc(Config{HistoryLength: length, MaxHistory: maxLen, Now: clk.Now})
	return s, c, clk
}

func groupchat(from string, children ...*xmpp.Element) *xmpp.Element {
	return xmpp.NewElement(xmpp.NSClient, "message", "type", "groupchat", "from", from, "to", room, "id", "m1").Add(children...)
}

func body(text string) *xmpp.Element { return xmpp.NewElement(xmpp.NSClient, "body").AddText(text) }

// delayed returns the history messages among out, in order.
func delayed(out []*xmpp.Element) []*xmpp.Element {
	var h []*xmpp.Element
	for _, e := range out {
		if e.Local == "message" && e.Child(nsDelay, "delay") != nil {
			h = append(h, e)
		}
	}
	return h
}

func bodies(msgs []*xmpp.Element) string {
	var b []string
	for _, m := range msgs {
		if x := m.Child("", "body"); x != nil {
			b = append(b, x.Text())
		} else {
			b = append(b, "-")
		}
	}
	return strings.Join(b, ",")
}

// historyJoin joins carol with an optional <history/> and returns what she got.
func historyJoin(s *Service, c *capture, attrs ...string) []*xmpp.Element {
	x := xmpp.NewElement(xmpp.NSMUC, "x")
	if attrs != nil {
		x.Add(xmpp.NewElement(xmpp.NSMUC, "history", attrs...))
	}
	s.Deliver(xmpp.NewElement(xmpp.NSClient, "presence", "from", carol, "to", room+"/carol").Add(x))
	return c.take()
}

func TestHistoryStorageRules(t *testing.T) {
	for _, tc := range []struct {
		name   string
		msg    []*xmpp.Element
		stored bool
	}{
		{"body", []*xmpp.Element{body("hi")}, true},
		{"subject only", []*xmpp.Element{xmpp.NewElement(xmpp.NSClient, "subject").AddText("topic")}, false},
		{"subject and body", []*xmpp.Element{xmpp.NewElement(xmpp.NSClient, "subject").AddText("t"), body("hi")}, true},
		{"no-store hint", []*xmpp.Element{body("hi"), xmpp.NewElement(nsHints, "no-store")}, false},
		{"no-permanent-store hint", []*xmpp.Element{body("hi"), xmpp.NewElement(nsHints, "no-permanent-store")}, false},
		{"store hint without body", []*xmpp.Element{xmpp.NewElement(nsHints, "store")}, true},
		{"eme encryption", []*xmpp.Element{xmpp.NewElement(nsEME, "encryption", "namespace", "eu.siacs.conversations.axolotl")}, true},
		{"chat marker", []*xmpp.Element{xmpp.NewElement(nsMarkers, "displayed", "id", "x")}, true},
		{"jitsi json-message", []*xmpp.Element{xmpp.NewElement("http://jitsi.org/jitmeet", "json-message").AddText("{}")}, false},
		{"empty", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c, _ := histSvc(20, 20)
			join(s, alice, room+"/alice")
			s.Deliver(groupchat(alice, tc.msg...))
			c.take()
			want := 0
			if tc.stored {
				want = 1
			}
			if got := len(delayed(historyJoin(s, c))); got != want {
				t.Fatalf("history has %d messages, stored=%v wanted", got, tc.stored)
			}
		})
	}
}

// TestHistoryJoinOrder checks prosody's order for a joiner: occupant
// presences, the self-presence, the history, then the subject.
func TestHistoryJoinOrder(t *testing.T) {
	s, c, clk := histSvc(20, 20)
	join(s, alice, room+"/alice")
	join(s, bob, room+"/bob")
	s.Deliver(groupchat(alice, body("one")))
	clk.advance(90 * time.Second)
	s.Deliver(groupchat(bob, body("two"), xmpp.NewElement(nsDelay, "delay", "from", room, "stamp", "1999-01-01T00:00:00Z")))
	s.Deliver(groupchat(alice, xmpp.NewElement(xmpp.NSClient, "subject").AddText("topic")))
	c.take()
	clk.advance(time.Hour)
	out := historyJoin(s, c)
	var seq []string
	for _, e := range out {
		if e.Get("to") != carol {
			continue
		}
		switch {
		case e.Local == "presence" && statuses(e) == "110":
			seq = append(seq, "self")
		case e.Local == "presence":
			seq = append(seq, "presence")
		case e.Child(nsDelay, "delay") != nil:
			seq = append(seq, "history:"+e.Child("", "body").Text())
		case e.Child("", "subject") != nil:
			seq = append(seq, "subject:"+e.Child("", "subject").Text())
		}
	}
	if got := strings.Join(seq, " "); got != "presence presence self history:one history:two subject:topic" {
		t.Fatalf("order: %s", got)
	}
	h := delayed(out)
	want := []struct{ from, stamp string }{{room + "/alice", "2026-03-04T05:06:07Z"}, {room + "/bob", "2026-03-04T05:07:37Z"}}
	for i, m := range h {
		d := m.Child(nsDelay, "delay")
		if m.Get("from") != want[i].from || m.Get("to") != carol || m.Get("type") != "groupchat" ||
			d.Get("from") != room || d.Get("stamp") != want[i].stamp || len(m.Children()) != 2 {
			t.Errorf("history[%d] = %s", i, m)
		}
	}
}

func TestHistoryRequestLimits(t *testing.T) {
	s, c, clk := histSvc(20, 20)
	join(s, alice, room+"/alice")
	for i := 0; i < 25; i++ { // one message every 10 s; the first 5 fall out of a 20-long history
		s.Deliver(groupchat(alice, body(fmt.Sprint(i))))
		clk.advance(10 * time.Second)
	}
	c.take()
	// now = t0+250s; stored: 5..24 at t0+50s … t0+240s (t0 has .8 s, stamps are whole seconds)
	entry := s.room(mustJID(room)).hist.entries[19]
	one := entry.chars + len(carol)
	for _, tc := range []struct {
		name  string
		attrs []string
		want  string
	}{
		{"no history element", nil, "5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24"},
		{"empty history element", []string{}, "5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24"},
		{"maxstanzas=0", []string{"maxstanzas", "0"}, ""},
		{"maxstanzas=3", []string{"maxstanzas", "3"}, "22,23,24"},
		{"maxstanzas=2.5", []string{"maxstanzas", "2.5"}, "23,24"},
		{"maxstanzas not a number", []string{"maxstanzas", "lots"}, "5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24"},
		{"maxchars=0", []string{"maxchars", "0"}, ""},
		{"maxchars one stanza", []string{"maxchars", fmt.Sprint(one + 2)}, "24"},
		{"maxchars just short", []string{"maxchars", fmt.Sprint(one - 1)}, ""},
		{"seconds=35", []string{"seconds", "35"}, "22,23,24"},
		{"seconds=0", []string{"seconds", "0"}, ""},
		{"since", []string{"since", "2026-03-04T05:09:17Z"}, "19,20,21,22,23,24"},
		{"since with offset", []string{"since", "2026-03-04T07:09:17.123+02:00"}, "19,20,21,22,23,24"},
		{"since and seconds, later wins", []string{"since", "2026-03-04T05:09:17Z", "seconds", "25"}, "23,24"},
		{"bad since ignored", []string{"since", "yesterday", "maxstanzas", "1"}, "24"},
		{"maxstanzas and since", []string{"maxstanzas", "2", "since", "2026-03-04T05:09:17Z"}, "23,24"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := historyJoin(s, c, tc.attrs...)
			if got := bodies(delayed(out)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			carolLeaves(s, c)
		})
	}
}

// TestMaxcharsCountsSerialisedSize checks the size an entry counts for
// against the serialisation of the stanza the joiner receives.
func TestMaxcharsCountsSerialisedSize(t *testing.T) {
	s, c, _ := histSvc(20, 20)
	join(s, alice, room+"/alice")
	s.Deliver(groupchat(alice, body("hello & <all>"), xmpp.NewElement("http://jabber.org/protocol/nick", "nick").AddText("Alice")))
	c.take()
	m := delayed(historyJoin(s, c))[0]
	got := s.room(mustJID(room)).hist.entries[0].chars + len(carol)
	// Marshal writes double quotes where prosody writes single ones: same length
	if want := len(m.Marshal(xmpp.NSClient)); got != want {
		t.Fatalf("counted %d, serialised %d: %s", got, want, m.Marshal(xmpp.NSClient))
	}
}
