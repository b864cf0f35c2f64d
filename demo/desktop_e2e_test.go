//go:build e2e

package demo

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// lanAddr is the "LAN" address the test gives the private namespace (a
// veth pair inside it; nothing leaves the namespace).
const lanAddr = "10.203.0.1"

// addLAN gives the namespace an interface with lanAddr, as a desktop has
// its LAN address next to lo.
func addLAN(t *testing.T) {
	t.Helper()
	for _, args := range [][]string{
		{"link", "add", "demo0", "type", "veth", "peer", "name", "demo1"},
		{"addr", "add", lanAddr + "/24", "dev", "demo0"},
		{"link", "set", "demo1", "up"},
		{"link", "set", "demo0", "up"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	t.Cleanup(func() { _ = exec.Command("ip", "link", "del", "demo0").Run() })
}

// desktopChromium is a wrapper that starts Chromium without the loopback
// flags (--allow-loopback-in-peer-connection, mDNS hiding disabled): a
// desktop Chromium as a user runs it, which gathers no 127.0.0.1 candidate.
func desktopChromium(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chromium-desktop")
	script := `#!/bin/sh
for a in "$@"; do
  shift
  case "$a" in
    --allow-loopback-in-peer-connection|--disable-features=WebRtcHideLocalIpsWithMdns) ;;
    *) set -- "$@" "$a" ;;
  esac
done
exec /usr/bin/chromium "$@"
`
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

// selectedPair is the JS that reports the addresses of the selected ICE
// candidate pair on the bridge connection.
const selectedPair = `(async () => {
	const s = demo.conf && demo.conf.jvbJingleSession;
	if (!s || !s.peerconnection) { return null; }
	const r = await s.peerconnection.peerconnection.getStats();
	let pair = null;
	r.forEach(x => { if (x.type === 'transport' && x.selectedCandidatePairId) { pair = r.get(x.selectedCandidatePairId); } });
	if (!pair) { return null; }
	const l = r.get(pair.localCandidateId), rem = r.get(pair.remoteCandidateId);
	return {local: l.address + ' ' + l.candidateType, remote: rem.address + ' ' + rem.candidateType};
})()`

// TestDemoDesktopChromium: the default setup reaches the bridge from a
// Chromium without the loopback flags, on a machine with a LAN address:
// the bridge advertises that address (LocalHostAddrs) and the browser's
// media flows over it; both tabs receive audio and video.
func TestDemoDesktopChromium(t *testing.T) {
	testenv.RequireNetNS(t)
	addLAN(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	d := startDemo(ctx, t)
	if got := strings.Join(d.HostAddrs(), ","); got != lanAddr+",127.0.0.1" {
		t.Fatalf("bridge host candidates %s, want %s,127.0.0.1", got, lanAddr)
	}
	chrome, err := testenv.StartChromium(ctx, testenv.ChromiumConfig{Dir: t.TempDir(), Binary: desktopChromium(t)})
	if err != nil {
		t.Fatal(err)
	}
	if cmdline, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(chrome.PID()), "cmdline")); err != nil ||
		strings.Contains(string(cmdline), "allow-loopback") || strings.Contains(string(cmdline), "WebRtcHideLocalIpsWithMdns") {
		t.Fatalf("chromium runs with loopback flags (%v): %q", err, cmdline)
	}
	alloc, cancelAlloc := chromedp.NewRemoteAllocator(context.Background(), chrome.DevToolsURL, chromedp.NoModifyURL)
	t.Cleanup(func() {
		cancelAlloc()
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		_ = chrome.Stop(sctx)
	})
	tabs := []*tab{openTab(ctx, t, alloc, d.URL()), openTab(ctx, t, alloc, d.URL())}
	for i, tb := range tabs {
		if err := tb.join(ctx, "desktop", []string{"Carol", "Dave"}[i]); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i, tb := range tabs {
		wg.Go(func() {
			err := tb.waitFor(ctx, `demo.state.conference === "joined"`)
			if err == nil {
				_, _, err = tb.waitMedia(ctx)
			}
			var pair map[string]string
			if err == nil {
				err = tb.eval(ctx, selectedPair, &pair)
			}
			switch {
			case err != nil:
				t.Errorf("tab %d: %v", i, err)
			case !strings.HasPrefix(pair["remote"], lanAddr+" "):
				t.Errorf("tab %d: selected pair %v, want the bridge at %s", i, pair, lanAddr)
			default:
				t.Logf("tab %d: media flows over %v", i, pair)
			}
		})
	}
	wg.Wait()
}
