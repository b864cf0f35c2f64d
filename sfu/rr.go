package sfu

import (
	"time"

	"github.com/pion/rtcp"
)

const maxReportBlocks = 31

// sendReceiverReports sends the bridge's RRs for every stream it receives
// from this endpoint, with the conference feedback SSRCs as sender.
func (ep *Endpoint) sendReceiverReports(now time.Time) {
	if ep.tr.Load() == nil {
		ep.stopSending()
		return
	}
	var audio, video []rtcp.ReceptionReport
	var round rxRound
	for _, st := range ep.sources.Load().bySSRC {
		rr, iv, ok := st.rx.report(st.ssrc, now.UnixNano())
		if !ok {
			continue
		}
		round.add(st.src.kind, iv)
		if st.src.kind == Audio {
			audio = append(audio, rr)
		} else {
			video = append(video, rr)
		}
	}
	ep.recordRound(round, now)
	var pkts []rtcp.Packet
	pkts = appendRR(pkts, ep.conf.feedbackAudio, audio)
	pkts = appendRR(pkts, ep.conf.feedbackVideo, video)
	if len(pkts) > 0 {
		_ = ep.sendRTCP(pkts)
	}
}

func appendRR(pkts []rtcp.Packet, sender uint32, reports []rtcp.ReceptionReport) []rtcp.Packet {
	for len(reports) > 0 {
		n := min(len(reports), maxReportBlocks)
		pkts = append(pkts, &rtcp.ReceiverReport{SSRC: sender, Reports: reports[:n]})
		reports = reports[n:]
	}
	return pkts
}

// rxInterval is what one report interval of a stream covered.
type rxInterval struct{ expected, received uint32 }

// report builds an RFC 3550 A.3 reception report and starts a new interval.
func (r *rxStats) report(ssrc uint32, nowNs int64) (rtcp.ReceptionReport, rxInterval, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.started {
		return rtcp.ReceptionReport{}, rxInterval{}, false
	}
	ext := r.cycles | uint32(r.maxSeq)
	expected := ext - r.baseSeq + 1
	lost := int64(expected) - int64(r.received)
	expInt, recvInt := expected-r.expPrior, r.received-r.recvPrior
	r.expPrior, r.recvPrior = expected, r.received
	var fraction uint8
	if lostInt := int64(expInt) - int64(recvInt); expInt > 0 && lostInt > 0 {
		fraction = uint8(lostInt << 8 / int64(expInt))
	}
	lost = max(0, min(lost, 0x7fffff))
	var dlsr uint32
	if r.lastSRAt != 0 {
		dlsr = uint32((nowNs - r.lastSRAt) * 65536 / 1e9)
	}
	return rtcp.ReceptionReport{
		SSRC: ssrc, FractionLost: fraction, TotalLost: uint32(lost),
		LastSequenceNumber: ext, LastSenderReport: r.lastSR, Delay: dlsr,
	}, rxInterval{expected: expInt, received: recvInt}, true
}
