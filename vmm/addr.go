package vmm

import (
	"fmt"
	"net/netip"
)

// DefaultPrefix is vmd's `local prefix` when none is configured.
var DefaultPrefix = netip.MustParsePrefix("100.64.0.0/10")

// Addr returns the host-side and guest-side addresses vmd gives the local
// interface number ifIdx (0-based) of the VM with the given ID, following
// vm_priv_addr: prefix | id<<8 | (ifIdx+1)*2, plus one for the guest. So
// VM 1's first interface is 100.64.1.2 (host) and 100.64.1.3 (guest).
func Addr(prefix netip.Prefix, id, ifIdx int) (host, guest netip.Addr, err error) {
	if !prefix.Addr().Is4() || id < 1 || ifIdx < 0 || (ifIdx+1)*2 > 254 {
		return host, guest, fmt.Errorf("%w: no local address for vm id %d interface %d in %s", ErrVM, id, ifIdx, prefix)
	}
	base := prefix.Masked().Addr().As4()
	n := uint32(base[0])<<24 | uint32(base[1])<<16 | uint32(base[2])<<8 | uint32(base[3])
	n |= uint32(id)<<8 | uint32((ifIdx+1)*2)
	if uint64(id)<<8 >= uint64(1)<<(32-prefix.Bits()) {
		return host, guest, fmt.Errorf("%w: vm id %d does not fit in %s", ErrVM, id, prefix)
	}
	h := netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	return h, h.Next(), nil
}
