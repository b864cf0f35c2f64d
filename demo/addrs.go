package demo

import (
	"fmt"
	"net"
	"net/netip"
)

// loopback is 127.0.0.1, where every server of the demo listens.
var loopback = netip.AddrFrom4([4]byte{127, 0, 0, 1})

// LocalHostAddrs are the bridge's host candidates for a browser on this
// machine: the IPv4 addresses of this machine's up interfaces (what a
// desktop Chromium, hiding its own host candidates behind mDNS names,
// sends its checks from; the bridge answers them as peer-reflexive), then
// 127.0.0.1 (what a Chromium with --allow-loopback-in-peer-connection
// pairs with). Never an address of another machine.
func LocalHostAddrs() ([]netip.Addr, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("demo: interfaces: %w", err)
	}
	var out []netip.Addr
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue // an interface that went away meanwhile
		}
		out = append(out, usable(addrs)...)
	}
	return append(out, loopback), nil
}

// usable keeps the IPv4 unicast addresses, not loopback or link-local.
func usable(addrs []net.Addr) []netip.Addr {
	var out []netip.Addr
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		ip, ok := netip.AddrFromSlice(n.IP)
		ip = ip.Unmap()
		if !ok || !ip.Is4() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
			continue
		}
		out = append(out, ip)
	}
	return out
}
