package participant

import (
	"context"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/bridgechan"
)

// openBridge opens the bridge channel of a new session as lib-jitsi-meet
// does (the SCTP data channel when one was negotiated, else the first
// colibri websocket URL of the transport), closing the previous session's,
// and sends the first ReceiverVideoConstraints. It never waits for the
// network: a frozen bridge (SIGSTOP: the kernel accepts the TCP connection,
// nothing answers the upgrade) would otherwise hold up the Jingle worker and
// with it the session-terminate and re-invite that move this participant
// off that bridge. A newer session's channel supersedes a dial in progress.
func (p *Participant) openBridge(s *Session, init *jingle.Jingle) {
	if p.cfg.NoBridgeChannel {
		return
	}
	ctx, cancel := context.WithCancel(p.ctx)
	p.mu.Lock()
	if p.bridgeDial != nil {
		p.bridgeDial() // superseded: its channel, if it opens, is closed
	}
	p.bridgeDial = cancel
	p.mu.Unlock()
	if dc := s.DataChannel(); dc != nil {
		p.installBridge(ctx, bridgechan.NewDataChannel(ctx, dc, bridgechan.Options{}))
		return
	}
	t := init.Transport()
	if t == nil || len(t.WebSockets) == 0 {
		return
	}
	url := t.WebSockets[0].URL
	go func() {
		c, err := bridgechan.Dial(ctx, url, bridgechan.Options{Insecure: true})
		if err != nil {
			if ctx.Err() == nil {
				p.fail(err)
			}
			return
		}
		p.installBridge(ctx, c)
	}()
}

// installBridge makes c the bridge channel unless ctx (its session's dial)
// was superseded meanwhile, closes the previous channel and sends the first
// constraints. The old bridge may be frozen or gone, and the websocket close
// handshake then waits 5 s for it: not on the caller's goroutine
// (lib-jitsi-meet does not wait either).
func (p *Participant) installBridge(ctx context.Context, c *bridgechan.Client) {
	p.mu.Lock()
	if ctx.Err() != nil {
		p.mu.Unlock()
		go func() { _ = c.Close() }()
		return
	}
	old := p.bridge
	p.bridge = c
	p.mu.Unlock()
	if old != nil {
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
