package interop

import (
	"context"
	"errors"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

func pingServer(ctx context.Context, t *testing.T, c *xmpp.Client, domain string) {
	t.Helper()
	iq := xmpp.NewIQ("get", "", "", domain, xmpp.NewElement(xmpp.NSPing, "ping"))
	if _, err := c.SendIQ(ctx, iq); err != nil {
		t.Fatalf("ping %s: %v (session: %v)", domain, err, c.Err())
	}
}

func TestAnonymousLogin(t *testing.T) {
	forEachTarget(t, func(t *testing.T, tg *target) {
		dials := map[string]func(ctx context.Context) (*xmpp.Client, error){
			"tcp": func(ctx context.Context) (*xmpp.Client, error) {
				return xmpp.DialTCP(ctx, tg.C2S, tg.anonCfg(nil))
			},
			"websocket": func(ctx context.Context) (*xmpp.Client, error) {
				return xmpp.DialWebSocket(ctx, tg.wsURL(), tg.anonCfg(nil))
			},
			"bosh": func(ctx context.Context) (*xmpp.Client, error) {
				return xmpp.DialBOSH(ctx, tg.boshURL(), tg.anonCfg(nil))
			},
		}
		for _, name := range []string{"tcp", "websocket", "bosh"} {
			t.Run(name, func(t *testing.T) {
				ctx := testCtx(t)
				c := mustDial(ctx, t, func() (*xmpp.Client, error) { return dials[name](ctx) })
				if c.JID().Domainpart() != tg.Domain || c.JID().Localpart() == "" || c.JID().Resourcepart() == "" {
					t.Fatalf("bound JID %v", c.JID())
				}
				pingServer(ctx, t, c, tg.Domain)
			})
		}
	})
}

func TestSCRAMLogin(t *testing.T) {
	forEachTarget(t, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		if err := tg.Register("focus", "auth."+tg.Domain, "focuspass"); err != nil {
			t.Fatal(err)
		}
		c := mustDial(ctx, t, func() (*xmpp.Client, error) {
			cfg := tg.userCfg("focus", "focuspass", nil)
			cfg.Resource = "focus"
			return xmpp.DialTCP(ctx, tg.C2S, cfg)
		})
		if got := c.JID().String(); got != "focus@auth."+tg.Domain+"/focus" {
			t.Fatalf("bound %q", got)
		}
		pingServer(ctx, t, c, "auth."+tg.Domain)
		_, err := xmpp.DialTCP(ctx, tg.C2S, tg.userCfg("focus", "wrong", nil))
		if !errors.Is(err, xmpp.ErrAuth) {
			t.Fatalf("wrong password: err = %v, want ErrAuth", err)
		}
	})
}
