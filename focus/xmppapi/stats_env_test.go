package xmppapi

import (
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// getStats fetches /stats and checks every new key's type.
func (e *env) getStats(t *testing.T) map[string]any {
	t.Helper()
	code, body := e.get(t, "/stats")
	if code != 200 {
		t.Fatalf("/stats: %d %s", code, body)
	}
	return checkStatsJSON(t, body)
}

// wantNums checks the numbers at the dotted paths of m.
func wantNums(t *testing.T, when string, m map[string]any, want map[string]float64) {
	t.Helper()
	for k, v := range want {
		if got := num(m, k); got != v {
			t.Errorf("%s: %s = %v, want %v", when, k, got, v)
		}
	}
}

// TestStatsJoinLeave: with our bridge in the brewery, two participants join
// (each gets a session-initiate), one reports an ICE failure in
// session-info, then both leave. /stats follows with jicofo's keys; the
// service-wide counters outlive the conference; /metrics mirrors them.
func TestStatsJoinLeave(t *testing.T) {
	e := startEnv(t, "jicofo.sctp.enabled = false\njicofo.health.enabled = true")
	startBridge(t, e, "jvb-stats")
	room := "statsroom@" + envConference
	focusOcc := room + "/" + focusNick
	var rooms []*muc.Room
	var clients []*xmpp.Client
	var inboxes []chan *jingle.IQ
	for _, nick := range []string{"alice", "bob"} {
		c, mux := e.client(t, "", "")
		inboxes = append(inboxes, jingleInbox(c))
		if r := conferenceIQ(t, e.ctx, c, room); !r.IsReady() {
			t.Fatalf("%s: not ready", nick)
		}
		r, _ := joinRoom(t, e.ctx, c, mux, room, nick)
		rooms, clients = append(rooms, r), append(clients, c)
	}
	var sids []string
	for i, in := range inboxes {
		select {
		case iq := <-in:
			sids = append(sids, iq.Jingle.SID)
		case <-e.ctx.Done():
			t.Fatalf("participant %d got no session-initiate", i)
		}
	}
	info := xmpp.NewElement(nsJingle, "jingle", "action", "session-info", "sid", sids[0]).Add(
		xmpp.NewElement("http://jitsi.org/protocol/focus", "ice-state").AddText("failed"))
	if _, err := clients[0].SendIQ(e.ctx, xmpp.NewIQ("set", "", "", focusOcc, info)); err != nil {
		t.Fatalf("session-info: %v", err)
	}

	m := e.getStats(t)
	wantNums(t, "both in", m, map[string]float64{"conferences": 1, "participants": 2, "total_participants": 2,
		"endpoint_pairs": 4, "jingle.sent.SESSION_INITIATE": 2, "jingle.received.SESSION_INFO": 1,
		"participant_notifications.ice_failed": 1, "participant_notifications.request_restart": 0,
		"bridge_failures.participants_moved": 0, "bridge_failures.bridges_removed": 0, "visitors": 0,
		"slow_health_check": 0})
	if h, _ := m["health"].(map[string]any); h["success"] != true || h["hardFailure"] != true ||
		h["sticky"] != false || jsonType(h["responseCode"]) != "null" || jsonType(h["message"]) != "null" {
		t.Errorf("health %v", m["health"])
	}
	if m["healthy"] != true || num(m, "threads") < 1 {
		t.Errorf("healthy %v threads %v", m["healthy"], m["threads"])
	}

	if err := rooms[0].Leave(e.ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.WaitFor(e.ctx, snapshotHas(room, "bob")); err != nil {
		t.Fatalf("alice never left the conference: %v", err)
	}
	wantNums(t, "alice left", e.getStats(t), map[string]float64{"conferences": 1, "participants": 1,
		"total_participants": 2, "endpoint_pairs": 1, "largest_conference": 1})

	if err := rooms[1].Leave(e.ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.WaitFor(e.ctx, func(s *Service) bool { return len(s.Hub().Rooms()) == 0 }); err != nil {
		t.Fatalf("conference did not end: %v", err)
	}
	wantNums(t, "ended", e.getStats(t), map[string]float64{"conferences": 0, "participants": 0,
		"total_participants": 2, "endpoint_pairs": 0, "jingle.sent.SESSION_INITIATE": 2,
		"jingle.received.SESSION_INFO": 1, "participant_notifications.ice_failed": 1})

	code, body := e.get(t, "/metrics")
	for _, want := range []string{"jitsi_jicofo_participants_total 2", "jitsi_jicofo_jingle_session_initiate_sent_total 2",
		"jitsi_jicofo_jingle_session_info_received_total 1", "jitsi_jicofo_participants_ice_failed_total 1",
		"jitsi_jicofo_participants_pairs 0", "jitsi_jicofo_jibri_instances 0"} {
		if code != 200 || !strings.Contains(body, want+"\n") {
			t.Errorf("/metrics lacks %q: %d", want, code)
		}
	}
}
