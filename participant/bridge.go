package participant

import (
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/bridgechan"
)

// openBridge opens the bridge channel of a new session as lib-jitsi-meet
// does (the SCTP data channel when one was negotiated, else the first
// colibri websocket URL of the transport), closing the previous session's,
// and sends the first ReceiverVideoConstraints.
func (p *Participant) openBridge(s *Session, init *jingle.Jingle) {
	if p.cfg.NoBridgeChannel {
		return
	}
	var c *bridgechan.Client
	if dc := s.DataChannel(); dc != nil {
		c = bridgechan.NewDataChannel(p.ctx, dc, bridgechan.Options{})
	} else {
		t := init.Transport()
		if t == nil || len(t.WebSockets) == 0 {
			return
		}
		var err error
		if c, err = bridgechan.Dial(p.ctx, t.WebSockets[0].URL, bridgechan.Options{Insecure: true}); err != nil {
			p.fail(err)
			return
		}
	}
	p.mu.Lock()
	old := p.bridge
	p.bridge = c
	p.mu.Unlock()
	if old != nil {
		// The old bridge may be frozen or gone, and the websocket close
		// handshake then waits 5 s for it: not on the Jingle worker
		// (lib-jitsi-meet does not wait either).
		go func() { _ = old.Close() }()
	}
	// A data channel is usable only once SCTP is up: send without holding
	// up the Jingle worker.
	go p.sendConstraints(c)
}

func (p *Participant) sendConstraints(c *bridgechan.Client) {
	lastN := p.cfg.LastN
	err := c.SendConstraints(p.ctx, bridgechan.ReceiverVideoConstraints{LastN: &lastN,
		DefaultConstraints: &bridgechan.VideoConstraints{MaxHeight: p.cfg.MaxHeight}})
	if err != nil {
		p.fail(err)
	}
}
