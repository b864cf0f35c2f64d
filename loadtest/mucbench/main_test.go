package mucbench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

var (
	buildOnce sync.Once
	xmppdBin  string
	buildErr  error
)

// xmppdBinary builds cmd/xmppd once per test binary.
func xmppdBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		var dir string
		if dir, buildErr = testenv.BuildCommands("./cmd/xmppd"); buildErr == nil {
			xmppdBin = filepath.Join(dir, "xmppd")
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return xmppdBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if xmppdBin != "" {
		_ = os.RemoveAll(filepath.Dir(xmppdBin))
	}
	os.Exit(code)
}

// TestShortRun runs Main at a low rate against xmppd and (when installed)
// prosody and checks that every delivery was counted.
func TestShortRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	bin := xmppdBinary(t)
	jsonPath := filepath.Join(t.TempDir(), "muc.json")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := Main(ctx, []string{"-xmppd", bin, "-sizes", "10,20", "-duration", "2s", "-rate", "20",
		"-senders", "2", "-drain", "5s", "-json", jsonPath}, &stdout, &stderr)
	t.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	if err != nil {
		t.Fatal(err)
	}
	rep := readReport(t, jsonPath)
	for _, r := range rep.Rows {
		checkRow(t, r)
	}
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		if len(rep.Rows) != 2 || len(rep.Notes) != 1 {
			t.Errorf("without prosody: %d rows, notes %q; want 2 xmppd rows and a note", len(rep.Rows), rep.Notes)
		}
		t.Skipf("prosody not installed (%v): measured xmppd alone", err)
	}
	if len(rep.Rows) != 4 || len(rep.Ratios) != 2 {
		t.Errorf("%d rows and %d ratios, want 4 and 2", len(rep.Rows), len(rep.Ratios))
	}
}

func checkRow(t *testing.T, r Row) {
	t.Helper()
	switch {
	case r.Error != "":
		t.Errorf("%s %d: %s", r.Server, r.Occupants, r.Error)
	case r.Sent != 40 || r.Expected != int64(40*r.Occupants):
		t.Errorf("%s %d: sent %d expected %d, want 40 and %d", r.Server, r.Occupants, r.Sent, r.Expected, 40*r.Occupants)
	case r.Delivered != r.Expected || r.Completeness != 1:
		t.Errorf("%s %d: delivered %d of %d", r.Server, r.Occupants, r.Delivered, r.Expected)
	case r.MessageStanzas < r.Delivered:
		t.Errorf("%s %d: %d message stanzas < %d delivered", r.Server, r.Occupants, r.MessageStanzas, r.Delivered)
	case r.LatP50Ms < 0 || r.LatP95Ms < r.LatP50Ms || r.LatMaxMs < r.LatP95Ms:
		t.Errorf("%s %d: latencies p50 %v p95 %v max %v", r.Server, r.Occupants, r.LatP50Ms, r.LatP95Ms, r.LatMaxMs)
	case r.JoinMs <= 0 || r.RSSJoined == 0 || r.CPUPerMsgUs <= 0:
		t.Errorf("%s %d: join %v ms, rss %d, cpu/msg %v", r.Server, r.Occupants, r.JoinMs, r.RSSJoined, r.CPUPerMsgUs)
	}
}

func readReport(t *testing.T, path string) Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}
