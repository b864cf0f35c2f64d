package xmppapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// made owner, and the focus leaves once the room is empty.
func TestConferenceOverComponent(t *testing.T) {
	e := startEnv(t, "")
	room := "room1@" + envConference
	c1, mux1 := e.client(t, "", "")
	reply := conferenceIQ(t, e.ctx, c1, room)
	if !reply.IsReady() || reply.FocusJID != "focus@auth."+envDomain || reply.Room != room {
		t.Fatalf("reply ready=%v focusjid=%q room=%q", reply.IsReady(), reply.FocusJID, reply.Room)
	}
	if v, _ := reply.Property(colibri.PropAuthentication); v != "false" {
		t.Errorf("authentication property %q", v)
	}
	r1, _ := joinRoom(t, e.ctx, c1, mux1, room, "alice")
	focusOcc := findOccupant(r1.Occupants(), focusNick)
	if focusOcc == nil || !strings.HasPrefix(focusOcc.RealJID, reply.FocusJID+"/") {
		t.Fatalf("focus occupant %+v in %+v", focusOcc, r1.Occupants())
	}
	checkFocusPresence(t, focusOcc.Presence)
	if err := e.svc.WaitFor(e.ctx, snapshotHas(room, "alice")); err != nil {
		t.Fatalf("alice never reached the conference: %v", err)
	}

	c2, mux2 := e.client(t, "", "")
	if r := conferenceIQ(t, e.ctx, c2, room); !r.IsReady() {
		t.Fatal("second request not ready")
	}
	r2, events := joinRoom(t, e.ctx, c2, mux2, room, "bob")
	waitOwner(t, e.ctx, r2, events, "alice")
	if err := e.svc.WaitFor(e.ctx, snapshotHas(room, "alice", "bob")); err != nil {
		t.Fatalf("bob never reached the conference: %v", err)
	}
	// Two participants and no bridge: the focus says so in its presence.
	waitFocusPresence(t, e.ctx, r2, events, func(p colibri.Presence) bool { return p.BridgeNotAvailable != nil })
	checkOccupantIQs(t, e.ctx, c2, room)

	for _, r := range []*muc.Room{r1, r2} {
		if err := r.Leave(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.WaitFor(e.ctx, func(s *Service) bool { return len(s.Hub().Rooms()) == 0 && s.roomCount() == 0 }); err != nil {
		t.Fatalf("conference did not end with the room: %v", err)
	}
}

func findOccupant(occ []muc.Occupant, nick string) *muc.Occupant {
	for i := range occ {
		if occ[i].Nick == nick {
			return &occ[i]
		}
	}
	return nil
}

// The bridge answers the focus's health checks.
func TestBreweryAndREST(t *testing.T) {
	e := startEnv(t, "jicofo.bridge.health-checks.interval = 1 second")
	if code, _ := e.get(t, "/about/health"); code == 200 {
		t.Error("healthy without a bridge")
	}
	jvb, mux := e.client(t, "jvb", envJVBPass)
	checks := make(chan string, 16)
	jvb.Handle(colibri.NSHealthCheck, "healthcheck", func(iq *xmpp.Element) *xmpp.Element {
		select {
		case checks <- iq.Get("from"):
		default:
		}
		return xmpp.Result(iq, nil)
	})
	stats, err := toElement(colibri.StatsFromMap(map[string]string{"stress_level": "0.05", "drain": "false",
		"graceful_shutdown": "false", "shutting_down": "false", "healthy": "true", "version": "2.3.0-go", "region": "r1"}))
	if err != nil {
		t.Fatal(err)
	}
	room, err := mux.Join(e.ctx, jvb, envBrewery, muc.Options{Nick: "jvb-1", Extensions: []*xmpp.Element{stats}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.WaitFor(e.ctx, func(s *Service) bool { return s.Registry().Counts().BridgeCount == 1 }); err != nil {
		t.Fatalf("bridge never registered: %v", err)
	}
	code, body := e.get(t, "/stats")
	var st Stats
	if code != 200 || json.Unmarshal([]byte(body), &st) != nil {
		t.Fatalf("/stats: %d %s", code, body)
	}
	if st.BridgeSelector.BridgeCount != 1 || st.BridgeSelector.OperationalBridgeCount != 1 || !st.XMPPConnected {
		t.Errorf("/stats %s", body)
	}
	if b := e.svc.Registry().Bridges()[0]; !strings.HasSuffix(b.JID, "/jvb-1") || b.Stats.Region != "r1" || b.Stats.Drain {
		t.Errorf("bridge %+v", b)
	}
	if code, body := e.get(t, "/about/health"); code != 200 {
		t.Errorf("/about/health %d %s", code, body)
	}
	select {
	case from := <-checks:
		if !strings.HasPrefix(from, "focus@auth."+envDomain) && !strings.HasSuffix(from, "/focus") {
			t.Errorf("health check from %q", from)
		}
	case <-e.ctx.Done():
		t.Fatal("no health check reached the bridge")
	}
	if err := room.Leave(e.ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.WaitFor(e.ctx, func(s *Service) bool { return s.Registry().Counts().BridgeCount == 0 }); err != nil {
		t.Fatalf("bridge not removed: %v", err)
	}
	if code, _ := e.get(t, "/about/health"); code == 200 {
		t.Error("healthy after the last bridge left")
	}
}

// client behind the native client_proxy; the request's requester is
// unwrapped, the reply finds its way back, and the conference uses the
// room's muc#roominfo_meetingId.
func TestConferenceBehindClientProxy(t *testing.T) {
	e := startXmppdEnv(t, "")
	room := "proxied@" + envConference
	c, mux := e.client(t, "", "")
	reply := conferenceIQ(t, e.ctx, c, room)
	if !reply.IsReady() || reply.FocusJID != "focus@auth."+envDomain {
		t.Fatalf("reply ready=%v focusjid=%q", reply.IsReady(), reply.FocusJID)
	}
	r, _ := joinRoom(t, e.ctx, c, mux, room, "carol")
	if err := e.svc.WaitFor(e.ctx, snapshotHas(room, "carol")); err != nil {
		t.Fatalf("carol never reached the conference: %v", err)
	}
	info, err := r.Info(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	conf := e.svc.Hub().Get(room)
	if ids := info[fieldMeetingID]; len(ids) != 1 || conf == nil || conf.MeetingID() != ids[0] {
		t.Errorf("meeting id of the room %v, of the conference %v", ids, conf)
	}
}
