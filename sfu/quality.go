package sfu

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
)

const (
	// activePacketRate is the packet rate (per second) at which an
	// endpoint counts as sending a kind of media, as jvb's
	// BitrateCalculator threshold.
	activePacketRate = 5
	// srHistory is how many forwarded sender reports each receiver
	// remembers for round-trip times.
	srHistory = 8
	// maxReportGap bounds the packets one report interval may cover; a
	// larger jump is a stream restart, not traffic.
	maxReportGap = 1 << 15
	// maxReportedSSRCs bounds the per-receiver report state.
	maxReportedSSRCs = 256
)

// Quality is an endpoint's media state for statistics, as of the last
// receiver-report round.
type Quality struct {
	// SendingAudio and SendingVideo say whether the bridge receives that
	// kind of media from the endpoint at 5 packets per second or more.
	SendingAudio, SendingVideo bool
	// RTT is the last round-trip time measured from the endpoint's
	// reports on forwarded sender reports; 0 until measured.
	RTT time.Duration
}

// Quality returns the endpoint's media state for statistics.
func (ep *Endpoint) Quality() Quality {
	return Quality{
		SendingAudio: ep.q.sendingA.Load(), SendingVideo: ep.q.sendingV.Load(),
		RTT: time.Duration(ep.q.rttNs.Load()),
	}
}

// rxRound sums one receiver-report round over an endpoint's streams.
type rxRound struct {
	audio, video   uint64 // packets received in the interval, by kind
	received, lost uint64
}

func (r *rxRound) add(kind MediaKind, iv rxInterval) {
	if kind == Audio {
		r.audio += uint64(iv.received)
	} else {
		r.video += uint64(iv.received)
	}
	r.received += uint64(iv.received)
	if iv.expected > iv.received {
		r.lost += uint64(iv.expected - iv.received)
	}
}

// recordRound updates the sending flags and incoming loss after a report
// round. Control goroutine only.
func (ep *Endpoint) recordRound(r rxRound, now time.Time) {
	dt := ep.sfu.cfg.RRInterval
	if !ep.q.lastRound.IsZero() {
		dt = now.Sub(ep.q.lastRound)
	}
	ep.q.lastRound = now
	ep.q.sendingA.Store(isActive(r.audio, dt))
	ep.q.sendingV.Store(isActive(r.video, dt))
	if r.received+r.lost > 0 {
		ep.stats.lossIn.add(r.received, r.lost)
		ep.sfu.stats.lossIn.add(r.received, r.lost)
	}
}

// stopSending clears the sending flags of an endpoint without transport.
func (ep *Endpoint) stopSending() {
	ep.q.sendingA.Store(false)
	ep.q.sendingV.Store(false)
	ep.q.lastRound = time.Time{}
}

func isActive(packets uint64, dt time.Duration) bool {
	return dt > 0 && float64(packets) >= activePacketRate*dt.Seconds()
}

// srRecord is a sender report forwarded to this endpoint: the middle 32
// bits of its NTP time (the LSR the endpoint echoes) and when it was sent.
type srRecord struct {
	lsr    uint32
	sentNs int64
}

// srLog remembers the last sender reports forwarded to one receiver.
type srLog struct {
	mu   sync.Mutex
	recs [srHistory]srRecord
	next int
}

func (l *srLog) record(lsr uint32, nowNs int64) {
	l.mu.Lock()
	l.recs[l.next] = srRecord{lsr: lsr, sentNs: nowNs}
	l.next = (l.next + 1) % srHistory
	l.mu.Unlock()
}

// rtt computes RFC 3550 6.4.1 round-trip time: arrival - LSR - DLSR, with
// the LSR's send time looked up among the forwarded reports.
func (l *srLog) rtt(lsr, dlsr uint32, nowNs int64) (time.Duration, bool) {
	if lsr == 0 {
		return 0, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, r := range l.recs {
		if r.sentNs != 0 && r.lsr == lsr {
			d := time.Duration(nowNs-r.sentNs) - time.Duration(int64(dlsr)*int64(time.Second)/65536)
			return d, d > 0
		}
	}
	return 0, false
}

// rrPoint is the last report block about one forwarded SSRC.
type rrPoint struct{ ext, lost uint32 }

// onReceptionReports takes the endpoint's report blocks about streams the
// bridge forwards to it: round-trip time and outgoing loss. Reader
// goroutine only.
func (ep *Endpoint) onReceptionReports(blocks []rtcp.ReceptionReport) {
	if len(blocks) == 0 {
		return
	}
	nowNs := ep.sfu.cfg.Clock.Now().UnixNano()
	view := ep.conf.view.Load()
	var recv, lost uint64
	for i := range blocks {
		b := &blocks[i]
		if src := view.bySSRC[b.SSRC]; src == nil || src.owner == ep {
			continue
		}
		if rtt, ok := ep.q.srs.rtt(b.LastSenderReport, b.Delay, nowNs); ok {
			ep.q.rttNs.Store(int64(rtt))
		}
		r, l := ep.reportDelta(b)
		recv, lost = recv+r, lost+l
	}
	if recv+lost > 0 {
		ep.stats.lossOut.add(recv, lost)
		ep.sfu.stats.lossOut.add(recv, lost)
	}
}

// reportDelta returns the packets received and lost since the previous
// block about the same SSRC.
func (ep *Endpoint) reportDelta(b *rtcp.ReceptionReport) (received, lost uint64) {
	if ep.q.rrPrev == nil || len(ep.q.rrPrev) >= maxReportedSSRCs {
		ep.q.rrPrev = map[uint32]rrPoint{}
	}
	prev, ok := ep.q.rrPrev[b.SSRC]
	ep.q.rrPrev[b.SSRC] = rrPoint{ext: b.LastSequenceNumber, lost: b.TotalLost}
	if !ok {
		return 0, 0
	}
	exp := int64(b.LastSequenceNumber) - int64(prev.ext)
	if exp <= 0 || exp > maxReportGap {
		return 0, 0
	}
	l := max(0, min(int64(b.TotalLost)-int64(prev.lost), exp))
	return uint64(exp - l), uint64(l)
}

// qualityState is an endpoint's measurement state.
type qualityState struct {
	sendingA, sendingV atomic.Bool
	rttNs              atomic.Int64
	srs                srLog
	lastRound          time.Time          // control goroutine only
	rrPrev             map[uint32]rrPoint // reader goroutine only
}
