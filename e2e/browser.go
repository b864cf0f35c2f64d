package e2e

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// Browser is one headless Chromium (one participant's machine: its own
// profile, so its own localStorage and machine-uid), driven over DevTools.
type Browser struct {
	chrome *testenv.Chromium
	alloc  context.Context
	web    string
}

// StartBrowser starts Chromium with the WebRTC loopback flags and serves the
// test page for it. The browser is stopped by PID at cleanup.
func StartBrowser(t testing.TB) *Browser {
	t.Helper()
	web := ServeWeb(t)
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	chrome, err := testenv.StartChromium(ctx, testenv.ChromiumConfig{Dir: t.TempDir()})
	if err != nil {
		t.Fatalf("e2e: %v", err)
	}
	alloc, cancelAlloc := chromedp.NewRemoteAllocator(context.Background(), chrome.DevToolsURL, chromedp.NoModifyURL)
	t.Cleanup(func() {
		cancelAlloc()
		stopProcess(chrome.Process)
		if t.Failed() {
			t.Logf("chromium (pid %d) log: %s", chrome.PID(), chrome.LogPath)
		}
	})
	return &Browser{chrome: chrome, alloc: alloc, web: web.URL}
}

// diag is a bounded log of what a page did, printed when a test fails.
type diag struct {
	mu    sync.Mutex
	lines []string
}

const maxDiag = 200

func (d *diag) add(format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.lines) == maxDiag {
		d.lines = d.lines[1:]
	}
	d.lines = append(d.lines, fmt.Sprintf(format, args...))
}

func (d *diag) dump(t testing.TB, name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, l := range d.lines {
		t.Logf("%s: %s", name, l)
	}
}
