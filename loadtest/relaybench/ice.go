package relaybench

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/stun"
)

// checkInterval paces the generator's own connectivity checks.
const checkInterval = 50 * time.Millisecond

// maxChecks bounds the checks one endpoint sends.
const maxChecks = 400

// iceState is the generator's ICE-controlled side of one endpoint: it
// answers the bridge's checks (the bridge is controlling and nominates)
// and runs its own checks towards the bridge.
type iceState struct {
	tx          atomic.Pointer[[12]byte] // our check in flight
	succeeded   chan struct{}            // our check got an authentic success
	nominated   chan struct{}            // the bridge sent USE-CANDIDATE
	succeedOnce sync.Once
	nominOnce   sync.Once
	tiebreaker  uint64
}

func (s *iceState) init() {
	s.succeeded, s.nominated = make(chan struct{}), make(chan struct{})
	var b [8]byte
	_, _ = rand.Read(b[:])
	s.tiebreaker = binary.BigEndian.Uint64(b[:])
}

// stunAttr adds a raw attribute (ICE-CONTROLLED, PRIORITY, USE-CANDIDATE).
type stunAttr struct {
	t stun.AttrType
	v []byte
}

func (a stunAttr) AddTo(m *stun.Message) error {
	m.Add(a.t, a.v)
	return nil
}

// handleSTUN runs on the reader goroutine.
func (p *peer) handleSTUN(b []byte) {
	m := &stun.Message{Raw: append([]byte(nil), b...)}
	if m.Decode() != nil {
		return
	}
	switch m.Type {
	case stun.BindingRequest:
		p.answerCheck(m)
	case stun.BindingSuccess:
		p.checkAnswered(m)
	}
}

// answerCheck validates a check from the bridge ("ourufrag:theirufrag",
// integrity with our password) and answers it.
func (p *peer) answerCheck(m *stun.Message) {
	var u stun.Username
	if u.GetFrom(m) != nil {
		return
	}
	local, _, ok := strings.Cut(string(u), ":")
	if !ok || local != p.ufrag {
		return
	}
	if stun.Fingerprint.Check(m) != nil || stun.NewShortTermIntegrity(p.pwd).Check(m) != nil {
		return
	}
	resp, err := stun.Build(stun.NewTransactionIDSetter(m.TransactionID), stun.BindingSuccess,
		&stun.XORMappedAddress{IP: p.server.Addr().AsSlice(), Port: int(p.server.Port())},
		stun.NewShortTermIntegrity(p.pwd), stun.Fingerprint)
	if err != nil || p.write(resp.Raw) != nil {
		return
	}
	if m.Contains(stun.AttrUseCandidate) {
		p.ice.nominOnce.Do(func() { close(p.ice.nominated) })
	}
}

// checkAnswered accepts the bridge's answer to our check.
func (p *peer) checkAnswered(m *stun.Message) {
	tx := p.ice.tx.Load()
	c := p.creds.Load()
	if tx == nil || c == nil || m.TransactionID != *tx {
		return
	}
	if stun.NewShortTermIntegrity(c.pwd).Check(m) != nil {
		return
	}
	p.ice.succeedOnce.Do(func() { close(p.ice.succeeded) })
}

// sendCheck sends one connectivity check to the bridge.
func (p *peer) sendCheck() error {
	c := p.creds.Load()
	var tb [8]byte
	var prio [4]byte
	binary.BigEndian.PutUint64(tb[:], p.ice.tiebreaker)
	binary.BigEndian.PutUint32(prio[:], 1845501695) // prflx, local pref 65535
	m, err := stun.Build(stun.TransactionID, stun.BindingRequest,
		stun.NewUsername(c.ufrag+":"+p.ufrag),
		stunAttr{stun.AttrICEControlled, tb[:]}, stunAttr{stun.AttrPriority, prio[:]},
		stun.NewShortTermIntegrity(c.pwd), stun.Fingerprint)
	if err != nil {
		return err
	}
	id := m.TransactionID
	p.ice.tx.Store(&id)
	return p.write(m.Raw)
}

// connectICE checks until our check succeeded and the bridge nominated the
// pair, or ctx ends.
func (p *peer) connectICE(ctx context.Context) error {
	t := time.NewTicker(checkInterval)
	defer t.Stop()
	for i := 0; ; i++ {
		if closed(p.ice.succeeded) && closed(p.ice.nominated) {
			return nil
		}
		if i >= maxChecks {
			return fmt.Errorf("%w: %s: ICE not done after %d rounds (check answered %v, nominated %v)",
				ErrHandshake, p.id, i, closed(p.ice.succeeded), closed(p.ice.nominated))
		}
		if !closed(p.ice.succeeded) {
			if err := p.sendCheck(); err != nil {
				return fmt.Errorf("%w: %s: check: %v", ErrHandshake, p.id, err)
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %s: ICE (check answered %v, nominated %v)", ErrHandshakeTimeout, p.id,
				closed(p.ice.succeeded), closed(p.ice.nominated))
		case <-t.C:
		}
	}
}

func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
