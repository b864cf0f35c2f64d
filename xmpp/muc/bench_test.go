package muc

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// BenchmarkMuxHandlePresence routes a brewery presence update (a bridge's
// stats) to its room and records the occupant, as a focus does for every
// bridge every stats interval.
func BenchmarkMuxHandlePresence(b *testing.B) {
	m := NewMux()
	r := &Room{mux: m, jid: "jvbbrewery@internal.auth.meet.example", me: "focus@auth.meet.example/r1",
		joined: make(chan bool, 1), done: make(chan struct{}), occupants: map[string]Occupant{},
		selfJID: "jvbbrewery@internal.auth.meet.example/focus", opts: Options{OnEvent: func(Event) {}}}
	if err := m.add(r); err != nil {
		b.Fatal(err)
	}
	e := fixture(b, "occupant-stats.xml")
	b.ReportAllocs()
	for b.Loop() {
		if !m.Handle(e) {
			b.Fatal("not routed")
		}
	}
	if _, ok := r.occupants["7f3c"]; !ok {
		b.Fatal("occupant not recorded")
	}
}

// BenchmarkSubmitForm builds the owner form submission.
func BenchmarkSubmitForm(b *testing.B) {
	offered := parseForm(fixture(b, "owner-form.xml").Child(xmpp.NSData, "x"))
	set := map[string][]string{"muc#roomconfig_whois": {"anyone"}}
	b.ReportAllocs()
	for b.Loop() {
		_ = submitForm(offered, set)
	}
}
