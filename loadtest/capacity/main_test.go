package capacity

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// TestMainRamp1And2 runs Main for real: fresh deployments of the three
// binaries, loadtest.Run with 1 then 2 conferences for 5 s each. The
// timing criteria are relaxed (this box is shared and runs -race), so the
// test checks what must hold on any machine: every participant joined and
// received both senders, the figures are plausible, and the table, the
// -json report and the -out files are written.
func TestMainRamp1And2(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Second)
	defer cancel()
	out := t.TempDir()
	jsonPath := filepath.Join(out, "capacity.json")
	args := []string{"-bin", binaries(t), "-steps", "1,2", "-duration", "5s", "-join-rate", "10",
		"-max-loss", "1", "-max-join-p95", "60000", "-out", out, "-json", jsonPath, "-work", t.TempDir()}
	var stdout, stderr bytes.Buffer
	if err := Main(ctx, args, &stdout, &stderr); err != nil {
		t.Fatalf("Main: %v\nstderr:\n%s", err, stderr.String())
	}
	t.Logf("table:\n%s", stdout.String())
	if !strings.Contains(stdout.String(), "capacity: at least 2 conferences (4 participants") {
		t.Errorf("no capacity line in:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
	var rep Report
	readJSON(t, jsonPath, &rep)
	if len(rep.Rows) != 2 || rep.Capacity != 2 {
		t.Fatalf("report rows %+v capacity %d", rep.Rows, rep.Capacity)
	}
	for _, r := range rep.Rows {
		checkRow(t, r)
	}
	for _, c := range []string{"1", "2"} {
		var res loadtest.Result
		readJSON(t, filepath.Join(out, "step-"+c+".json"), &res)
		if len(res.Samples) == 0 || len(res.Participants) == 0 {
			t.Errorf("step %s result has no samples or participants", c)
		}
		if st, err := os.Stat(filepath.Join(out, "step-"+c+".html")); err != nil || st.Size() == 0 {
			t.Errorf("step %s HTML: %v", c, err)
		}
	}
}

// checkRow: everyone joined and received both senders, and the server
// figures are there and in range.
func checkRow(t *testing.T, r Row) {
	t.Helper()
	if !r.Pass || r.Joined != r.Participants || r.ReceivingAll != r.Participants {
		t.Errorf("step %d: %d/%d joined, %d receiving all, reasons %q", r.Conferences, r.Joined, r.Participants, r.ReceivingAll, r.Reasons)
	}
	if r.LossRate < 0 || r.LossRate > 1 || r.JoinP50Ms <= 0 || r.JoinP95Ms < r.JoinP50Ms {
		t.Errorf("step %d: loss %v join p50 %v p95 %v", r.Conferences, r.LossRate, r.JoinP50Ms, r.JoinP95Ms)
	}
	if r.BridgeRSS == 0 || r.FocusRSS == 0 || r.XMPPDRSS == 0 || r.BridgeCPU <= 0 || r.LoadgenCPU <= 0 {
		t.Errorf("step %d: server figures missing: %+v", r.Conferences, r)
	}
}

func TestMainHelpAndUsage(t *testing.T) {
	if err := Main(context.Background(), []string{"-h"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
	if err := Main(context.Background(), []string{"-steps", "3"}, io.Discard, io.Discard); !errors.Is(err, ErrUsage) {
		t.Errorf("no -bin: %v, want ErrUsage", err)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
