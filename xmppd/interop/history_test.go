package interop

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

const nsDelay = "urn:xmpp:delay"

// TestMUCHistoryMatchesProsody runs one script on xmppd and on stock
// prosody and compares what late joiners receive: alice sends historic and
// non-historic groupchat messages, then bob (no <history/>), carol
// (maxchars admitting two and a half of the stanzas bob got) and dave
// (maxstanzas=0) join; each transcript runs from the first presence to the
// subject.
func TestMUCHistoryMatchesProsody(t *testing.T) {
	want := []string{
		"presence alice", "self", "history alice one delays=1", "history alice two delays=1",
		"history alice three delays=1", "subject topic",
		"presence alice", "presence bob", "self", "history alice two delays=1", "history alice three delays=1", "subject topic",
		"presence alice", "presence bob", "presence carol", "self", "subject topic",
	}
	// xmppd first: without prosody installed the test is skipped after it
	for _, start := range []func(*testing.T) *target{startXmppd, startProsody} {
		tg := start(t)
		ctx := testCtx(t)
		room := uniq("hist") + "@conference." + tg.Domain
		aliceScript(ctx, t, tg, room)
		bob, sizes := lateJoin(ctx, t, tg, room, "bob")
		if len(sizes) != 3 {
			t.Fatalf("%s: bob got %d history messages: %q", tg.Name, len(sizes), bob)
		}
		// two and a half stanzas as this server serialises them (prosody adds
		// xml:lang and occupant-id, so its stanzas are longer)
		maxChars := sizes[1] + sizes[2] + sizes[0]/2
		carol, _ := lateJoin(ctx, t, tg, room, "carol", "maxchars", fmt.Sprint(maxChars))
		dave, _ := lateJoin(ctx, t, tg, room, "dave", "maxstanzas", "0")
		if tr := slices.Concat(bob, carol, dave); !slices.Equal(tr, want) {
			t.Errorf("%s transcript:\n  %s\nwant\n  %s", tg.Name, strings.Join(tr, "\n  "), strings.Join(want, "\n  "))
		}
	}
}

// aliceScript creates the room and sends the messages; it returns once
// alice has the reflection of the last one.
func aliceScript(ctx context.Context, t *testing.T, tg *target, room string) {
	in := newInbox()
	a := mustDial(ctx, t, func() (*xmpp.Client, error) { return xmpp.DialTCP(ctx, tg.C2S, tg.anonCfg(in.put)) })
	send := func(e *xmpp.Element) {
		if err := a.Send(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	send(xmpp.NewElement(xmpp.NSClient, "presence", "to", room+"/alice").Add(xmpp.NewElement(xmpp.NSMUC, "x")))
	in.waitFor(ctx, t, "alice's self-presence", isPresenceFrom(room+"/alice"))
	msg := func(children ...*xmpp.Element) {
		send(xmpp.NewElement(xmpp.NSClient, "message", "to", room, "type", "groupchat").Add(children...))
	}
	body := func(s string) *xmpp.Element { return xmpp.NewElement(xmpp.NSClient, "body").AddText(s) }
	msg(body("one"))
	msg(body("secret"), xmpp.NewElement("urn:xmpp:hints", "no-store"))
	msg(xmpp.NewElement(xmpp.NSClient, "subject").AddText("topic"))
	msg(xmpp.NewElement("http://jitsi.org/jitmeet", "json-message").AddText(`{"type":"x"}`))
	msg(body("two"), xmpp.NewElement(nsDelay, "delay", "from", room, "stamp", "2001-01-01T00:00:00Z"))
	msg(body("three"))
	in.waitFor(ctx, t, "reflection of the last message", func(e *xmpp.Element) bool {
		return e.Local == "message" && e.Child("", "body") != nil && e.Child("", "body").Text() == "three"
	})
}

// lateJoin joins nick with <history attrs/> and returns the transcript up
// to the subject and the serialised sizes of the history messages; the
// occupant stays in the room.
func lateJoin(ctx context.Context, t *testing.T, tg *target, room, nick string, attrs ...string) ([]string, []int) {
	in := newInbox()
	c := mustDial(ctx, t, func() (*xmpp.Client, error) { return xmpp.DialTCP(ctx, tg.C2S, tg.anonCfg(in.put)) })
	x := xmpp.NewElement(xmpp.NSMUC, "x")
	if attrs != nil {
		x.Add(xmpp.NewElement(xmpp.NSMUC, "history", attrs...))
	}
	if err := c.Send(ctx, xmpp.NewElement(xmpp.NSClient, "presence", "to", room+"/"+nick).Add(x)); err != nil {
		t.Fatal(err)
	}
	var tr []string
	var sizes []int
	for {
		var e *xmpp.Element
		select {
		case e = <-in.ch:
		case <-ctx.Done():
			t.Fatalf("%s: no subject after %q", nick, tr)
		}
		line, size := historyLine(e, room, nick)
		if line == "" {
			continue
		}
		tr = append(tr, line)
		if size > 0 {
			sizes = append(sizes, size)
		}
		if strings.HasPrefix(line, "subject") {
			if self := slices.Index(tr, "self"); self > 0 {
				slices.Sort(tr[:self]) // occupants come in map order on both servers
			}
			return tr, sizes
		}
	}
}

// historyLine normalises one stanza a joiner receives.
func historyLine(e *xmpp.Element, room, nick string) (string, int) {
	resource := strings.TrimPrefix(e.Get("from"), room+"/")
	switch {
	case e.Local == "presence" && resource == nick:
		return "self", 0
	case e.Local == "presence":
		return "presence " + resource, 0
	case e.Local != "message":
		return "", 0
	case e.Child("", "subject") != nil && e.Child("", "body") == nil:
		return "subject " + e.Child("", "subject").Text(), 0
	case e.Child(nsDelay, "delay") != nil && e.Child("", "body") != nil:
		n := 0
		for _, c := range e.Children() {
			if c.Is(nsDelay, "delay") {
				n++
				if _, err := time.Parse(time.RFC3339, c.Get("stamp")); err != nil || c.Get("from") != room {
					return "bad delay " + c.String(), 0
				}
			}
		}
		return fmt.Sprintf("history %s %s delays=%d", resource, e.Child("", "body").Text(), n), len(e.Marshal(xmpp.NSClient))
	}
	return "", 0
}
