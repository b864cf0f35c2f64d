package participant

import (
	"context"
	"fmt"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

const nsFocus = "http://jitsi.org/protocol/focus"

// requestConference sends the conference IQ until the focus answers
// ready="true", waiting retryDelay between attempts on the injected clock.
// An error reply ends the join (not-authorized, reservation errors...).
func (p *Participant) requestConference(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		if attempt == 0 {
			p.mu.Lock()
			p.confAt = p.cfg.Media.Now()
			p.mu.Unlock()
		}
		q := xmpp.NewElement(nsFocus, "conference", "room", p.cfg.Room, "machine-uid", p.cfg.StatsID)
		q.Add(xmpp.NewElement(nsFocus, "property", "name", "rtcstatsEnabled", "value", "false"))
		reply, err := p.client.SendIQ(ctx, xmpp.NewIQ("set", "", "", p.cfg.FocusJID, q))
		if err != nil {
			return fmt.Errorf("participant: conference request to %s: %w", p.cfg.FocusJID, err)
		}
		if c := reply.Child(nsFocus, "conference"); c != nil && c.Get("ready") == "true" {
			return nil
		}
		select {
		case <-p.cfg.Clock.After(retryDelay(attempt)):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
