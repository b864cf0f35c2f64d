package xmppapi

import (
	"errors"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stanza"
)

// keepalive pings the server (XEP-0199) every PingInterval; a ping without
// any answer within the reply timeout closes the connection, so that a
// dead TCP connection is noticed and the session is dialled again. An
// error answer still proves the server alive.
func (sess *session) keepalive() {
	svc := sess.svc
	for sleep(sess.ctx, svc.clk, svc.opts.PingInterval) {
		ctx, cancel := withTimeout(sess.ctx, svc.clk, svc.opts.replyTimeout())
		ping := xmpp.NewIQ("get", "", "", svc.cfg.Client.Domain, xmpp.NewElement(xmpp.NSPing, "ping"))
		_, err := sess.c.SendIQ(ctx, ping)
		cancel()
		var se stanza.Error
		if err == nil || errors.As(err, &se) || sess.ctx.Err() != nil {
			continue
		}
		sess.log.Warn("server does not answer pings; reconnecting", "err", err)
		_ = sess.c.Close()
		return
	}
}
