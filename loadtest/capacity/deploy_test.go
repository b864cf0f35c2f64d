package capacity

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// TestMain runs the tests in a private network namespace where only lo
// exists (so the bridge's 0.0.0.0 media port and every candidate are
// loopback), and removes the binaries built for them.
func TestMain(m *testing.M) {
	code := testenv.NetNSMain(m)
	if binDir != "" && os.Getenv("CAPACITY_BIN") == "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binaries builds cmd/xmppd, cmd/focus and cmd/bridge once per test
// binary (or uses $CAPACITY_BIN when set).
func binaries(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir = os.Getenv("CAPACITY_BIN"); binDir != "" {
			return
		}
		binDir, buildErr = testenv.BuildCommands("./cmd/xmppd", "./cmd/focus", "./cmd/bridge")
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binDir
}

// startDeployment starts a deployment stopped at cleanup.
func startDeployment(t *testing.T, ctx context.Context) *Deployment {
	t.Helper()
	d, err := Start(ctx, binaries(t), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
		defer cancel()
		_ = d.Stop(sctx)
		if t.Failed() {
			for _, n := range []string{"xmppd", "bridge", "focus"} {
				t.Logf("%s.log:\n%s", n, logTail(filepath.Join(d.Dir, n+".log")))
			}
		}
	})
	return d
}

// TestDeploymentStartStop: the three processes run, the bridge's
// /colibri/stats and the focus's /stats answer JSON (the focus with one
// operational bridge), and after Stop every PID is gone.
func TestDeploymentStartStop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	d := startDeployment(t, ctx)
	procs := d.Procs()
	if len(procs) != 3 {
		t.Fatalf("procs = %+v, want xmppd, bridge, focus", procs)
	}
	for _, p := range procs {
		if err := syscall.Kill(p.PID, 0); err != nil {
			t.Fatalf("%s (pid %d) not running: %v", p.Name, p.PID, err)
		}
	}
	var bs map[string]any
	getJSON(t, ctx, d.BridgeStats, &bs)
	if _, ok := bs["conferences"]; !ok {
		t.Errorf("bridge stats without conferences: %v", bs)
	}
	var fs struct {
		BridgeSelector struct {
			Operational int `json:"operational_bridge_count"`
		} `json:"bridge_selector"`
	}
	getJSON(t, ctx, d.FocusStats, &fs)
	if fs.BridgeSelector.Operational != 1 {
		t.Errorf("focus sees %d operational bridges, want 1", fs.BridgeSelector.Operational)
	}
	if err := d.Alive(); err != nil {
		t.Fatal(err)
	}
	if err := d.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	for _, p := range procs {
		if err := syscall.Kill(p.PID, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("%s (pid %d) still there after Stop: %v", p.Name, p.PID, err)
		}
	}
	if err := d.Alive(); !errors.Is(err, ErrDied) {
		t.Errorf("Alive after Stop = %v, want ErrDied", err)
	}
}

// TestStartMissingBinaries fails clearly and starts nothing.
func TestStartMissingBinaries(t *testing.T) {
	_, err := Start(context.Background(), t.TempDir(), t.TempDir())
	if !errors.Is(err, ErrDeploy) {
		t.Fatalf("err = %v, want ErrDeploy", err)
	}
}

func getJSON(t *testing.T, ctx context.Context, url string, v any) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := loopbackClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}
