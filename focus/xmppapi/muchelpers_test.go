package xmppapi

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
	"mellium.im/xmpp/stanza"
)

// conferenceIQ sends the conference request to focus.<domain> as
// lib-jitsi-meet does and returns the reply's payload.
func conferenceIQ(t testing.TB, ctx context.Context, c *xmpp.Client, room string) *colibri.Conference {
	t.Helper()
	q := xmpp.NewElement(colibri.NSFocus, "conference", "room", room, "machine-uid", "test-machine")
	q.Add(xmpp.NewElement(colibri.NSFocus, "property", "name", "rtcstatsEnabled", "value", "false"))
	reply, err := c.SendIQ(ctx, xmpp.NewIQ("set", "", "", "focus."+envDomain, q))
	if err != nil {
		t.Fatalf("conference IQ: %v", err)
	}
	res, err := colibri.DecodeIQ[colibri.Conference](stanzaBytes(reply))
	if err != nil || res.Payload == nil {
		t.Fatalf("conference IQ reply %s: %v", reply, err)
	}
	return res.Payload
}

// participantPresence is the Jitsi part of a web client's MUC presence.
func participantPresence(nick string) []*xmpp.Element {
	stats := xmpp.NewElement(xmpp.NSClient, "stats-id").AddText("Stats-" + nick)
	src := xmpp.NewElement(xmpp.NSClient, "SourceInfo").AddText(`{"` + nick + `-a0":{"muted":false},"` + nick + `-v0":{"muted":true}}`)
	codecs := xmpp.NewElement(xmpp.NSClient, "jitsi_participant_codecList").AddText("vp9,vp8")
	return []*xmpp.Element{stats, src, codecs}
}

// joinRoom joins room as nick and returns the room and its events.
func joinRoom(t testing.TB, ctx context.Context, c *xmpp.Client, mux *muc.Mux, room, nick string) (*muc.Room, chan muc.Event) {
	t.Helper()
	events := make(chan muc.Event, 64)
	r, err := mux.Join(ctx, c, room, muc.Options{Nick: nick, Extensions: participantPresence(nick),
		OnEvent: func(ev muc.Event) {
			select {
			case events <- ev:
			default:
			}
		}})
	if err != nil {
		t.Fatalf("%s joins %s: %v", nick, room, err)
	}
	return r, events
}

// snapshotHas reports whether the room's conference has the participants.
func snapshotHas(room string, nicks ...string) func(*Service) bool {
	return func(s *Service) bool {
		c := s.Hub().Get(room)
		if c == nil {
			return false
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		snap, err := c.Snapshot(ctx)
		if err != nil || len(snap.Participants) != len(nicks) {
			return false
		}
		for i, p := range snap.Participants {
			if p.Nick != nicks[i] {
				return false
			}
		}
		return true
	}
}

// TestConferenceOverComponent is the conference request of a real

// anonymous client to the external component focus.<domain> on stock

// prosody: it is answered ready with the focus JID, the focus is in the room

// as "focus" (so the participant, who may not create rooms, can join), the
// participant's presence reaches the conference, the first participant is

// checkFocusPresence: the focus's room presence carries its version and

// the conference properties lib-jitsi-meet reads.
func checkFocusPresence(t testing.TB, p *xmpp.Element) {
	t.Helper()
	pres, err := colibri.DecodePresence(stanzaBytes(p))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := pres.ConferenceProperties.Get(colibri.KeySupportTerminateRestart); v != "true" {
		t.Errorf("focus presence without support-terminate-restart: %s", p)
	}
	if v, _ := pres.Versions.Get(colibri.ComponentFocus); v != "1.0-test" {
		t.Errorf("focus presence version %q", v)
	}
}

// waitOwner waits until the room reports nick with the owner affiliation.
func waitOwner(t testing.TB, ctx context.Context, r *muc.Room, events chan muc.Event, nick string) {
	t.Helper()
	if o := findOccupant(r.Occupants(), nick); o != nil && o.Affiliation == "owner" {
		return
	}
	for {
		select {
		case ev := <-events:
			if ev.Occupant.Nick == nick && ev.Occupant.Affiliation == "owner" {
				return
			}
		case <-ctx.Done():
			t.Fatalf("%s never became owner", nick)
		}
	}
}

// TestBreweryAndREST: an occupant of the brewery publishing colibri stats

// is a bridge in /stats and makes /about/health pass; its leave removes it.

// waitFocusPresence waits until the focus's presence in the room

// satisfies ok.
func waitFocusPresence(t testing.TB, ctx context.Context, r *muc.Room, events chan muc.Event, ok func(colibri.Presence) bool) {
	t.Helper()
	check := func(o *muc.Occupant) bool {
		if o == nil || o.Nick != focusNick {
			return false
		}
		p, err := colibri.DecodePresence(stanzaBytes(o.Presence))
		return err == nil && ok(p)
	}
	if check(findOccupant(r.Occupants(), focusNick)) {
		return
	}
	for {
		select {
		case ev := <-events:
			if check(&ev.Occupant) {
				return
			}
		case <-ctx.Done():
			t.Fatalf("focus presence never matched; last %v", findOccupant(r.Occupants(), focusNick))
		}
	}
}

// checkOccupantIQs: IQs from an occupant to the focus's occupant JID go

// through the MUC to the conference and back: Jingle for an unknown

// session is refused with bad-request, a participant may not mute the

// moderator (not-allowed).
func checkOccupantIQs(t testing.TB, ctx context.Context, c *xmpp.Client, room string) {
	t.Helper()
	focusOcc := room + "/" + focusNick
	j := xmpp.NewElement(nsJingle, "jingle", "action", "session-accept", "sid", "no-such-session")
	_, err := c.SendIQ(ctx, xmpp.NewIQ("set", "", "", focusOcc, j))
	if !errors.Is(err, stanza.Error{Condition: stanza.BadRequest}) {
		t.Errorf("jingle for an unknown sid: err = %v, want bad-request", err)
	}
	m := xmpp.NewElement(colibri.NSMuteAudio, "mute", "jid", room+"/alice").AddText("true")
	_, err = c.SendIQ(ctx, xmpp.NewIQ("set", "", "", focusOcc, m))
	if !errors.Is(err, stanza.Error{Condition: stanza.NotAllowed}) {
		t.Errorf("mute by a participant: err = %v, want not-allowed", err)
	}
}

// TestConferenceBehindClientProxy: with our xmppd, the focus is a plain
