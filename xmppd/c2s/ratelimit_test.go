package c2s

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// TestRateLimitThrottlesOnlyTheFlooder floods pings past the byte budget:
// the flooder's reader parks on the injected clock while a second session
// is served normally; advancing the clock releases the flood.
func TestRateLimitThrottlesOnlyTheFlooder(t *testing.T) {
	h := newHarness(t, Limits{RateBytes: 1000, RateBurst: 4000})
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	got := make(chan *xmpp.Element, 64)
	flood, err := xmpp.DialTCP(ctx, h.addr(), xmpp.Config{Domain: host, OnStanza: func(e *xmpp.Element) { got <- e }})
	if err != nil {
		t.Fatal(err)
	}
	defer flood.Close()
	good := h.goodClient(t) // logs in while the flooder still has budget
	baseline := h.clk.Pending()
	pad := strings.Repeat("x", 900)
	const n = 12
	replies := make(chan error, n)
	for i := 0; i < n; i++ {
		iq := xmpp.NewIQ("get", "f"+strconv.Itoa(i), "", host, xmpp.NewElement(xmpp.NSPing, "ping", "pad", pad))
		go func() { _, err := flood.SendIQ(ctx, iq); replies <- err }()
	}
	for h.clk.Pending() <= baseline { // the flooder's reader parks on a clock timer
		select {
		case <-ctx.Done():
			t.Fatal("flooder was never throttled")
		case <-time.After(time.Millisecond):
		}
	}
	h.ping(t, good)
	for done := 0; done < n; {
		select {
		case err := <-replies:
			if err != nil {
				t.Fatalf("flood ping: %v", err)
			}
			done++
		case <-time.After(5 * time.Millisecond):
			h.clk.Advance(time.Second)
		case <-ctx.Done():
			t.Fatal("flood never completed")
		}
	}
}
