package xmppapi_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// advanceUntil advances the fake clock past each backoff delay until the
// bridge is connected in session n.
func (e *fixtureEnv) advanceUntil(t *testing.T, ctx context.Context, n int, step time.Duration) xmppapi.State {
	t.Helper()
	for {
		st := waitState(t, ctx, e.svc, "waiting or connected", func(s xmppapi.State) bool {
			return s.Waiting || (s.Connected && s.Sessions == n)
		})
		if st.Connected {
			return st
		}
		e.clk.Advance(step)
		waitState(t, ctx, e.svc, "attempting", func(s xmppapi.State) bool { return s.Attempts > st.Attempts })
	}
}

func TestReconnectAfterProsodyRestart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	e := newEnv(t, ctx)
	e.await(t, ctx, bridgeEvent(muc.OccupantJoined))
	waitState(t, ctx, e.svc, "connected", func(s xmppapi.State) bool { return s.Connected })

	if err := e.p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	st := waitState(t, ctx, e.svc, "disconnected", func(s xmppapi.State) bool { return s.Waiting })
	if st.Connected || st.LastError == "" {
		t.Errorf("after the kill: %+v", st)
	}
	// While prosody is down, attempts fail and the delay grows.
	e.clk.Advance(time.Second)
	st = waitState(t, ctx, e.svc, "failing", func(s xmppapi.State) bool { return s.Failures >= 1 && s.Waiting })

	// StartProsody writes fresh certificates: the restarted server is
	// verified against them.
	p2, err := testenv.StartProsody(ctx, e.p.Config)
	if err != nil {
		t.Fatal(err)
	}
	stopAtCleanup(t, p2)
	e.p = p2
	e.svc.SetRootCAs(roots(t, p2))
	st = e.advanceUntil(t, ctx, 2, 30*time.Second)
	if len(st.Rooms) != 1 || st.Rooms[0] != bridgeOcc || st.Failures != 0 {
		t.Errorf("after the restart: %+v", st)
	}
	e.focusJoin(t, ctx)
	ev := e.await(t, ctx, bridgeEvent(muc.OccupantJoined))
	if stat(ev.Occupant.Presence, "drain") != "false" || ev.Occupant.RealJID == "" {
		t.Errorf("rejoined bridge as seen by the focus: %s", ev.Occupant.Presence)
	}
}

// TestPingTimeoutReconnects freezes prosody (SIGSTOP): the keepalive ping
// goes unanswered, the session is dropped, and the bridge is back once
// prosody runs again.
func TestPingTimeoutReconnects(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	e := newEnv(t, ctx)
	waitState(t, ctx, e.svc, "connected", func(s xmppapi.State) bool { return s.Connected })
	pid := e.p.PID()
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	resumed := false
	resume := func() {
		if !resumed {
			resumed = true
			_ = syscall.Kill(pid, syscall.SIGCONT)
		}
	}
	defer resume()
	e.clk.Advance(30 * time.Second) // the ping is sent
	waitState(t, ctx, e.svc, "pinging", func(s xmppapi.State) bool { return s.Pings == 1 })
	e.clk.Advance(15 * time.Second) // and times out
	st := waitState(t, ctx, e.svc, "dropped", func(s xmppapi.State) bool { return s.Waiting })
	if st.Connected {
		t.Errorf("still connected: %+v", st)
	}
	resume()
	e.advanceUntil(t, ctx, 2, 30*time.Second)
}
