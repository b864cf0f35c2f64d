package c2s

import (
	"bytes"
	"fmt"
	"net"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// fanoutCounter counts the <message stanzas all client sockets read and
// signals done once per op when the count reaches target.
type fanoutCounter struct {
	got, target atomic.Int64
	signaled    atomic.Bool
	done        chan struct{}
}

// arm sets the next target (k more stanzas) before an op sends.
func (f *fanoutCounter) arm(k int) {
	f.signaled.Store(false)
	f.target.Store(f.got.Load() + int64(k))
}

func (f *fanoutCounter) add(k int) {
	if k > 0 && f.got.Add(int64(k)) >= f.target.Load() && f.signaled.CompareAndSwap(false, true) {
		f.done <- struct{}{}
	}
}

// countingReader drains a client socket and counts the <message stanzas
// (a tag cut by a read boundary is counted once).
func countingReader(conn net.Conn, f *fanoutCounter) {
	tag := []byte("<message")
	buf := make([]byte, 32<<10)
	var carry []byte
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		data := append(carry, buf[:n]...)
		f.add(bytes.Count(data, tag))
		keep := min(len(data), len(tag)-1)
		carry = append(carry[:0], data[len(data)-keep:]...)
	}
}

// BenchmarkDeliverFanout: one op delivers one groupchat-sized message to
// every one of N bound TCP sessions (what a MUC fan-out does per
// occupant) and waits until every client socket has read it: the cost of
// Session.Deliver, the outgoing queue and the writer, per delivery.
func BenchmarkDeliverFanout(b *testing.B) {
	for _, n := range []int{10, 200} {
		b.Run(fmt.Sprintf("sessions=%d", n), func(b *testing.B) {
			h := newHarness(b, Limits{RateBytes: 1 << 30, RateBurst: 1 << 30})
			f := &fanoutCounter{done: make(chan struct{}, 1)}
			f.target.Store(1 << 62)
			sessions := make([]*Session, n)
			for i := range sessions {
				conn, full := boundRaw(b, h.addr())
				go countingReader(conn, f)
				sessions[i] = h.session(b, full)
			}
			msg := xmpp.NewElement(xmpp.NSClient, "message", "type", "groupchat", "from", "room@muc."+host+"/sender").
				Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("mb 3 1234 1763740000000000000"))
			b.ReportAllocs()
			cpu0 := cpuTime()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f.arm(n)
				for _, s := range sessions {
					e := msg.ShallowCopy()
					e.SetAttr("to", s.JID().String())
					s.Deliver(e)
				}
				select {
				case <-f.done:
				case <-time.After(10 * time.Second):
					b.Fatalf("delivered %d of %d", f.got.Load(), f.target.Load())
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/delivery")
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N*n), "cpu-ns/delivery")
		})
	}
}

// cpuTime is the process's user+system CPU time (server and the in-process
// client readers alike).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
