package xmppapi

import (
	"context"
	"encoding/xml"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus"
)

// joinBrewery joins jicofo.bridge.brewery-jid with the focus's username as
// nick, starts the health checker and rejoins after ReconnectDelay when
// the focus is removed from the room, until the session ends.
func (sess *session) joinBrewery() error {
	room, err := sess.joinBreweryOnce()
	if err != nil {
		return err
	}
	if hc := sess.healthChecker(); hc != nil {
		sess.wg.Add(1)
		go func() {
			defer sess.wg.Done()
			hc.Run(sess.ctx)
		}()
	}
	sess.wg.Add(1)
	go func() {
		defer sess.wg.Done()
		sess.stayInBrewery(room)
	}()
	return nil
}

func (sess *session) joinBreweryOnce() (mucRoom, error) {
	svc := sess.svc
	ctx, cancel := withTimeout(sess.ctx, svc.clk, svc.opts.replyTimeout())
	defer cancel()
	return sess.join(ctx, svc.cfg.Bridge.BreweryJID, joinOptions{nick: svc.cfg.Client.Username, onEvent: sess.onBreweryEvent})
}

// stayInBrewery leaves the brewery when the session ends, and rejoins when
// the room is lost while the session lasts.
func (sess *session) stayInBrewery(room mucRoom) {
	svc := sess.svc
	for {
		select {
		case <-sess.ctx.Done():
			ctx, cancel := withTimeout(context.Background(), svc.clk, svc.opts.replyTimeout())
			_ = room.Leave(ctx)
			cancel()
			return
		case <-room.Done():
		}
		sess.log.Warn("removed from the brewery; bridges dropped until it is joined again")
		svc.dropBridges()
		for {
			if !sleep(sess.ctx, svc.clk, svc.opts.ReconnectDelay) {
				return
			}
			r, err := sess.joinBreweryOnce()
			if err == nil {
				room = r
				break
			}
			sess.log.Error("brewery join failed", "err", err)
		}
	}
}

// onBreweryEvent turns brewery presence into registry updates: a presence
// with <stats/> adds or refreshes a bridge, a leave removes it.
func (sess *session) onBreweryEvent(ev occEvent) {
	reg := sess.svc.registry
	if ev.kind == evLeft {
		reg.Remove(ev.jid)
		return
	}
	if ev.presence == nil {
		return
	}
	st := ev.presence.Child(colibri.NSColibri, "stats")
	if st == nil {
		return
	}
	var stats colibri.Stats
	if err := xml.Unmarshal(st.Marshal(""), &stats); err != nil {
		sess.log.Warn("bad brewery stats", "bridge", ev.jid, "err", err)
		return
	}
	reg.Update(ev.jid, focus.BreweryStats(&stats))
}
