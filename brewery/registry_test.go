package brewery

import (
	"reflect"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/clock"
)

func TestRegistryEvents(t *testing.T) {
	var got []Event
	clk := clock.NewFake(time.Unix(0, 0))
	r := NewRegistry(Config{}, clk, func(e Event) { got = append(got, e) })
	r.Update("a", Stats{StressLevel: 0.2, HasStress: true})
	r.Update("a", Stats{}) // no stress_level: the last value is kept
	if b, _ := r.Get("a"); b.Stats.StressLevel != 0.2 {
		t.Fatalf("stress = %v, want 0.2 kept", b.Stats.StressLevel)
	}
	r.Update("a", Stats{ShuttingDown: true})
	r.Update("a", Stats{ShuttingDown: true})
	r.MarkFailed("a")
	r.Remove("a")
	r.Remove("a")
	r.MarkFailed("nobody")
	want := []Event{{BridgeAdded, "a"}, {BridgeShuttingDown, "a"}, {BridgeFailed, "a"}, {BridgeRemoved, "a"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	if c := r.Counts(); c.LostBridges != 1 || c.BridgeCount != 0 {
		t.Fatalf("counts %+v", c)
	}
}

func TestFailureReset(t *testing.T) {
	clk := clock.NewFake(time.Unix(0, 0))
	r := NewRegistry(Config{FailureResetThreshold: time.Minute}, clk, nil)
	r.Update("a", Stats{Version: "1", Release: "7"})
	r.MarkFailed("a")
	r.MarkHealthy("a")
	if b, _ := r.Get("a"); b.Operational {
		t.Fatal("operational right after a failure")
	}
	clk.Advance(time.Minute)
	b, _ := r.Get("a")
	if !b.Operational {
		t.Fatal("still failed after the reset threshold")
	}
	c := r.Counts()
	if c.OperationalBridgeCount != 1 || c.BridgeVersionCount != 1 {
		t.Fatalf("counts %+v", c)
	}
}

func TestGracefulIsSticky(t *testing.T) {
	r, _ := newTestRegistry(t, Config{}, bridgeSpec{jid: "a", grace: true})
	r.Update("a", Stats{})
	if b, _ := r.Get("a"); !b.InGracefulShutdown() {
		t.Fatal("graceful shutdown forgotten")
	}
	r.Update("b", Stats{})
	r.MarkGracefulShutdown("b")
	if c := r.Counts(); c.InShutdownBridgeCount != 2 {
		t.Fatalf("in shutdown %d, want 2", c.InShutdownBridgeCount)
	}
}
