// Package sfu is the media plane of the bridge: a selective forwarding unit
// that terminates ICE, DTLS and SRTP for every endpoint on one shared UDP
// socket and forwards RTP between the endpoints of a conference.
//
// The package knows nothing of XMPP or Colibri2. The bridge daemon translates
// Colibri2 requests into calls on this API:
//
//	s, _ := sfu.New(sfu.Config{ListenAddr: netip.MustParseAddrPort("0.0.0.0:10000")})
//	conf, _ := s.CreateConference("meeting-id")
//	ep, _ := conf.AddEndpoint("abcd1234", sfu.EndpointOptions{})
//	local := ep.Local() // ufrag, pwd, fingerprint, candidates for the answer
//	ep.SetRemote(sfu.RemoteTransport{...}) // the client's transport
//	ep.SetSources([]sfu.Source{...})
//
// Packet flow: one reader goroutine owns the socket. A datagram is
// demultiplexed first by remote address (a map of addresses that completed
// an authenticated STUN exchange), and for STUN from unknown addresses by the
// local-ufrag half of the USERNAME attribute. DTLS records go to the
// endpoint's handshake goroutine; SRTP is decrypted in place, inspected and
// re-encrypted once per receiver straight from the reader goroutine, with
// no allocation per packet.
//
// Each endpoint runs a small full-ICE controlling agent (the bridge has one
// local candidate, the shared socket, so every pair is keyed by the remote
// address): it accepts peer-reflexive remotes learned from incoming checks,
// nominates aggressively and runs consent freshness on the selected pair.
// RTCP is terminated per hop: the bridge sends its own receiver reports,
// rewrites sender reports, answers NACKs from a packet cache, turns PLI/FIR
// into rate-limited keyframe requests and sends transport-wide congestion
// control feedback to senders. The packet cache (cache.go) exists for video
// SSRCs only (audio is not NACKed), is allocated on the first packet, holds
// about one second of packets in size-classed buffers and goes with its
// endpoint.
package sfu
