package bridge

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/internal/clock"
)

// jvbNumericKeys are the keys of jvb's VideobridgeStatisticsShim this
// bridge added for drop-in dashboards; every one is a JSON number.
var jvbNumericKeys = []string{
	"endpoints_sending_audio", "endpoints_sending_video", "receive_only_endpoints",
	"inactive_endpoints", "inactive_conferences", "local_active_endpoints", "p2p_conferences",
	"visitors", "total_visitors", "total_ice_failed", "total_ice_succeeded", "total_ice_succeeded_relayed",
	"endpoints_ice_failed", "dtls_failed_endpoints", "total_dominant_speaker_changes",
	"total_conference_seconds", "rtt_aggregate", "incoming_loss", "outgoing_loss", "overall_loss",
	"total_data_channel_messages_received", "total_data_channel_messages_sent",
	"mucs_configured", "mucs_joined", "muc_clients_configured", "muc_clients_connected",
	"total_relays", "relays_ice_failed", "dtls_failed_relays",
	"octo_conferences", "octo_endpoints", "octo_receive_bitrate", "octo_receive_packet_rate",
	"octo_send_bitrate", "octo_send_packet_rate",
	"total_bytes_received_octo", "total_bytes_sent_octo", "total_packets_received_octo", "total_packets_sent_octo",
}

func (tb *testBridge) statsJSON(t *testing.T) map[string]any {
	t.Helper()
	code, body := tb.get(t, "/colibri/stats", "")
	var st map[string]any
	if code != 200 || json.Unmarshal([]byte(body), &st) != nil {
		t.Fatalf("stats: %d %s", code, body)
	}
	return st
}

// TestStatsJVBKeys: /colibri/stats carries every added jvb key as a
// number, with the load aggregates computed from the real endpoints (two
// endpoints that send nothing: an inactive, "p2p" conference), visitors
// and conference seconds counted, and /metrics mirroring them.
func TestStatsJVBKeys(t *testing.T) {
	fake := clock.NewFake(time.Unix(5000, 0))
	tb := newTestBridge(t, Config{Clock: fake, EntityExpiration: time.Hour, StatsInterval: time.Hour})
	tb.mustModify(t, createEndpoint("m1", "ep0", true))
	vis := createEndpoint("m1", "ep1", false)
	vis.Endpoints[0].MUCRole = colibri.RoleVisitor
	tb.mustModify(t, vis)
	st := tb.statsJSON(t)
	for _, k := range jvbNumericKeys {
		if _, ok := st[k].(float64); !ok {
			t.Errorf("stats[%s] = %#v, want a number", k, st[k])
		}
	}
	for k, want := range map[string]float64{
		"visitors": 1, "total_visitors": 1, "inactive_conferences": 1, "inactive_endpoints": 2,
		"p2p_conferences": 1, "local_active_endpoints": 0, "receive_only_endpoints": 0,
		"endpoints_sending_audio": 0, "total_ice_succeeded": 0, "muc_clients_configured": 0,
		"total_conference_seconds": 0,
	} {
		if st[k] != want {
			t.Errorf("stats[%s] = %v, want %v", k, st[k], want)
		}
	}
	fake.Advance(90 * time.Second)
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Expire: true})
	st = tb.statsJSON(t)
	for k, want := range map[string]float64{"total_conference_seconds": 90, "visitors": 0, "total_visitors": 1, "inactive_conferences": 0} {
		if st[k] != want {
			t.Errorf("after expiry stats[%s] = %v, want %v", k, st[k], want)
		}
	}
	_, body := tb.get(t, "/metrics", "")
	for _, k := range []string{"total_conference_seconds 90", "total_ice_failed 0", "rtt_aggregate 0", "overall_loss 0", "mucs_joined 0"} {
		if !strings.Contains(body, "\njitsi_jvb_"+k+"\n") {
			t.Errorf("metrics lack jitsi_jvb_%s", k)
		}
	}
	if v, ok := tb.Stats().Get("total_conference_seconds"); !ok || v != "90" {
		t.Errorf("presence total_conference_seconds %q", v)
	}
}

// TestStatsOnCall: on a real two-client call the aggregates come from the
// SFU's measurements: both endpoints send audio and video, the conference
// is active, both ICE sessions succeeded and an RTT is measured.
func TestStatsOnCall(t *testing.T) {
	tb := newTestBridge(t, Config{})
	cs := call(t, tb, 2)
	ctx := testCtx(t)
	pace := time.NewTicker(10 * time.Millisecond)
	defer pace.Stop()
	want := map[string]float64{
		"endpoints_sending_audio": 2, "endpoints_sending_video": 2, "local_active_endpoints": 2,
		"receive_only_endpoints": 0, "inactive_conferences": 0, "p2p_conferences": 0,
		"total_ice_succeeded": 2, "total_ice_failed": 0,
	}
	var st map[string]any
	for i := 0; ; i++ {
		st = tb.StatsMapJSON(t)
		ok := st["rtt_aggregate"].(float64) > 0
		for k, v := range want {
			ok = ok && st[k] == v
		}
		if ok {
			break
		}
		for _, c := range cs {
			c.sendAudio(t, fmt.Sprintf("s-a-%d", i))
			c.sendVideo(t, fmt.Sprintf("s-v-%d", i))
		}
		select {
		case <-pace.C:
		case <-ctx.Done():
			t.Fatalf("stats never reflected the call: %v", st)
		}
	}
}

// StatsMapJSON is StatsMap through a JSON round trip, as REST serves it.
func (tb *testBridge) StatsMapJSON(t *testing.T) map[string]any {
	t.Helper()
	raw, err := json.Marshal(tb.StatsMap())
	must(t, err)
	var st map[string]any
	must(t, json.Unmarshal(raw, &st))
	return st
}
