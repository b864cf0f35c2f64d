package loadtest_test

import (
	"context"
	"log/slog"
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestMain runs the tests in a private network namespace where only lo is
// up, so the demo's bridge and every ICE pair are on 127.0.0.1.
func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }

// startDemo starts the demo deployment in this process on free ports,
// its log in a file shown when the test fails, stopped at cleanup. The
// load test needs no web page: without the vendor bundles (fetched by
// e2e/fetch-deps.sh) it serves an empty vendor directory.
func startDemo(ctx context.Context, t *testing.T) *demo.Demo {
	t.Helper()
	testenv.RequireNetNS(t)
	vendor := t.TempDir()
	if root, err := demo.FindRoot("."); err == nil && len(demo.MissingVendor(demo.VendorDir(root))) == 0 {
		vendor = demo.VendorDir(root)
	}
	logFile, err := os.CreateTemp(t.TempDir(), "demo-*.log")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelInfo}))
	d, err := demo.Start(demo.Config{WebAddr: "127.0.0.1:0", UDPPort: 0, VendorDir: vendor, Logger: log,
		HostAddrs: []netip.Addr{netip.MustParseAddr("127.0.0.1")}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := d.Stop(sctx); err != nil {
			t.Errorf("demo stop: %v", err)
		}
		if t.Failed() {
			b, _ := os.ReadFile(logFile.Name())
			t.Logf("demo log:\n%s", b)
		}
	})
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	return d
}

// testWriter sends progress lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(string(b))
	return len(b), nil
}
