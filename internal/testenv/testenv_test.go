package testenv

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) { os.Exit(NetNSMain(m)) }

func testCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func TestNetNSOnlyLoopback(t *testing.T) {
	RequireNetNS(t)
	ifs, err := net.Interfaces()
	if err != nil {
		t.Fatal(err)
	}
	if len(ifs) != 1 || ifs[0].Name != "lo" || ifs[0].Flags&net.FlagUp == 0 {
		t.Fatalf("interfaces in the private namespace = %+v, want only lo, up", ifs)
	}
}

func TestProsodyConfigGolden(t *testing.T) {
	cfg := ProsodyConfig{Dir: "/run/e2e", Domain: "meet.e2e.test", C2SPort: 15222, HTTPPort: 15280,
		ComponentPort: 15347, Components: []Component{{Name: "focus.meet.e2e.test", Secret: "s3cret"}}}
	got, err := cfg.Render()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "prosody.cfg.lua.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("prosody config differs from %s (run with -update):\n%s", golden, got)
	}
}

func TestProsodyConfigBenchKnobs(t *testing.T) {
	cfg := ProsodyConfig{Dir: "/run/b", Domain: "bench.test", C2SPort: 1, HTTPPort: 2, ComponentPort: 3,
		LogLevel: "warn", OpenMUC: "muc.bench.test"}
	got, err := cfg.Render()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`log = { warn = "/run/b/prosody.log" }`, "Component \"muc.bench.test\" \"muc\"\n    muc_room_locking = false"} {
		if !strings.Contains(got, want) {
			t.Errorf("config lacks %q:\n%s", want, got)
		}
	}
}

func TestProsodyConfigInvalid(t *testing.T) {
	for i, cfg := range []ProsodyConfig{
		0: {Domain: "d", C2SPort: 1, HTTPPort: 2, ComponentPort: 3},
		1: {Dir: "/x", C2SPort: 1, HTTPPort: 2, ComponentPort: 3},
		2: {Dir: "/x", Domain: "d"},
		3: {Dir: "/x", Domain: `a"b`, C2SPort: 1, HTTPPort: 2, ComponentPort: 3},
		4: {Dir: "/x", Domain: "d", C2SPort: 1, HTTPPort: 2, ComponentPort: 3, LogLevel: "loud"},
	} {
		if _, err := cfg.Render(); !errors.Is(err, ErrConfig) {
			t.Errorf("%d: Render error = %v, want ErrConfig", i, err)
		}
	}
}

func TestSelfSigned(t *testing.T) {
	certPath, keyPath, err := SelfSigned(t.TempDir(), "auth.meet.e2e.test")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(certPath)
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatal("no PEM certificate")
	}
	cert, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"auth.meet.e2e.test", "x.auth.meet.e2e.test"} {
		if err := cert.VerifyHostname(h); err != nil {
			t.Errorf("VerifyHostname(%s): %v", h, err)
		}
	}
	if b, _ := os.ReadFile(keyPath); len(b) == 0 {
		t.Error("empty key file")
	}
}

func TestStartProcessMissing(t *testing.T) {
	_, err := StartProcess("nothing", filepath.Join(t.TempDir(), "log"), exec.Command("/nonexistent/prog"))
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("err = %v, want ErrNotInstalled", err)
	}
}

// TestRequireNetNSSkips: without a namespace, RequireNetNS skips with the reason.
func TestRequireNetNSSkips(t *testing.T) {
	saveIn, saveErr := insideNetNS, netnsErr
	t.Cleanup(func() { insideNetNS, netnsErr = saveIn, saveErr })
	insideNetNS, netnsErr = false, ErrNoNetNS
	var skipped bool
	t.Run("no namespace", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		RequireNetNS(t)
	})
	if !skipped {
		t.Fatal("RequireNetNS did not skip without a namespace")
	}
}

func TestGoldenAndFirstDiff(t *testing.T) {
	path := t.TempDir() + "/g.txt"
	Golden(t, path, []byte("a\nb\n"), true)
	Golden(t, path, []byte("a\nb\n"), false)
	if d := FirstDiff([]byte("a\nb\nc"), []byte("a\nx\nc")); d != "line 2:\n want b\n  got x" {
		t.Errorf("FirstDiff = %q", d)
	}
	if d := FirstDiff([]byte("a"), []byte("a\nmore")); d != "line 2:\n want \n  got more" {
		t.Errorf("FirstDiff with an extra line = %q", d)
	}
}
