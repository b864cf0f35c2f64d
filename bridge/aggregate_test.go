package bridge

import (
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/sfu"
)

func TestAggregate(t *testing.T) {
	audio := epSample{sendingAudio: true}
	video := epSample{sendingVideo: true, rtt: 30 * time.Millisecond}
	both := epSample{sendingAudio: true, sendingVideo: true, rtt: 10 * time.Millisecond}
	quiet := epSample{rtt: 20 * time.Millisecond}
	visitor := epSample{visitor: true}
	tests := []struct {
		name  string
		confs [][]epSample
		want  loadStats
	}{
		{"empty", nil, loadStats{}},
		{"active conference with a receive-only endpoint",
			[][]epSample{{audio, video, quiet}},
			loadStats{sendingAudio: 1, sendingVideo: 1, receiveOnly: 1, localActive: 3, rttMs: 25}},
		{"inactive pair is p2p, its endpoints are not receive-only",
			[][]epSample{{quiet, visitor}},
			loadStats{inactiveEndpoints: 2, inactiveConferences: 1, p2pConferences: 1, visitors: 1, rttMs: 20}},
		{"inactive trio is not p2p",
			[][]epSample{{quiet, quiet, quiet}},
			loadStats{inactiveEndpoints: 3, inactiveConferences: 1, rttMs: 20}},
		{"mixed conferences",
			[][]epSample{{both, visitor}, {quiet, quiet}, {}},
			loadStats{sendingAudio: 1, sendingVideo: 1, receiveOnly: 1, localActive: 2, visitors: 1,
				inactiveEndpoints: 2, inactiveConferences: 2, p2pConferences: 1, rttMs: (10 + 20 + 20) / 3.0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := aggregate(tc.confs); got != tc.want {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestLossOver(t *testing.T) {
	at := func(inR, inL, outR, outL uint64) sfu.Stats {
		return sfu.Stats{IncomingLoss: sfu.Loss{Received: inR, Lost: inL}, OutgoingLoss: sfu.Loss{Received: outR, Lost: outL}}
	}
	tests := []struct {
		name      string
		prev, cur sfu.Stats
		want      lossFractions
	}{
		{"no traffic", at(0, 0, 0, 0), at(0, 0, 0, 0), lossFractions{}},
		{"idle interval after traffic", at(100, 5, 100, 5), at(100, 5, 100, 5), lossFractions{}},
		{"incoming only", at(0, 0, 0, 0), at(90, 10, 0, 0), lossFractions{incoming: 0.1, overall: 0.1}},
		{"both directions over the interval", at(1000, 50, 500, 0), at(1190, 60, 575, 25),
			lossFractions{incoming: 0.05, outgoing: 0.25, overall: 35.0 / 300}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := lossOver(tc.prev, tc.cur); got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestRateSamplerLoss: the sampler publishes the last interval's loss.
func TestRateSamplerLoss(t *testing.T) {
	var r rateSampler
	t0 := time.Unix(1000, 0)
	r.init(t0, sfu.Stats{IncomingLoss: sfu.Loss{Received: 10}})
	r.sample(t0.Add(5*time.Second), sfu.Stats{IncomingLoss: sfu.Loss{Received: 28, Lost: 2}})
	if got := r.getLoss(); got != (lossFractions{incoming: 0.1, overall: 0.1}) {
		t.Fatalf("loss %+v", got)
	}
}
