package xmppapi

import (
	"context"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// TestClientProxyOnProsody plays stock prosody's mod_client_proxy (which
// the stock Debian package loads) from an external component
// focus.<domain>: it subscribes to the focus's presence, which the focus
// accepts and then is available to it, and forwards a conference request
// with from = focus.<domain>/<original-full-jid>; the reply goes back to
// that wrapped address, ready, with the focus JID.
func TestClientProxyOnProsody(t *testing.T) {
	e := startProsodyEnv(t, "", false)
	proxy := "focus." + envDomain
	focusBare := "focus@auth." + envDomain
	presence := make(chan *xmpp.Element, 8)
	comp, err := xmpp.DialComponent(e.ctx, e.compAddr, proxy, envSecret, xmpp.Config{OnStanza: func(el *xmpp.Element) {
		if el.Local == "presence" {
			select {
			case presence <- el:
			default:
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = comp.Close() })
	sub := xmpp.NewElement(xmpp.NSClient, "presence", "type", "subscribe", "from", proxy, "to", focusBare)
	if err := comp.Send(e.ctx, sub); err != nil {
		t.Fatal(err)
	}
	subscribed, available := false, ""
	for !subscribed || available == "" {
		select {
		case p := <-presence:
			switch p.Get("type") {
			case "subscribed":
				subscribed = true
			case "":
				available = p.Get("from")
			}
		case <-e.ctx.Done():
			t.Fatalf("subscribed %v, available from %q", subscribed, available)
		}
	}
	if available != focusBare+"/focus" {
		t.Errorf("available presence from %q", available)
	}
	const requester = "anon1@" + envDomain + "/web-1"
	q := xmpp.NewElement(colibri.NSFocus, "conference", "room", "proxied@"+envConference)
	iq := xmpp.NewIQ("set", comp.NewID(), proxy+"/"+requester, available, q)
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	reply, err := comp.SendIQ(ctx, iq)
	if err != nil {
		t.Fatal(err)
	}
	c := reply.Child(colibri.NSFocus, "conference")
	if reply.Get("to") != proxy+"/"+requester || c == nil || c.Get("ready") != "true" || c.Get("focusjid") != focusBare {
		t.Fatalf("reply %s", reply)
	}
}
