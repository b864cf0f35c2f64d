package sfu

import (
	"errors"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/pion/stun"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		b    []byte
		want int
	}{
		{nil, classDrop}, {[]byte{0}, classSTUN}, {[]byte{3}, classSTUN}, {[]byte{4}, classDrop},
		{[]byte{20}, classDTLS}, {[]byte{63}, classDTLS}, {[]byte{64}, classDrop},
		{[]byte{128}, classSRTP}, {[]byte{191}, classSRTP}, {[]byte{192}, classDrop},
	}
	for i, tc := range tests {
		if got := classify(tc.b); got != tc.want {
			t.Errorf("%d: classify(%v) = %d, want %d", i, tc.b, got, tc.want)
		}
	}
}

func TestReplayWindow(t *testing.T) {
	w := newReplayWindow()
	steps := []struct {
		idx uint64
		ok  bool
	}{
		{100, true}, {100, false}, {99, true}, {101, true}, {99, false}, {300, true},
		{173, true}, {172, false}, {300, false}, {1 << 40, true}, {300, false},
	}
	for i, s := range steps {
		accept, ok := w.Check(s.idx)
		if ok != s.ok {
			t.Fatalf("step %d: Check(%d) = %v, want %v", i, s.idx, ok, s.ok)
		}
		if ok {
			accept()
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		accept, _ := w.Check(1<<40 + 1)
		accept()
	}); n != 0 {
		t.Fatalf("replay check allocates %v", n)
	}
}

func TestKeyframe(t *testing.T) {
	tests := []struct {
		name  string
		codec codecKind
		p     []byte
		want  bool
	}{
		{"vp8 key", codecVP8, []byte{0x10, 0x00, 0x9d}, true},
		{"vp8 delta", codecVP8, []byte{0x10, 0x01}, false},
		{"vp8 not start", codecVP8, []byte{0x00, 0x00}, false},
		{"vp8 pid", codecVP8, []byte{0x11, 0x00}, false},
		{"vp8 ext picid16 key", codecVP8, []byte{0x90, 0x80, 0x81, 0x23, 0x00}, true},
		{"vp8 ext picid7 tl0 tk delta", codecVP8, []byte{0x90, 0xf0, 0x12, 0x01, 0x02, 0x01}, false},
		{"vp8 truncated", codecVP8, []byte{0x90}, false},
		{"h264 idr", codecH264, []byte{0x65}, true},
		{"h264 sps", codecH264, []byte{0x67}, true},
		{"h264 slice", codecH264, []byte{0x41}, false},
		{"h264 stap-a sps", codecH264, []byte{0x18, 0x00, 0x02, 0x67, 0x00}, true},
		{"h264 stap-a bad len", codecH264, []byte{0x18, 0xff, 0xff, 0x41}, false},
		{"h264 fu-a idr start", codecH264, []byte{0x7c, 0x85}, true},
		{"h264 fu-a idr middle", codecH264, []byte{0x7c, 0x05}, false},
		{"vp9 key", codecVP9, []byte{0x08}, true},
		{"vp9 inter", codecVP9, []byte{0x48}, false},
		{"unknown", codecUnknown, nil, true},
	}
	for _, tc := range tests {
		if got := isKeyframe(tc.codec, tc.p); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRTPHeaderLen(t *testing.T) {
	tests := []struct {
		p    []byte
		want int
	}{
		{make([]byte, 11), -1},
		{append([]byte{0x80}, make([]byte, 11)...), 12},
		{append([]byte{0x81}, make([]byte, 11)...), -1},
		{append([]byte{0x81}, make([]byte, 15)...), 16},
		{append([]byte{0x90}, make([]byte, 15)...), 16},
		{append(append([]byte{0x90}, make([]byte, 11)...), 0xbe, 0xde, 0x00, 0x01, 1, 2, 3, 4), 20},
		{append(append([]byte{0x90}, make([]byte, 11)...), 0xbe, 0xde, 0x00, 0x02, 1, 2, 3, 4), -1},
	}
	for i, tc := range tests {
		if got := rtpHeaderLen(tc.p); got != tc.want {
			t.Errorf("%d: %d, want %d", i, got, tc.want)
		}
	}
}

func TestSetSourcesValidation(t *testing.T) {
	s := newTestSFU(t, Config{})
	conf, _ := s.CreateConference("v")
	a, _ := conf.AddEndpoint("a", EndpointOptions{})
	b, _ := conf.AddEndpoint("b", EndpointOptions{})
	must(t, b.SetSources([]Source{{Name: "b-a0", Kind: Audio, SSRCs: []uint32{77}}}))
	tests := []struct {
		name string
		srcs []Source
	}{
		{"no ssrc", []Source{{Name: "x", Kind: Video}}},
		{"bad kind", []Source{{Name: "x", SSRCs: []uint32{1}}}},
		{"ssrc 0", []Source{{Name: "x", Kind: Audio, SSRCs: []uint32{0}}}},
		{"SIM member unknown", []Source{{Name: "x", Kind: Video, SSRCs: []uint32{1}, Groups: []SSRCGroup{{GroupSIM, []uint32{1, 2}}}}}},
		{"FID of three", []Source{{Name: "x", Kind: Video, SSRCs: []uint32{1, 2, 3}, Groups: []SSRCGroup{{GroupFID, []uint32{1, 2, 3}}}}}},
		{"duplicate", []Source{{Name: "x", Kind: Audio, SSRCs: []uint32{5}}, {Name: "y", Kind: Audio, SSRCs: []uint32{5}}}},
		{"owned by b", []Source{{Name: "x", Kind: Audio, SSRCs: []uint32{77}}}},
	}
	for _, tc := range tests {
		if err := a.SetSources(tc.srcs); !errors.Is(err, ErrInvalidSource) {
			t.Errorf("%s: err %v, want ErrInvalidSource", tc.name, err)
		}
	}
	if n := len(a.sources.Load().bySSRC); n != 0 {
		t.Fatalf("rejected sources half-applied: %d ssrcs", n)
	}
}

func TestEffectiveLastN(t *testing.T) {
	tests := []struct {
		cfg, opt, cons int
		has            bool
		want           int
	}{
		{-1, 0, 0, false, -1}, {-1, 3, 0, false, 3}, {2, 3, -1, true, 2}, {-1, 0, 0, true, 0},
		{5, 0, 1, true, 1}, {1, 4, 3, true, 1},
	}
	for i, tc := range tests {
		if got := effectiveLastN(tc.cfg, tc.opt, tc.cons, tc.has); got != tc.want {
			t.Errorf("%d: %d, want %d", i, got, tc.want)
		}
	}
}

func TestRxReport(t *testing.T) {
	var r rxStats
	for _, seq := range []uint16{65530, 65531, 65533, 65535, 0, 2} { // 3 lost across a wrap
		r.update(seq)
	}
	rr, iv, ok := r.report(9, 0)
	if !ok || rr.TotalLost != 3 || rr.LastSequenceNumber != 1<<16|2 || rr.FractionLost != 3*256/9 || iv != (rxInterval{expected: 9, received: 6}) {
		t.Fatalf("report %+v", rr)
	}
	if rr, _, _ = r.report(9, 0); rr.FractionLost != 0 {
		t.Fatalf("second interval fraction %d", rr.FractionLost)
	}
}

type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

// TestConsentExpiry drives ICE consent freshness with an injected clock.
func TestConsentExpiry(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	s := newTestSFU(t, Config{Clock: clk, TickInterval: time.Hour})
	conf, _ := s.CreateConference("c")
	ep, _ := conf.AddEndpoint("a", EndpointOptions{})
	must(t, ep.SetRemote(RemoteTransport{Ufrag: "u", Pwd: "p", Fingerprints: []Fingerprint{{Hash: "sha-256", Value: "00"}}}))
	remote := netip.MustParseAddrPort("127.0.0.1:9")
	ep.mu.Lock()
	p := ep.ice.addPair(remote, 1, CandidateHost)
	p.state = pairSucceeded
	ep.selectPair(p, clk.now)
	ep.dtlsStarted = true
	ep.mu.Unlock()
	clk.now = clk.now.Add(29 * time.Second)
	ep.iceTick(clk.now)
	if ep.selected.Load() == nil || ep.State() == TransportFailed {
		t.Fatal("failed before the consent timeout")
	}
	clk.now = clk.now.Add(2 * time.Second)
	ep.iceTick(clk.now)
	if ep.selected.Load() != nil || ep.State() != TransportFailed {
		t.Fatalf("state %v after 31 s without consent", ep.State())
	}
	// Checks continue; an authenticated answer restores the pair.
	clk.now = clk.now.Add(2 * time.Second)
	ep.iceTick(clk.now)
	ep.mu.Lock()
	tx := ep.ice.consentTx
	ep.mu.Unlock()
	resp, err := stun.Build(stun.NewTransactionIDSetter(tx), stun.BindingSuccess,
		&stun.XORMappedAddress{IP: net.IPv4(127, 0, 0, 1), Port: 1}, stun.NewShortTermIntegrity("p"), stun.Fingerprint)
	must(t, err)
	s.handleDatagram(resp.Raw, remote)
	if got := ep.selected.Load(); got == nil || *got != remote {
		t.Fatal("consent not regained")
	}
	// Activity is sampled on ticks with the same clock.
	ep.stats.packetsIn.Add(1)
	conf.activityTick(conf.view.Load(), clk.now)
	if !ep.LastActivity().Equal(clk.now) {
		t.Fatalf("last activity %v, want %v", ep.LastActivity(), clk.now)
	}
}

func TestConfigValidate(t *testing.T) {
	bad := []Config{
		{NAT: []NATMapping{{Local: netip.MustParseAddr("10.0.0.1")}}},
		{HostAddrs: []netip.Addr{netip.IPv4Unspecified()}},
		{TickInterval: -1},
		{InitialMaxHeight: -1},
	}
	for i, c := range bad {
		if err := c.Validate(); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%d: %v", i, err)
		}
	}
	if _, err := New(Config{ListenAddr: netip.MustParseAddrPort("127.0.0.1:0"), EventBuffer: -1}); !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("New accepted a bad config: %v", err)
	}
}

func TestConferenceLifecycle(t *testing.T) {
	s := newTestSFU(t, Config{})
	c, err := s.CreateConference("x")
	must(t, err)
	if _, err := s.CreateConference("x"); !errors.Is(err, ErrConferenceExists) {
		t.Fatalf("duplicate conference: %v", err)
	}
	a, err := c.AddEndpoint("a", EndpointOptions{})
	must(t, err)
	if _, err := c.AddEndpoint("a", EndpointOptions{}); !errors.Is(err, ErrEndpointExists) {
		t.Fatalf("duplicate endpoint: %v", err)
	}
	b, _ := c.AddEndpoint("b", EndpointOptions{})
	if a.Local().Ufrag == b.Local().Ufrag || a.Local().ChannelPassword == "" || a.Local().Fingerprint.Setup != "actpass" {
		t.Fatalf("local transports %+v %+v", a.Local(), b.Local())
	}
	fa, fv := c.FeedbackSSRCs()
	if fa == 0 || fv == 0 || fa == fv {
		t.Fatalf("feedback ssrcs %d %d", fa, fv)
	}
	c.Expire()
	if _, ok := s.Conference("x"); ok || a.State() != TransportClosed {
		t.Fatal("conference not expired")
	}
	if _, err := c.AddEndpoint("c", EndpointOptions{}); !errors.Is(err, ErrConferenceNotFound) {
		t.Fatalf("add to expired conference: %v", err)
	}
	if !s.Healthy() {
		t.Fatal("unhealthy")
	}
	must(t, s.Close())
	if s.Healthy() {
		t.Fatal("healthy after close")
	}
}
