package loadtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
	"github.com/jitsi-go/jitsi-go/loadtest"
	"github.com/jitsi-go/jitsi-go/loadtest/report"
)

// TestDemoAcceptance is issue 8's acceptance run: against the demo
// deployment started in this process, 5 conferences × 3 participants (2
// audio+video senders each) for 20 s over WebSocket. Every participant
// receives media from every sender of its conference, the JSON has every
// metric with plausible values, and the HTML report is written.
func TestDemoAcceptance(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	d := startDemo(ctx, t)
	res, err := loadtest.Run(ctx, loadtest.Options{Target: d.WebSocketURL(), Transport: loadtest.TransportWebSocket,
		Domain: demo.DefaultDomain, Conferences: 5, PerConference: 3, AudioSenders: 2, VideoSenders: 2,
		VideoBitrate: 200_000, JoinRate: 5, JoinTimeout: 15 * time.Second, Duration: 20 * time.Second,
		BridgeStats: d.BridgeStatsURL(), FocusStats: d.FocusStatsURL(),
		Procs: []loadtest.Proc{{Name: "demo", PID: os.Getpid()}}, Progress: testWriter{t}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	checkParticipants(t, doc, 3, 2)
	checkSamples(t, doc)
	checkSummary(t, doc, 15)
	var html bytes.Buffer
	if err := report.WriteHTML(&html, res); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, html.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "<svg") {
		t.Errorf("report has no plot (%d bytes)", html.Len())
	}
	s := res.Summary
	t.Logf("joined %d/%d, receiving all %d; join p50 %.0f ms p95 %.0f ms max %.0f ms; loss %.4f%%; jitter p95 %.2f ms; freezes %d; recv %.2f Mbit/s",
		s.Joined, s.Participants, s.ReceivingAll, s.JoinP50Ms, s.JoinP95Ms, s.JoinMaxMs, s.LossRate*100, s.JitterP95Ms, s.Freezes, s.RecvBitrateBps/1e6)
	for _, p := range s.Procs {
		t.Logf("%s: CPU mean %.2f peak %.2f cores, RSS peak %.1f MB, %.4f cores and %.0f kB per participant",
			p.Name, p.CPUMean, p.CPUPeak, float64(p.RSSPeakBytes)/1e6, p.CPUPerParticipant, p.RSSPerParticipantB/1e3)
	}
	t.Logf("report %d bytes, JSON %d bytes, %d samples", html.Len(), len(b), len(res.Samples))
}

// field returns m[key] as a number, failing when absent or not a number.
func field(t *testing.T, where string, m map[string]any, key string) float64 {
	t.Helper()
	v, ok := m[key]
	if !ok {
		t.Fatalf("%s: no %q in %v", where, key, m)
	}
	f, ok := v.(float64)
	if !ok {
		t.Fatalf("%s: %q is %T %v, want a number", where, key, v, v)
	}
	return f
}

func list(t *testing.T, where string, m map[string]any, key string) []any {
	t.Helper()
	v, ok := m[key].([]any)
	if !ok {
		t.Fatalf("%s: %q is %T, want a list", where, key, m[key])
	}
	return v
}

// checkParticipants: every participant joined with non-negative timings
// and receives audio and video from every other sender of its conference
// with plausible stream figures.
func checkParticipants(t *testing.T, doc map[string]any, per, senders int) {
	t.Helper()
	for i, pv := range list(t, "result", doc, "participants") {
		p := pv.(map[string]any)
		where := fmt.Sprintf("participant %v", p["endpoint"])
		if p["joined"] != true || p["error"] != nil {
			t.Errorf("%s: joined %v error %v", where, p["joined"], p["error"])
			continue
		}
		for _, k := range []string{"to_session_initiate_ms", "to_ice_connected_ms", "to_dtls_connected_ms",
			"to_first_audio_ms", "to_first_video_ms", "join_ms"} {
			if v := field(t, where, p, k); v < 0 {
				t.Errorf("%s: %s = %v", where, k, v)
			}
		}
		got := map[string]bool{}
		for _, sv := range list(t, where, p, "streams") {
			s := sv.(map[string]any)
			checkStream(t, where, s)
			got[fmt.Sprintf("%v/%v", s["from"], s["kind"])] = true
		}
		conf, idx := i/per, i%per
		for j := range senders {
			if j == idx {
				continue
			}
			for _, kind := range []string{"audio", "video"} {
				if k := fmt.Sprintf("c%d-p%d/%s", conf, j, kind); !got[k] {
					t.Errorf("%s: no %s stream; has %v", where, k, got)
				}
			}
		}
	}
}

func checkStream(t *testing.T, where string, s map[string]any) {
	t.Helper()
	where = fmt.Sprintf("%s stream %v", where, s["ssrc"])
	for _, k := range []string{"ssrc", "packets", "bytes", "expected", "lost", "jitter_ms", "freezes", "frozen_ms"} {
		if v := field(t, where, s, k); v < 0 {
			t.Errorf("%s: %s = %v", where, k, v)
		}
	}
	if l := field(t, where, s, "loss_rate"); l < 0 || l > 1 {
		t.Errorf("%s: loss rate %v", where, l)
	}
	if b := field(t, where, s, "bitrate_bps"); b <= 0 {
		t.Errorf("%s: bitrate %v", where, b)
	}
	if field(t, where, s, "packets") == 0 {
		t.Errorf("%s: no packets", where)
	}
}

// checkSamples: about one sample per second, each with the counts, the
// demo process's CPU and RSS and the bridge's and focus's stats.
func checkSamples(t *testing.T, doc map[string]any) {
	t.Helper()
	samples := list(t, "result", doc, "samples")
	dur := field(t, "result", doc, "duration_s")
	if n := float64(len(samples)); n < 0.7*dur || n > dur+1 {
		t.Errorf("%d samples over %.1f s", len(samples), dur)
	}
	withBridge, withFocus, withConferences := 0, 0, 0
	for i, sv := range samples {
		s := sv.(map[string]any)
		where := fmt.Sprintf("sample %d", i)
		for _, k := range []string{"t_s", "joined", "media_flowing", "errors", "recv_bitrate_bps"} {
			if v := field(t, where, s, k); v < 0 {
				t.Errorf("%s: %s = %v", where, k, v)
			}
		}
		if l := field(t, where, s, "loss_rate"); l < 0 || l > 1 {
			t.Errorf("%s: loss %v", where, l)
		}
		procs := list(t, where, s, "procs")
		if len(procs) != 1 {
			t.Fatalf("%s: procs %v", where, procs)
		}
		p := procs[0].(map[string]any)
		if field(t, where, p, "cpu_cores") <= 0 || field(t, where, p, "rss_bytes") <= 0 {
			t.Errorf("%s: demo process %v", where, p)
		}
		if m, ok := s["bridge_stats"].(map[string]any); ok && len(m) > 0 {
			withBridge++
			if c, ok := m["conferences"].(float64); ok && c > 0 {
				withConferences++
			}
		}
		if m, ok := s["focus_stats"].(map[string]any); ok && len(m) > 0 {
			withFocus++
		}
	}
	if withBridge < len(samples)/2 || withFocus < len(samples)/2 {
		t.Errorf("bridge stats in %d, focus stats in %d of %d samples", withBridge, withFocus, len(samples))
	}
	if withConferences == 0 {
		t.Errorf("no bridge stats sample counts a conference")
	}
}

// checkSummary: everyone joined and receives everything, with plausible
// join percentiles, loss, bitrate, machine and process figures.
func checkSummary(t *testing.T, doc map[string]any, total float64) {
	t.Helper()
	s := doc["summary"].(map[string]any)
	for _, k := range []string{"participants", "joined", "receiving_all"} {
		if v := field(t, "summary", s, k); v != total {
			t.Errorf("summary %s = %v, want %v", k, v, total)
		}
	}
	p50, p95, pmax := field(t, "summary", s, "join_p50_ms"), field(t, "summary", s, "join_p95_ms"), field(t, "summary", s, "join_max_ms")
	if !(0 < p50 && p50 <= p95 && p95 <= pmax) {
		t.Errorf("join p50 %v p95 %v max %v", p50, p95, pmax)
	}
	if l := field(t, "summary", s, "loss_rate"); l < 0 || l > 1 {
		t.Errorf("summary loss %v", l)
	}
	if field(t, "summary", s, "jitter_p95_ms") < 0 || field(t, "summary", s, "freezes") < 0 || field(t, "summary", s, "recv_bitrate_bps") <= 0 {
		t.Errorf("summary %v", s)
	}
	procs := list(t, "summary", s, "procs")
	if len(procs) != 1 {
		t.Fatalf("summary procs %v", procs)
	}
	p := procs[0].(map[string]any)
	for _, k := range []string{"cpu_mean_cores", "cpu_peak_cores", "rss_peak_bytes", "cpu_per_participant_cores"} {
		if field(t, "summary proc", p, k) <= 0 {
			t.Errorf("summary proc %s: %v", k, p)
		}
	}
	field(t, "summary proc", p, "rss_per_participant_bytes")
	m := doc["machine"].(map[string]any)
	if field(t, "machine", m, "cpus") < 1 || m["goos"] == "" {
		t.Errorf("machine %v", m)
	}
	c := doc["config"].(map[string]any)
	if c["transport"] != "websocket" || field(t, "config", c, "conferences") != 5 || c["bridge_stats_url"] == nil {
		t.Errorf("config %v", c)
	}
}
