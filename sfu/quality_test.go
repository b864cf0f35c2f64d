package sfu

import (
	"fmt"
	"net/netip"
	"testing"
	"time"
)

// TestQualityOnCall: on a real loopback call the bridge sees both clients
// send audio and video, measures RTT from their reports on forwarded SRs,
// counts both ICE successes and loss samples in both directions, and
// clears the sending flags once media stops.
func TestQualityOnCall(t *testing.T) {
	s := newTestSFU(t, Config{RRInterval: 100 * time.Millisecond})
	ctx := testCtx(t)
	_, cs := newCall(ctx, t, s, 2)
	warmUp(t, cs)
	a, b := cs[0], cs[1]
	pace := time.NewTicker(10 * time.Millisecond)
	defer pace.Stop()
	done := func() bool {
		qa, qb, st := a.ep.Quality(), b.ep.Quality(), s.Stats()
		return qa.SendingAudio && qa.SendingVideo && qb.SendingAudio && qb.SendingVideo &&
			qa.RTT > 0 && qb.RTT > 0 && st.IncomingLoss.Received > 0 && st.OutgoingLoss.Received > 0
	}
	for i := 0; !done(); i++ {
		for _, c := range cs {
			c.sendAudio(t, fmt.Sprintf("q-a-%d", i), 0)
			c.sendVideo(t, fmt.Sprintf("q-v-%d", i))
		}
		select {
		case <-pace.C:
		case <-ctx.Done():
			t.Fatalf("a %+v b %+v stats %+v", a.ep.Quality(), b.ep.Quality(), s.Stats())
		}
	}
	st := s.Stats()
	if st.ICESucceeded != 2 || st.ICEFailed != 0 || st.ICESucceededRelayed != 0 {
		t.Fatalf("ice succeeded %d failed %d relayed %d", st.ICESucceeded, st.ICEFailed, st.ICESucceededRelayed)
	}
	if ep := a.ep.Stats(); ep.ICESucceeded != 1 || ep.IncomingLoss.Received == 0 {
		t.Fatalf("endpoint stats %+v", ep)
	}
	if rtt := a.ep.Quality().RTT; rtt > 5*time.Second {
		t.Fatalf("loopback rtt %v", rtt)
	}
	// Only b keeps sending: a stops counting as a sender.
	for i := 0; a.ep.Quality().SendingAudio || a.ep.Quality().SendingVideo; i++ {
		b.sendAudio(t, fmt.Sprintf("q2-%d", i), 0)
		select {
		case <-pace.C:
		case <-ctx.Done():
			t.Fatalf("a still sending: %+v", a.ep.Quality())
		}
	}
	if !b.ep.Quality().SendingAudio {
		t.Fatal("b stopped counting as an audio sender")
	}
	b.ep.Expire()
	if st := s.Stats(); st.DTLSFailed != 0 {
		t.Fatalf("dtls failed %d after expiring a connected endpoint", st.DTLSFailed)
	}
}

// TestICECounters drives ICE with an injected clock: success is counted
// once, a consent failure once per endpoint, exhausted checks count as a
// failure, and an endpoint expired with ICE up but no DTLS counts as a
// DTLS failure.
func TestICECounters(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	s := newTestSFU(t, Config{Clock: clk, TickInterval: time.Hour, DTLSTimeout: time.Hour})
	conf, _ := s.CreateConference("c")
	remote := transportWithPwd("p")
	up, _ := conf.AddEndpoint("up", EndpointOptions{})
	must(t, up.SetRemote(remote))
	up.mu.Lock()
	p := up.ice.addPair(netip.MustParseAddrPort("127.0.0.1:9"), 1, CandidateRelay)
	p.state = pairSucceeded
	up.selectPair(p, clk.now)
	up.selectPair(p, clk.now) // re-selection is not a new success
	up.mu.Unlock()
	for range 2 { // consent lost twice: one failure
		clk.now = clk.now.Add(31 * time.Second)
		up.iceTick(clk.now)
		up.mu.Lock()
		up.ice.failed = false
		up.mu.Unlock()
	}
	never, _ := conf.AddEndpoint("never", EndpointOptions{})
	must(t, never.SetRemote(remote))
	never.mu.Lock()
	never.ice.addPair(netip.MustParseAddrPort("127.0.0.1:9"), 1, CandidateHost)
	never.mu.Unlock()
	for range maxCheckTries + 2 {
		clk.now = clk.now.Add(checkRTO)
		never.iceTick(clk.now)
	}
	want := Stats{ICESucceeded: 1, ICESucceededRelayed: 1, ICEFailed: 2}
	if st := s.Stats(); st.ICESucceeded != want.ICESucceeded || st.ICESucceededRelayed != want.ICESucceededRelayed || st.ICEFailed != want.ICEFailed {
		t.Fatalf("stats %+v, want %+v", st, want)
	}
	up.Expire()
	never.Expire()
	if st := s.Stats(); st.DTLSFailed != 1 {
		t.Fatalf("dtls failed %d, want 1 (only the endpoint with ICE up)", st.DTLSFailed)
	}
}

func transportWithPwd(pwd string) RemoteTransport {
	return RemoteTransport{Ufrag: "u", Pwd: pwd, Fingerprints: []Fingerprint{{Hash: "sha-256", Value: "00"}}}
}

// TestDominantSpeakerChanges counts each change of dominant speaker.
func TestDominantSpeakerChanges(t *testing.T) {
	s := newTestSFU(t, Config{TickInterval: time.Hour})
	conf, _ := s.CreateConference("c")
	a, _ := conf.AddEndpoint("a", EndpointOptions{})
	b, _ := conf.AddEndpoint("b", EndpointOptions{})
	now := time.Unix(1000, 0)
	for i, loud := range []*Endpoint{a, a, b, b} {
		loud.speech.observe(0)
		now = now.Add(speakerInterval)
		conf.speakerTick(now)
		want := []uint64{1, 1, 1, 2}[i] // b needs 1.2x a's smoothed level
		if got := s.Stats().DominantSpeakerChanges; got != want {
			t.Fatalf("tick %d: %d changes, want %d", i, got, want)
		}
	}
}
