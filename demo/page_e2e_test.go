//go:build e2e

package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// pollEvery is how often a tab's JS state is polled.
const pollEvery = 100 * time.Millisecond

// startChromium starts one headless Chromium (stopped by PID at cleanup)
// and returns its DevTools allocator.
func startChromium(ctx context.Context, t *testing.T) context.Context {
	t.Helper()
	chrome, err := testenv.StartChromium(ctx, testenv.ChromiumConfig{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	alloc, cancel := chromedp.NewRemoteAllocator(context.Background(), chrome.DevToolsURL, chromedp.NoModifyURL)
	t.Cleanup(func() {
		cancel()
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		_ = chrome.Stop(sctx)
	})
	return alloc
}

// tab is one browser tab showing the demo's web app.
type tab struct {
	ctx context.Context
	log []string
}

// openTab opens url in a new tab of the browser at alloc, sized 1280x720,
// and waits for the app (window.demo).
func openTab(ctx context.Context, t *testing.T, alloc context.Context, url string) *tab {
	t.Helper()
	tb := &tab{}
	tctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	tb.ctx = tctx
	if err := chromedp.Run(tctx); err != nil { // allocates the tab on tctx itself, not on a derived context
		t.Fatalf("open tab: %v", err)
	}
	chromedp.ListenTarget(tctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			tb.log = append(tb.log, "exception: "+ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError && len(ev.Args) > 0 {
				tb.log = append(tb.log, fmt.Sprintf("console.error: %s%s", ev.Args[0].Value, ev.Args[0].Description))
			}
		}
	})
	if err := tb.run(ctx, chromedp.EmulateViewport(1280, 720), chromedp.Navigate(url),
		chromedp.Poll("window.demo !== undefined", nil, chromedp.WithPollingInterval(pollEvery))); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	return tb
}

// run runs actions bounded by ctx and by the tab's life.
func (tb *tab) run(ctx context.Context, actions ...chromedp.Action) error {
	c, cancel := context.WithCancel(tb.ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	return chromedp.Run(c, actions...)
}

// eval evaluates expr, awaiting a promise, into res.
func (tb *tab) eval(ctx context.Context, expr string, res any) error {
	var raw json.RawMessage
	err := tb.run(ctx, chromedp.Evaluate(expr, &raw, func(e *runtime.EvaluateParams) *runtime.EvaluateParams {
		return e.WithAwaitPromise(true)
	}))
	if err != nil || res == nil {
		return err
	}
	return json.Unmarshal(raw, res)
}

// waitFor polls expr until it is truthy.
func (tb *tab) waitFor(ctx context.Context, expr string) error {
	if err := tb.run(ctx, chromedp.Poll(expr, nil, chromedp.WithPollingInterval(pollEvery))); err != nil {
		var st any
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = tb.eval(sctx, "window.demo && demo.state", &st)
		return fmt.Errorf("waiting for %s: %w (state %v, page log %q)", expr, err, st, tb.log)
	}
	return nil
}

// join fills the room and name fields and presses Join, as a user does.
func (tb *tab) join(ctx context.Context, room, name string) error {
	return tb.run(ctx, chromedp.SetValue("#room", room, chromedp.ByID), chromedp.SetValue("#name", name, chromedp.ByID),
		chromedp.Click("#join", chromedp.ByID))
}

// kindStats and inbound mirror demo.inboundStats() in app.js.
type kindStats struct {
	Packets, Bytes int64
	Streams        int
}

type inbound struct{ Audio, Video kindStats }

// waitMedia waits until inbound-rtp packets and bytes of both kinds grow by
// at least half a second of Opus and a second of the fake camera's lowest
// layer after the first sample that shows both.
func (tb *tab) waitMedia(ctx context.Context) (first, last inbound, err error) {
	grew := func(a, b kindStats, p, by int64) bool { return b.Packets-a.Packets >= p && b.Bytes-a.Bytes >= by }
	tick := time.NewTicker(pollEvery * 2)
	defer tick.Stop()
	started := false
	for {
		if err := tb.eval(ctx, "demo.inboundStats()", &last); err != nil {
			return first, last, err
		}
		switch {
		case !started && last.Audio.Packets > 0 && last.Video.Packets > 0:
			first, started = last, true
		case started && grew(first.Audio, last.Audio, 25, 1000) && grew(first.Video, last.Video, 20, 8000):
			return first, last, nil
		}
		select {
		case <-ctx.Done():
			return first, last, fmt.Errorf("media not flowing: first %+v last %+v: %w", first, last, ctx.Err())
		case <-tick.C:
		}
	}
}

// rect is an element's box in CSS pixels (the viewport's scale is 1).
type rect struct{ X, Y, W, H int }

// videoRects returns the boxes of the local and the remote video tiles.
func (tb *tab) videoRects(ctx context.Context) ([]rect, error) {
	var rs []rect
	err := tb.eval(ctx, `Array.from(document.querySelectorAll('.tile video')).map(v => {
		const r = v.getBoundingClientRect();
		return {X: Math.round(r.x), Y: Math.round(r.y), W: Math.round(r.width), H: Math.round(r.height)};
	})`, &rs)
	return rs, err
}

// screenshot captures the viewport as PNG into dir/name and decodes it.
func (tb *tab) screenshot(ctx context.Context, dir, name string) (string, image.Image, error) {
	var buf []byte
	if err := tb.run(ctx, chromedp.CaptureScreenshot(&buf)); err != nil {
		return "", nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		return "", nil, err
	}
	img, err := png.Decode(bytes.NewReader(buf))
	return path, img, err
}

// distinctColours counts the distinct colours (to 4 bits per channel) of
// img inside r, sampling every 4th pixel: a black or blank tile has one or
// two, the fake camera's test pattern has many.
func distinctColours(img image.Image, r rect) int {
	seen := map[uint32]bool{}
	for y := r.Y; y < r.Y+r.H; y += 4 {
		for x := r.X; x < r.X+r.W; x += 4 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			seen[(cr>>12)<<8|(cg>>12)<<4|cb>>12] = true
		}
	}
	return len(seen)
}

// artifactDir is where screenshots go: $E2E_ARTIFACTS/demo, else
// <os.TempDir()>/jitsi-go-e2e/demo. Never the source tree.
func artifactDir() string {
	if d := os.Getenv("E2E_ARTIFACTS"); d != "" {
		return filepath.Join(d, "demo")
	}
	return filepath.Join(os.TempDir(), "jitsi-go-e2e", "demo")
}

// clickByID clicks the element with that id.
func clickByID(id string) chromedp.Action { return chromedp.Click("#"+id, chromedp.ByID) }
