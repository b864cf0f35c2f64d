//go:build e2e

package e2e

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestBridgeRestart (issue 6, scenario 5): two pages in a call; the bridge
// process is killed with SIGKILL (a crash: no graceful shutdown, no
// brewery leave of its own) and a new one is started from the same drop-in
// files; then the same again with SIGTERM (a clean stop: the bridge
// announces shutting down). Without reloading the pages, media flows again both ways:
// inbound-rtp streams attributed to the other participant grow after the
// restart. The time from the kill to media flowing again is logged, with
// when the focus counted the bridge gone and back.
func TestBridgeRestart(t *testing.T) {
	testenv.RequireNetNS(t)
	ForEachServerAndTransport(t, func(t *testing.T, d Deployment, tr Transport) {
		ctx := scenarioCtx(t)
		c := startParty(ctx, t, d, tr, "e2e-restart", 2)
		c.eachPair(t, func(at, from int) error {
			_, _, err := c.pages[at].MediaFrom(ctx, c.ids[from])
			return err
		})
		for n, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGTERM} {
			restartBridge(ctx, t, c, sig, n+2)
		}
		c.checkHealthy(ctx, t)
	})
}

// restartBridge stops the bridge with sig, starts a new one from the same
// files and waits until both pages receive each other's media again, then
// checks that each page has its sockets-th bridge channel open. It logs
// the times from the signal to each step.
func restartBridge(ctx context.Context, t *testing.T, c *party, sig syscall.Signal, sockets int) {
	t.Helper()
	focusView := watchOperational(ctx, c.daemons)
	killed := time.Now()
	if err := c.daemons.KillBridge(ctx, sig); err != nil {
		t.Fatal(err)
	}
	c.daemons.RestartBridge(t)
	restarted := time.Since(killed)
	firstPacket := make([]time.Duration, len(c.pages))
	recovered := make([]time.Duration, len(c.pages))
	c.eachPair(t, func(at, from int) error {
		if err := c.pages[at].firstPackets(ctx, c.ids[from]); err != nil {
			return err
		}
		firstPacket[at] = time.Since(killed)
		_, _, err := c.pages[at].MediaFrom(ctx, c.ids[from])
		recovered[at] = time.Since(killed)
		return err
	})
	gone, back := focusView()
	t.Logf("%v -> new bridge started %v; focus saw the bridge gone after %v, operational again after %v; "+
		"first new audio+video packets after %v / %v; media flowing (full growth) after %v / %v",
		sig, restarted.Round(time.Millisecond), seen(gone), seen(back),
		firstPacket[0].Round(time.Millisecond), firstPacket[1].Round(time.Millisecond),
		recovered[0].Round(time.Millisecond), recovered[1].Round(time.Millisecond))
	for i, p := range c.pages {
		checkColibriReopened(ctx, t, p, i, sockets)
	}
}

// watchOperational polls the focus's operational bridge count from now on
// and returns a function that stops polling and reports, relative to now,
// when the count first dropped to zero and when it was first back above
// zero after that (zero durations when not seen).
func watchOperational(ctx context.Context, dm *Daemons) func() (gone, back time.Duration) {
	ctx, cancel := context.WithCancel(ctx)
	start := time.Now()
	done := make(chan struct{})
	var gone, back time.Duration
	go func() {
		defer close(done)
		tick := time.NewTicker(pollInterval)
		defer tick.Stop()
		for {
			n, err := dm.OperationalBridges(ctx)
			switch {
			case err != nil:
			case n == 0 && gone == 0:
				gone = time.Since(start)
			case n > 0 && gone != 0 && back == 0:
				back = time.Since(start)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() (time.Duration, time.Duration) {
		cancel()
		<-done
		return gone, back
	}
}

// seen formats a watchOperational time; zero means the 50 ms polls of
// /stats never caught that state.
func seen(d time.Duration) string {
	if d == 0 {
		return "(not caught by polling)"
	}
	return d.Round(time.Millisecond).String()
}

// firstPackets waits until streams attributed to id gain any audio and
// video packets after the page's first sample.
func (p *Page) firstPackets(ctx context.Context, id string) error {
	var first Streams
	started := false
	return p.sampleUntil(ctx, func(s Streams) bool {
		if !started {
			first, started = s, true
			return false
		}
		return Growth(first, s, id, "audio").Packets > 0 && Growth(first, s, id, "video").Packets > 0
	})
}

// checkColibriReopened checks that the page, not reloaded, has opened want
// bridge channels in all (one per bridge session) and the last is open.
func checkColibriReopened(ctx context.Context, t *testing.T, p *Page, i, want int) {
	t.Helper()
	log, err := p.Colibri(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := len(log.Sockets)
	if n != want || !log.Sockets[n-1].Opened || log.Sockets[n-1].Closed != nil {
		t.Errorf("participant %d: colibri websockets %+v, want a new open one after the restart", i, log.Sockets)
	}
	var down int
	if err := p.Eval(ctx, "e2e.bridgeDown", &down); err == nil {
		t.Logf("participant %d: %d colibri websockets, bridge-down notices %d", i, n, down)
	}
}
