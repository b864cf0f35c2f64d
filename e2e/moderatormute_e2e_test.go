//go:build e2e

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestModeratorMute (issue 6, scenario 4): three pages; the first, which
// the focus made moderator, mutes the second's audio through
// JitsiConference.muteParticipant(id, 'audio'). At the third, the inbound
// audio stream attributed to the second stops growing while the first's
// keeps growing: the bridge no longer forwards it. The second's video goes
// on, and the second's lib-jitsi-meet muted its own microphone on the
// focus's request.
func TestModeratorMute(t *testing.T) {
	testenv.RequireNetNS(t)
	ForEachServerAndTransport(t, func(t *testing.T, d Deployment, tr Transport) {
		ctx := scenarioCtx(t)
		c := startParty(ctx, t, d, tr, "e2e-mute", 3)
		moderator, muted, observer := c.pages[0], c.pages[1], c.pages[2]
		if err := moderator.WaitFor(ctx, "e2e.isModerator()", nil); err != nil {
			t.Fatalf("the first participant is not a moderator: %v", err)
		}
		if m, err := muted.IsModerator(ctx); err != nil || m {
			t.Fatalf("the second participant is a moderator (%v, err %v): the mute would prove nothing", m, err)
		}
		var keys map[string]bool
		c.eachPair(t, func(at, from int) error {
			_, last, err := c.pages[at].MediaFrom(ctx, c.ids[from])
			if at == 2 && from == 1 {
				keys = last.Keys(c.ids[1])
			}
			return err
		})
		start := time.Now()
		if err := moderator.MuteParticipant(ctx, c.ids[1], "audio"); err != nil {
			t.Fatal(err)
		}
		first, last, err := observer.WaitStopped(ctx, StopCheck{Kind: "audio", Stopped: keys, Flowing: c.ids[0]})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("second's audio stopped at the third after %v: second's audio %+v -> %+v, first's audio %+v -> %+v",
			time.Since(start).Round(time.Millisecond), first.OfKeys(keys, "audio"), last.OfKeys(keys, "audio"),
			first.Of(c.ids[0], "audio"), last.Of(c.ids[0], "audio"))
		selfMuted := `e2e.localTracks.find(t => t.getType() === "audio").isMuted()`
		if err := muted.WaitFor(ctx, selfMuted, nil); err != nil {
			t.Errorf("the second participant's microphone was not muted on the focus's request: %v", err)
		}
		seen := fmt.Sprintf(`e2e.conf.getParticipantById(%q).isAudioMuted()`, c.ids[1])
		if err := observer.WaitFor(ctx, seen, nil); err != nil {
			t.Errorf("the third does not see the second as audio-muted: %v", err)
		}
		if _, _, err := observer.KindsFrom(ctx, c.ids[1], "video"); err != nil {
			t.Errorf("the second's video stopped at the third too (only audio was muted): %v", err)
		}
		c.checkHealthy(ctx, t)
	})
}
