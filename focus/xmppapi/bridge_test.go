package xmppapi

import (
	"context"
	"crypto/x509"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/bridge"
	bxmpp "github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/sfu"
	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmpp/muc"
)

// startBridge runs our bridge (package bridge on a loopback SFU) with its
// own XMPP side (package bridge/xmppapi) as jvb@auth.<domain> in the
// brewery under nick, and waits until the focus has registered it. It
// returns the bridge and its brewery occupant JID.
func startBridge(t testing.TB, e *env, nick string) (*bridge.Bridge, string) {
	t.Helper()
	s, err := sfu.New(sfu.Config{ListenAddr: netip.MustParseAddrPort("127.0.0.1:0")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := bridge.New(bridge.Config{Version: "2.3-test", Logger: quietLogger()}, s)
	if err != nil {
		_ = s.Close()
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(e.c2sAddr)
	portN, _ := strconv.Atoi(port)
	x := config.XMPPClient{ID: "shard-" + nick, Hostname: host, Port: portN, Domain: "auth." + envDomain,
		Username: "jvb", Password: envJVBPass, MUCJIDs: []string{envBrewery}, MUCNickname: nick, SecurityMode: "disabled"}
	cfg := bxmpp.Config{Version: "2.3-test", Logger: quietLogger()}
	if e.caFile != "" {
		pem, err := os.ReadFile(e.caFile)
		if err != nil {
			t.Fatal(err)
		}
		cfg.RootCAs = x509.NewCertPool()
		cfg.RootCAs.AppendCertsFromPEM(pem)
		x.SecurityMode = "required"
	}
	cfg.Clients = []config.XMPPClient{x}
	svc, err := bxmpp.New(cfg, b)
	if err == nil {
		err = svc.Start()
	}
	if err != nil {
		_ = b.Close()
		_ = s.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = svc.Stop(ctx)
		_ = b.Close()
		_ = s.Close()
	})
	var jid string
	err = e.svc.WaitFor(e.ctx, func(s *Service) bool {
		for _, br := range s.Registry().Bridges() {
			if strings.HasSuffix(br.JID, "/"+nick) && br.Operational {
				jid = br.JID
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("bridge %s never registered: %v", nick, err)
	}
	return b, jid
}

// jingleInbox answers every Jingle set with result and hands the
// session-initiates to the test.
func jingleInbox(c *xmpp.Client) chan *jingle.IQ {
	ch := make(chan *jingle.IQ, 8)
	c.Handle(nsJingle, "jingle", func(iq *xmpp.Element) *xmpp.Element {
		if j, err := jingle.DecodeIQ(stanzaBytes(iq)); err == nil && j.Jingle != nil && j.Jingle.Action == jingle.ActionSessionInitiate {
			select {
			case ch <- j:
			default:
			}
		}
		return xmpp.Result(iq, nil)
	})
	return ch
}

// TestBridgeInBrewery: with our bridge (and its own XMPP side) in the
// brewery, two participants get their endpoints allocated with Colibri2
// sent through the brewery MUC, a session-initiate from the focus's
// occupant JID carrying the bridge's ICE transport and DTLS fingerprint,
// and the focus's presence announces bridge-count 1.
func TestBridgeInBrewery(t *testing.T) {
	e := startEnv(t, "jicofo.sctp.enabled = false")
	b, bridgeJID := startBridge(t, e, "jvb-real")
	if err := e.svc.WaitFor(e.ctx, func(s *Service) bool { return s.Registry().Counts().OperationalBridgeCount == 1 }); err != nil {
		t.Fatalf("bridge never registered: %v", err)
	}
	room := "withbridge@" + envConference
	var inboxes []chan *jingle.IQ
	var last *muc.Room
	var events chan muc.Event
	for _, nick := range []string{"alice", "bob"} {
		c, mux := e.client(t, "", "")
		inboxes = append(inboxes, jingleInbox(c))
		if r := conferenceIQ(t, e.ctx, c, room); !r.IsReady() {
			t.Fatalf("%s: not ready", nick)
		}
		last, events = joinRoom(t, e.ctx, c, mux, room, nick)
	}
	for i, in := range inboxes {
		select {
		case iq := <-in:
			checkSessionInitiate(t, iq, room)
		case <-e.ctx.Done():
			t.Fatalf("participant %d got no session-initiate", i)
		}
	}
	waitFocusPresence(t, e.ctx, last, events, func(p colibri.Presence) bool {
		v, _ := p.ConferenceProperties.Get(colibri.KeyBridgeCount)
		return v == "1" && p.BridgeNotAvailable == nil
	})
	conf := e.svc.Hub().Get(room)
	if conf == nil {
		t.Fatal("no conference")
	}
	snap, err := conf.Snapshot(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range snap.Participants {
		if p.Bridge != bridgeJID {
			t.Errorf("%s on bridge %q, want %q", p.Nick, p.Bridge, bridgeJID)
		}
		if _, ok := b.Endpoint(conf.MeetingID(), p.Nick); !ok {
			t.Errorf("the bridge has no endpoint %s in meeting %s", p.Nick, conf.MeetingID())
		}
	}
}

func checkSessionInitiate(t testing.TB, iq *jingle.IQ, room string) {
	t.Helper()
	if iq.From.String() != room+"/"+focusNick {
		t.Errorf("session-initiate from %s", iq.From)
	}
	tr := iq.Jingle.Transport()
	if tr == nil || tr.Ufrag == "" || tr.Pwd == "" || len(tr.Fingerprints) == 0 {
		t.Errorf("session-initiate transport %+v", tr)
	}
	if iq.Jingle.BridgeSession == nil || iq.Jingle.BridgeSession.ID == "" {
		t.Error("session-initiate without bridge-session")
	}
	if iq.Jingle.Content(jingle.ContentAudio) == nil || iq.Jingle.Content(jingle.ContentVideo) == nil {
		t.Error("session-initiate without audio and video contents")
	}
}
