package xmppapi

import (
	"context"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// runComponent keeps the XEP-0114 component for client-proxy
// (focus.<domain>) connected until ctx is done. The component answers only
// the conference IQ (and disco#info, ping); the room is joined over the
// client session.
func (s *Service) runComponent(ctx context.Context) {
	name := s.cfg.Client.ClientProxy
	log := s.log.With("xmpp", "component", "name", name)
	for ctx.Err() == nil {
		dctx, cancel := withTimeout(ctx, s.clk, s.opts.replyTimeout())
		c, err := xmpp.DialComponent(dctx, s.opts.ComponentAddr, name, s.opts.ComponentSecret, xmpp.Config{})
		cancel()
		if err != nil {
			if ctx.Err() == nil {
				log.Error("component connection failed", "addr", s.opts.ComponentAddr, "err", err)
			}
		} else {
			c.Handle(colibri.NSFocus, "conference", s.conferenceIQHandler(c, false))
			c.Handle(xmpp.NSDiscoInfo, "query", discoInfoHandler)
			s.componentUp.Store(true)
			s.state.changed()
			log.Info("component connected")
			select {
			case <-c.Done():
				log.Warn("component connection lost", "err", c.Err())
			case <-ctx.Done():
			}
			s.componentUp.Store(false)
			s.state.changed()
			_ = c.Close()
		}
		if !sleep(ctx, s.clk, s.opts.ReconnectDelay) {
			return
		}
	}
}
