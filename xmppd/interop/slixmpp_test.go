package interop

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

const python = "/usr/bin/python3"

// TestSlixmppMUC has a real third-party client (slixmpp) and our client in
// one room: slixmpp must see our presence extension intact and answer our
// groupchat.
func TestSlixmppMUC(t *testing.T) {
	if err := exec.Command(python, "-c", "import slixmpp").Run(); err != nil {
		t.Skip("python3-slixmpp not installed (CI: apt-get install -y python3-slixmpp)")
	}
	forEachTarget(t, func(t *testing.T, tg *target) {
		ctx := testCtx(t)
		room := uniq("slix") + "@conference." + tg.Domain
		in := newInbox()
		c := mustDial(ctx, t, func() (*xmpp.Client, error) { return xmpp.DialTCP(ctx, tg.C2S, tg.anonCfg(in.put)) })
		if err := c.Send(ctx, joinPresence(room+"/gopher", "gopher-stats")); err != nil {
			t.Fatal(err)
		}
		in.waitFor(ctx, t, "own join", isPresenceFrom(room+"/gopher"))
		host, port, _ := net.SplitHostPort(tg.C2S)
		var out bytes.Buffer
		cmd := exec.CommandContext(ctx, python, "testdata/slixmpp_muc.py", tg.Domain, host, port, room, "slix")
		cmd.Stdout, cmd.Stderr, cmd.Env = &out, &out, append(os.Environ(), "PYTHONUNBUFFERED=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			if t.Failed() {
				t.Logf("slixmpp output:\n%s", out.String())
			}
		}()
		body := func(text string) func(*xmpp.Element) bool {
			return func(e *xmpp.Element) bool {
				b := e.Child("", "body")
				return e.Local == "message" && e.Get("from") == room+"/slix" && b != nil && b.Text() == text
			}
		}
		in.waitFor(ctx, t, "slixmpp presence", isPresenceFrom(room+"/slix"))
		in.waitFor(ctx, t, "slixmpp saw our extension", body("saw-extension"))
		ping := xmpp.NewElement(xmpp.NSClient, "message", "to", room, "type", "groupchat").
			Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("ping-from-go"))
		if err := c.Send(ctx, ping); err != nil {
			t.Fatal(err)
		}
		in.waitFor(ctx, t, "slixmpp pong", body("pong-from-slixmpp"))
	})
}
