package sfu

import (
	"encoding/binary"

	"github.com/pion/rtcp"
)

// handleSRTCP decrypts a compound RTCP packet and terminates it: feedback is
// turned into the bridge's own actions, sender reports are rewritten.
func (ep *Endpoint) handleSRTCP(tr *srtpTransport, b []byte) {
	plain, err := tr.in.DecryptRTCP(ep.rtcpIn[:0], b, nil)
	if err != nil {
		ep.sfu.stats.drops[dropDecrypt].Add(1)
		return
	}
	pkts, err := rtcp.Unmarshal(plain)
	if err != nil {
		ep.sfu.stats.drops[dropMalformed].Add(1)
		return
	}
	for _, p := range pkts {
		switch p := p.(type) {
		case *rtcp.SenderReport:
			ep.onSenderReport(p)
			ep.onReceptionReports(p.Reports)
		case *rtcp.ReceiverReport:
			ep.onReceptionReports(p.Reports)
		case *rtcp.PictureLossIndication:
			ep.onKeyframeRequest(p.MediaSSRC)
		case *rtcp.FullIntraRequest:
			for _, e := range p.FIR {
				ep.onKeyframeRequest(e.SSRC)
			}
		case *rtcp.TransportLayerNack:
			ep.onNack(p)
		}
	}
}

// onKeyframeRequest handles PLI/FIR from a receiver for a forwarded SSRC.
func (ep *Endpoint) onKeyframeRequest(ssrc uint32) {
	src := ep.conf.view.Load().bySSRC[ssrc]
	if src == nil || src.owner == ep {
		return
	}
	target := src.primary
	if d := (*ep.downs.Load())[src]; d != nil {
		switch l := int(d.target.Load()); {
		case d.cur >= 0:
			target = src.layers[d.cur]
		case l >= 0 && l < len(src.layers):
			target = src.layers[l]
		}
	}
	src.owner.requestKeyframe(target, ep.sfu.coarseNow())
}

// requestKeyframe sends a PLI for one of this sender's SSRCs, at most once
// per KeyframeInterval.
func (ep *Endpoint) requestKeyframe(ssrc uint32, now int64) {
	st := ep.sources.Load().bySSRC[ssrc]
	if st == nil {
		return
	}
	last := st.lastKF.Load()
	if last != 0 && now-last < int64(ep.sfu.cfg.KeyframeInterval) || !st.lastKF.CompareAndSwap(last, now) {
		return
	}
	pli := &rtcp.PictureLossIndication{SenderSSRC: ep.conf.feedbackVideo, MediaSSRC: ssrc}
	ep.stats.keyframeRequests.Add(1) // before sending: the sender may react at once
	_ = ep.sendRTCP([]rtcp.Packet{pli})
}

// maxNackGap bounds the losses the bridge asks a sender to repair; a larger
// jump is a stream restart, not loss.
const maxNackGap = 64

// nackSender asks the sender to retransmit n packets starting at first
// (the bridge's own NACK towards senders). Allocates only on loss.
func (ep *Endpoint) nackSender(ssrc uint32, first, n uint16) {
	if n > maxNackGap {
		return
	}
	seqs := make([]uint16, n)
	for i := range seqs {
		seqs[i] = first + uint16(i)
	}
	nack := &rtcp.TransportLayerNack{SenderSSRC: ep.conf.feedbackVideo, MediaSSRC: ssrc, Nacks: rtcp.NackPairsFromSequenceNumbers(seqs)}
	_ = ep.sendRTCP([]rtcp.Packet{nack})
}

// onNack answers a receiver's NACK from the senders' packet caches.
func (ep *Endpoint) onNack(n *rtcp.TransportLayerNack) {
	src := ep.conf.view.Load().bySSRC[n.MediaSSRC]
	if src == nil || src.kind != Video || src.owner == ep {
		return
	}
	d := (*ep.downs.Load())[src]
	if d == nil {
		return
	}
	tbl := src.owner.sources.Load()
	for _, pair := range n.Nacks {
		pair.Range(func(seq uint16) bool {
			h, ok := d.lookup(seq)
			if !ok || int(h.layer) >= len(src.layers) {
				return true
			}
			st := tbl.bySSRC[src.layers[h.layer]]
			if st == nil || st.cache == nil {
				return true
			}
			if pkt, ok := st.cache.get(h.inSeq); ok {
				ep.retransmit(d, pkt, h)
			}
			return true
		})
	}
}

// retransmit re-sends a cached packet to this receiver, as RTX when the
// receiver negotiated RTX for the codec and the source has an RTX SSRC.
func (ep *Endpoint) retransmit(d *downTrack, pkt []byte, h histEntry) {
	hl := rtpHeaderLen(pkt)
	if hl < 0 {
		return
	}
	buf := ep.rtxBuf[:0]
	pt := pkt[1] & 0x7f
	rtxPT := ep.media.Load().rtxFor[pt]
	rtxSSRC := d.src.rtx[d.src.primary]
	if rtxPT == 0 || rtxSSRC == 0 {
		buf = append(buf, pkt...)
		patchHeader(buf, d.src.primary, h.outSeq, h.outTs)
	} else {
		payload := pkt[hl:]
		if pkt[0]&0x20 != 0 && len(payload) > 0 { // strip padding
			payload = payload[:len(payload)-min(int(payload[len(payload)-1]), len(payload))]
		}
		buf = append(buf, pkt[:hl]...)
		buf[0] &^= 0x20
		buf[1] = buf[1]&0x80 | rtxPT
		d.rtxSeq++
		patchHeader(buf, rtxSSRC, d.rtxSeq, h.outTs)
		buf = binary.BigEndian.AppendUint16(buf, h.outSeq)
		buf = append(buf, payload...)
	}
	ep.stats.retransmits.Add(1) // before sending: the receiver may react at once
	ep.sendRTP(buf)
}

// rtpHeaderLen returns the length of a plaintext RTP header, or -1.
func rtpHeaderLen(p []byte) int {
	if len(p) < 12 {
		return -1
	}
	n := 12 + 4*int(p[0]&0x0f)
	if p[0]&0x10 != 0 {
		if len(p) < n+4 {
			return -1
		}
		n += 4 + 4*int(binary.BigEndian.Uint16(p[n+2:n+4]))
	}
	if n > len(p) {
		return -1
	}
	return n
}

// onSenderReport records the SR for our receiver reports and forwards a
// rewritten SR (no report blocks) to every receiver of the stream.
func (ep *Endpoint) onSenderReport(sr *rtcp.SenderReport) {
	st := ep.sources.Load().bySSRC[sr.SSRC]
	if st == nil {
		return
	}
	st.rx.mu.Lock()
	st.rx.lastSR, st.rx.lastSRAt = uint32(sr.NTPTime>>16), ep.sfu.coarseNow()
	st.rx.mu.Unlock()
	lsr, nowNs := uint32(sr.NTPTime>>16), ep.sfu.cfg.Clock.Now().UnixNano()
	for _, d := range *st.src.downs.Load() {
		if d.target.Load() < 0 || (st.src.kind == Video && d.cur != st.layer) {
			continue
		}
		out := &rtcp.SenderReport{
			SSRC: st.src.primary, NTPTime: sr.NTPTime, RTPTime: sr.RTPTime + d.tsOff,
			PacketCount: sr.PacketCount, OctetCount: sr.OctetCount,
		}
		if st.src.kind == Video {
			out.PacketCount, out.OctetCount = d.packets, d.octets
		}
		d.recv.q.srs.record(lsr, nowNs)
		_ = d.recv.sendRTCP([]rtcp.Packet{out})
	}
}
