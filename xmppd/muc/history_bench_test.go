package muc

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

func readChatFixture(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile("testdata/jitsi-chat.xml")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// chatFixture decodes data, a lib-jitsi-meet chat message as it arrives on
// the wire, addressed from from to to.
func chatFixture(b *testing.B, data []byte, from, to string) *xmpp.Element {
	b.Helper()
	e, err := xmpp.ParseElement(data)
	if err != nil {
		b.Fatal(err)
	}
	return e.SetAttr("from", from).SetAttr("to", to)
}

// BenchmarkHistoryMemory measures the live heap of rooms of one occupant
// after 20 chat messages each (every message decoded afresh, as from a
// socket): the difference between history=20 and history=0 is what a
// 20-message history costs a room.
func BenchmarkHistoryMemory(b *testing.B) {
	for _, n := range []int{0, 20} {
		b.Run(fmt.Sprintf("history=%d", n), func(b *testing.B) {
			s := New(Config{Name: svc, HistoryLength: n, MaxHistory: n}, &discard{}, nil)
			data := readChatFixture(b)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r, user := fmt.Sprintf("m%d@%s", i, svc), fmt.Sprintf("u%d@meet.test/r", i)
				join(s, user, r+"/u")
				for j := 0; j < 20; j++ {
					s.Deliver(chatFixture(b, data, user, r))
				}
			}
			b.StopTimer()
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(b.N), "heapB/room")
			runtime.KeepAlive(s)
		})
	}
}

// BenchmarkJoinWithHistory is one join and leave in a room of 10 after 20
// chat messages: with history=20 the joiner also gets 20 delayed messages.
func BenchmarkJoinWithHistory(b *testing.B) {
	for _, n := range []int{0, 20} {
		b.Run(fmt.Sprintf("history=%d", n), func(b *testing.B) {
			s := New(Config{Name: svc, HistoryLength: n, MaxHistory: n}, &discard{}, nil)
			for i := 0; i < 10; i++ {
				join(s, fmt.Sprintf("u%d@meet.test/r", i), fmt.Sprintf("%s/u%d", room, i))
			}
			data := readChatFixture(b)
			for j := 0; j < 20; j++ {
				s.Deliver(chatFixture(b, data, "u0@meet.test/r", room))
			}
			leave := xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable", "from", carol, "to", room+"/carol")
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				join(s, carol, room+"/carol")
				s.Deliver(leave)
			}
		})
	}
}
