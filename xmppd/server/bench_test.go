package server

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

func benchServer(b *testing.B) *Server {
	cfg := xconfig.Default(domain)
	cfg.DataDir = b.TempDir()
	cfg.C2S, cfg.Components, cfg.HTTP, cfg.Admin = "127.0.0.1:0", "", "", ""
	cfg.MUCs[0].RestrictCreation, cfg.MUCs[0].MeetingID = false, false
	cfg.Limits.RateBytes, cfg.Limits.RateBurst = 1<<30, 1<<30
	s, err := New(cfg, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
	})
	return s
}

// clients logs in n anonymous TCP clients (no TLS) whose stanzas go to on.
func clients(b *testing.B, s *Server, n int, on func(i int, e *xmpp.Element)) []*xmpp.Client {
	out := make([]*xmpp.Client, n)
	for i := range out {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		c, err := xmpp.DialTCP(ctx, s.Addrs().C2S, xmpp.Config{Domain: domain, QueueLen: 4096,
			OnStanza: func(e *xmpp.Element) { on(i, e) }})
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = c.Close() })
		out[i] = c
	}
	return out
}

func sendJoin(b *testing.B, c *xmpp.Client, occupant string) {
	p := xmpp.NewElement(xmpp.NSClient, "presence", "to", occupant).Add(xmpp.NewElement(xmpp.NSMUC, "x"))
	if err := c.Send(context.Background(), p); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkMUCFanout: one room, N occupants over TCP; each op is one
// groupchat message delivered to all N sockets.
func BenchmarkMUCFanout(b *testing.B) {
	for _, n := range []int{10, 50, 200} {
		b.Run(fmt.Sprintf("occupants=%d", n), func(b *testing.B) {
			s := benchServer(b)
			var got atomic.Int64
			done := make(chan struct{}, 1)
			var target atomic.Int64
			cs := clients(b, s, n, func(_ int, e *xmpp.Element) {
				if e.Local == "message" && e.Child("", "body") != nil && got.Add(1) == target.Load() {
					done <- struct{}{}
				}
			})
			room := "fanout@conference." + domain
			for i, c := range cs {
				sendJoin(b, c, fmt.Sprintf("%s/u%d", room, i))
			}
			for s.mucs[0].Occupants.Load() < int64(n) {
				time.Sleep(time.Millisecond) // setup only: wait for joins to land
			}
			msg := xmpp.NewElement(xmpp.NSClient, "message", "to", room, "type", "groupchat").
				Add(xmpp.NewElement(xmpp.NSClient, "body").AddText("benchmark payload"))
			b.ResetTimer()
			const batch = 20
			for i := 0; i < b.N; i += batch {
				k := min(batch, b.N-i)
				target.Store(got.Load() + int64(k*n))
				for j := 0; j < k; j++ {
					_ = cs[0].Send(context.Background(), msg)
				}
				<-done
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "deliveries/s")
		})
	}
}

// BenchmarkMUCJoin: N connected clients join a fresh room; an op ends when
// every occupant has received the presence of every other occupant.
func BenchmarkMUCJoin(b *testing.B) {
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("occupants=%d", n), func(b *testing.B) {
			s := benchServer(b)
			var mu sync.Mutex
			seen := map[string]int{}
			var complete atomic.Int64
			done := make(chan struct{}, 1)
			cs := clients(b, s, n, func(i int, e *xmpp.Element) {
				if e.Local != "presence" || e.Get("type") != "" {
					return
				}
				mu.Lock()
				key := fmt.Sprintf("%d|%s", i, roomOf(e.Get("from")))
				seen[key]++
				full := seen[key] == n
				mu.Unlock()
				if full && complete.Add(1)%int64(n) == 0 {
					done <- struct{}{}
				}
			})
			b.ResetTimer()
			for it := 0; it < b.N; it++ {
				room := fmt.Sprintf("join%d@conference.%s", it, domain)
				for i, c := range cs {
					sendJoin(b, c, fmt.Sprintf("%s/u%d", room, i))
				}
				<-done
				b.StopTimer()
				for _, c := range cs { // leave so rooms do not accumulate
					_ = c.Send(context.Background(), xmpp.NewElement(xmpp.NSClient, "presence", "type", "unavailable", "to", room+"/x"))
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(n*n*b.N)/b.Elapsed().Seconds(), "presences/s")
		})
	}
}

func roomOf(occupant string) string {
	for i := len(occupant) - 1; i >= 0; i-- {
		if occupant[i] == '/' {
			return occupant[:i]
		}
	}
	return occupant
}
