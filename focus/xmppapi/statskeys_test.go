package xmppapi

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/focus"
)

func TestStatsAggregation(t *testing.T) {
	tests := []struct {
		name                                  string
		sizes                                 []int
		conferences, participants, largest    int
		pairs                                 int
		bucket0, bucket2, bucket21, bucketSum int
	}{
		{"none", nil, 0, 0, 0, 0, 0, 0, 0, 0},
		{"one-of-two", []int{2}, 1, 2, 2, 4, 0, 1, 0, 1},
		{"empty-and-three", []int{0, 3}, 2, 3, 3, 9, 1, 0, 0, 2},
		{"large", []int{2, 2, 30}, 3, 34, 30, 908, 0, 2, 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := Stats{ConferenceSizes: make([]int, 22)}
			for _, n := range tt.sizes {
				st.addConference(n)
			}
			sum := 0
			for _, b := range st.ConferenceSizes {
				sum += b
			}
			if st.Conferences != tt.conferences || st.Participants != tt.participants ||
				st.LargestConference != tt.largest || st.EndpointPairs != tt.pairs {
				t.Errorf("got conferences %d participants %d largest %d pairs %d", st.Conferences,
					st.Participants, st.LargestConference, st.EndpointPairs)
			}
			if st.ConferenceSizes[0] != tt.bucket0 || st.ConferenceSizes[2] != tt.bucket2 ||
				st.ConferenceSizes[21] != tt.bucket21 || sum != tt.bucketSum {
				t.Errorf("conference_sizes %v", st.ConferenceSizes)
			}
		})
	}
}

func TestStatsTotalsAndHealth(t *testing.T) {
	var st Stats
	st.totalsStats(focus.TotalsSnapshot{Participants: 7, ParticipantsMoved: 3, BridgesRemoved: 1, ICEFailed: 2,
		RestartRequested: 4, JingleSent: map[string]int64{"SESSION_INITIATE": 8}, JingleReceived: map[string]int64{}})
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"total_participants":7`, `"bridge_failures":{"participants_moved":3,"bridges_removed":1}`,
		`"participant_notifications":{"ice_failed":2,"request_restart":4}`,
		`"jingle":{"sent":{"SESSION_INITIATE":8},"received":{}}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", b, want)
		}
	}
	msg := func(err error) *string { s := err.Error(); return &s }
	tests := []struct {
		name string
		err  error
		want HealthResult
	}{
		{"healthy", nil, HealthResult{Success: true, HardFailure: true}},
		{"no-bridge", errNoBridge, HealthResult{HardFailure: true, Message: msg(errNoBridge)}},
		{"not-connected", fmt.Errorf("x: %w", ErrNotConnected), HealthResult{Message: msg(fmt.Errorf("x: %w", ErrNotConnected))}},
	}
	for _, tt := range tests {
		got := healthResult(tt.err)
		if got.Success != tt.want.Success || got.HardFailure != tt.want.HardFailure || got.ResponseCode != nil ||
			got.Sticky || (got.Message == nil) != (tt.want.Message == nil) ||
			(got.Message != nil && *got.Message != *tt.want.Message) {
			t.Errorf("%s: got %+v", tt.name, got)
		}
	}
}

// jsonType names the JSON type of a decoded value.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// newStatsKeys are the keys this focus adds to jicofo's /stats, with their
// JSON types; health keys are checked separately.
var newStatsKeys = map[string]string{
	"total_participants": "number", "conferences_with_visitors": "number", "visitors": "number",
	"bridge_failures": "object", "participant_notifications": "object", "endpoint_pairs": "number",
	"jibri": "object", "queues": "object", "jibri_detector": "object", "sip_jibri_detector": "object",
	"jigasi": "object", "threads": "number", "jingle": "object",
}

// checkStatsJSON decodes body and checks that every new key is there with
// its type, and the nested objects with jicofo's keys.
func checkStatsJSON(t *testing.T, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("/stats: %v: %s", err, body)
	}
	for _, k := range slices.Sorted(maps.Keys(newStatsKeys)) {
		if got := jsonType(m[k]); got != newStatsKeys[k] {
			t.Errorf("%s is %s, want %s", k, got, newStatsKeys[k])
		}
	}
	nested := map[string][]string{
		"bridge_failures":           {"participants_moved", "bridges_removed"},
		"participant_notifications": {"ice_failed", "request_restart"},
		"jibri": {"total_sip_call_failures", "total_live_streaming_failures", "total_recording_failures",
			"live_streaming_active", "recording_active", "sip_call_active"},
		"jibri_detector":     {"count", "available"},
		"sip_jibri_detector": {"count", "available"},
	}
	for obj, keys := range nested {
		o, _ := m[obj].(map[string]any)
		for _, k := range keys {
			if jsonType(o[k]) != "number" {
				t.Errorf("%s.%s is %s", obj, k, jsonType(o[k]))
			}
		}
	}
	j, _ := m["jingle"].(map[string]any)
	for _, k := range []string{"sent", "received"} {
		if jsonType(j[k]) != "object" {
			t.Errorf("jingle.%s is %s", k, jsonType(j[k]))
		}
	}
	if _, ok := m["jigasi_detector"]; ok {
		t.Error("jigasi_detector shown without Jigasi (jicofo omits it)")
	}
	return m
}

// num reads the number at the dotted path in m (-1 when absent).
func num(m map[string]any, path string) float64 {
	if f, ok := jsonPath(m, path).(float64); ok {
		return f
	}
	return -1
}

// TestStatsDisabledFeatures: without Jibri, Jigasi and visitors the keys
// carry jicofo's values for them, and health is shown only when enabled.
func TestStatsDisabledFeatures(t *testing.T) {
	s := testService(t)
	code, body := get(t, s.Handler(), "GET", "/stats", "")
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	m := checkStatsJSON(t, body)
	for _, k := range []string{"total_participants", "visitors", "conferences_with_visitors", "endpoint_pairs",
		"jibri.recording_active", "jibri.total_sip_call_failures", "jibri_detector.count", "sip_jibri_detector.available",
		"bridge_failures.participants_moved", "participant_notifications.ice_failed"} {
		if v := num(m, k); v != 0 {
			t.Errorf("%s = %v, want 0", k, v)
		}
	}
	for _, k := range []string{"queues", "jigasi", "jingle.sent", "jingle.received"} {
		if o, _ := jsonPath(m, k).(map[string]any); len(o) != 0 {
			t.Errorf("%s = %v, want {}", k, o)
		}
	}
	if num(m, "threads") < 1 {
		t.Errorf("threads %v", m["threads"])
	}
	if _, ok := m["health"]; ok {
		t.Error("health shown with jicofo.health.enabled false")
	}
	if _, ok := m["slow_health_check"]; ok {
		t.Error("slow_health_check shown with jicofo.health.enabled false")
	}
}

// jsonPath reads the value at the dotted path in m (nil when absent).
func jsonPath(m map[string]any, path string) any {
	var v any = m
	for _, k := range strings.Split(path, ".") {
		o, _ := v.(map[string]any)
		v = o[k]
	}
	return v
}
