//go:build e2e

package e2e

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// party is a running deployment with lib-jitsi-meet pages joined to one
// room; ids[i] is the endpoint ID of pages[i].
type party struct {
	x       *XMPPServer
	daemons *Daemons
	tr      Transport
	room    string
	pages   []*Page
	ids     []string
}

// startParty brings up the deployment and joins n pages to room over tr:
// the first alone (so the focus makes it the moderator), the rest at once.
func startParty(ctx context.Context, t *testing.T, d Deployment, tr Transport, room string, n int) *party {
	t.Helper()
	c := &party{x: StartXMPP(t, d), tr: tr, room: room}
	c.daemons = StartDaemons(t, c.x)
	c.join(ctx, t, 1)
	c.join(ctx, t, n-1)
	return c
}

// join opens n more browsers and joins them at the same time, waiting for
// CONFERENCE_JOINED and their endpoint IDs.
func (c *party) join(ctx context.Context, t *testing.T, n int) []*Page {
	t.Helper()
	pages := make([]*Page, n)
	for i := range pages {
		pages[i] = StartBrowser(t).NewPage(t, c.x.Deployment)
	}
	ids := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, p := range pages {
		wg.Go(func() {
			if errs[i] = p.Join(ctx, c.room, c.tr); errs[i] != nil {
				return
			}
			if errs[i] = p.WaitJoined(ctx); errs[i] != nil {
				return
			}
			var in Info
			in, errs[i] = p.Info(ctx)
			ids[i] = in.MyUserID
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	c.pages = append(c.pages, pages...)
	c.ids = append(c.ids, ids...)
	return pages
}

// eachPair runs fn concurrently for every page at and every other page's
// participant from, failing the test with what fn returns.
func (c *party) eachPair(t *testing.T, fn func(at, from int) error) {
	t.Helper()
	var wg sync.WaitGroup
	for at := range c.pages {
		for from := range c.pages {
			if at == from {
				continue
			}
			wg.Go(func() {
				if err := fn(at, from); err != nil {
					t.Errorf("participant %d from %d: %v", at, from, err)
				}
			})
		}
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
}

// checkHealthy checks that every page is still joined and threw nothing.
func (c *party) checkHealthy(ctx context.Context, t *testing.T) {
	t.Helper()
	checkTransport(t, c.pages[0], c.x.Deployment, c.tr)
	for i, p := range c.pages {
		if ex := p.Exceptions(); len(ex) > 0 {
			t.Errorf("participant %d: uncaught exceptions %q", i, ex)
		}
		if st, err := p.State(ctx); err != nil || st.Conference != "joined" {
			t.Errorf("participant %d: state %+v (err %v), want still joined", i, st, err)
		}
	}
}
