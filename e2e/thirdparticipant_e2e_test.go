//go:build e2e

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestThirdParticipantMidCall (issue 6, scenario 3): two pages are in a
// call with media flowing; a third joins mid-call and both others receive
// its audio and video (inbound-rtp streams that lib-jitsi-meet attributes
// to the third participant grow); then it leaves, both others see it go
// (USER_LEFT, its remote tracks removed, no longer a participant) and the
// streams that carried its media stop while the remaining peer's go on.
func TestThirdParticipantMidCall(t *testing.T) {
	testenv.RequireNetNS(t)
	ForEachServerAndTransport(t, func(t *testing.T, d Deployment, tr Transport) {
		ctx := scenarioCtx(t)
		c := startParty(ctx, t, d, tr, "e2e-third", 2)
		c.eachPair(t, func(at, from int) error {
			_, _, err := c.pages[at].MediaFrom(ctx, c.ids[from])
			return err
		})
		start := time.Now()
		third := c.join(ctx, t, 1)[0]
		id3 := c.ids[2]
		joined := time.Since(start)
		keys := make([]map[string]bool, 2) // the streams carrying id3's media, per page
		c.eachPair(t, func(at, from int) error {
			first, last, err := c.pages[at].MediaFrom(ctx, c.ids[from])
			if err == nil && c.ids[from] == id3 && at < 2 {
				keys[at] = last.Keys(id3)
				t.Logf("participant %d receives %s: audio +%+v video +%+v over %v", at, id3,
					Growth(first, last, id3, "audio"), Growth(first, last, id3, "video"), keys[at])
			}
			return err
		})
		t.Logf("third joined after %v, all media flowing after %v", joined.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))

		if err := third.Leave(ctx); err != nil {
			t.Fatal(err)
		}
		c.pages, c.ids = c.pages[:2], c.ids[:2]
		left := time.Now()
		c.eachPair(t, func(at, from int) error {
			p := c.pages[at]
			gone := fmt.Sprintf(`e2e.leftParticipants.includes(%[1]q) && !e2e.participants().includes(%[1]q) &&
				["audio", "video"].every(k => e2e.removedTracks.some(r => r.participant === %[1]q && r.kind === k))`, id3)
			if err := p.WaitFor(ctx, gone, nil); err != nil {
				return fmt.Errorf("third participant not gone: %w", err)
			}
			for _, kind := range []string{"audio", "video"} {
				if _, _, err := p.WaitStopped(ctx, StopCheck{Kind: kind, Stopped: keys[at], Flowing: c.ids[from]}); err != nil {
					return err
				}
			}
			return nil
		})
		t.Logf("third participant gone and its media stopped at both after %v", time.Since(left).Round(time.Millisecond))
		c.checkHealthy(ctx, t)
	})
}
