package relaybench

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync/atomic"
)

// rawRelay is the baseline: one socket, one goroutine; every datagram from
// the sender is written to each receiver. Nothing is decrypted.
type rawRelay struct {
	conn     *net.UDPConn
	local    netip.AddrPort
	route    atomic.Pointer[rawRoute]
	in, out  atomic.Uint64
	dropped  atomic.Uint64
	writeErr atomic.Uint64
	done     chan struct{}
}

// rawRoute is the relay's forwarding table, swapped atomically.
type rawRoute struct {
	sender    netip.AddrPort
	receivers []netip.AddrPort
}

func newRawRelay(listen netip.AddrPort) (*rawRelay, error) {
	conn, err := net.ListenUDP("udp4", net.UDPAddrFromAddrPort(listen))
	if err != nil {
		return nil, fmt.Errorf("relaybench: raw relay: %w", err)
	}
	// The same buffer sizes as sfu.New, so both servers see the same kernel.
	_ = conn.SetReadBuffer(4 << 20)
	_ = conn.SetWriteBuffer(4 << 20)
	r := &rawRelay{conn: conn, local: conn.LocalAddr().(*net.UDPAddr).AddrPort(), done: make(chan struct{})}
	go r.loop()
	return r, nil
}

func (r *rawRelay) addr() netip.AddrPort { return r.local }

func (r *rawRelay) loop() {
	defer close(r.done)
	buf := make([]byte, 2048)
	for {
		n, from, err := r.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		r.in.Add(1)
		rt := r.route.Load()
		if rt == nil || netip.AddrPortFrom(from.Addr().Unmap(), from.Port()) != rt.sender {
			r.dropped.Add(1)
			continue
		}
		for _, to := range rt.receivers {
			if _, err := r.conn.WriteToUDPAddrPort(buf[:n], to); err != nil {
				r.writeErr.Add(1)
				continue
			}
			r.out.Add(1)
		}
	}
}

func (r *rawRelay) setup(eps []ctlEndpoint) ([]ctlEndpoint, error) {
	if err := validateSetup(eps); err != nil {
		return nil, err
	}
	s, rs := splitSetup(eps)
	rt := &rawRoute{sender: netip.MustParseAddrPort(s.Addr)}
	out := []ctlEndpoint{{ID: s.ID}}
	for _, e := range rs {
		rt.receivers = append(rt.receivers, netip.MustParseAddrPort(e.Addr))
		out = append(out, ctlEndpoint{ID: e.ID})
	}
	r.route.Store(rt)
	return out, nil
}

func (r *rawRelay) stats() ctlStats {
	st := ctlStats{In: r.in.Load(), Out: r.out.Load(), Drops: map[string]uint64{}}
	if rt := r.route.Load(); rt != nil {
		st.Connected = 1 + len(rt.receivers)
	}
	if v := r.dropped.Load(); v > 0 {
		st.Drops["unknown-sender"] = v
	}
	if v := r.writeErr.Load(); v > 0 {
		st.Drops["write-error"] = v
	}
	return st
}

func (r *rawRelay) close() error {
	err := r.conn.Close()
	<-r.done
	return err
}
