package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/focus/xmppapi"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// TestRunAgainstProsody runs the command as rc.d would (-host, -config,
// the component flags) against stock prosody: a real anonymous client's
// conference request to focus.<domain> is answered ready, the REST API
// answers on jicofo.rest, and cancelling the context (SIGTERM) stops it.
func TestRunAgainstProsody(t *testing.T) {
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	const domain = "meet.cmd.test"
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	p, err := testenv.StartProsody(ctx, testenv.ProsodyConfig{Dir: t.TempDir(), Domain: domain,
		Components: []testenv.Component{{Name: "focus." + domain, Secret: "s3cret"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		_ = p.Stop(sctx)
	})
	if err := p.Register(ctx, "focus", "auth."+domain, "focuspw"); err != nil {
		t.Fatal(err)
	}
	ports, err := testenv.FreePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(t.TempDir(), "jicofo.conf")
	text := fmt.Sprintf(`jicofo {
  bridge { brewery-jid = "JvbBrewery@internal.auth.%[1]s", xmpp-connection-name = Client }
  sctp { enabled = false }
  xmpp { client { hostname = "127.0.0.1", port = %[2]d, domain = "auth.%[1]s", username = "focus", password = "focuspw", use-tls = false } }
  rest { host = "127.0.0.1", port = %[3]d }
}
`, domain, p.Config.C2SPort, ports[0])
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	started := make(chan *xmppapi.Service, 1)
	addr := make(chan string, 1)
	done := make(chan error, 1)
	args := []string{"-host=" + domain, "-config=" + conf, "-component-host=127.0.0.1",
		fmt.Sprintf("-component-port=%d", p.Config.ComponentPort), "-component-secret=s3cret", "-log-level=debug"}
	go func() {
		done <- run(runCtx, args, env(nil), io.Discard, func(svc *xmppapi.Service, rest string) {
			addr <- rest
			started <- svc
		})
	}()
	var svc *xmppapi.Service
	select {
	case svc = <-started:
	case err := <-done:
		t.Fatalf("run returned early: %v", err)
	}
	rest := <-addr
	if err := svc.WaitFor(ctx, func(s *xmppapi.Service) bool { return s.Connected() && s.ComponentConnected() }); err != nil {
		t.Fatal(err)
	}
	client, err := xmpp.DialTCP(ctx, testenv.Loopback(p.Config.C2SPort), xmpp.Config{Domain: domain})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	q := xmpp.NewElement(colibri.NSFocus, "conference", "room", "cmdroom@conference."+domain)
	reply, err := client.SendIQ(ctx, xmpp.NewIQ("set", "", "", "focus."+domain, q))
	if err != nil {
		t.Fatal(err)
	}
	if c := reply.Child(colibri.NSFocus, "conference"); c == nil || c.Get("ready") != "true" || c.Get("focusjid") != "focus@auth."+domain {
		t.Fatalf("conference reply %s", reply)
	}
	resp, err := http.Get("http://" + rest + "/about/version")
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]string
	err = json.NewDecoder(resp.Body).Decode(&v)
	resp.Body.Close()
	if err != nil || v["name"] != "Jicofo" || v["version"] != version {
		t.Errorf("/about/version %v %v", v, err)
	}
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("focus did not stop")
	}
}
