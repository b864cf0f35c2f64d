package bridge

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/sfu"
)

func (tb *testBridge) get(t *testing.T, path, accept string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, tb.private.URL+path, nil)
	must(t, err)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (tb *testBridge) post(t *testing.T, path, body string) int {
	t.Helper()
	resp, err := http.Post(tb.private.URL+path, "application/json", strings.NewReader(body))
	must(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestRESTEndpoints(t *testing.T) {
	tb := newTestBridge(t, Config{Region: "eu-1"})
	tb.mustModify(t, createEndpoint("m1", "ep0", true))
	if code, body := tb.get(t, "/about/health", ""); code != 200 || body != "" {
		t.Errorf("health: %d %q", code, body)
	}
	code, body := tb.get(t, "/about/version", "")
	var v map[string]string
	if code != 200 || json.Unmarshal([]byte(body), &v) != nil || v["name"] != "JVB" || v["version"] != "2.3.0-test" || v["os"] == "" {
		t.Errorf("version: %d %s", code, body)
	}
	code, body = tb.get(t, "/colibri/stats", "")
	var st map[string]any
	if code != 200 || json.Unmarshal([]byte(body), &st) != nil {
		t.Fatalf("stats: %d %s", code, body)
	}
	for k, want := range map[string]any{"conferences": 1.0, "participants": 1.0, "drain": false, "healthy": true, "region": "eu-1", "version": "2.3.0-test"} {
		if st[k] != want {
			t.Errorf("stats[%s] = %v, want %v", k, st[k], want)
		}
	}
	if code, body = tb.get(t, "/metrics", ""); code != 200 || !strings.Contains(body, "jitsi_jvb_conferences 1") {
		t.Errorf("metrics: %d %s", code, body)
	}
	if code, body = tb.get(t, "/metrics", "application/json"); code != 200 || !strings.Contains(body, `"participants":1`) {
		t.Errorf("metrics json: %d %s", code, body)
	}
	if code, body = tb.get(t, "/nope", ""); code != 404 {
		t.Errorf("unknown path: %d", code)
	}
}

func TestRESTDrainAndGracefulShutdown(t *testing.T) {
	tb := newTestBridge(t, Config{})
	if c := tb.post(t, "/colibri/drain/enable", ""); c != 200 {
		t.Fatalf("drain enable: %d", c)
	}
	if _, body := tb.get(t, "/colibri/drain", ""); strings.TrimSpace(body) != `{"drain":true}` {
		t.Errorf("drain state %s", body)
	}
	if v, _ := tb.Stats().Get("drain"); v != "true" {
		t.Errorf("presence drain %q", v)
	}
	tb.post(t, "/colibri/drain/disable", "")
	if tb.Draining() {
		t.Error("still draining")
	}
	if c := tb.post(t, "/colibri/shutdown", `{}`); c != 400 {
		t.Errorf("shutdown without body field: %d", c)
	}
	tb.mustModify(t, createEndpoint("m1", "ep0", true))
	if c := tb.post(t, "/colibri/shutdown", `{"graceful-shutdown":true}`); c != 200 {
		t.Fatalf("shutdown: %d", c)
	}
	select {
	case <-tb.Done():
		t.Fatal("done with a conference running")
	default:
	}
	if v, _ := tb.Stats().Get("graceful_shutdown"); v != "true" {
		t.Errorf("graceful_shutdown %q", v)
	}
	tb.mustModify(t, &colibri.ConferenceModify{MeetingID: "m1", Expire: true})
	select {
	case <-tb.Done():
	case <-testCtx(t).Done():
		t.Fatal("graceful shutdown never finished")
	}
	if v, _ := tb.Stats().Get("shutting_down"); v != "true" {
		t.Errorf("shutting_down %q", v)
	}
}

func TestPresenceStatsAndStress(t *testing.T) {
	tb := newTestBridge(t, Config{PacketRateCapacity: 1000, RelayEnabled: true, RelayID: "jvb-1"})
	st := tb.Stats()
	for k, want := range map[string]string{"drain": "false", "healthy": "true", "graceful_shutdown": "false",
		"shutting_down": "false", "version": "2.3.0-test", "relay_id": "jvb-1", "conferences": "0", "participants": "0", "stress_level": "0"} {
		if v, ok := st.Get(k); !ok || v != want {
			t.Errorf("%s = %q, want %q", k, v, want)
		}
	}
	now := time.Now()
	tb.rates.init(now, sfu.Stats{})
	tb.rates.sample(now.Add(2*time.Second), sfu.Stats{PacketsReceived: 600, PacketsSent: 400, BytesReceived: 250000})
	if s := tb.StressLevel(); s != 0.5 {
		t.Errorf("stress %v, want 0.5 (500 pkt/s of 1000)", s)
	}
	if v, _ := tb.Stats().Get("bit_rate_download"); v != "1000" {
		t.Errorf("bit_rate_download %s kbps, want 1000", v)
	}
}

func TestHealthCheckIQ(t *testing.T) {
	tb := newTestBridge(t, Config{})
	req := colibri.NewHealthCheckIQ("h1")
	if res := tb.HandleHealthCheck(req); res.Err() != nil || res.ID != "h1" {
		t.Fatalf("healthy bridge answered %v", res.Err())
	}
	_ = tb.SFU().Close()
	res := tb.HandleHealthCheck(req)
	if res.Error == nil || res.Error.Stanza.Condition != "internal-server-error" {
		t.Fatalf("closed socket answered %v", res.Err())
	}
	if code, _ := tb.get(t, "/about/health", ""); code != 500 {
		t.Errorf("REST health %d after close", code)
	}
}
