package sfu

import (
	"encoding/binary"
	"net/netip"
	"strings"

	"github.com/pion/stun"
)

// ICE attributes not defined by pion/stun as setters.
type iceControlling uint64

func (t iceControlling) AddTo(m *stun.Message) error {
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], uint64(t))
	m.Add(stun.AttrICEControlling, v[:])
	return nil
}

type icePriority uint32

func (p icePriority) AddTo(m *stun.Message) error {
	var v [4]byte
	binary.BigEndian.PutUint32(v[:], uint32(p))
	m.Add(stun.AttrPriority, v[:])
	return nil
}

type useCandidate struct{}

func (useCandidate) AddTo(m *stun.Message) error {
	m.Add(stun.AttrUseCandidate, nil)
	return nil
}

// requestPriority returns the PRIORITY attribute of a binding request.
func requestPriority(m *stun.Message) uint32 {
	v, err := m.Get(stun.AttrPriority)
	if err != nil || len(v) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(v)
}

// handleSTUN processes a STUN datagram: binding requests are routed by the
// local ufrag, responses by transaction id. b is only valid for the call.
func (s *SFU) handleSTUN(b []byte, from netip.AddrPort, _ *Endpoint) {
	m := &stun.Message{Raw: b}
	if err := m.Decode(); err != nil {
		s.stats.drops[dropMalformed].Add(1)
		return
	}
	switch m.Type {
	case stun.BindingRequest:
		s.handleBindingRequest(m, from)
	case stun.BindingSuccess, stun.BindingError:
		s.handleBindingResponse(m, from)
	default:
		// Indications (keepalives) and other methods are ignored.
	}
}

func (s *SFU) handleBindingRequest(m *stun.Message, from netip.AddrPort) {
	var u stun.Username
	if err := u.GetFrom(m); err != nil {
		s.stats.drops[dropMalformed].Add(1)
		return
	}
	localUfrag, remoteUfrag, ok := strings.Cut(string(u), ":")
	if !ok || localUfrag == "" || remoteUfrag == "" {
		s.stats.drops[dropMalformed].Add(1)
		return
	}
	s.mu.Lock()
	ep := s.byUfrag[localUfrag]
	s.mu.Unlock()
	if ep == nil {
		s.stats.drops[dropUnknownUfrag].Add(1)
		return
	}
	if stun.Fingerprint.Check(m) != nil || stun.NewShortTermIntegrity(ep.local.Pwd).Check(m) != nil {
		s.stats.drops[dropAuth].Add(1)
		return
	}
	ep.onBindingRequest(m, from, remoteUfrag)
}

func (s *SFU) handleBindingResponse(m *stun.Message, from netip.AddrPort) {
	s.txMu.Lock()
	ep := s.pendingTx[m.TransactionID]
	delete(s.pendingTx, m.TransactionID)
	s.txMu.Unlock()
	if ep == nil {
		s.stats.drops[dropUnknownAddr].Add(1)
		return
	}
	ep.onBindingResponse(m, from)
}

// sendBindingSuccess answers a connectivity check.
func (s *SFU) sendBindingSuccess(req *stun.Message, from netip.AddrPort, pwd string) error {
	resp, err := stun.Build(
		stun.NewTransactionIDSetter(req.TransactionID), stun.BindingSuccess,
		&stun.XORMappedAddress{IP: from.Addr().AsSlice(), Port: int(from.Port())},
		stun.NewShortTermIntegrity(pwd), stun.Fingerprint,
	)
	if err != nil {
		return err
	}
	return s.writeTo(resp.Raw, from)
}

// sendCheck sends a connectivity (or consent) check and registers its
// transaction for the response.
func (s *SFU) sendCheck(ep *Endpoint, to netip.AddrPort, username, pwd string, tb uint64, nominate bool) ([12]byte, error) {
	setters := []stun.Setter{
		stun.TransactionID, stun.BindingRequest, stun.NewUsername(username),
		iceControlling(tb), icePriority(candidatePriority(110, 65535)),
	}
	if nominate {
		setters = append(setters, useCandidate{})
	}
	setters = append(setters, stun.NewShortTermIntegrity(pwd), stun.Fingerprint)
	m, err := stun.Build(setters...)
	if err != nil {
		return [12]byte{}, err
	}
	s.txMu.Lock()
	s.pendingTx[m.TransactionID] = ep
	s.txMu.Unlock()
	return m.TransactionID, s.writeTo(m.Raw, to)
}

func (s *SFU) forgetTx(id [12]byte) {
	s.txMu.Lock()
	delete(s.pendingTx, id)
	s.txMu.Unlock()
}
