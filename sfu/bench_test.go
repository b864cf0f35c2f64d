package sfu

import (
	"net"
	"net/netip"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pion/rtp"
)

const (
	benchPayload = 1000
	benchWindow  = 64
	benchChunk   = 4096
)

// benchRig drives packets sender -> forwarder -> receiver over loopback with
// at most benchWindow packets in flight, so nothing is lost to full buffers.
type benchRig struct {
	send, recv *net.UDPConn
	to         netip.AddrPort // the forwarder
	tokens     chan struct{}
	target     atomic.Int64
	got        atomic.Int64
	chunkDone  chan struct{}
	failed     chan error
}

func newBenchRig(b *testing.B) *benchRig {
	b.Helper()
	lo := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}
	s, err := net.ListenUDP("udp4", lo)
	if err != nil {
		b.Fatal(err)
	}
	r, err := net.ListenUDP("udp4", lo)
	if err != nil {
		b.Fatal(err)
	}
	_ = r.SetReadBuffer(4 << 20)
	b.Cleanup(func() { s.Close(); r.Close() })
	return &benchRig{send: s, recv: r, tokens: make(chan struct{}, benchWindow),
		chunkDone: make(chan struct{}, 1), failed: make(chan error, 1)}
}

func addrOf(c *net.UDPConn) netip.AddrPort { return c.LocalAddr().(*net.UDPAddr).AddrPort() }

func (r *benchRig) receive() {
	buf := make([]byte, 2048)
	for {
		_ = r.recv.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, _, err := r.recv.ReadFromUDPAddrPort(buf); err != nil {
			r.failed <- err
			return
		}
		<-r.tokens
		if r.got.Add(1) == r.target.Load() {
			r.chunkDone <- struct{}{}
		}
	}
}

// run sends b.N packets produced chunk by chunk by next (outside the timer).
func (r *benchRig) run(b *testing.B, next func(n int) [][]byte) {
	go r.receive()
	b.SetBytes(benchPayload)
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	var paused time.Duration
	for sent := 0; sent < b.N; {
		b.StopTimer()
		t0 := time.Now()
		pkts := next(min(benchChunk, b.N-sent))
		paused += time.Since(t0)
		r.target.Store(int64(sent + len(pkts)))
		b.StartTimer()
		for _, p := range pkts {
			r.tokens <- struct{}{}
			if _, err := r.send.WriteToUDPAddrPort(p, r.to); err != nil {
				b.Fatal(err)
			}
		}
		sent += len(pkts)
		select {
		case <-r.chunkDone:
		case err := <-r.failed:
			b.Fatalf("receiver: %v after %d of %d packets", err, r.got.Load(), sent)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/(time.Since(start)-paused).Seconds(), "pkts/s")
	// Process CPU per packet (sender + forwarder + receiver): robust against
	// other load on the machine, unlike wall-clock rates.
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/pkt")
}

// cpuTime is the process's user+system CPU time in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkForward compares the bridge (SRTP decrypt, cache, projection,
// SRTP encrypt, send to one receiver) with a plain UDP relay on the same
// loopback harness.
func BenchmarkForward(b *testing.B) {
	b.Run("bridge", benchBridge)
	b.Run("udp-relay", benchRelay)
}

func benchBridge(b *testing.B) {
	rig := newBenchRig(b)
	s := newTestSFU(b, Config{})
	conf, _ := s.CreateConference("bench")
	sender, _ := conf.AddEndpoint("sender", testEndpointOptions())
	receiver, _ := conf.AddEndpoint("receiver", testEndpointOptions())
	keys := wireEndpoint(b, sender, addrOf(rig.send))
	wireEndpoint(b, receiver, addrOf(rig.recv))
	const ssrc = 0x1234
	if err := sender.SetSources([]Source{{Name: "sender-v0", Kind: Video, SSRCs: []uint32{ssrc}}}); err != nil {
		b.Fatal(err)
	}
	receiver.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
	rig.to = s.LocalAddr()
	bufs := make([][]byte, benchChunk)
	for i := range bufs {
		bufs[i] = make([]byte, 0, 1500)
	}
	plain := make([]byte, benchPayload)
	hdr := &rtp.Header{Version: 2, PayloadType: ptVP8, SSRC: ssrc}
	var seq uint16
	rig.run(b, func(n int) [][]byte {
		for i := range n {
			seq++
			hdr.SequenceNumber, hdr.Timestamp = seq, uint32(seq)*3000
			out, err := keys.send.EncryptRTP(bufs[i][:0], append(mustMarshal(b, hdr), plain...), nil)
			if err != nil {
				b.Fatal(err)
			}
			bufs[i] = out
		}
		return bufs[:n]
	})
}

func benchRelay(b *testing.B) {
	rig := newBenchRig(b)
	relay, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { relay.Close() })
	_ = relay.SetReadBuffer(4 << 20)
	dst := addrOf(rig.recv)
	go func() {
		buf := make([]byte, 2048)
		for {
			n, _, err := relay.ReadFromUDPAddrPort(buf)
			if err != nil {
				return
			}
			_, _ = relay.WriteToUDPAddrPort(buf[:n], dst)
		}
	}()
	rig.to = addrOf(relay)
	pkt := make([]byte, 12+benchPayload+16)
	pkt[0] = 0x80
	pkts := make([][]byte, benchChunk)
	for i := range pkts {
		pkts[i] = pkt
	}
	rig.run(b, func(n int) [][]byte { return pkts[:n] })
}

func mustMarshal(b *testing.B, h *rtp.Header) []byte {
	raw, err := h.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	return raw
}
