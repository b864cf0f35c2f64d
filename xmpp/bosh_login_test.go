package xmpp_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/server"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

// boshLogins is how many logins each stress test runs per account kind;
// -count multiplies it.
const boshLogins = 15

const boshDomain = "meet.bosh.test"

func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }

// boshServer is one BOSH endpoint with an anonymous host and an account
// on auth.<domain>.
type boshServer struct {
	url string
}

func startProsodyBOSH(t *testing.T) boshServer {
	t.Helper()
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	testenv.RequireNetNS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// prosody opens its component port only when a component is configured,
	// and StartProsody waits for that port.
	p, err := testenv.StartProsody(ctx, testenv.ProsodyConfig{Dir: t.TempDir(), Domain: boshDomain,
		Components: []testenv.Component{{Name: "focus." + boshDomain, Secret: "unused"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		_ = p.Stop(sctx)
	})
	if err := p.Register(ctx, "user", "auth."+boshDomain, "pw"); err != nil {
		t.Fatal(err)
	}
	return boshServer{url: fmt.Sprintf("http://127.0.0.1:%d/http-bind", p.Config.HTTPPort)}
}

func startXmppdBOSH(t *testing.T) boshServer {
	t.Helper()
	cfg := xconfig.Default(boshDomain)
	cfg.DataDir, cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = t.TempDir(), "127.0.0.1:0", "", "127.0.0.1:0", ""
	srv, err := server.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Store().Register("user", "auth."+boshDomain, "pw"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	})
	return boshServer{url: "http://" + srv.Addrs().HTTP + "/http-bind"}
}

// loginOnce logs in over BOSH, checks the session with a ping round trip
// to the server and closes it.
func loginOnce(ctx context.Context, url string, cfg xmpp.Config) error {
	c, err := xmpp.DialBOSH(ctx, url, cfg)
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	defer c.Close()
	if c.JID().Domainpart() != cfg.Domain {
		return fmt.Errorf("bound %s, want a JID on %s", c.JID(), cfg.Domain)
	}
	ping := xmpp.NewIQ("get", "", "", cfg.Domain, xmpp.NewElement(xmpp.NSPing, "ping"))
	if _, err := c.SendIQ(ctx, ping); err != nil {
		return fmt.Errorf("ping after login: %w", err)
	}
	return nil
}

// stressBOSHLogins runs boshLogins anonymous and boshLogins SCRAM logins
// in sequence and fails with the count of failed ones.
func stressBOSHLogins(t *testing.T, s boshServer) {
	cfgs := []struct {
		name string
		cfg  xmpp.Config
	}{
		{"anonymous", xmpp.Config{Domain: boshDomain}},
		{"scram", xmpp.Config{Domain: "auth." + boshDomain, Username: "user", Password: "pw", Resource: "r"}},
	}
	for _, k := range cfgs {
		t.Run(k.name, func(t *testing.T) {
			failed := 0
			for i := range boshLogins {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				err := loginOnce(ctx, s.url, k.cfg)
				cancel()
				if err != nil {
					failed++
					t.Errorf("login %d: %v", i, err)
				}
			}
			if failed > 0 {
				t.Errorf("%d of %d BOSH logins failed", failed, boshLogins)
			}
		})
	}
}

// TestBOSHLoginStressProsody logs in over BOSH against stock prosody again
// and again: every login must see each response exactly once, in rid order.
func TestBOSHLoginStressProsody(t *testing.T) {
	stressBOSHLogins(t, startProsodyBOSH(t))
}

// TestBOSHLoginStressXmppd is the same against our own xmppd's /http-bind.
func TestBOSHLoginStressXmppd(t *testing.T) {
	testenv.RequireNetNS(t)
	stressBOSHLogins(t, startXmppdBOSH(t))
}
