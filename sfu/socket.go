package sfu

import "net/netip"

// maxDatagram is the largest datagram accepted; anything larger is dropped.
const maxDatagram = 1500

// packet classes by first byte (RFC 7983).
const (
	classDrop = iota
	classSTUN
	classDTLS
	classSRTP
)

func classify(b []byte) int {
	if len(b) == 0 {
		return classDrop
	}
	switch c := b[0]; {
	case c <= 3:
		return classSTUN
	case c >= 20 && c <= 63:
		return classDTLS
	case c >= 128 && c <= 191:
		return classSRTP
	}
	return classDrop
}

func (s *SFU) readLoop() {
	defer s.wg.Done()
	buf := make([]byte, maxDatagram+1)
	for {
		n, from, err := s.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			if s.isClosedErr(err) {
				return
			}
			continue
		}
		s.handleDatagram(buf[:n], netip.AddrPortFrom(from.Addr().Unmap(), from.Port()))
	}
}

// handleDatagram demultiplexes one datagram. It owns b only for the call.
func (s *SFU) handleDatagram(b []byte, from netip.AddrPort) {
	s.stats.packetsIn.Add(1)
	s.stats.bytesIn.Add(uint64(len(b)))
	if len(b) > maxDatagram {
		s.stats.drops[dropOversize].Add(1)
		return
	}
	ep := s.lookupAddr(from)
	switch classify(b) {
	case classSTUN:
		s.handleSTUN(b, from, ep)
	case classDTLS:
		if ep == nil {
			s.stats.drops[dropUnknownAddr].Add(1)
			return
		}
		ep.handleDTLS(b, from)
	case classSRTP:
		if ep == nil {
			s.stats.drops[dropUnknownAddr].Add(1)
			return
		}
		ep.handleSRTP(b)
	default:
		s.stats.drops[dropMalformed].Add(1)
	}
}

func (s *SFU) lookupAddr(a netip.AddrPort) *Endpoint {
	s.addrMu.RLock()
	ep := s.byAddr[a]
	s.addrMu.RUnlock()
	return ep
}

// bindAddr maps a remote address to an endpoint after an authenticated STUN
// exchange. An address already owned by another live endpoint is moved:
// the newest authenticated exchange wins, as in ice4j.
func (s *SFU) bindAddr(a netip.AddrPort, ep *Endpoint) {
	s.addrMu.Lock()
	s.byAddr[a] = ep
	s.addrMu.Unlock()
}

func (s *SFU) unbindEndpoint(ep *Endpoint) {
	s.addrMu.Lock()
	for a, e := range s.byAddr {
		if e == ep {
			delete(s.byAddr, a)
		}
	}
	s.addrMu.Unlock()
	s.mu.Lock()
	if s.byUfrag[ep.local.Ufrag] == ep {
		delete(s.byUfrag, ep.local.Ufrag)
	}
	s.mu.Unlock()
	s.txMu.Lock()
	for id, e := range s.pendingTx {
		if e == ep {
			delete(s.pendingTx, id)
		}
	}
	s.txMu.Unlock()
}

// writeTo sends one datagram on the shared socket.
func (s *SFU) writeTo(b []byte, to netip.AddrPort) error {
	_, err := s.conn.WriteToUDPAddrPort(b, to)
	if err == nil {
		s.stats.packetsOut.Add(1)
		s.stats.bytesOut.Add(uint64(len(b)))
	}
	return err
}
