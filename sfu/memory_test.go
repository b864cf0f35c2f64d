package sfu

import (
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/pion/rtp"
)

// BenchmarkMemory20Endpoints reports the heap and RSS of one conference of
// 20 endpoints, each sending audio and three simulcast layers, after every
// packet cache has filled (600 packets per layer). Run with -benchtime 1x.
func BenchmarkMemory20Endpoints(b *testing.B) {
	for range b.N {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		s := newTestSFU(b, Config{TickInterval: 1 << 40})
		conf, _ := s.CreateConference("mem")
		type member struct {
			ep   *Endpoint
			keys peerKeys
			from net.Addr
		}
		var ms []member
		for i := range 20 {
			ep, err := conf.AddEndpoint(fmt.Sprintf("e%d", i), testEndpointOptions())
			must(b, err)
			sink, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
			must(b, err)
			b.Cleanup(func() { sink.Close() })
			base := uint32(i*10 + 1000)
			must(b, ep.SetSources([]Source{
				{Name: ep.id + "-a0", Kind: Audio, SSRCs: []uint32{base}},
				{Name: ep.id + "-v0", Kind: Video, SSRCs: []uint32{base + 1, base + 2, base + 3},
					Groups: []SSRCGroup{{Semantics: GroupSIM, SSRCs: []uint32{base + 1, base + 2, base + 3}}}},
			}))
			ep.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 180})
			ms = append(ms, member{ep: ep, keys: wireEndpoint(b, ep, addrOf(sink)), from: sink.LocalAddr()})
		}
		payload := bytes.Repeat([]byte{0x10, 0x00}, 550)
		for seq := range uint16(600) {
			for i, m := range ms {
				for l := range uint32(3) {
					h := rtp.Header{Version: 2, PayloadType: ptVP8, SequenceNumber: seq, Timestamp: uint32(seq) * 3000, SSRC: uint32(i*10+1000) + 1 + l}
					raw, _ := h.Marshal()
					enc, err := m.keys.send.EncryptRTP(nil, append(raw, payload...), nil)
					must(b, err)
					s.handleDatagram(enc, addrOf2(m.from))
				}
			}
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapInuse-before.HeapInuse)/(1<<20), "heap-MB")
		b.ReportMetric(rssMB(), "rss-MB")
		if st := s.Stats(); st.PacketsSent == 0 {
			b.Fatalf("nothing forwarded: %+v", st)
		}
	}
}

func addrOf2(a net.Addr) netip.AddrPort { return a.(*net.UDPAddr).AddrPort() }

// rssMB is the resident set size from /proc (Linux); 0 elsewhere.
func rssMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if v, ok := bytes.CutPrefix(line, []byte("VmRSS:")); ok {
			kb, _ := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB")))))
			return float64(kb) / 1024
		}
	}
	return 0
}
