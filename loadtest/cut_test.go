package loadtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
	"github.com/jitsi-go/jitsi-go/loadtest"
)

// TestDemoNetworkCut: in a 3-participant conference against the demo, one
// participant's socket is closed for good and another's traffic is dropped
// for 2 s. The run completes; both cuts are recorded as applied; what the
// others received from the cut participants, and what the dropped one
// received itself, shows as freezes or loss.
func TestDemoNetworkCut(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	d := startDemo(ctx, t)
	res, err := loadtest.Run(ctx, loadtest.Options{Target: d.WebSocketURL(), Domain: demo.DefaultDomain,
		Conferences: 1, PerConference: 3, AudioSenders: 3, VideoSenders: 3, VideoBitrate: 200_000,
		JoinRate: 10, JoinTimeout: 15 * time.Second, Duration: 8 * time.Second, BridgeStats: d.BridgeStatsURL(),
		Cuts: []loadtest.Cut{
			{Conference: 0, Participant: 1, At: 3 * time.Second},
			{Conference: 0, Participant: 2, At: 3 * time.Second, For: 2 * time.Second},
		}, Progress: testWriter{t}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cuts) != 2 {
		t.Fatalf("cuts %+v", res.Cuts)
	}
	for _, c := range res.Cuts {
		if c.AppliedS < 0 || c.Error != "" {
			t.Errorf("cut not applied: %+v", c)
		}
	}
	byEndpoint := map[string]loadtest.ParticipantResult{}
	for _, p := range res.Participants {
		if !p.Joined {
			t.Fatalf("%s did not join: %s", p.Endpoint, p.Error)
		}
		byEndpoint[p.Endpoint] = p
	}
	// hurt reports whether the receiver's streams of kind from sender froze
	// or lost packets.
	hurt := func(receiver, sender, kind string) bool {
		for _, s := range byEndpoint[receiver].Streams {
			if s.From == sender && s.Kind == kind && (s.Freezes > 0 || s.Lost > 0) {
				t.Logf("%s from %s at %s: %d lost of %d, %d freezes (%.0f ms frozen)", kind, sender, receiver, s.Lost, s.Expected, s.Freezes, s.FrozenMs)
				return true
			}
		}
		return false
	}
	checks := []struct{ receiver, sender, kind string }{
		{"c0-p0", "c0-p1", "video"}, // closed for good: its video froze
		{"c0-p2", "c0-p1", "video"},
		{"c0-p0", "c0-p2", "video"}, // dropped for 2 s: a freeze or a gap
		{"c0-p2", "c0-p0", "video"}, // the dropped one's own reception
		{"c0-p2", "c0-p0", "audio"},
	}
	for _, c := range checks {
		if !hurt(c.receiver, c.sender, c.kind) {
			t.Errorf("%s shows no freeze or loss on %s from %s: %+v", c.receiver, c.kind, c.sender, byEndpoint[c.receiver].Streams)
		}
	}
	if res.Summary.Freezes == 0 {
		t.Errorf("summary shows no freezes: %+v", res.Summary)
	}
	t.Logf("summary: loss %.4f, freezes %d, receiving all %d/%d", res.Summary.LossRate, res.Summary.Freezes, res.Summary.ReceivingAll, res.Summary.Participants)
}

// cancelOn cancels a run once its progress line shows a text.
type cancelOn struct {
	text   string
	cancel context.CancelFunc
}

func (c cancelOn) Write(b []byte) (int, error) {
	if strings.Contains(string(b), c.text) {
		c.cancel()
	}
	return len(b), nil
}

// TestDemoInterrupted: a run whose context ends while measuring returns
// what it measured with the context's error, and everyone has left (the
// demo's focus ends the conference).
func TestDemoInterrupted(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	d := startDemo(ctx, t)
	rctx, stop := context.WithCancel(ctx)
	defer stop()
	res, err := loadtest.Run(rctx, loadtest.Options{Target: d.WebSocketURL(), Domain: demo.DefaultDomain,
		Conferences: 1, PerConference: 2, AudioSenders: 2, JoinRate: 10, JoinTimeout: 15 * time.Second,
		Duration: time.Hour, Progress: cancelOn{"media 2/2", stop}})
	if !errors.Is(err, context.Canceled) || res == nil {
		t.Fatalf("interrupted run: %v, result %v", err, res)
	}
	if res.Summary.Joined != 2 || len(res.Samples) == 0 {
		t.Errorf("summary %+v, %d samples", res.Summary, len(res.Samples))
	}
	if err := waitFocusEmpty(ctx, d.FocusStatsURL()); err != nil {
		t.Error(err)
	}
	if _, err := loadtest.Run(ctx, loadtest.Options{}); !errors.Is(err, loadtest.ErrOptions) {
		t.Errorf("empty options: %v", err)
	}
}

// waitFocusEmpty polls the focus's /stats until it counts no participant.
func waitFocusEmpty(ctx context.Context, url string) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	var last string
	for {
		resp, err := http.Get(url)
		if err == nil {
			var st struct {
				Participants *int `json:"participants"`
			}
			err = json.NewDecoder(resp.Body).Decode(&st)
			resp.Body.Close()
			if err == nil && st.Participants != nil && *st.Participants == 0 {
				return nil
			}
			last = fmt.Sprintf("participants %v, %v", st.Participants, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("focus still has participants (%s): %w", last, ctx.Err())
		case <-tick.C:
		}
	}
}
