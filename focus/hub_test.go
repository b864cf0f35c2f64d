package focus

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/brewery"
	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// TestHubFansOutBridgeEvents runs two rooms through a hub wired to the
// registry as the glue wires it: a bridge loss moves both conferences, and
// each leaves the hub when its room empties.
func TestHubFansOutBridgeEvents(t *testing.T) {
	var removed atomic.Int32
	hub := NewHub(func() { removed.Add(1) })
	clk := clock.NewFake(time.Unix(0, 0))
	reg := brewery.NewRegistry(brewery.Config{}, clk, hub.Notify)
	reg.Update(bridge1, brewery.Stats{HasStress: true, StressLevel: 0.1, Healthy: true})
	reg.Update(bridge2, brewery.Stats{HasStress: true, StressLevel: 0.2, Healthy: true})
	sig, bridges := newFakeSignaller(), newFakeBridges()
	ctx, cancel := context.WithTimeout(context.Background(), failsafe)
	defer cancel()
	rooms := []string{"r1@conference.example.com", "r2@conference.example.com"}
	for _, room := range rooms {
		c, err := hub.Start(ctx, Params{Room: room, Config: testConfig(t, ""), Registry: reg, Signaller: sig,
			Bridges: bridges, Clock: clk, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := hub.Start(ctx, Params{Room: room}); again != c {
			t.Fatal("second Start created another conference")
		}
		for _, n := range []string{"a", "b"} {
			if err := c.Join(ctx, Occupant{Nick: n, JID: room + "/" + n, Features: WebClientFeatures}); err != nil {
				t.Fatal(err)
			}
		}
	}
	waitInitiates := func(want int) {
		for {
			calls, changed := sig.rec.snapshot()
			n := 0
			for _, c := range calls {
				if c.J.Action == jingle.ActionSessionInitiate && c.J.Transport().Ufrag == "ufrag-"+bridge2 {
					n++
				}
			}
			if n >= want {
				return
			}
			select {
			case <-changed:
			case <-ctx.Done():
				t.Fatalf("%d of %d re-invites seen", n, want)
			}
		}
	}
	reg.Remove(bridge1)
	waitInitiates(4)
	for _, room := range rooms {
		c := hub.Get(room)
		for _, n := range []string{"a", "b"} {
			if err := c.Leave(ctx, n); err != nil && err != ErrClosed {
				t.Fatal(err)
			}
		}
		<-c.Done()
	}
	hub.Wait()
	if r := hub.Rooms(); len(r) != 0 {
		t.Fatalf("rooms left %v", r)
	}
	if n := removed.Load(); n != int32(len(rooms)) {
		t.Fatalf("removal callback called %d times for %d ended conferences", n, len(rooms))
	}
}
