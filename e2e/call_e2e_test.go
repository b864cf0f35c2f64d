//go:build e2e

package e2e

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// twoParty is a running deployment (XMPP server, our focus and bridge) with
// two lib-jitsi-meet participants, each in its own Chromium, joined to one
// room. No observer stands in for anything: the real focus answers.
type twoParty struct {
	d       Deployment
	daemons *Daemons
	pages   [2]*Page
}

// startTwoParty brings up the deployment, opens two browsers and joins
// both pages to room over tr at the same time, waiting for
// CONFERENCE_JOINED on both.
func startTwoParty(ctx context.Context, t *testing.T, d Deployment, tr Transport, room string) *twoParty {
	t.Helper()
	x := StartXMPP(t, d)
	c := &twoParty{d: x.Deployment}
	c.daemons = StartDaemons(t, x)
	for i := range c.pages {
		c.pages[i] = StartBrowser(t).NewPage(t, c.d)
	}
	errs := make([]error, len(c.pages))
	var wg sync.WaitGroup
	for i, p := range c.pages {
		wg.Go(func() {
			if err := p.Join(ctx, room, tr); err != nil {
				errs[i] = err
				return
			}
			errs[i] = p.WaitJoined(ctx)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTwoParticipantsMedia (issue 6, scenario 1): two lib-jitsi-meet
// participants join one room through our focus and bridge, and each
// receives the other's audio and video: getStats() inbound-rtp packets and
// bytes grow for both kinds on the peer connection to the bridge.
func TestTwoParticipantsMedia(t *testing.T) {
	testenv.RequireNetNS(t)
	ForEachServerAndTransport(t, func(t *testing.T, d Deployment, tr Transport) {
		ctx := scenarioCtx(t)
		start := time.Now()
		c := startTwoParty(ctx, t, d, tr, "e2e-media")
		joined := time.Since(start)
		var wg sync.WaitGroup
		for i, p := range c.pages {
			wg.Go(func() {
				first, last, err := p.WaitMediaFlowing(ctx)
				if err != nil {
					t.Errorf("participant %d: %v", i, err)
					return
				}
				t.Logf("participant %d inbound: audio %+v -> %+v, video %+v -> %+v", i, first.Audio, last.Audio, first.Video, last.Video)
			})
		}
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
		t.Logf("joined after %v, media flowing after %v", joined.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
		for i, p := range c.pages {
			if log, err := p.Colibri(ctx); err == nil {
				t.Logf("participant %d bridge channel messages: %v", i, log.Counts)
			}
		}
		c.checkHealthy(ctx, t, tr)
	})
}

// TestBridgeChannelWebSocket (issue 6, scenario 2): the bridge channel of
// both participants is the colibri websocket of our bridge (no SCTP is
// offered): ServerHello arrives on it, and an EndpointMessage one page
// sends arrives at the other, addressed and broadcast.
func TestBridgeChannelWebSocket(t *testing.T) {
	testenv.RequireNetNS(t)
	ForEachServerAndTransport(t, func(t *testing.T, d Deployment, tr Transport) {
		ctx := scenarioCtx(t)
		c := startTwoParty(ctx, t, d, tr, "e2e-channel")
		var ids [2]string
		for i, p := range c.pages {
			if err := p.WaitColibri(ctx, "in", "ServerHello"); err != nil {
				t.Fatalf("participant %d: %v", i, err)
			}
			in, err := p.Info(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ids[i] = in.MyUserID
		}
		checkEndpointMessage(ctx, t, c.pages[0], c.pages[1], ids[0], ids[1], "direct")
		checkEndpointMessage(ctx, t, c.pages[1], c.pages[0], ids[1], "", "broadcast")
		for i, p := range c.pages {
			checkColibriSocket(ctx, t, p, c.daemons.Ports.BridgeHTTP, ids[i])
			if log, err := p.Colibri(ctx); err == nil {
				t.Logf("participant %d bridge channel messages: %v", i, log.Counts)
			}
		}
		c.checkHealthy(ctx, t, tr)
	})
}

// checkHealthy checks what every scenario ends with: the XMPP traffic went
// over tr and the pages threw no exception.
func (c *twoParty) checkHealthy(ctx context.Context, t *testing.T, tr Transport) {
	t.Helper()
	checkTransport(t, c.pages[0], c.d, tr)
	for i, p := range c.pages {
		if ex := p.Exceptions(); len(ex) > 0 {
			t.Errorf("participant %d: uncaught exceptions %q", i, ex)
		}
		if st, err := p.State(ctx); err != nil || st.Conference != "joined" {
			t.Errorf("participant %d: state %+v (err %v), want still joined", i, st, err)
		}
	}
}
