package integration

import (
	"context"
	"fmt"
	"sync"
	"testing"

	fxmpp "github.com/jitsi-go/jitsi-go/focus/xmppapi"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant"
	"github.com/jitsi-go/jitsi-go/participant/media"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// person is a test participant plus a record of the Jingle the focus sent
// it, taken on the wire (a tap on its XMPP transport).
type person struct {
	*participant.Participant
	id  uint32 // payload trailer sender ID
	tap *jingleTap
}

// join makes a participant join room over x's client transport, sending
// audio and video (trailer sender ID id) once its session is accepted.
func join(t testing.TB, ctx context.Context, x *xmppEnv, room, nick string, id uint32) *person {
	t.Helper()
	tap := &jingleTap{changed: make(chan struct{})}
	p, err := participant.Join(ctx, participant.JoinConfig{Dial: tap.dialer(x), Domain: domain,
		Room: room, Nick: nick, SendMedia: true,
		Media: participant.Config{Audio: true, Video: true, SenderID: id, VideoBitrate: 150_000, FPS: 15}})
	if err != nil {
		t.Fatalf("%s: join: %v", nick, err)
	}
	t.Cleanup(func() { _ = p.Close() })
	return &person{Participant: p, id: id, tap: tap}
}

// session waits for the next accepted session.
func (p *person) session(t testing.TB, ctx context.Context) *participant.Session {
	t.Helper()
	select {
	case s := <-p.Accepted():
		return s
	case <-ctx.Done():
		t.Fatalf("%s: no accepted session; errors %v", p.Nick(), p.Errors())
		return nil
	}
}

// gets reports whether the stats show at least n intact audio and n intact
// video packets from each sender, and no packet without a valid trailer.
func gets(n uint64, senders ...uint32) func([]media.Stats) bool {
	return func(st []media.Stats) bool {
		for _, id := range senders {
			if count(st, "audio", id) < n || count(st, "video", id) < n {
				return false
			}
		}
		for _, s := range st {
			if s.BadPayloads > 0 {
				return false
			}
		}
		return true
	}
}

// count sums the packets of kind from one sender over all streams.
func count(st []media.Stats, kind string, sender uint32) uint64 {
	var n uint64
	for _, s := range st {
		if s.Kind == kind {
			n += s.Senders[sender]
		}
	}
	return n
}

// waitMedia waits until s has received n intact audio and video packets
// from each sender.
func waitMedia(t testing.TB, ctx context.Context, who string, s *participant.Session, n uint64, senders ...uint32) {
	t.Helper()
	if err := s.Receiver().Wait(ctx, gets(n, senders...)); err != nil {
		t.Fatalf("%s: media from %v: %v; stats %+v", who, senders, err, s.Receiver().Stats())
	}
}

// jingleTap records every Jingle set the participant receives.
type jingleTap struct {
	mu      sync.Mutex
	seen    []jingle.Jingle
	changed chan struct{}
}

// dialer logs in over x's client transport with the tap between the
// socket and the client.
func (jt *jingleTap) dialer(x *xmppEnv) participant.Dialer {
	return func(ctx context.Context, cfg xmpp.Config) (*xmpp.Client, error) {
		t, err := x.transport(ctx, cfg.Domain)
		if err != nil {
			return nil, err
		}
		return xmpp.NewClient(ctx, &tapTransport{Transport: t, tap: jt}, cfg)
	}
}

// tapTransport shows every received element to the tap.
type tapTransport struct {
	xmpp.Transport
	tap *jingleTap
}

func (t *tapTransport) Recv() (*xmpp.Element, error) {
	e, err := t.Transport.Recv()
	if err == nil {
		t.tap.record(e)
	}
	return e, err
}

func (jt *jingleTap) record(e *xmpp.Element) {
	if e.Local != "iq" || e.Get("type") != "set" || e.Child(jingle.NS, "jingle") == nil {
		return
	}
	iq, err := jingle.DecodeIQ(e.Marshal(""))
	if err != nil || iq.Jingle == nil {
		return
	}
	jt.mu.Lock()
	defer jt.mu.Unlock()
	jt.seen = append(jt.seen, *iq.Jingle)
	close(jt.changed)
	jt.changed = make(chan struct{})
}

// wait blocks until some received Jingle satisfies cond.
func (jt *jingleTap) wait(ctx context.Context, what string, cond func(j *jingle.Jingle) bool) error {
	for {
		jt.mu.Lock()
		ch := jt.changed
		for i := range jt.seen {
			if cond(&jt.seen[i]) {
				jt.mu.Unlock()
				return nil
			}
		}
		jt.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("no %s: %w", what, ctx.Err())
		}
	}
}

// action matches a Jingle action that names owner's sources.
func action(a jingle.Action, owner string) func(j *jingle.Jingle) bool {
	return func(j *jingle.Jingle) bool {
		if j.Action != a {
			return false
		}
		m, err := j.Sources()
		if err != nil {
			return false
		}
		src, ok := m[owner]
		return ok && len(src.Audio) > 0 && len(src.Video) > 0
	}
}

// expectJingle waits for a Jingle action naming owner's sources at p.
func (p *person) expectJingle(t testing.TB, ctx context.Context, a jingle.Action, owner string) {
	t.Helper()
	if err := p.tap.wait(ctx, string(a)+" of "+owner, action(a, owner)); err != nil {
		t.Fatalf("%s: %v", p.Nick(), err)
	}
}

// leaveAll makes everyone leave and waits until the focus has ended every
// conference (expired on the bridges while they still run).
func leaveAll(t testing.TB, ctx context.Context, f *focus, people ...*person) {
	t.Helper()
	for _, p := range people {
		if err := p.Leave(ctx); err != nil {
			t.Errorf("%s: leave: %v", p.Nick(), err)
		}
	}
	if err := f.svc.WaitFor(ctx, func(s *fxmpp.Service) bool { return len(s.Hub().Rooms()) == 0 }); err != nil {
		t.Errorf("conferences left after everyone left: %v", f.svc.Hub().Rooms())
	}
}
