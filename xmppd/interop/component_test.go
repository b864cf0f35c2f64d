package interop

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

func TestComponentIQ(t *testing.T) {
	forEachTarget(t, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		comp, err := xmpp.DialComponent(ctx, tg.Component, tg.CompName, tg.CompSecret, xmpp.Config{})
		if err != nil {
			t.Fatalf("component handshake: %v", err)
		}
		defer comp.Close()
		comp.Handle(nsTest, "query", func(iq *xmpp.Element) *xmpp.Element {
			return xmpp.Result(iq, xmpp.NewElement(nsTest, "query").AddText("from component"))
		})
		c := mustDial(ctx, t, func() (*xmpp.Client, error) { return xmpp.DialTCP(ctx, tg.C2S, tg.anonCfg(nil)) })
		reply, err := c.SendIQ(ctx, xmpp.NewIQ("get", "", "", tg.CompName, xmpp.NewElement(nsTest, "query")))
		if err != nil {
			t.Fatalf("IQ to component: %v", err)
		}
		if q := reply.Child(nsTest, "query"); q == nil || q.Text() != "from component" {
			t.Fatalf("reply %s", reply)
		}
		// and the other way: the component addresses the client's full JID.
		got := make(chan *xmpp.Element, 1)
		c2 := mustDial(ctx, t, func() (*xmpp.Client, error) {
			return xmpp.DialTCP(ctx, tg.C2S, tg.anonCfg(func(e *xmpp.Element) { got <- e }))
		})
		msg := xmpp.NewElement(xmpp.NSClient, "message", "from", tg.CompName, "to", c2.JID().String()).
			Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("hi from component"))
		if err := comp.Send(ctx, msg); err != nil {
			t.Fatal(err)
		}
		select {
		case m := <-got:
			if b := m.Child("", "body"); b == nil || b.Text() != "hi from component" || m.Get("from") != tg.CompName {
				t.Fatalf("message %s", m)
			}
		case <-ctx.Done():
			t.Fatal("component message not delivered")
		}
	})
}
