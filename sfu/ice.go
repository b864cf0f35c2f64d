package sfu

import (
	"net/netip"
	"time"

	"github.com/pion/stun"
)

const (
	maxPairs      = 32
	checkRTO      = 100 * time.Millisecond
	maxCheckTries = 100
)

type pairState uint8

const (
	pairWaiting pairState = iota
	pairInProgress
	pairSucceeded
	pairFailed
)

// icePair is a candidate pair; the local side is always the shared socket.
type icePair struct {
	remote   netip.AddrPort
	priority uint32
	typ      CandidateType
	state    pairState
	tx       [12]byte
	sent     time.Time
	tries    int
}

// iceAgent is the controlling full-ICE state of one endpoint. Guarded by
// Endpoint.mu.
type iceAgent struct {
	remoteUfrag, remotePwd string
	tiebreaker             uint64
	pairs                  []*icePair
	selected               *icePair
	lastConsent            time.Time
	lastConsentSent        time.Time
	consentTx              [12]byte
	failed                 bool
	connected              bool // a pair was selected once (counted)
	failCounted            bool // ICE failure counted
}

// allFailed reports whether there are pairs and every one of them failed.
func (a *iceAgent) allFailed() bool {
	for _, p := range a.pairs {
		if p.state != pairFailed {
			return false
		}
	}
	return len(a.pairs) > 0
}

// countICEConnected counts the first selected pair. Called with ep.mu held.
func (ep *Endpoint) countICEConnected(p *icePair) {
	if ep.ice.connected {
		return
	}
	ep.ice.connected = true
	for _, c := range []*counters{&ep.stats, &ep.sfu.stats} {
		c.iceSucceeded.Add(1)
		if p.typ == CandidateRelay {
			c.iceSucceededRelayed.Add(1)
		}
	}
}

// countICEFailed counts the endpoint's first ICE failure. Called with ep.mu held.
func (ep *Endpoint) countICEFailed() {
	if ep.ice.failCounted {
		return
	}
	ep.ice.failCounted = true
	ep.stats.iceFailed.Add(1)
	ep.sfu.stats.iceFailed.Add(1)
}

func (a *iceAgent) pairFor(addr netip.AddrPort) *icePair {
	for _, p := range a.pairs {
		if p.remote == addr {
			return p
		}
	}
	return nil
}

func (a *iceAgent) addPair(addr netip.AddrPort, prio uint32, typ CandidateType) *icePair {
	if p := a.pairFor(addr); p != nil {
		return p
	}
	if len(a.pairs) >= maxPairs {
		return nil
	}
	p := &icePair{remote: addr, priority: prio, typ: typ}
	a.pairs = append(a.pairs, p)
	return p
}

func (a *iceAgent) pairByTx(id [12]byte) *icePair {
	for _, p := range a.pairs {
		if p.tx == id && p.state == pairInProgress {
			return p
		}
	}
	return nil
}

// onBindingRequest handles an authenticated check from the client: answer it,
// learn a peer-reflexive remote and send a triggered check.
func (ep *Endpoint) onBindingRequest(m *stun.Message, from netip.AddrPort, remoteUfrag string) {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	if ep.expired.Load() || (ep.ice.remoteUfrag != "" && remoteUfrag != ep.ice.remoteUfrag) {
		ep.sfu.stats.drops[dropAuth].Add(1)
		return
	}
	if err := ep.sfu.sendBindingSuccess(m, from, ep.local.Pwd); err != nil {
		return
	}
	ep.sfu.bindAddr(from, ep)
	p := ep.ice.addPair(from, requestPriority(m), CandidatePrflx)
	if p != nil && ep.ice.remotePwd != "" && p.state != pairSucceeded && p.state != pairInProgress {
		ep.sendPairCheck(p, ep.sfu.cfg.Clock.Now())
	}
}

// onBindingResponse handles the answer to one of our checks.
func (ep *Endpoint) onBindingResponse(m *stun.Message, from netip.AddrPort) {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	a := &ep.ice
	if ep.expired.Load() || a.remotePwd == "" {
		return
	}
	if stun.NewShortTermIntegrity(a.remotePwd).Check(m) != nil {
		ep.sfu.stats.drops[dropAuth].Add(1)
		return
	}
	now := ep.sfu.cfg.Clock.Now()
	if m.TransactionID == a.consentTx && a.selected != nil && from == a.selected.remote {
		a.lastConsent = now
		if a.failed && m.Type == stun.BindingSuccess { // consent regained
			a.failed = false
			addr := from
			ep.selected.Store(&addr)
			if ep.tr.Load() != nil {
				ep.setState(TransportConnected, nil)
			}
		}
		return
	}
	p := a.pairByTx(m.TransactionID)
	if p == nil || p.remote != from {
		return
	}
	if m.Type != stun.BindingSuccess {
		p.state = pairFailed
		return
	}
	p.state = pairSucceeded
	ep.sfu.bindAddr(from, ep)
	if a.selected == nil || a.failed {
		ep.selectPair(p, now)
	}
}

func (ep *Endpoint) selectPair(p *icePair, now time.Time) {
	a := &ep.ice
	a.selected, a.failed = p, false
	a.lastConsent, a.lastConsentSent = now, now
	ep.countICEConnected(p)
	addr := p.remote
	ep.selected.Store(&addr)
	ep.startDTLS()
}

func (ep *Endpoint) sendPairCheck(p *icePair, now time.Time) {
	a := &ep.ice
	if p.state == pairInProgress {
		ep.sfu.forgetTx(p.tx)
	}
	id, err := ep.sfu.sendCheck(ep, p.remote, a.remoteUfrag+":"+ep.local.Ufrag, a.remotePwd, a.tiebreaker, true)
	p.tx, p.sent, p.state = id, now, pairInProgress
	p.tries++
	if err != nil || p.tries > maxCheckTries {
		p.state = pairFailed
		ep.sfu.forgetTx(id)
	}
}

// iceTick paces connectivity checks and consent freshness.
func (ep *Endpoint) iceTick(now time.Time) {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	a := &ep.ice
	if a.remotePwd == "" || ep.expired.Load() {
		return
	}
	if a.selected == nil {
		for _, p := range a.pairs {
			due := p.state == pairWaiting || (p.state == pairInProgress && now.Sub(p.sent) >= checkRTO)
			if due {
				ep.sendPairCheck(p, now)
			}
		}
		if a.allFailed() {
			ep.countICEFailed()
		}
		return
	}
	ep.consentTick(now)
}

func (ep *Endpoint) consentTick(now time.Time) {
	a := &ep.ice
	cfg := &ep.sfu.cfg
	if !a.failed && now.Sub(a.lastConsent) > cfg.ConsentTimeout {
		a.failed = true
		ep.countICEFailed()
		ep.selected.Store(nil)
		ep.setState(TransportFailed, ErrConsentExpired)
	}
	interval := cfg.ConsentInterval
	if a.failed || now.Sub(a.lastConsent) > cfg.ConsentInterval {
		interval = cfg.ConsentInterval / 5 // retransmit while consent is overdue
	}
	if now.Sub(a.lastConsentSent) < interval {
		return
	}
	ep.sfu.forgetTx(a.consentTx)
	id, err := ep.sfu.sendCheck(ep, a.selected.remote, a.remoteUfrag+":"+ep.local.Ufrag, a.remotePwd, a.tiebreaker, false)
	if err == nil {
		a.consentTx, a.lastConsentSent = id, now
	}
}
