package sfu

import "sync/atomic"

// Drop reasons counted by the SFU.
const (
	dropMalformed = iota
	dropUnknownAddr
	dropUnknownUfrag
	dropAuth
	dropNotConnected
	dropDecrypt
	dropMuted
	dropSilence
	dropUnknownSSRC
	dropOversize
	numDropReasons
)

type counters struct {
	packetsIn, packetsOut atomic.Uint64
	bytesIn, bytesOut     atomic.Uint64
	drops                 [numDropReasons]atomic.Uint64
	retransmits           atomic.Uint64
	keyframeRequests      atomic.Uint64
}

// Stats is a snapshot of packet counters.
type Stats struct {
	PacketsReceived, PacketsSent uint64
	BytesReceived, BytesSent     uint64
	// Retransmitted counts packets re-sent from the cache after a NACK.
	Retransmitted uint64
	// KeyframeRequests counts PLIs sent to this sender (or SFU-wide).
	KeyframeRequests uint64
	// Dropped counts datagrams or packets dropped, by reason.
	Dropped map[string]uint64
}

var dropNames = [numDropReasons]string{
	"malformed", "unknown_address", "unknown_ufrag", "auth", "not_connected",
	"decrypt", "muted", "silence", "unknown_ssrc", "oversize",
}

func (c *counters) snapshot() Stats {
	st := Stats{
		PacketsReceived: c.packetsIn.Load(), PacketsSent: c.packetsOut.Load(),
		BytesReceived: c.bytesIn.Load(), BytesSent: c.bytesOut.Load(),
		Dropped:       map[string]uint64{},
		Retransmitted: c.retransmits.Load(), KeyframeRequests: c.keyframeRequests.Load(),
	}
	for i := range c.drops {
		if v := c.drops[i].Load(); v > 0 {
			st.Dropped[dropNames[i]] = v
		}
	}
	return st
}

// Stats returns the SFU-wide counters.
func (s *SFU) Stats() Stats { return s.stats.snapshot() }
