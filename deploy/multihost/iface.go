package multihost

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// ParseHostnameIf reads an emitted hostname.vio0 ("inet ADDR NETMASK")
// into the guest's interface prefix.
func ParseHostnameIf(data []byte) (netip.Prefix, error) {
	f := strings.Fields(string(data))
	if len(f) != 3 || f[0] != "inet" {
		return netip.Prefix{}, fmt.Errorf("%w: hostname.vio0 %q is not \"inet ADDR NETMASK\"", ErrParse, strings.TrimSpace(string(data)))
	}
	a, err := netip.ParseAddr(f[1])
	mask := net.ParseIP(f[2]).To4()
	if err != nil || !a.Is4() || mask == nil {
		return netip.Prefix{}, fmt.Errorf("%w: hostname.vio0 %q: bad address or netmask", ErrParse, strings.TrimSpace(string(data)))
	}
	ones, bits := net.IPMask(mask).Size()
	if bits == 0 {
		return netip.Prefix{}, fmt.Errorf("%w: hostname.vio0 netmask %s is not contiguous", ErrParse, f[2])
	}
	return netip.PrefixFrom(a, ones), nil
}

// ParseMygate reads an emitted mygate (one address).
func ParseMygate(data []byte) (netip.Addr, error) {
	a, err := netip.ParseAddr(strings.TrimSpace(string(data)))
	if err != nil {
		return netip.Addr{}, fmt.Errorf("%w: mygate: %v", ErrParse, err)
	}
	return a, nil
}
