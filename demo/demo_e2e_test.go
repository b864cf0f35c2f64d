//go:build e2e

package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestMain runs the tests inside a private network namespace where only lo
// is up, so every socket and ICE pair is 127.0.0.1.
func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }

// startDemo starts the demo's wiring in this process on free ports, with
// its log in a file printed when the test fails; it is stopped at cleanup.
func startDemo(ctx context.Context, t *testing.T) *Demo {
	t.Helper()
	root, err := FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	if m := MissingVendor(VendorDir(root)); len(m) > 0 {
		t.Fatalf("%v missing in %s: run `%s` first", m, VendorDir(root), FetchCommand)
	}
	logFile, err := os.CreateTemp(t.TempDir(), "demo-*.log")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelInfo}))
	d, err := Start(Config{WebAddr: "127.0.0.1:0", UDPPort: 0, VendorDir: VendorDir(root), Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := d.Stop(sctx); err != nil {
			t.Errorf("stop: %v", err)
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

// TestDemoTwoTabsCall is README command 1 in a browser: the demo runs in
// this process, two tabs of one headless Chromium open its web app, type
// the same room and press Join. Each receives the other's audio and video
// (getStats() inbound-rtp packets and bytes grow on the bridge connection),
// the remote tile plays video, the first tab's screenshot shows two tiles
// of fake-camera video, a mute shows in the other tab's participant list,
// and leaving removes the tile from the other tab.
func TestDemoTwoTabsCall(t *testing.T) {
	testenv.RequireNetNS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	d := startDemo(ctx, t)
	alloc := startChromium(ctx, t)
	tabs := []*tab{openTab(ctx, t, alloc, d.URL()), openTab(ctx, t, alloc, d.URL())}
	for i, tb := range tabs {
		if err := tb.join(ctx, "e2e-demo", []string{"Alice", "Bob"}[i]); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i, tb := range tabs {
		wg.Go(func() {
			err := tb.waitFor(ctx, `demo.state.conference === "joined"`)
			if err == nil {
				var first, last inbound
				first, last, err = tb.waitMedia(ctx)
				t.Logf("tab %d inbound: audio %+v -> %+v, video %+v -> %+v", i, first.Audio, last.Audio, first.Video, last.Video)
			}
			if err != nil {
				t.Errorf("tab %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("both tabs receive audio and video after %v", time.Since(start).Round(time.Millisecond))
	// A tab in the background does not paint its video: look at each in
	// front, as a user switching tabs does.
	for i, tb := range tabs {
		if err := tb.run(ctx, page.BringToFront()); err != nil {
			t.Fatal(err)
		}
		if err := tb.waitFor(ctx, remotePlaying); err != nil {
			t.Fatalf("tab %d: %v", i, err)
		}
	}
	if err := tabs[0].run(ctx, page.BringToFront()); err != nil {
		t.Fatal(err)
	}
	checkScreenshot(ctx, t, tabs[0])
	checkMute(ctx, t, tabs[1], tabs[0])
	checkLeave(ctx, t, tabs[1], tabs[0])
}

// checkLeave: when one tab presses Leave, the other's remote tile and
// participant entry go away.
func checkLeave(ctx context.Context, t *testing.T, leaver, watcher *tab) {
	t.Helper()
	if err := leaver.run(ctx, clickByID("leave")); err != nil {
		t.Fatal(err)
	}
	if err := watcher.waitFor(ctx, `!document.querySelector('.tile.remote') &&
		document.querySelectorAll('#participants li').length === 1`); err != nil {
		t.Error(err)
	}
	if err := leaver.waitFor(ctx, `demo.state.conference === "left" && !document.getElementById('join').disabled`); err != nil {
		t.Error(err)
	}
}

// remotePlaying is true once the remote tile's video element plays frames.
const remotePlaying = `(() => { const v = document.querySelector('.tile.remote video');
	return Boolean(v && v.videoWidth > 0 && !v.paused && v.currentTime > 0.5); })()`

// checkScreenshot saves the tab's screenshot and checks that it shows two
// video tiles, each full of the fake camera's colours. A tile brought to
// the front may take a moment to paint (Chromium's fake camera also has
// sparse frames), so screenshots are retried for up to 10 s before a
// tile with too few colours fails the test.
func checkScreenshot(ctx context.Context, t *testing.T, tb *tab) {
	t.Helper()
	rects, err := tb.videoRects(ctx)
	if err != nil || len(rects) != 2 {
		t.Fatalf("video tiles %v (%v), want local and remote", rects, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		path, img, err := tb.screenshot(ctx, artifactDir(), "two-tabs-call.png")
		if err != nil {
			t.Fatal(err)
		}
		var bad []string
		for i, r := range rects {
			if n := distinctColours(img, r); n < 16 {
				bad = append(bad, fmt.Sprintf("tile %d at %+v has %d distinct colours", i, r, n))
			}
		}
		if len(bad) == 0 {
			t.Logf("screenshot: %s", path)
			return
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Errorf("screenshot %s: %s: not the fake camera's video", path, strings.Join(bad, "; "))
			return
		}
		select {
		case <-time.After(pollEvery):
		case <-ctx.Done():
		}
	}
}

// checkMute: muting audio in one tab shows in the other's participant list.
func checkMute(ctx context.Context, t *testing.T, muter, watcher *tab) {
	t.Helper()
	if err := muter.run(ctx, clickByID("mute-audio")); err != nil {
		t.Fatal(err)
	}
	if err := watcher.waitFor(ctx, `document.getElementById('participants').textContent.includes('muted: audio')`); err != nil {
		t.Error(err)
	}
}

// TestDemoStop: after Stop the web app and xmppd are gone and a second
// Stop is harmless.
func TestDemoStop(t *testing.T) {
	testenv.RequireNetNS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d := startDemo(ctx, t)
	resp, err := http.Get(d.URL() + "config.json")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := d.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := d.Stop(ctx); err != nil {
		t.Errorf("second stop: %v", err)
	}
	if _, err := http.Get(d.URL()); err == nil || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("web app still answers after Stop (err %v)", err)
	}
	if d.dataDir != "" {
		if _, err := os.Stat(d.dataDir); !os.IsNotExist(err) {
			t.Errorf("data dir %s left behind (%v)", d.dataDir, err)
		}
	}
}
