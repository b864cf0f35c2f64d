package sfu

import (
	"sync"
	"time"
)

// Packet cache sizing. The cache keeps about cacheAge of packets per SSRC
// (NACKs for older packets come too late to help a receiver's jitter
// buffer): its ring starts at cacheMinSlots and doubles, up to
// cacheMaxSlots, whenever a packet would evict one younger than cacheAge.
// A sweep, one step per clock tick, releases the buffers of packets older
// than cacheRelease, so a burst (a keyframe) that grew the ring does not pin
// memory afterwards. cacheRelease is twice cacheAge: a ring sized by the
// growth rule overwrites its slots before that, so in steady state buffers
// are reused in place rather than cycled through the pools.
const (
	cacheMinSlots = 32
	cacheMaxSlots = 512
	cacheAge      = int64(time.Second)
	cacheRelease  = 2 * cacheAge
	cacheSweep    = 16 // sweep steps per full pass over the ring
)

// Packet buffers come from size-classed pools in 128-byte steps (each a Go
// allocator size class), so a cached packet costs its own size rounded up
// to 128 bytes, not a 1500-byte slot, and storing reuses freed buffers.
const (
	bufClassShift = 7
	bufClasses    = 12 // up to 1536 bytes: any plaintext of a maxDatagram datagram
)

var bufPools [bufClasses]sync.Pool

// bufClass returns the pool index for an n-byte packet, or -1 if too big.
func bufClass(n int) int {
	c := (n+1<<bufClassShift-1)>>bufClassShift - 1
	if c >= bufClasses {
		return -1
	}
	return max(c, 0)
}

func getBuf(class int) *[]byte {
	if p, _ := bufPools[class].Get().(*[]byte); p != nil {
		return p
	}
	b := make([]byte, 0, (class+1)<<bufClassShift)
	return &b
}

func putBuf(p *[]byte) {
	*p = (*p)[:0]
	bufPools[bufClass(cap(*p))].Put(p)
}

// packetCache keeps the recent plaintext packets of one SSRC for NACK
// answers. Nothing is allocated until the first packet; after warm-up,
// storing a packet allocates nothing. Used by the reader goroutine only.
type packetCache struct {
	slots []cacheSlot // power-of-two length; nil before the first packet
	sweep int         // next slot the sweep examines
	swept int64       // coarse time of the last sweep step
}

type cacheSlot struct {
	at    int64 // coarse ns when stored
	buf   *[]byte
	seq   uint16
	class int8
	valid bool
}

func newPacketCache() *packetCache { return &packetCache{} }

// put stores a copy of pkt as sequence number seq received at now.
func (c *packetCache) put(seq uint16, pkt []byte, now int64) {
	class := bufClass(len(pkt))
	if class < 0 {
		return
	}
	if c.slots == nil {
		c.slots = make([]cacheSlot, cacheMinSlots)
	}
	s := &c.slots[int(seq)&(len(c.slots)-1)]
	if s.valid && s.seq != seq && now-s.at < cacheAge && len(c.slots) < cacheMaxSlots {
		c.grow()
		s = &c.slots[int(seq)&(len(c.slots)-1)]
	}
	if s.buf != nil && int(s.class) != class {
		putBuf(s.buf)
		s.buf = nil
	}
	if s.buf == nil {
		s.buf, s.class = getBuf(class), int8(class)
	}
	*s.buf = append((*s.buf)[:0], pkt...)
	s.at, s.seq, s.valid = now, seq, true
	if now != c.swept { // at most one sweep step per coarse clock tick
		c.swept = now
		c.expire(now)
	}
}

// grow doubles the ring. Entries distinct modulo n stay distinct modulo 2n.
func (c *packetCache) grow() {
	slots := make([]cacheSlot, 2*len(c.slots))
	for _, s := range c.slots {
		if s.valid {
			slots[int(s.seq)&(len(slots)-1)] = s
		}
	}
	c.slots, c.sweep = slots, 0
}

// expire examines 1/cacheSweep of the ring (2 slots of a minimal ring, 32
// of a full one) and releases the buffers older than cacheRelease, so nothing
// outlives cacheRelease by more than cacheSweep ticks or packet intervals.
func (c *packetCache) expire(now int64) {
	for range len(c.slots) / cacheSweep {
		s := &c.slots[c.sweep]
		c.sweep = (c.sweep + 1) & (len(c.slots) - 1)
		if s.buf != nil && now-s.at > cacheRelease {
			putBuf(s.buf)
			s.buf, s.valid = nil, false
		}
	}
}

func (c *packetCache) get(seq uint16) ([]byte, bool) {
	if c.slots == nil {
		return nil, false
	}
	s := &c.slots[int(seq)&(len(c.slots)-1)]
	if !s.valid || s.seq != seq {
		return nil, false
	}
	return *s.buf, true
}
