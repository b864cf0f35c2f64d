package integration

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	fxmpp "github.com/jitsi-go/jitsi-go/focus/xmppapi"
	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/participant"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

const nsFocus = "http://jitsi.org/protocol/focus"

// BenchmarkIdleConferences measures what one idle conference costs the
// focus: per iteration, a conference IQ for a new room and a MUC join with
// the stock client's presence (no media, no bridge). The conferences stay
// up until the end. Every room is joined by the same client connection so
// that the client's own cost stays out of the figure; prosody runs as its
// own process. Reported per conference: growth of the Go heap (after GC),
// of goroutine stacks and of the process RSS, and the focus's goroutines. Run with
// -benchtime=1000x for the figure.
func BenchmarkIdleConferences(b *testing.B) {
	testenv.RequireNetNS(b)
	ctx := testCtx(b, 10*time.Minute)
	x := startProsody(b, ctx)
	f := startFocus(b, ctx, x, "jicofo.conference.initial-timeout = 10 minutes")
	var joined atomic.Int64
	joinedCh := make(chan struct{}, 1)
	c, err := xmpp.DialTCP(ctx, x.c2s, xmpp.Config{Domain: domain, QueueLen: 4096, OnStanza: func(e *xmpp.Element) {
		if e.Local == "presence" && e.Get("type") == "" && strings.HasSuffix(e.Get("from"), "/idle") {
			joined.Add(1)
			select {
			case joinedCh <- struct{}{}:
			default:
			}
		}
	}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.Close() })
	c.Handle(xmpp.NSDiscoInfo, "query", discoReply)
	heap0, stack0, rss0, gor0 := memNow()
	b.ResetTimer()
	var wg sync.WaitGroup
	var notReady atomic.Int64
	sem := make(chan struct{}, 16)
	for i := range b.N {
		room := fmt.Sprintf("idle%d@%s", i, mucHost)
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := idleJoin(ctx, c, room, &notReady); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
	for joined.Load() < int64(b.N) {
		select {
		case <-joinedCh:
		case <-ctx.Done():
			b.Fatalf("%d of %d rooms joined", joined.Load(), b.N)
		}
	}
	err = f.svc.WaitFor(ctx, func(s *fxmpp.Service) bool { return len(s.Hub().Rooms()) == b.N })
	if err != nil {
		b.Fatalf("the focus has %d conferences, want %d", len(f.svc.Hub().Rooms()), b.N)
	}
	b.StopTimer()
	heap1, stack1, rss1, gor1 := memNow()
	n := float64(b.N)
	b.ReportMetric(float64(heap1-heap0)/n, "heapB/conf")
	b.ReportMetric(float64(stack1-stack0)/n, "stackB/conf")
	b.ReportMetric(float64(rss1-rss0)/n, "rssB/conf")
	b.ReportMetric(float64(gor1-gor0)/n, "goroutines/conf")
	b.ReportMetric(float64(notReady.Load())/n, "not-ready/conf")
}

// idleJoin sends the conference IQ for room until ready, then joins it.
// A ready="false" reply is counted and retried after 100 ms.
func idleJoin(ctx context.Context, c *xmpp.Client, room string, notReady *atomic.Int64) error {
	for {
		q := xmpp.NewElement(nsFocus, "conference", "room", room, "machine-uid", "bench")
		reply, err := c.SendIQ(ctx, xmpp.NewIQ("set", "", "", "focus."+domain, q))
		if err != nil {
			return fmt.Errorf("conference IQ for %s: %w", room, err)
		}
		if r := reply.Child(nsFocus, "conference"); r != nil && r.Get("ready") == "true" {
			break
		}
		notReady.Add(1)
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p := xmpp.NewElement(xmpp.NSClient, "presence", "to", room+"/idle")
	p.Add(xmpp.NewElement(xmpp.NSMUC, "x"))
	p.Add(xmpp.NewElement("http://jabber.org/protocol/caps", "c", "hash", "sha-1",
		"node", "https://jitsi.org/jitsi-meet", "ver", participant.CapsVer(participant.Features)))
	return c.Send(ctx, p)
}

// discoReply answers disco#info with the stock client's features.
func discoReply(iq *xmpp.Element) *xmpp.Element {
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query")
	if node := iq.FirstChild().Get("node"); node != "" {
		q.SetAttr("node", node)
	}
	for _, f := range participant.Features {
		q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "feature", "var", f))
	}
	return xmpp.Result(iq, q)
}

// memNow returns the live Go heap after a GC, the goroutine stacks in use,
// the process RSS and the number of goroutines.
func memNow() (heap, stack, rss uint64, goroutines int) {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, ms.StackInuse, vmRSS(), runtime.NumGoroutine()
}

// vmRSS reads VmRSS from /proc/self/status (0 where there is none).
func vmRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}
