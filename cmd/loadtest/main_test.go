package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/loadtest"
)

// TestMain runs the tests in a private network namespace where only lo is
// up (the -demo deployment's bridge binds the unspecified address).
func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }

// TestDemoMode: `loadtest -demo` starts the deployment in this process,
// runs a small load test against it, writes the JSON and the HTML report
// and prints the summary; with no senders it writes them too but fails
// with ErrNoMedia (the non-zero exit status).
func TestDemoMode(t *testing.T) {
	testenv.RequireNetNS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	tests := []struct {
		name    string
		senders string
		wantErr error
	}{
		{"media", "1", nil},
		{"no senders", "0", loadtest.ErrNoMedia},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out, html := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.html")
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"-demo", "-conferences", "1", "-participants", "2", "-audio-senders", tc.senders,
				"-video-senders", tc.senders, "-video-bitrate", "100000", "-duration", "2s", "-out", out, "-html", html},
				&stdout, &stderr)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("run: %v, want %v\nstdout:\n%s\nstderr:\n%s", err, tc.wantErr, &stdout, &stderr)
			}
			var res loadtest.Result
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &res); err != nil {
				t.Fatal(err)
			}
			if res.Summary.Joined != 2 || len(res.Summary.Procs) != 1 || res.Summary.Procs[0].Name != "demo" || res.Config.BridgeStats == "" {
				t.Errorf("result summary %+v config %+v", res.Summary, res.Config)
			}
			if h, err := os.ReadFile(html); err != nil || !strings.Contains(string(h), "<svg") {
				t.Errorf("report: %v (%d bytes)", err, len(h))
			}
			if !strings.Contains(stdout.String(), "join p50") || !strings.Contains(stderr.String(), "joined 2/2") {
				t.Errorf("stdout:\n%s\nstderr:\n%s", &stdout, &stderr)
			}
		})
	}
}
