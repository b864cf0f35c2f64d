package focus

// Recording doubles of the Signaller and the BridgeClient for unit tests.
// fakeBridges answers Colibri2 the way jitsi-videobridge does (conference and
// endpoint bookkeeping, the errors of jitsi-protocol.md §3, feedback sources
// on creation); fakeSignaller answers every Jingle request with a result, as
// lib-jitsi-meet does. Integration tests against our real bridge and real
// clients come later (issue 5 acceptance); these doubles only make the
// focus's decisions observable.

import (
	"context"
	"fmt"
	"sync"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

// recorder is a log of calls that tests can wait on.
type recorder[T any] struct {
	mu      sync.Mutex
	calls   []T
	changed chan struct{}
}

func newRecorder[T any]() *recorder[T] { return &recorder[T]{changed: make(chan struct{})} }

func (r *recorder[T]) add(v T) {
	r.mu.Lock()
	r.calls = append(r.calls, v)
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
}

// snapshot returns the calls so far and a channel closed at the next call.
func (r *recorder[T]) snapshot() ([]T, <-chan struct{}) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]T(nil), r.calls...), r.changed
}

// bridgeCall is one conference-modify a bridge received.
type bridgeCall struct {
	Bridge string
	Req    *colibri.ConferenceModify
}

// fakeBridges emulates any number of bridges, keyed by occupant JID.
type fakeBridges struct {
	rec *recorder[bridgeCall]

	mu       sync.Mutex
	confs    map[string]map[string]*fakeConf // bridge → meeting-id → conference
	fail     map[string]error                // bridge → error for every request
	barriers map[string]*barrier             // bridge → barrier for non-create requests
	next     uint32
}

// barrier holds requests until n of them are waiting together: it proves
// they are in flight concurrently.
type barrier struct {
	mu      sync.Mutex
	n       int
	waiting int
	open    chan struct{}
}

func (b *barrier) arrive(ctx context.Context) error {
	b.mu.Lock()
	b.waiting++
	if b.waiting == b.n {
		close(b.open)
	}
	b.mu.Unlock()
	select {
	case <-b.open:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

type fakeConf struct {
	endpoints map[string]*colibri.Endpoint
	muted     map[string]colibri.ForceMute
}

func newFakeBridges() *fakeBridges {
	return &fakeBridges{rec: newRecorder[bridgeCall](), confs: map[string]map[string]*fakeConf{},
		fail: map[string]error{}, barriers: map[string]*barrier{}, next: 3000000000}
}

// failWith makes the bridge answer every later request with err (nil: heal).
func (f *fakeBridges) failWith(bridge string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[bridge] = err
}

// ConferenceModify implements BridgeClient.
func (f *fakeBridges) ConferenceModify(ctx context.Context, bridge string, req *colibri.ConferenceModify) (*colibri.ConferenceModified, error) {
	f.rec.add(bridgeCall{Bridge: bridge, Req: req})
	f.mu.Lock()
	b := f.barriers[bridge]
	f.mu.Unlock()
	if b != nil && !req.Create {
		if err := b.arrive(ctx); err != nil {
			return nil, err
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.fail[bridge]; err != nil {
		return nil, err
	}
	if f.confs[bridge] == nil {
		f.confs[bridge] = map[string]*fakeConf{}
	}
	conf := f.confs[bridge][req.MeetingID]
	switch {
	case req.Create && conf != nil:
		return nil, colibri.NewError(colibri.ReasonConferenceAlreadyExists, "exists")
	case req.Create:
		conf = &fakeConf{endpoints: map[string]*colibri.Endpoint{}, muted: map[string]colibri.ForceMute{}}
		f.confs[bridge][req.MeetingID] = conf
	case conf == nil:
		return nil, colibri.NewError(colibri.ReasonConferenceNotFound, "no conference "+req.MeetingID)
	}
	if req.Expire {
		delete(f.confs[bridge], req.MeetingID)
		return &colibri.ConferenceModified{}, nil
	}
	resp, err := f.endpoints(bridge, conf, req)
	if err != nil {
		return nil, err
	}
	if len(conf.endpoints) == 0 && !req.Create {
		delete(f.confs[bridge], req.MeetingID) // the bridge expires an empty conference itself
	}
	return resp, nil
}

func (f *fakeBridges) endpoints(bridge string, conf *fakeConf, req *colibri.ConferenceModify) (*colibri.ConferenceModified, error) {
	resp := &colibri.ConferenceModified{}
	created := req.Create
	for i := range req.Endpoints {
		ep := req.Endpoints[i]
		old := conf.endpoints[ep.ID]
		switch {
		case ep.Expire:
			delete(conf.endpoints, ep.ID)
			continue
		case ep.Create && old != nil:
			return nil, colibri.NewStanzaError(stanza.Cancel, stanza.Conflict, "endpoint exists")
		case ep.Create && (ep.Transport == nil || !ep.HasCapability(colibri.CapSourceNames)):
			return nil, colibri.NewStanzaError(stanza.Modify, stanza.BadRequest, "create needs transport and source-names")
		case ep.Create:
			conf.endpoints[ep.ID] = &ep
			created = true
			resp.Endpoints = append(resp.Endpoints, f.transport(bridge, ep))
		case old == nil && ep.ForceMute == nil:
			return nil, colibri.NewUnknownEndpointError(ep.ID, "unknown endpoint")
		case old != nil && ep.Sources != nil:
			old.Sources = ep.Sources
		}
		if ep.ForceMute != nil {
			conf.muted[ep.ID] = *ep.ForceMute
		}
	}
	if created {
		f.next += 2
		resp.Sources = colibri.FeedbackSources(f.next, f.next+1)
	}
	return resp, nil
}

// transport is the bridge's ICE-UDP transport for an endpoint; the ufrag
// names the bridge so tests can tell which bridge an offer came from.
func (f *fakeBridges) transport(bridge string, ep colibri.Endpoint) colibri.Endpoint {
	t := &colibri.Transport{ICEUDP: &jingle.ICEUDPTransport{Ufrag: "ufrag-" + bridge, Pwd: "pwd-" + ep.ID,
		RTCPMux:      &jingle.Empty{},
		Fingerprints: []jingle.Fingerprint{{Hash: "sha-256", Setup: "actpass", Value: "AB:CD"}},
		Candidates: []jingle.Candidate{{Component: 1, Foundation: "1", ID: "c1", IP: "127.0.0.1", Port: 10000,
			Priority: 2130706431, Protocol: "udp", Type: "host"}},
		WebSockets: []jingle.WebSocket{{URL: fmt.Sprintf("wss://%s/colibri-ws/x/%s", bridge, ep.ID)}}}}
	if ep.Transport.SCTP != nil {
		t.SCTP = &colibri.SCTP{Port: colibri.SCTPPort, Role: colibri.SCTPRoleServer}
	}
	return colibri.Endpoint{ID: ep.ID, Transport: t}
}

// endpointsOn lists the endpoints the bridge holds for a meeting.
func (f *fakeBridges) endpointsOn(bridge, meeting string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	conf := f.confs[bridge][meeting]
	if conf == nil {
		return nil
	}
	var out []string
	for id := range conf.endpoints {
		out = append(out, id)
	}
	return out
}

var (
	_ BridgeClient = (*fakeBridges)(nil)
	_ Signaller    = (*fakeSignaller)(nil)
	_ RoomPresence = (*fakePresence)(nil)
)
