package relaybench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// childEnv makes the test binary act as a child: "serve" runs Serve,
// the other values are broken children for the error tests.
const childEnv = "RELAYBENCH_TEST_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "serve":
		exitOn(Serve(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	case "main": // the whole benchmark, children being this binary in "serve" mode
		exitOn(benchFromTestBinary(os.Args[1:]))
	case "exit":
		fmt.Fprintln(os.Stderr, "boom: refusing to start")
		os.Exit(3)
	case "silent":
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	case "no-ice": // a raw relay that claims to be the bridge: it never answers STUN
		srv, err := newRawRelay(netip.MustParseAddrPort("127.0.0.1:0"))
		if err == nil {
			err = serveLoop(context.Background(), srv, serverBridge, os.Stdin, os.Stdout)
		}
		exitOn(err)
	}
	os.Exit(4)
}

// benchFromTestBinary runs Main's benchmark with this test binary as the
// child, so that it can be run before cmd/loadtest wires it:
//
//	go test -c -o /tmp/relaybench.test ./loadtest/relaybench
//	RELAYBENCH_TEST_CHILD=main /tmp/relaybench.test -fanout 1,4,10
func benchFromTestBinary(args []string) error {
	cfg, err := parseFlags(args, os.Stderr)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	spec := childSpec{path: exe, env: []string{childEnv + "=serve"}}
	return run(context.Background(), cfg, spec, os.Stdout, os.Stderr)
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(0)
}

func testSpec(t *testing.T, mode string) childSpec {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return childSpec{path: exe, env: []string{childEnv + "=" + mode}}
}

func shortConfig(t *testing.T) config {
	return config{fanouts: []int{1, 2}, servers: []string{serverBridge, serverRaw}, rate: 400,
		duration: 500 * time.Millisecond, warmup: 200 * time.Millisecond, payload: 1100, sample: 4,
		handshake: 10 * time.Second, jsonPath: filepath.Join(t.TempDir(), "relay.json")}
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestShortRun runs both servers at fan-out 1 and 2 through real child
// processes: both forward, every receiver counts packets, and the bridge's
// packets decrypt with the DTLS-exported keys.
func TestShortRun(t *testing.T) {
	cfg := shortConfig(t)
	var out, errw strings.Builder
	if err := run(testCtx(t), cfg, testSpec(t, "serve"), &out, &errw); err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, errw.String())
	}
	b, err := os.ReadFile(cfg.jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 4 {
		t.Fatalf("%d rows, want 4:\n%s", len(rep.Rows), out.String())
	}
	for _, r := range rep.Rows {
		if r.ForwardedPPS <= 0 || r.OfferedPPS <= 0 || r.Verified == 0 || r.Bad != 0 || r.Loss < 0 || r.Loss > 1 {
			t.Errorf("%s fan-out %d: %+v", r.Server, r.Fanout, r)
		}
		if (r.SRTPProfile != "") != (r.Server == serverBridge) {
			t.Errorf("%s fan-out %d: SRTP profile %q", r.Server, r.Fanout, r.SRTPProfile)
		}
		// CPU comes in 10 ms clock ticks: at this low rate the raw relay may
		// not use one tick in the window, so only the sign is checked.
		if r.ServerCores < 0 {
			t.Errorf("%s fan-out %d: server CPU %v", r.Server, r.Fanout, r.ServerCores)
		}
	}
	t.Logf("table:\n%s\nprogress:\n%s", out.String(), errw.String())
	for _, want := range []string{"bridge/raw", "forwarded pps"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func TestChildFailures(t *testing.T) {
	tests := []struct {
		mode, kind string
		want       error
		text       string
	}{
		{"exit", serverBridge, ErrChildExited, "boom"},
		{"silent", serverRaw, ErrChildTimeout, "silent"},
		{"no-ice", serverBridge, ErrHandshakeTimeout, "ICE"},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			cfg := shortConfig(t)
			cfg.fanouts, cfg.servers, cfg.handshake = []int{1}, []string{tt.kind}, time.Second
			var out, errw strings.Builder
			err := run(testCtx(t), cfg, testSpec(t, tt.mode), &out, &errw)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("err = %v, want %v mentioning %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestStepCheck(t *testing.T) {
	s := step{kind: serverBridge, fanout: 2}
	tests := []struct {
		name string
		row  Row
		want error
	}{
		{"ok", Row{ForwardedPPS: 10, Verified: 3}, nil},
		{"nothing forwarded", Row{ServerDrops: map[string]uint64{"decrypt": 9}}, ErrNoTraffic},
		{"bad sample", Row{ForwardedPPS: 10, Verified: 3, Bad: 1, firstBad: "auth tag"}, ErrBadPacket},
		{"nothing verified", Row{ForwardedPPS: 10}, ErrBadPacket},
	}
	for _, tt := range tests {
		if err := s.check(tt.row); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}
