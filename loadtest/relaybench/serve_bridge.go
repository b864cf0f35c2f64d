package relaybench

import (
	"fmt"
	"io"
	"net/netip"

	"github.com/jitsi-go/jitsi-go/sfu"
)

// Payload types and codecs both sides agree on.
const (
	ptOpus = 111
	ptVP8  = 100
)

// bridgeServer is the SFU under test with one conference.
type bridgeServer struct {
	s      *sfu.SFU
	conf   *sfu.Conference
	eps    []*sfu.Endpoint
	stderr io.Writer
	done   chan struct{} // closed by close: stops logEvents
}

func newBridgeServer(listen netip.AddrPort, stderr io.Writer) (*bridgeServer, error) {
	s, err := sfu.New(sfu.Config{ListenAddr: listen, HostAddrs: []netip.Addr{listen.Addr()}, LastN: -1})
	if err != nil {
		return nil, fmt.Errorf("relaybench: bridge: %w", err)
	}
	conf, err := s.CreateConference("relaybench")
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("relaybench: bridge: %w", err)
	}
	b := &bridgeServer{s: s, conf: conf, stderr: stderr, done: make(chan struct{})}
	go b.logEvents()
	return b, nil
}

// logEvents drains the SFU's events and reports failed transports.
func (b *bridgeServer) logEvents() {
	for {
		select {
		case <-b.done:
			return
		case ev := <-b.s.Events():
			if t, ok := ev.(sfu.TransportStateChanged); ok && t.State == sfu.TransportFailed {
				fmt.Fprintf(b.stderr, "relay-serve: endpoint %s transport failed: %v\n", t.Endpoint, t.Err)
			}
		}
	}
}

func (b *bridgeServer) addr() netip.AddrPort { return b.s.LocalAddr() }

func endpointOptions() sfu.EndpointOptions {
	return sfu.EndpointOptions{
		Codecs: []sfu.Codec{
			{PayloadType: ptOpus, Name: "opus", ClockRate: 48000},
			{PayloadType: ptVP8, Name: "VP8", ClockRate: 90000},
		},
		LastN: -1,
	}
}

// setup creates one endpoint per entry, applies the generator's transport
// and the sender's source, and returns the bridge side of each transport.
func (b *bridgeServer) setup(eps []ctlEndpoint) ([]ctlEndpoint, error) {
	if err := validateSetup(eps); err != nil {
		return nil, err
	}
	if len(b.eps) > 0 {
		return nil, fmt.Errorf("%w: setup sent twice", ErrBadControl)
	}
	out := make([]ctlEndpoint, 0, len(eps))
	for _, e := range eps {
		ep, err := b.addEndpoint(e)
		if err != nil {
			return nil, fmt.Errorf("relaybench: bridge endpoint %q: %w", e.ID, err)
		}
		b.eps = append(b.eps, ep)
		l := ep.Local()
		out = append(out, ctlEndpoint{ID: e.ID, Ufrag: l.Ufrag, Pwd: l.Pwd, Fingerprint: l.Fingerprint.Value})
	}
	return out, nil
}

func (b *bridgeServer) addEndpoint(e ctlEndpoint) (*sfu.Endpoint, error) {
	ep, err := b.conf.AddEndpoint(e.ID, endpointOptions())
	if err != nil {
		return nil, err
	}
	if e.Role == roleSender {
		src := sfu.Source{Name: e.ID + "-v0", Kind: sfu.Video, SSRCs: []uint32{e.SSRC}, VideoType: "camera"}
		if err := ep.SetSources([]sfu.Source{src}); err != nil {
			return nil, err
		}
	} else {
		ep.SetReceiverConstraints(sfu.ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
	}
	remote := sfu.RemoteTransport{
		Ufrag: e.Ufrag, Pwd: e.Pwd,
		Fingerprints: []sfu.Fingerprint{{Hash: "sha-256", Value: e.Fingerprint, Setup: "active"}},
		Candidates: []sfu.Candidate{{
			Foundation: "1", Component: 1, Priority: 2130706431,
			Addr: netip.MustParseAddrPort(e.Addr), Type: sfu.CandidateHost,
		}},
	}
	return ep, ep.SetRemote(remote)
}

func (b *bridgeServer) stats() ctlStats {
	st := b.s.Stats()
	out := ctlStats{In: st.PacketsReceived, Out: st.PacketsSent, Drops: st.Dropped}
	for _, ep := range b.eps {
		if ep.State() == sfu.TransportConnected {
			out.Connected++
		}
	}
	return out
}

func (b *bridgeServer) close() error {
	close(b.done)
	return b.s.Close()
}
