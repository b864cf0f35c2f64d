package xmppapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus"
)

func get(t *testing.T, h http.Handler, method, path, body string, hdr ...string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

func TestREST(t *testing.T) {
	s := testService(t)
	h := s.Handler()
	if code, body := get(t, h, "GET", "/about/health", ""); code != http.StatusInternalServerError || !strings.Contains(body, "not connected") {
		t.Errorf("health without XMPP: %d %q", code, body)
	}
	code, body := get(t, h, "GET", "/about/version", "")
	var v map[string]string
	if code != 200 || json.Unmarshal([]byte(body), &v) != nil || v["name"] != "Jicofo" || v["version"] != "1.2.3-test" {
		t.Errorf("version: %d %s", code, body)
	}
	s.registry.Update("JvbBrewery@internal.auth.meet.example/jvb1", focus.BreweryStats(colibri.StatsFromMap(
		map[string]string{"stress_level": "0.1", "drain": "false", "version": "2.3"})))
	code, body = get(t, h, "GET", "/stats", "")
	var st Stats
	if code != 200 || json.Unmarshal([]byte(body), &st) != nil {
		t.Fatalf("stats: %d %s", code, body)
	}
	if st.BridgeSelector.BridgeCount != 1 || st.BridgeSelector.OperationalBridgeCount != 1 || st.XMPPConnected || st.Healthy {
		t.Errorf("stats %+v", st)
	}
	if !strings.Contains(body, `"bridge_selector":{"bridge_count":1`) {
		t.Errorf("stats JSON keys: %s", body)
	}
	code, body = get(t, h, "GET", "/metrics", "")
	if code != 200 || !strings.Contains(body, "jitsi_jicofo_bridge_selector_bridge_count 1") {
		t.Errorf("metrics: %d %s", code, body)
	}
	if code, body = get(t, h, "GET", "/metrics", "", "Accept", "application/json"); code != 200 || !strings.Contains(body, `"conferences":0`) {
		t.Errorf("metrics json: %d %s", code, body)
	}
}

func TestRESTConferenceRequest(t *testing.T) {
	s := testService(t)
	h := s.Handler()
	code, body := get(t, h, "POST", "/conference-request/v1",
		`{"room":"room1@conference.meet.example","machineUid":"m","properties":{"rtcstatsEnabled":true,"startAudioMuted":9}}`)
	var r httpConferenceRequest
	if code != 200 || json.Unmarshal([]byte(body), &r) != nil {
		t.Fatalf("%d %s", code, body)
	}
	if r.Ready == nil || *r.Ready || r.FocusJID != "focus@auth.meet.example" || string(r.Properties["authentication"]) != `"false"` {
		t.Errorf("reply %s", body)
	}
	for _, bad := range []string{`{"room":"x@conference.other.example"}`, `{"room":`, `{}`} {
		if code, body := get(t, h, "POST", "/conference-request/v1", bad); code != http.StatusBadRequest {
			t.Errorf("%s: %d %s", bad, code, body)
		}
	}
}

func TestScalar(t *testing.T) {
	for in, want := range map[string]string{`"a"`: "a", `true`: "true", `9`: "9", `1.5`: "1.5", `null`: ""} {
		if got := scalar(json.RawMessage(in)); got != want {
			t.Errorf("scalar(%s) = %q, want %q", in, got, want)
		}
	}
}
