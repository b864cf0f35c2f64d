package sfu

import (
	"fmt"
	"net"
	"net/netip"
)

// hostAddresses picks the addresses advertised as host candidates.
func hostAddresses(cfg []netip.Addr, bound netip.Addr) ([]netip.Addr, error) {
	if len(cfg) > 0 {
		return cfg, nil
	}
	if !bound.IsUnspecified() {
		return []netip.Addr{bound}, nil
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, fmt.Errorf("sfu: interface addresses: %w", err)
	}
	var out []netip.Addr
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		ip, ok := netip.AddrFromSlice(n.IP)
		if !ok || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
			continue
		}
		if ip.Unmap().Is4() == bound.Is4() {
			out = append(out, ip.Unmap())
		}
	}
	return out, nil
}

// candidatePriority implements RFC 8445 5.1.2.1 for component 1.
func candidatePriority(typePref uint32, localPref uint32) uint32 {
	return typePref<<24 | localPref<<8 | (256 - 1)
}

// localCandidates are the bridge's candidates: one host per address and a
// srflx for each NAT mapping of a host address, all on the shared port.
func (s *SFU) localCandidates() []Candidate {
	port := s.local.Port()
	var out []Candidate
	for i, a := range s.hostAddrs {
		ap := netip.AddrPortFrom(a, port)
		out = append(out, Candidate{
			Foundation: fmt.Sprint(i + 1), Component: 1, Type: CandidateHost,
			Priority: candidatePriority(126, uint32(65535-i)), Addr: ap,
		})
	}
	for i, m := range s.cfg.NAT {
		out = append(out, Candidate{
			Foundation: fmt.Sprint(len(s.hostAddrs) + i + 1), Component: 1, Type: CandidateSrflx,
			Priority: candidatePriority(100, uint32(65535-i)),
			Addr:     netip.AddrPortFrom(m.Public, port), RelAddr: netip.AddrPortFrom(m.Local, port),
		})
	}
	return out
}
