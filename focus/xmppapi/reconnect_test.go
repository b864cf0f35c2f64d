package xmppapi

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// TestReconnect: when the client session drops, the focus leaves its rooms
// (the participants see it go), forgets the bridges, logs in again after
// ReconnectDelay, finds the bridge again in the brewery, and a new
// conference request brings it back into the room.
func TestReconnect(t *testing.T) {
	e := startEnv(t, "jicofo.sctp.enabled = false")
	startBridge(t, e, "jvb-r")
	room := "again@" + envConference
	c, mux := e.client(t, "", "")
	if r := conferenceIQ(t, e.ctx, c, room); !r.IsReady() {
		t.Fatal("not ready")
	}
	r, events := joinRoom(t, e.ctx, c, mux, room, "dave")
	old := e.svc.sess.Load()
	_ = old.c.Close() // the connection to the server is lost
	for focusLeft := false; !focusLeft; {
		select {
		case ev := <-events:
			focusLeft = ev.Kind == muc.OccupantLeft && ev.Occupant.Nick == focusNick
		case <-e.ctx.Done():
			t.Fatal("the focus never left the room")
		}
	}
	err := e.svc.WaitFor(e.ctx, func(s *Service) bool {
		cur := s.sess.Load()
		return cur != nil && cur != old && s.Registry().Counts().OperationalBridgeCount == 1
	})
	if err != nil {
		t.Fatalf("no new session with the bridge: %v", err)
	}
	if e.svc.Registry().Counts().LostBridges == 0 {
		t.Error("the bridges were not dropped with the connection")
	}
	if rep := conferenceIQ(t, e.ctx, c, room); !rep.IsReady() {
		t.Fatal("not ready after the reconnect")
	}
	for back := findOccupant(r.Occupants(), focusNick) != nil; !back; {
		select {
		case ev := <-events:
			back = ev.Kind == muc.OccupantJoined && ev.Occupant.Nick == focusNick
		case <-e.ctx.Done():
			t.Fatal("the focus never came back to the room")
		}
	}
	if err := e.svc.WaitFor(e.ctx, snapshotHas(room, "dave")); err != nil {
		t.Fatalf("dave not in the new conference: %v", err)
	}
}
