package loadtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
	"github.com/jitsi-go/jitsi-go/loadtest"
)

// TestDemoTransports runs the load test over BOSH (the demo's /http-bind,
// proxied to xmppd) and over c2s (xmppd's TCP port) instead of WebSocket:
// 2 conferences × 2 participants, both sending, everyone joins and
// receives both kinds from the other.
func TestDemoTransports(t *testing.T) {
	for _, tc := range []struct {
		transport string
		target    func(*demo.Demo) string
	}{
		{loadtest.TransportBOSH, func(d *demo.Demo) string { return d.URL() + "http-bind" }},
		{loadtest.TransportC2S, (*demo.Demo).C2SAddr},
	} {
		t.Run(tc.transport, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			d := startDemo(ctx, t)
			res, err := loadtest.Run(ctx, loadtest.Options{Target: tc.target(d), Transport: tc.transport,
				Domain: demo.DefaultDomain, Conferences: 2, PerConference: 2, AudioSenders: 2, VideoSenders: 2,
				VideoBitrate: 200_000, JoinRate: 10, JoinTimeout: 15 * time.Second, Duration: 3 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if s := res.Summary; s.Joined != 4 || s.ReceivingAll != 4 {
				t.Fatalf("over %s: joined %d, receiving all %d of %d; errors %v", tc.transport, s.Joined, s.ReceivingAll, s.Participants, res.Errors)
			}
			for _, p := range res.Participants {
				kinds := map[string]bool{}
				for _, st := range p.Streams {
					if st.Packets > 0 {
						kinds[st.Kind] = true
					}
				}
				if !kinds["audio"] || !kinds["video"] || p.JoinMs < 0 {
					t.Errorf("%s: streams %+v join %v ms", p.Endpoint, p.Streams, p.JoinMs)
				}
			}
			t.Logf("%s: join p50 %.0f ms p95 %.0f ms, loss %.4f", tc.transport, res.Summary.JoinP50Ms, res.Summary.JoinP95Ms, res.Summary.LossRate)
		})
	}
}
