package sfu

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Conference is a set of endpoints that exchange media.
type Conference struct {
	id            string
	sfu           *SFU
	feedbackAudio uint32
	feedbackVideo uint32

	mu        sync.Mutex
	endpoints map[string]*Endpoint
	order     []*Endpoint // join order
	downs     map[downKey]*downTrack
	speakers  speakerState
	expired   bool

	view    atomic.Pointer[confView]
	dirty   atomic.Bool // allocation must be recomputed
	lastRR  time.Time
	lastTCC time.Time
}

type downKey struct {
	src  *mediaSource
	recv *Endpoint
}

// confView is the immutable routing snapshot the reader goroutine uses.
type confView struct {
	endpoints []*Endpoint
	bySSRC    map[uint32]*mediaSource // every SSRC of every source
}

func newConference(s *SFU, id string) *Conference {
	c := &Conference{
		id: id, sfu: s, endpoints: map[string]*Endpoint{}, downs: map[downKey]*downTrack{},
		feedbackAudio: randomSSRC(), feedbackVideo: randomSSRC(),
	}
	c.view.Store(&confView{bySSRC: map[uint32]*mediaSource{}})
	return c
}

func randomSSRC() uint32 {
	var b [4]byte
	for {
		_, _ = rand.Read(b[:])
		if v := binary.BigEndian.Uint32(b[:]); v != 0 {
			return v
		}
	}
}

// ID is the conference id.
func (c *Conference) ID() string { return c.id }

// FeedbackSSRCs are the SSRCs the bridge uses as RTCP sender for audio and
// video: what Colibri2 advertises as jvb-a0 and jvb-v0.
func (c *Conference) FeedbackSSRCs() (audio, video uint32) { return c.feedbackAudio, c.feedbackVideo }

// AddEndpoint creates an endpoint and registers its local ufrag.
func (c *Conference) AddEndpoint(id string, opts EndpointOptions) (*Endpoint, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.expired {
		return nil, fmt.Errorf("%w: %q", ErrConferenceNotFound, c.id)
	}
	if _, ok := c.endpoints[id]; ok {
		return nil, fmt.Errorf("%w: %q", ErrEndpointExists, id)
	}
	ep, err := newEndpoint(c, id, opts)
	if err != nil {
		return nil, err
	}
	c.sfu.mu.Lock()
	for c.sfu.byUfrag[ep.local.Ufrag] != nil { // astronomically unlikely
		ep.local.Ufrag += "x"
	}
	c.sfu.byUfrag[ep.local.Ufrag] = ep
	c.sfu.mu.Unlock()
	c.endpoints[id] = ep
	c.order = append(c.order, ep)
	c.rebuildLocked()
	return ep, nil
}

// Endpoint returns an endpoint by id.
func (c *Conference) Endpoint(id string) (*Endpoint, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ep, ok := c.endpoints[id]
	return ep, ok
}

// Endpoints returns the endpoints in join order.
func (c *Conference) Endpoints() []*Endpoint {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*Endpoint(nil), c.order...)
}

// Len is the number of endpoints.
func (c *Conference) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.endpoints)
}

// Expire closes every endpoint and removes the conference from the SFU.
func (c *Conference) Expire() {
	c.mu.Lock()
	c.expired = true
	eps := c.order
	c.order, c.endpoints = nil, map[string]*Endpoint{}
	c.rebuildLocked()
	c.mu.Unlock()
	for _, ep := range eps {
		ep.close()
	}
	c.sfu.removeConference(c)
}

func (c *Conference) removeEndpoint(ep *Endpoint) {
	c.mu.Lock()
	if c.endpoints[ep.id] == ep {
		delete(c.endpoints, ep.id)
		// A fresh array: readers copy c.order under c.mu, and a re-sliced
		// old one would keep the last endpoint reachable (c.order[:0:0]).
		c.order = slices.DeleteFunc(slices.Clone(c.order), func(e *Endpoint) bool { return e == ep })
		if len(c.order) == 0 {
			c.order = nil
		}
		c.speakers.remove(ep.id)
		c.rebuildLocked()
	}
	c.mu.Unlock()
	ep.close()
}

// ssrcOwner is called with c.mu held.
func (c *Conference) ssrcOwner(ssrc uint32) (*Endpoint, bool) {
	src, ok := c.view.Load().bySSRC[ssrc]
	if !ok {
		return nil, false
	}
	return src.owner, true
}

// rebuildLocked recomputes the routing snapshot and every source's list of
// down tracks, keeping existing projection state. Called with c.mu held.
func (c *Conference) rebuildLocked() {
	v := &confView{endpoints: append([]*Endpoint(nil), c.order...), bySSRC: map[uint32]*mediaSource{}}
	keep := map[downKey]*downTrack{}
	perRecv := map[*Endpoint]map[*mediaSource]*downTrack{}
	for _, sender := range c.order {
		for _, src := range sender.sources.Load().sources {
			for _, x := range src.layers {
				v.bySSRC[x] = src
			}
			for _, x := range src.rtx {
				v.bySSRC[x] = src
			}
			downs := make([]*downTrack, 0, len(c.order))
			for _, r := range c.order {
				if r == sender {
					continue
				}
				d := c.downs[downKey{src, r}]
				if d == nil {
					d = newDownTrack(src, r, c.sfu.cfg.InitialMaxHeight > 0 || src.kind == Audio)
				}
				keep[downKey{src, r}] = d
				downs = append(downs, d)
				if perRecv[r] == nil {
					perRecv[r] = map[*mediaSource]*downTrack{}
				}
				perRecv[r][src] = d
			}
			src.downs.Store(&downs)
		}
	}
	for _, r := range c.order {
		m := perRecv[r]
		r.downs.Store(&m)
	}
	c.downs = keep
	c.view.Store(v)
	c.allocateLocked()
}

// tick runs the per-conference timers from the control goroutine.
func (c *Conference) tick(now time.Time) {
	v := c.view.Load()
	for _, ep := range v.endpoints {
		ep.iceTick(now)
	}
	c.activityTick(v, now)
	cfg := &c.sfu.cfg
	if now.Sub(c.lastRR) >= cfg.RRInterval {
		c.lastRR = now
		for _, ep := range v.endpoints {
			ep.sendReceiverReports(now)
		}
	}
	if now.Sub(c.lastTCC) >= 100*time.Millisecond {
		c.lastTCC = now
		for _, ep := range v.endpoints {
			ep.sendTCCFeedback()
		}
	}
	c.speakerTick(now)
	if c.dirty.Swap(false) {
		c.allocate()
	}
}

// activityTick records when each endpoint last sent anything.
func (c *Conference) activityTick(v *confView, now time.Time) {
	for _, ep := range v.endpoints {
		if n := ep.stats.packetsIn.Load(); n != ep.lastPackets {
			ep.lastPackets = n
			ep.lastActive.Store(now.UnixNano())
		}
	}
}
