package loadtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
	"github.com/jitsi-go/jitsi-go/loadtest"
)

// TestDemoBOSH runs the load test over BOSH (the demo's /http-bind, proxied
// to xmppd) instead of WebSocket: 2 conferences × 2 participants, both
// sending, everyone joins and receives both kinds from the other.
func TestDemoBOSH(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	d := startDemo(ctx, t)
	res, err := loadtest.Run(ctx, loadtest.Options{Target: d.URL() + "http-bind", Transport: loadtest.TransportBOSH,
		Domain: demo.DefaultDomain, Conferences: 2, PerConference: 2, AudioSenders: 2, VideoSenders: 2,
		VideoBitrate: 200_000, JoinRate: 10, JoinTimeout: 15 * time.Second, Duration: 3 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Summary; s.Joined != 4 || s.ReceivingAll != 4 {
		t.Fatalf("over BOSH: joined %d, receiving all %d of %d; errors %v", s.Joined, s.ReceivingAll, s.Participants, res.Errors)
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
	t.Logf("BOSH: join p50 %.0f ms p95 %.0f ms, loss %.4f", res.Summary.JoinP50Ms, res.Summary.JoinP95Ms, res.Summary.LossRate)
}
