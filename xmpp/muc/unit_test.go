package muc

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

func fixture(t testing.TB, name string) *xmpp.Element {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	e, err := xmpp.ParseElement(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return e
}

func TestParseOccupant(t *testing.T) {
	for i, tc := range []struct {
		file               string
		nick, role, affil  string
		realJID            string
		codes              []string
		destroyed, hasStat bool
	}{
		0: {file: "occupant-stats.xml", nick: "7f3c", role: "moderator", affil: "admin",
			realJID: "jvb@auth.meet.example/abc", hasStat: true},
		1: {file: "self-created.xml", nick: "focus", role: "moderator", affil: "owner",
			realJID: "focus@auth.meet.example/r1", codes: []string{"110", "201"}},
		2: {file: "kicked.xml", nick: "victim", role: "none", affil: "none", codes: []string{"307"}},
		3: {file: "destroyed.xml", nick: "jvb", role: "none", affil: "none", destroyed: true},
	} {
		e := fixture(t, tc.file)
		o, st, ok := parseOccupant(e)
		if !ok || o.Nick != tc.nick || o.Role != tc.role || o.Affiliation != tc.affil || o.RealJID != tc.realJID {
			t.Errorf("%d: occupant %+v ok=%v", i, o, ok)
		}
		if o.OccupantJID != e.Get("from") || o.Presence != e {
			t.Errorf("%d: occupant JID %q / presence not kept", i, o.OccupantJID)
		}
		for _, c := range tc.codes {
			if !st.codes[c] {
				t.Errorf("%d: status %s missing from %v", i, c, st.codes)
			}
		}
		if len(st.codes) != len(tc.codes) || st.destroyed != tc.destroyed {
			t.Errorf("%d: status %+v", i, st)
		}
		if (e.Child(nsColibri, "stats") != nil) != tc.hasStat {
			t.Errorf("%d: extension lost", i)
		}
	}
	if _, _, ok := parseOccupant(xmpp.NewElement(xmpp.NSClient, "presence", "from", "room@muc")); ok {
		t.Error("bare room JID parsed as an occupant")
	}
}

func TestSubmitForm(t *testing.T) {
	offered := parseForm(fixture(t, "owner-form.xml").Child(xmpp.NSData, "x"))
	for i, tc := range []struct {
		set  map[string][]string
		want []formField
	}{
		0: {set: nil, want: []formField{
			{Var: "FORM_TYPE", Values: []string{"http://jabber.org/protocol/muc#roomconfig"}},
			{Var: "muc#roomconfig_roomname"},
			{Var: "muc#roomconfig_whois", Values: []string{"anyone"}},
			{Var: "muc#roomconfig_presencebroadcast", Values: []string{"visitor", "participant", "moderator"}},
		}},
		1: {set: map[string][]string{"muc#roomconfig_whois": {"moderators"}, "z_extra": {"1"}, "a_extra": {}},
			want: []formField{
				{Var: "FORM_TYPE", Values: []string{"http://jabber.org/protocol/muc#roomconfig"}},
				{Var: "muc#roomconfig_roomname"},
				{Var: "muc#roomconfig_whois", Values: []string{"moderators"}},
				{Var: "muc#roomconfig_presencebroadcast", Values: []string{"visitor", "participant", "moderator"}},
				{Var: "a_extra"},
				{Var: "z_extra", Values: []string{"1"}},
			}},
	} {
		x := submitForm(offered, tc.set)
		if x.Get("type") != "submit" {
			t.Errorf("%d: type %q", i, x.Get("type"))
		}
		if got := parseForm(x); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%d: submitted\n%+v\nwant\n%+v", i, got, tc.want)
		}
	}
}

func TestMuxFallback(t *testing.T) {
	m := NewMux()
	var got []*xmpp.Element
	m.SetFallback(func(e *xmpp.Element) { got = append(got, e) })
	for _, e := range []*xmpp.Element{
		fixture(t, "occupant-stats.xml"), // a room we did not join
		xmpp.NewElement(xmpp.NSClient, "message", "from", "a@b/c", "type", "chat"),
		xmpp.NewElement(xmpp.NSClient, "iq", "from", "a@b/c", "type", "result"),
		xmpp.NewElement(xmpp.NSClient, "presence", "from", "bad@@jid"),
	} {
		if m.Handle(e) {
			t.Errorf("consumed %s", e)
		}
	}
	if len(got) != 4 {
		t.Errorf("fallback got %d stanzas, want 4", len(got))
	}
}

func TestRoomMessage(t *testing.T) {
	for i, tc := range []struct {
		typ, from string
		want      bool
	}{
		0: {"groupchat", "r@muc/nick", true},
		1: {"error", "r@muc", true},
		2: {"", "r@muc", true},
		3: {"chat", "r@muc/nick", false},
		4: {"normal", "r@muc/nick", false},
	} {
		e := xmpp.NewElement(xmpp.NSClient, "message", "type", tc.typ, "from", tc.from)
		from, _ := e.From()
		if got := roomMessage(e, from); got != tc.want {
			t.Errorf("%d: roomMessage = %v", i, got)
		}
	}
}

// FuzzRoomHandle feeds arbitrary stanzas to a joined room's handler and the
// form parser: nothing may panic, and the occupant list stays consistent.
func FuzzRoomHandle(f *testing.F) {
	for _, name := range []string{"occupant-stats.xml", "self-created.xml", "kicked.xml", "destroyed.xml", "owner-form.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := xmpp.ParseElement(data)
		if err != nil {
			return
		}
		_ = parseForm(e)
		_ = findForm(e, "")
		r := &Room{mux: NewMux(), jid: "jvbbrewery@internal.auth.meet.example", joined: make(chan bool, 1),
			done: make(chan struct{}), occupants: map[string]Occupant{},
			selfJID: "jvbbrewery@internal.auth.meet.example/focus", joining: true,
			opts: Options{OnEvent: func(Event) {}, OnMessage: func(*xmpp.Element) {}}}
		r.handle(e)
		for nick, o := range r.occupants {
			if nick != o.Nick || nick == "" {
				t.Fatalf("occupant %q stored as %+v", nick, o)
			}
		}
	})
}
