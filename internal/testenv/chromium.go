package testenv

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ChromiumConfig describes one headless Chromium.
type ChromiumConfig struct {
	// Dir is a scratch directory: HOME, XDG dirs and a fresh profile go there.
	Dir string
	// Binary defaults to Debian's /usr/bin/chromium.
	Binary string
	// ExtraFlags are appended to ChromiumFlags.
	ExtraFlags []string
}

// Chromium is a running headless Chromium started by StartChromium.
type Chromium struct {
	*Process
	// DevToolsURL is the browser's DevTools WebSocket URL on 127.0.0.1.
	DevToolsURL string
}

// ChromiumFlags are the flags that make WebRTC work between loopback peers
// with fake media devices (test-environment.md): both fake-ui and
// allow-loopback are needed for 127.0.0.1 host candidates instead of mDNS.
func ChromiumFlags(profileDir string) []string {
	return []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + profileDir,
		"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
		"--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
		"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
	}
}

// StartChromium starts Chromium with a fresh profile and scratch HOME under
// cfg.Dir and returns once its DevTools endpoint is announced or ctx ends. On
// error nothing is left running.
func StartChromium(ctx context.Context, cfg ChromiumConfig) (*Chromium, error) {
	if cfg.Dir == "" {
		return nil, fmt.Errorf("%w: chromium needs Dir", ErrConfig)
	}
	if cfg.Binary == "" {
		cfg.Binary = "/usr/bin/chromium"
	}
	if _, err := os.Stat(cfg.Binary); err != nil {
		return nil, fmt.Errorf("%w: %s (apt-get install -y --no-install-recommends chromium)", ErrNotInstalled, cfg.Binary)
	}
	home, profile := filepath.Join(cfg.Dir, "home"), filepath.Join(cfg.Dir, "profile")
	for _, d := range []string{home, profile, filepath.Join(home, ".config"), filepath.Join(home, ".cache")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("testenv: %w", err)
		}
	}
	args := append(append(ChromiumFlags(profile), cfg.ExtraFlags...), "about:blank")
	cmd := exec.Command(cfg.Binary, args...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"XDG_CACHE_HOME="+filepath.Join(home, ".cache"))
	proc, err := StartProcess("chromium", filepath.Join(cfg.Dir, "chromium.log"), cmd)
	if err != nil {
		return nil, err
	}
	c := &Chromium{Process: proc}
	c.DevToolsURL, err = waitDevTools(ctx, filepath.Join(profile, "DevToolsActivePort"), proc.checkAlive)
	if err != nil {
		_ = c.Stop(context.Background())
		return nil, err
	}
	return c, nil
}

// waitDevTools polls the DevToolsActivePort file Chromium writes into its
// profile (line 1: port, line 2: browser path) until it is complete.
func waitDevTools(ctx context.Context, path string, alive func() error) (string, error) {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	for {
		if url, ok := parseDevToolsActivePort(path); ok {
			return url, nil
		}
		if err := alive(); err != nil {
			return "", err
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("%w: chromium wrote no %s: %v", ErrNotReady, path, ctx.Err())
		case <-t.C:
		}
	}
}

func parseDevToolsActivePort(path string) (string, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 || lines[0] == "" || !strings.HasPrefix(lines[1], "/devtools/browser/") {
		return "", false
	}
	return "ws://127.0.0.1:" + strings.TrimSpace(lines[0]) + strings.TrimSpace(lines[1]), true
}
