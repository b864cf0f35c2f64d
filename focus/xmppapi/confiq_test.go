package xmppapi

import (
	"errors"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

func TestUnwrapClientProxy(t *testing.T) {
	const proxy = "focus.meet.example"
	tests := []struct{ from, want string }{
		{"focus.meet.example/abc@meet.example/res1", "abc@meet.example/res1"},
		{"focus.meet.example/abc@meet.example", "abc@meet.example"},
		{"abc@meet.example/res1", "abc@meet.example/res1"},
		{"focus.meet.example", "focus.meet.example"},
		{"other.meet.example/abc@meet.example/r", "other.meet.example/abc@meet.example/r"},
		{"user@focus.meet.example/abc@meet.example/r", "user@focus.meet.example/abc@meet.example/r"},
		{"focus.meet.example/@@bad", "focus.meet.example/@@bad"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := unwrapClientProxy(proxy, tt.from); got != tt.want {
			t.Errorf("unwrap(%q) = %q, want %q", tt.from, got, tt.want)
		}
	}
	if got := unwrapClientProxy("", "focus.meet.example/a@b/c"); got != "focus.meet.example/a@b/c" {
		t.Errorf("no proxy configured: %q", got)
	}
}

func FuzzUnwrapClientProxy(f *testing.F) {
	f.Add("focus.meet.example/abc@meet.example/res1")
	f.Add("focus.meet.example/focus.meet.example/x@y/z")
	f.Add("abc@meet.example/r")
	f.Fuzz(func(t *testing.T, from string) {
		got := unwrapClientProxy("focus.meet.example", from)
		if got != from && len(got) >= len(from) {
			t.Fatalf("unwrapped %q into something not shorter: %q", from, got)
		}
	})
}

func TestCheckRoom(t *testing.T) {
	s := testService(t)
	tests := []struct {
		room string
		ok   bool
	}{
		{"room1@conference.meet.example", true},
		{"Room1@conference.meet.example", true},
		{"room1@breakout.meet.example", true},
		{"room1@conference.evil.example", false},
		{"conference.meet.example", false},
		{"room1@conference.meet.example/nick", false},
		{"", false},
	}
	for _, tt := range tests {
		_, err := s.checkRoom(&colibri.Conference{Room: tt.room})
		if (err == nil) != tt.ok {
			t.Errorf("%q: err = %v, want ok %v", tt.room, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrBadRequest) {
			t.Errorf("%q: err %v is not ErrBadRequest", tt.room, err)
		}
	}
}

// TestConferenceIQReplyNotConnected: without a client session the request
// is answered ready="false" with the focus JID and properties, so the
// client retries; a request without room gets bad-request.
func TestConferenceIQReplyNotConnected(t *testing.T) {
	s := testService(t)
	s.opts.ReadyWait = time.Second
	iq, err := xmpp.ParseElement([]byte(`<iq xmlns="jabber:client" type="set" id="q1" to="focus@auth.meet.example/focus" ` +
		`from="focus.meet.example/anon@meet.example/r1"><conference xmlns="http://jitsi.org/protocol/focus" ` +
		`room="room1@conference.meet.example" machine-uid="m1"><property name="startAudioMuted" value="9"/></conference></iq>`))
	if err != nil {
		t.Fatal(err)
	}
	reply := s.conferenceIQReply(iq, true)
	if reply.Get("type") != "result" || reply.Get("to") != "focus.meet.example/anon@meet.example/r1" || reply.Get("id") != "q1" {
		t.Fatalf("reply header: %s", reply)
	}
	res, err := colibri.DecodeIQ[colibri.Conference](stanzaBytes(reply))
	if err != nil || res.Payload == nil {
		t.Fatalf("decode %s: %v", reply, err)
	}
	c := res.Payload
	if c.IsReady() || c.Ready == nil || c.FocusJID != "focus@auth.meet.example" || c.Room != "room1@conference.meet.example" {
		t.Errorf("reply %+v", c)
	}
	if v, _ := c.Property(colibri.PropAuthentication); v != "false" {
		t.Errorf("authentication = %q", v)
	}
	bad, _ := xmpp.ParseElement([]byte(`<iq xmlns="jabber:client" type="set" id="q2"><conference xmlns="http://jitsi.org/protocol/focus"/></iq>`))
	if r := s.conferenceIQReply(bad, false); r.Get("type") != "error" || r.Child("", "error") == nil {
		t.Errorf("no room: %s", r)
	}
}
