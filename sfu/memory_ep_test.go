package sfu

import (
	"bytes"
	"flag"
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/pion/rtp"
)

// Per-endpoint memory rig: confs two-endpoint conferences, each endpoint
// sending one Opus and one VP8 stream (with an RTX SSRC, as jitsi-meet
// signals) for seconds of simulated time, like the capacity benchmark's
// participants (500 kbit/s video, no simulcast).
const (
	memConfs        = 50
	memSeconds      = 10
	memStep         = 20 * time.Millisecond // one audio and one video packet per step
	memVideoPayload = 1200                  // 50 pps: ~500 kbit/s with headers
	memAudioPayload = 80
)

var memHeapProfile = flag.String("memep.heapprofile", "",
	"BenchmarkMemoryPerEndpoint: write a heap profile here while the endpoints are alive")

type memMember struct {
	ep   *Endpoint
	keys peerKeys
	from net.Addr
	base uint32
}

// BenchmarkMemoryPerEndpoint reports live heap bytes per endpoint after GC
// with media flowing in memConfs two-endpoint conferences (the capacity
// benchmark's shape), and what is left once they expired. Run with
// -benchtime 1x; -memep.heapprofile FILE writes a heap profile of the live
// endpoints (with -test.memprofilerate 1 for exact figures).
func BenchmarkMemoryPerEndpoint(b *testing.B) {
	for range b.N {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		s := newTestSFU(b, Config{TickInterval: 1 << 40})
		ms := memConferences(b, s)
		memSend(b, s, ms)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		n := float64(len(ms))
		b.ReportMetric(float64(after.HeapInuse-before.HeapInuse)/n, "heap-B/ep")
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "live-B/ep")
		b.ReportMetric(float64(after.HeapObjects-before.HeapObjects)/n, "objects/ep")
		b.ReportMetric(float64(after.StackInuse-before.StackInuse)/n, "stack-B/ep")
		if st := s.Stats(); st.PacketsSent == 0 {
			b.Fatalf("nothing forwarded: %+v", st)
		}
		writeHeapProfile(b, *memHeapProfile)
		for _, m := range ms {
			m.ep.Expire()
		}
		runtime.GC()
		var gone runtime.MemStats
		runtime.ReadMemStats(&gone)
		b.ReportMetric(float64(int64(gone.HeapAlloc)-int64(before.HeapAlloc))/n, "expired-B/ep")
	}
}

func memConferences(b *testing.B, s *SFU) []memMember {
	b.Helper()
	var ms []memMember
	for c := range memConfs {
		conf, err := s.CreateConference(fmt.Sprintf("mem%d", c))
		must(b, err)
		for i := range 2 {
			ep, err := conf.AddEndpoint(fmt.Sprintf("e%d", i), testEndpointOptions())
			must(b, err)
			sink, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
			must(b, err)
			b.Cleanup(func() { sink.Close() })
			base := uint32(c*100 + i*10 + 1000)
			must(b, ep.SetSources([]Source{
				{Name: ep.id + "-a0", Kind: Audio, SSRCs: []uint32{base}},
				{Name: ep.id + "-v0", Kind: Video, SSRCs: []uint32{base + 1, base + 2},
					Groups: []SSRCGroup{{Semantics: GroupFID, SSRCs: []uint32{base + 1, base + 2}}}},
			}))
			ep.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
			ms = append(ms, memMember{ep: ep, keys: wireEndpoint(b, ep, addrOf(sink)), from: sink.LocalAddr(), base: base})
		}
	}
	return ms
}

// memSend plays memSeconds of audio and video from every member, advancing
// the SFU's coarse clock as it goes so time-based state sees real spacing.
func memSend(b *testing.B, s *SFU, ms []memMember) {
	b.Helper()
	audio := bytes.Repeat([]byte{0x55}, memAudioPayload)
	video := bytes.Repeat([]byte{0x10, 0x00}, memVideoPayload/2)
	start := time.Now().UnixNano()
	for t := range int(memSeconds * time.Second / memStep) {
		s.lastTick.Store(start + int64(t)*int64(memStep))
		for _, m := range ms {
			memPacket(b, s, m, ptOpus, m.base, uint16(t), uint32(t)*960, audio)
			memPacket(b, s, m, ptVP8, m.base+1, uint16(t), uint32(t)*1800, video)
		}
	}
}

func memPacket(b *testing.B, s *SFU, m memMember, pt uint8, ssrc uint32, seq uint16, ts uint32, payload []byte) {
	h := rtp.Header{Version: 2, PayloadType: pt, SequenceNumber: seq, Timestamp: ts, SSRC: ssrc}
	raw, _ := h.Marshal()
	enc, err := m.keys.send.EncryptRTP(nil, append(raw, payload...), nil)
	must(b, err)
	s.handleDatagram(enc, addrOf2(m.from))
}

func writeHeapProfile(b *testing.B, path string) {
	b.Helper()
	if path == "" {
		return
	}
	f, err := os.Create(path)
	must(b, err)
	defer f.Close()
	must(b, pprof.Lookup("heap").WriteTo(f, 0))
}
