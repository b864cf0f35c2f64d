package sfu

const cacheSlots = 512

// packetCache keeps the last cacheSlots plaintext packets of one SSRC for
// NACK answers. Slots are allocated once and reused, so storing a packet
// allocates nothing after warm-up. Used by the reader goroutine only.
type packetCache struct {
	slots [cacheSlots]cacheSlot
}

type cacheSlot struct {
	seq   uint16
	valid bool
	buf   []byte
}

func newPacketCache() *packetCache { return &packetCache{} }

func (c *packetCache) put(seq uint16, pkt []byte) {
	s := &c.slots[int(seq)%cacheSlots]
	if cap(s.buf) < len(pkt) {
		s.buf = make([]byte, 0, maxDatagram)
	}
	s.buf = append(s.buf[:0], pkt...)
	s.seq, s.valid = seq, true
}

func (c *packetCache) get(seq uint16) ([]byte, bool) {
	s := &c.slots[int(seq)%cacheSlots]
	if !s.valid || s.seq != seq {
		return nil, false
	}
	return s.buf, true
}
