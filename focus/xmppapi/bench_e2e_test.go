package xmppapi

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// BenchmarkConferenceSetup measures, with our bridge in the brewery, the
// time from the first participant's conference IQ until both participants
// of a new room hold their session-initiate (two logged-in clients, a fresh
// room per iteration), against stock prosody (focus as a component) and
// against our xmppd (focus behind the client proxy). It reports the p50 and
// p99 in milliseconds. Run with -benchtime=Nx: each iteration is a few
// round trips through the server.
func BenchmarkConferenceSetup(b *testing.B) {
	const conf = "jicofo.sctp.enabled = false"
	b.Run("prosody", func(b *testing.B) { benchSetup(b, startEnv(b, conf)) })
	b.Run("xmppd", func(b *testing.B) { benchSetup(b, startXmppdEnv(b, conf)) })
}

func benchSetup(b *testing.B, e *env) {
	startBridge(b, e, "jvb-bench")
	if err := e.svc.WaitFor(e.ctx, func(s *Service) bool { return s.Registry().Counts().OperationalBridgeCount == 1 }); err != nil {
		b.Fatal(err)
	}
	type part struct {
		c   *xmpp.Client
		mux *muc.Mux
		in  chan *jingle.IQ
	}
	var parts []part
	for range 2 {
		c, mux := e.client(b, "", "")
		parts = append(parts, part{c, mux, jingleInbox(c)})
	}
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		room := fmt.Sprintf("bench%d@%s", i, envConference)
		start := time.Now()
		var rooms []*muc.Room
		for j, p := range parts {
			if r := conferenceIQ(b, e.ctx, p.c, room); !r.IsReady() {
				b.Fatal("not ready")
			}
			r, _ := joinRoom(b, e.ctx, p.c, p.mux, room, fmt.Sprintf("p%d", j))
			rooms = append(rooms, r)
		}
		for _, p := range parts {
			select {
			case <-p.in:
			case <-e.ctx.Done():
				b.Fatal("no session-initiate")
			}
		}
		lat = append(lat, time.Since(start))
		for _, r := range rooms {
			if err := r.Leave(e.ctx); err != nil {
				b.Fatal(err)
			}
		}
		if err := e.svc.WaitFor(e.ctx, func(s *Service) bool { return len(s.Hub().Rooms()) == 0 && s.roomCount() == 0 }); err != nil {
			b.Fatal(err)
		}
	}
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}
