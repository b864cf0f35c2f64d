package testenv

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func stopAtCleanup(t *testing.T, p *Process) {
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = p.Stop(ctx)
	})
}

func TestStartProsody(t *testing.T) {
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	ctx := testCtx(t, 20*time.Second)
	p, err := StartProsody(ctx, ProsodyConfig{Dir: t.TempDir(), Domain: "meet.e2e.test",
		Components: []Component{{Name: "focus.meet.e2e.test", Secret: "s"}}})
	if err != nil {
		t.Fatal(err)
	}
	stopAtCleanup(t, p.Process)
	if err := p.Register(ctx, "focus", "auth.meet.e2e.test", "pw"); err != nil {
		t.Fatal(err)
	}
	acct := filepath.Join(p.Config.Dir, "data", "auth%2emeet%2ee2e%2etest", "accounts", "focus.dat")
	if _, err := os.Stat(acct); err != nil {
		t.Errorf("account not stored: %v", err)
	}
	resp, err := http.Get("http://" + Loopback(p.Config.HTTPPort) + "/http-bind")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /http-bind: %s", resp.Status)
	}
	stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := p.Stop(stopCtx); err != nil || !p.Exited() {
		t.Fatalf("stop: %v, exited %v", err, p.Exited())
	}
}

func TestStartProsodyNotInstalled(t *testing.T) {
	_, err := StartProsody(testCtx(t, 5*time.Second), ProsodyConfig{Dir: t.TempDir(), Domain: "d",
		Binary: "/nonexistent/prosody"})
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("err = %v, want ErrNotInstalled", err)
	}
}

func TestStartChromium(t *testing.T) {
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Skip("chromium not installed: apt-get install -y --no-install-recommends chromium")
	}
	c, err := StartChromium(testCtx(t, 20*time.Second), ChromiumConfig{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	stopAtCleanup(t, c.Process)
	if !strings.HasPrefix(c.DevToolsURL, "ws://127.0.0.1:") {
		t.Fatalf("DevToolsURL = %q", c.DevToolsURL)
	}
	hostPort := strings.TrimPrefix(c.DevToolsURL, "ws://")
	hostPort = hostPort[:strings.Index(hostPort, "/")]
	resp, err := http.Get("http://" + hostPort + "/json/version")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /json/version: %s", resp.Status)
	}
}
