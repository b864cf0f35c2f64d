package focus

import (
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// sourceSignalingDelay is jicofo's ConferenceConfig.getSourceSignalingDelayMs:
// the delay of the largest configured size not above size (the number of
// participants), or none when size is below every configured one. delays
// must be sorted by Size, as config.Jicofo keeps them.
func sourceSignalingDelay(delays []config.SizeDelay, size int) time.Duration {
	var d time.Duration
	for _, sd := range delays {
		if sd.Size > size {
			break
		}
		d = sd.Delay
	}
	return d
}

// queueSources signals p's queued remote source changes, at once or, in a
// conference large enough for jicofo.conference.source-signaling-delays to
// apply, after that delay, so that the changes of many participants reach p
// as one source-remove and one source-add (jicofo's
// Participant.scheduleSignalingOfQueuedSources). A flush already scheduled
// takes the new changes along. While p's session is not active nothing is
// scheduled: onAccept flushes the queue.
func (c *conference) queueSources(p *participant) {
	if p.state != stateActive || p.sid == "" {
		return
	}
	d := sourceSignalingDelay(c.p.Config.Conference.SourceSignalingDelays, len(c.participants))
	if d <= 0 {
		c.signalSources(p)
		return
	}
	if p.flushPending {
		return
	}
	p.flushPending = true
	c.afterUnless(d, p.gone, func(c *conference) {
		p.flushPending = false
		if c.participants[p.occ.Nick] != p {
			return // it left; gone has normally dropped the timer already
		}
		if p.state != stateActive {
			// Re-invited meanwhile: its offer or session-accept signals the
			// queue, as jicofo's sendQueuedRemoteSources leaves it then.
			p.log.Debug("delayed source signalling skipped, session not active")
			return
		}
		c.signalSources(p)
	})
}

// countSent counts a Jingle IQ about to be sent: the conference's
// source-add and source-remove, and every action in the service's totals.
// It runs on the send queues' goroutines.
func (c *conference) countSent(a jingle.Action) {
	c.p.Totals.jingleSent(a)
	switch a {
	case jingle.ActionSourceAdd:
		c.sourceAdds.Add(1)
	case jingle.ActionSourceRemove:
		c.sourceRemoves.Add(1)
	}
}
