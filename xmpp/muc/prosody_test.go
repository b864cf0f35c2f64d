package muc

import (
	"errors"
	"strings"
	"testing"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

const nsColibri = "http://jitsi.org/protocol/colibri"

func stats(kv ...string) *xmpp.Element {
	s := xmpp.NewElement(nsColibri, "stats")
	for i := 0; i+1 < len(kv); i += 2 {
		s.Add(xmpp.NewElement(nsColibri, "stat", "name", kv[i], "value", kv[i+1]))
	}
	return s
}

func statOf(p *xmpp.Element, name string) string {
	s := p.Child(nsColibri, "stats")
	if s == nil {
		return ""
	}
	for _, c := range s.Children() {
		if c.Get("name") == name {
			return c.Get("value")
		}
	}
	return ""
}

func TestJoinOccupantsAndEvents(t *testing.T) {
	p := prosody(t)
	ctx := testCtx(t)
	room := uniqueRoom(t)
	m := NewMux()
	recA, recB := newRecorder(), newRecorder()
	a, err := m.Join(ctx, dial(t, ctx, p, m), room, Options{Nick: "focus", OnEvent: recA.add})
	if err != nil {
		t.Fatal(err)
	}
	if a.Self().Nick != "focus" || a.Self().Affiliation != "owner" || a.Self().Role != "moderator" {
		t.Errorf("self = %+v, want owner/moderator focus", a.Self())
	}
	b, err := m.Join(ctx, dial(t, ctx, p, m), room, Options{Nick: "jvb-1", OnEvent: recB.add,
		Extensions: []*xmpp.Element{stats("drain", "false", "stress_level", "0.1")}})
	if err != nil {
		t.Fatal(err)
	}
	// The initial occupant was reported before Join returned.
	if evs := recB.snapshot(); len(evs) == 0 || !is(OccupantJoined, "focus")(evs[0]) {
		t.Fatalf("B's events at join = %+v, want focus joined", evs)
	}
	if occ := b.Occupants(); len(occ) != 1 || occ[0].OccupantJID != a.JID()+"/focus" {
		t.Fatalf("B's occupants = %+v", occ)
	}
	ev, next := recA.wait(t, ctx, 0, is(OccupantJoined, "jvb-1"))
	if statOf(ev.Occupant.Presence, "drain") != "false" || statOf(ev.Occupant.Presence, "stress_level") != "0.1" {
		t.Errorf("join presence seen by A lost the extension: %s", ev.Occupant.Presence)
	}
	if err := b.SetPresence(ctx, stats("drain", "true")); err != nil {
		t.Fatal(err)
	}
	ev, next = recA.wait(t, ctx, next, is(OccupantUpdated, "jvb-1"))
	if statOf(ev.Occupant.Presence, "drain") != "true" || statOf(ev.Occupant.Presence, "stress_level") != "" {
		t.Errorf("updated presence = %s", ev.Occupant.Presence)
	}
	if got := a.Occupants(); len(got) != 1 || statOf(got[0].Presence, "drain") != "true" {
		t.Errorf("A's occupants after update = %+v", got)
	}
	if err := b.Leave(ctx); err != nil {
		t.Fatal(err)
	}
	<-b.Done()
	ev, _ = recA.wait(t, ctx, next, is(OccupantLeft, "jvb-1"))
	if ev.Kicked || ev.Destroyed {
		t.Errorf("plain leave reported as %+v", ev)
	}
	if len(a.Occupants()) != 0 {
		t.Errorf("A still lists %+v", a.Occupants())
	}
	if err := b.SetPresence(ctx); !errors.Is(err, ErrNotInRoom) {
		t.Errorf("SetPresence after leave: %v, want ErrNotInRoom", err)
	}
}

func TestJoinNickConflict(t *testing.T) {
	p := prosody(t)
	ctx := testCtx(t)
	room := uniqueRoom(t)
	m := NewMux()
	if _, err := m.Join(ctx, dial(t, ctx, p, m), room, Options{Nick: "same"}); err != nil {
		t.Fatal(err)
	}
	c := dial(t, ctx, p, m)
	_, err := m.Join(ctx, c, room, Options{Nick: "same"})
	var se stanza.Error
	if !errors.As(err, &se) || se.Condition != stanza.Conflict || !errors.Is(err, ErrJoin) {
		t.Fatalf("join with a taken nick: %v, want ErrJoin with conflict", err)
	}
	// The failed room is forgotten: the same client can join under another nick.
	if _, err := m.Join(ctx, c, room, Options{Nick: "other"}); err != nil {
		t.Fatalf("join after conflict: %v", err)
	}
}

func TestCreateAppliesOwnerForm(t *testing.T) {
	p := prosody(t)
	ctx := testCtx(t)
	m := NewMux()
	for _, tc := range []struct {
		whois    string
		realJIDs bool
	}{{"anyone", true}, {"moderators", false}} {
		room := "whois-" + tc.whois + "@" + brewery
		owner, err := m.Join(ctx, dial(t, ctx, p, m), room, Options{Nick: "owner",
			Configure: map[string][]string{"muc#roomconfig_whois": {tc.whois},
				"muc#roomconfig_roomdesc": {"brewery " + tc.whois}}})
		if err != nil {
			t.Fatal(err)
		}
		guest, err := m.Join(ctx, dial(t, ctx, p, m), room, Options{Nick: "guest"})
		if err != nil {
			t.Fatal(err)
		}
		occ := guest.Occupants()
		if len(occ) != 1 || (occ[0].RealJID != "") != tc.realJIDs {
			t.Errorf("whois=%s: guest sees %+v, real JIDs visible want %v", tc.whois, occ, tc.realJIDs)
		}
		info, err := owner.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if d := info["muc#roominfo_description"]; len(d) != 1 || d[0] != "brewery "+tc.whois {
			t.Errorf("whois=%s: info = %v", tc.whois, info)
		}
	}
}

func TestSetAffiliation(t *testing.T) {
	p := prosody(t)
	ctx := testCtx(t)
	room := uniqueRoom(t)
	m := NewMux()
	rec := newRecorder()
	owner, err := m.Join(ctx, dial(t, ctx, p, m), room, Options{Nick: "owner", OnEvent: rec.add})
	if err != nil {
		t.Fatal(err)
	}
	mc := dial(t, ctx, p, m)
	if _, err := m.Join(ctx, mc, room, Options{Nick: "member"}); err != nil {
		t.Fatal(err)
	}
	if err := owner.SetAffiliation(ctx, mc.JID().Bare().String(), "member"); err != nil {
		t.Fatal(err)
	}
	ev, _ := rec.wait(t, ctx, 0, func(ev Event) bool {
		return ev.Kind == OccupantUpdated && ev.Occupant.Nick == "member" && ev.Occupant.Affiliation == "member"
	})
	if ev.Occupant.RealJID != mc.JID().String() {
		t.Errorf("real JID %q, want %q", ev.Occupant.RealJID, mc.JID())
	}
	bc := dial(t, ctx, p, m)
	if err := owner.SetAffiliation(ctx, bc.JID().Bare().String(), "outcast"); err != nil {
		t.Fatal(err)
	}
	var se stanza.Error
	if _, err := m.Join(ctx, bc, room, Options{Nick: "banned"}); !errors.As(err, &se) || se.Condition != stanza.Forbidden {
		t.Fatalf("outcast join: %v, want forbidden", err)
	}
	// An affiliation the room does not know comes back as the stanza error.
	if err := owner.SetAffiliation(ctx, "x@y", "bogus"); !errors.As(err, &se) {
		t.Errorf("bad affiliation: %v, want a stanza error", err)
	}
}

func TestKickAndConnectionLoss(t *testing.T) {
	p := prosody(t)
	ctx := testCtx(t)
	room := uniqueRoom(t)
	m := NewMux()
	rec := newRecorder()
	oc := dial(t, ctx, p, m)
	owner, err := m.Join(ctx, oc, room, Options{Nick: "owner", OnEvent: rec.add})
	if err != nil {
		t.Fatal(err)
	}
	victim, err := m.Join(ctx, dial(t, ctx, p, m), room, Options{Nick: "victim"})
	if err != nil {
		t.Fatal(err)
	}
	kick := xmpp.NewElement(xmpp.NSMUCAdmin, "query").Add(
		xmpp.NewElement(xmpp.NSMUCAdmin, "item", "nick", "victim", "role", "none"))
	if _, err := oc.SendIQ(ctx, xmpp.NewIQ("set", "", "", owner.JID(), kick)); err != nil {
		t.Fatal(err)
	}
	select {
	case <-victim.Done():
	case <-ctx.Done():
		t.Fatal("kicked room not done")
	}
	if err := victim.Err(); !errors.Is(err, ErrNotInRoom) || !strings.Contains(err.Error(), "kicked") {
		t.Errorf("kicked room Err = %v", err)
	}
	if owner.Err() != nil {
		t.Errorf("owner's room Err = %v while in it", owner.Err())
	}
	if ev, _ := rec.wait(t, ctx, 0, is(OccupantLeft, "victim")); !ev.Kicked {
		t.Errorf("kick reported as %+v", ev)
	}
	lostC := dial(t, ctx, p, m)
	lost, err := m.Join(ctx, lostC, room, Options{Nick: "lost"})
	if err != nil {
		t.Fatal(err)
	}
	_ = lostC.Close()
	select {
	case <-lost.Done():
	case <-ctx.Done():
		t.Fatal("room not done after the connection closed")
	}
	if !errors.Is(lost.Err(), xmpp.ErrClosed) {
		t.Errorf("lost room Err = %v", lost.Err())
	}
	rec.wait(t, ctx, 0, is(OccupantLeft, "lost"))
	if err := lost.Leave(ctx); err != nil {
		t.Errorf("Leave of a lost room: %v", err)
	}
	if _, err := m.Join(ctx, oc, room, Options{Nick: "owner"}); !errors.Is(err, ErrAlreadyJoined) {
		t.Errorf("second join: %v, want ErrAlreadyJoined", err)
	}
}
