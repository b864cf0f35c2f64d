package sfu

import (
	"bytes"
	"testing"
	"time"
)

const ms = int64(time.Millisecond)

// cacheFeed stores n packets of size bytes, seq from first, spaced by step ns
// from start; it returns the time of the last one.
func cacheFeed(c *packetCache, first uint16, n, size int, start, step int64) int64 {
	now := start
	for i := range n {
		now = start + int64(i)*step
		pkt := bytes.Repeat([]byte{byte(i)}, size)
		c.put(first+uint16(i), pkt, now)
	}
	return now
}

func cacheHeld(c *packetCache) (n, bytes int) {
	for _, s := range c.slots {
		if s.buf != nil {
			n++
			bytes += cap(*s.buf)
		}
	}
	return n, bytes
}

func TestPacketCacheSizing(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pps       int
		packets   int
		size      int
		wantSlots int
		maxHeld   int // buffers still held at the end
	}{
		{"audio-rate", 50, 500, 200, 64, 64},
		{"500kbps-video", 50, 500, 1200, 64, 64},
		{"2.5Mbps-video", 250, 2500, 1200, 256, 256},
		{"capped", 2000, 4000, 1000, cacheMaxSlots, cacheMaxSlots},
		{"slow", 10, 100, 1200, cacheMinSlots, 20 + cacheSweep}, // 2 s + one sweep
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newPacketCache()
			cacheFeed(c, 65000, tc.packets, tc.size, 1e12, int64(time.Second)/int64(tc.pps))
			if len(c.slots) != tc.wantSlots {
				t.Errorf("ring %d slots, want %d", len(c.slots), tc.wantSlots)
			}
			n, b := cacheHeld(c)
			if n > tc.maxHeld {
				t.Errorf("%d buffers held, want <= %d", n, tc.maxHeld)
			}
			if want := n * ((tc.size + 127) / 128 * 128); b != want {
				t.Errorf("%d bytes held, want %d (size-classed)", b, want)
			}
		})
	}
}

func TestPacketCacheGet(t *testing.T) {
	c := newPacketCache()
	if _, ok := c.get(1); ok {
		t.Fatal("empty cache returned a packet")
	}
	last := cacheFeed(c, 65500, 100, 300, 1e12, 20*ms) // wraps past 65535
	for _, tc := range []struct {
		seq  uint16
		ok   bool
		fill byte
	}{
		{63, true, 99}, // 65500+99 wrapped
		{40, true, 76},
		{30, true, 66},
		{4, true, 40},     // 1.2 s old: kept until overwritten or 2 s old
		{65500, false, 0}, // 2 s old: overwritten
		{64, false, 0},    // never sent
	} {
		pkt, ok := c.get(tc.seq)
		if ok != tc.ok || ok && (len(pkt) != 300 || pkt[0] != tc.fill) {
			t.Errorf("get(%d) = %d bytes %v, want ok=%v fill %d", tc.seq, len(pkt), ok, tc.ok, tc.fill)
		}
	}
	// A packet of another size class replaces the buffer of its slot.
	c.put(63, make([]byte, 1400), last)
	if pkt, ok := c.get(63); !ok || len(pkt) != 1400 || cap(pkt) != 1408 {
		t.Errorf("resized packet: len %d cap %d ok %v", len(pkt), cap(pkt), ok)
	}
	// Oversized packets are not cached (nothing of that size can arrive).
	c.put(1000, make([]byte, bufClasses<<bufClassShift+1), last)
	if _, ok := c.get(1000); ok {
		t.Error("oversized packet cached")
	}
}

func TestPacketCacheExpiry(t *testing.T) {
	c := newPacketCache()
	// A keyframe burst grows the ring ...
	now := cacheFeed(c, 0, 200, 1200, 1e12, ms)
	if len(c.slots) != 256 {
		t.Fatalf("burst: ring %d slots, want 256", len(c.slots))
	}
	// ... then a slow stream lets the sweep release what is older than cacheRelease.
	cacheFeed(c, 200, 200, 1200, now+100*ms, 100*ms)
	if n, _ := cacheHeld(c); n > 20+cacheSweep {
		t.Errorf("%d buffers held after the burst aged out, want <= %d (2 s + one sweep)", n, 20+cacheSweep)
	}
}

func TestPacketCachePutAllocs(t *testing.T) {
	c := newPacketCache()
	now := cacheFeed(c, 0, 1000, 1200, 1e12, 20*ms)
	pkt := make([]byte, 1200)
	seq := uint16(1000)
	allocs := testing.AllocsPerRun(1000, func() {
		now += 20 * ms
		c.put(seq, pkt, now)
		seq++
	})
	if allocs != 0 {
		t.Errorf("put allocates %.1f times per packet after warm-up", allocs)
	}
}

func TestBufClass(t *testing.T) {
	for _, tc := range []struct{ n, class int }{
		{0, 0}, {1, 0}, {128, 0}, {129, 1}, {1200, 9}, {1500, 11}, {1536, 11}, {1537, -1},
	} {
		if got := bufClass(tc.n); got != tc.class {
			t.Errorf("bufClass(%d) = %d, want %d", tc.n, got, tc.class)
		}
	}
}

// BenchmarkPacketCachePut stores 1200-byte packets: steady at 50 pps (the
// coarse clock ticks between puts, so every put also takes a sweep step),
// and at a rate that fills the ring to cacheMaxSlots.
func BenchmarkPacketCachePut(b *testing.B) {
	for _, bc := range []struct {
		name string
		step int64
	}{{"50pps", 20 * ms}, {"full-ring", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			c := newPacketCache()
			pkt := make([]byte, 1200)
			now := int64(1e12)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				now += bc.step
				c.put(uint16(i), pkt, now)
			}
		})
	}
}
