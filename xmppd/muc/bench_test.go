package muc

import (
	"fmt"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

type discard struct{ n int }

func (d *discard) Route(*xmpp.Element) { d.n++ }

// BenchmarkFanoutInProcess measures the room logic alone: one groupchat
// message fanned out to N occupants (no sockets).
func BenchmarkFanoutInProcess(b *testing.B) {
	for _, n := range []int{10, 100, 500} {
		b.Run(fmt.Sprintf("occupants=%d", n), func(b *testing.B) {
			d := &discard{}
			s := New(Config{Name: svc}, d, nil)
			for i := 0; i < n; i++ {
				join(s, fmt.Sprintf("u%d@meet.test/r", i), fmt.Sprintf("%s/u%d", room, i))
			}
			msg := xmpp.NewElement(xmpp.NSClient, "message", "type", "groupchat", "from", "u0@meet.test/r", "to", room).
				Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("hello"))
			d.n = 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s.Deliver(msg)
			}
			b.ReportMetric(float64(d.n)/b.Elapsed().Seconds(), "deliveries/s")
		})
	}
}

// BenchmarkJoinInProcess measures N occupants joining one room (room logic
// only): each op is a full room of N joins.
func BenchmarkJoinInProcess(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("occupants=%d", n), func(b *testing.B) {
			d := &discard{}
			s := New(Config{Name: svc}, d, nil)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r := fmt.Sprintf("bench%d@%s", i, svc)
				for j := 0; j < n; j++ {
					join(s, fmt.Sprintf("u%d@meet.test/r", j), fmt.Sprintf("%s/u%d", r, j))
				}
			}
			b.ReportMetric(float64(d.n)/float64(b.N), "presences/op")
		})
	}
}
