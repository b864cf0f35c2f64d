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
	// Updated off the forwarding path: ICE/DTLS transitions, speaker
	// ticks and RTCP report rounds.
	iceSucceeded, iceSucceededRelayed atomic.Uint64
	iceFailed, dtlsFailed             atomic.Uint64
	speakerChanges                    atomic.Uint64
	lossIn, lossOut                   lossCounters
}

// lossCounters count RTP packets received and lost on one direction, as
// measured by receiver reports.
type lossCounters struct{ received, lost atomic.Uint64 }

func (l *lossCounters) add(received, lost uint64) {
	l.received.Add(received)
	l.lost.Add(lost)
}

func (l *lossCounters) snapshot() Loss { return Loss{Received: l.received.Load(), Lost: l.lost.Load()} }

// Loss counts RTP packets received and lost, from receiver reports.
type Loss struct{ Received, Lost uint64 }

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
	// ICESucceeded counts endpoints whose ICE connected (once each);
	// ICESucceededRelayed those of them whose selected pair is relayed.
	ICESucceeded, ICESucceededRelayed uint64
	// ICEFailed counts endpoints whose ICE failed (once each): every
	// candidate pair failed, or consent freshness expired.
	ICEFailed uint64
	// DTLSFailed counts endpoints expired with ICE connected but no DTLS.
	DTLSFailed uint64
	// DominantSpeakerChanges counts dominant speaker changes.
	DominantSpeakerChanges uint64
	// IncomingLoss is the loss on streams the bridge receives, from the
	// bridge's own receiver reports (one sample per report interval).
	IncomingLoss Loss
	// OutgoingLoss is the loss on streams the bridge sends, from the
	// receivers' report blocks.
	OutgoingLoss Loss
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
		ICESucceeded: c.iceSucceeded.Load(), ICESucceededRelayed: c.iceSucceededRelayed.Load(),
		ICEFailed: c.iceFailed.Load(), DTLSFailed: c.dtlsFailed.Load(),
		DominantSpeakerChanges: c.speakerChanges.Load(),
		IncomingLoss:           c.lossIn.snapshot(), OutgoingLoss: c.lossOut.snapshot(),
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
