package report

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// countWriter counts the bytes of the page.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countWriter)(nil)

// BenchmarkWriteHTML renders a 1000-participant, 300-sample run and
// reports the size of the page.
func BenchmarkWriteHTML(b *testing.B) {
	r := synthResult(1000, 300)
	var w countWriter
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		w.n = 0
		if err := WriteHTML(&w, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(w.n), "html-bytes")
}

// synthResult builds a deterministic run of conferences of 5 participants
// (2 sending audio and video), every 50th failing to join, and samples of
// a bridge and a focus process.
func synthResult(participants, samples int) *loadtest.Result {
	rng := rand.New(rand.NewPCG(8, uint64(participants)))
	const per = 5
	r := &loadtest.Result{
		Started:  time.Date(2026, 11, 21, 17, 0, 0, 0, time.UTC),
		Duration: float64(samples),
		Config: loadtest.RunConfig{Target: "ws://127.0.0.1:5280/xmpp-websocket", Transport: "websocket",
			Domain: "meet.jitsi", Conferences: (participants + per - 1) / per, PerConference: per,
			AudioSenders: 2, VideoSenders: 2, VideoBitrate: 1_000_000, JoinRate: 20, DurationS: float64(samples),
			PIDs: []loadtest.Proc{{Name: "bridge", PID: 100}, {Name: "focus", PID: 101}}},
		Machine: loadtest.Machine{CPUs: 2, GOOS: "linux", GOARCH: "amd64"},
	}
	for i := range participants {
		r.Participants = append(r.Participants, synthParticipant(rng, i, per))
	}
	for s := range samples {
		r.Samples = append(r.Samples, synthSample(rng, s, participants))
	}
	r.Summary = loadtest.Summary{Participants: participants, Joined: participants - participants/50,
		JoinP50Ms: 300, JoinP95Ms: 700, JoinMaxMs: 1400, LossRate: 0.002, RecvBitrateBps: 1e9}
	return r
}

func synthParticipant(rng *rand.Rand, i, per int) loadtest.ParticipantResult {
	p := loadtest.ParticipantResult{
		Conference: fmt.Sprintf("loadtest%d@conference.meet.jitsi", i/per),
		Endpoint:   fmt.Sprintf("%08x", rng.Uint32()), SendsAudio: i%per < 2, SendsVideo: i%per < 2,
		Joined: i%50 != 49, ToSessionInitiateMs: 20 + 80*rng.Float64(), ToICEMs: 50 + 200*rng.Float64(),
	}
	p.ToDTLSMs = p.ToICEMs + 20 + 40*rng.Float64()
	p.ToFirstAudioMs = p.ToDTLSMs + 10 + 50*rng.Float64()
	p.ToFirstVideoMs = p.ToFirstAudioMs + 30*rng.Float64()
	p.JoinMs = p.ToSessionInitiateMs + p.ToFirstAudioMs + 600*rng.ExpFloat64()/4
	if !p.Joined {
		p.Error = "jingle: no session-accept ack after 10s"
		p.ToDTLSMs, p.ToFirstAudioMs, p.ToFirstVideoMs, p.JoinMs = -1, -1, -1, -1
		return p
	}
	for _, kind := range []string{"audio", "video", "audio", "video"} {
		lost := uint64(rng.IntN(5))
		p.Streams = append(p.Streams, loadtest.StreamResult{From: "sender", SSRC: rng.Uint32(),
			Kind: kind, Packets: 5000, Expected: 5000 + lost, Lost: lost,
			LossRate: float64(lost) / float64(5000+lost), BitrateBps: 500e3, JitterMs: 5 * rng.Float64()})
	}
	return p
}

func synthSample(rng *rand.Rand, s, participants int) loadtest.Sample {
	return loadtest.Sample{T: float64(s + 1), Joined: participants, MediaFlowing: participants - s%3,
		RecvBitrateBps: 1e9 * (0.95 + 0.1*rng.Float64()), LossRate: 0.01 * rng.Float64(),
		Procs: []loadtest.ProcSample{
			{Name: "bridge", PID: 100, CPU: 1.2 + 0.3*rng.Float64(), RSSBytes: 300<<20 + uint64(s)<<16},
			{Name: "focus", PID: 101, CPU: 0.1 * rng.Float64(), RSSBytes: 60 << 20},
		}}
}
