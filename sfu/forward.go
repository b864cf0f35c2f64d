package sfu

// isRTCP tells RTCP from RTP on an rtcp-mux transport (RFC 5761).
func isRTCP(b []byte) bool { return len(b) >= 2 && b[1] >= 192 && b[1] <= 223 }

// handleSRTP decrypts one SRTP/SRTCP datagram in place and routes it.
// Runs on the reader goroutine; allocates nothing for RTP.
func (ep *Endpoint) handleSRTP(b []byte) {
	tr := ep.tr.Load()
	if tr == nil {
		ep.sfu.stats.drops[dropNotConnected].Add(1)
		return
	}
	ep.stats.packetsIn.Add(1)
	ep.stats.bytesIn.Add(uint64(len(b)))
	if isRTCP(b) {
		ep.handleSRTCP(tr, b)
		return
	}
	plain, err := tr.decryptRTP(b, &ep.rxHdr)
	if err != nil {
		ep.sfu.stats.drops[dropDecrypt].Add(1)
		return
	}
	h := &ep.rxHdr
	mc := ep.media.Load()
	if mc.visitor {
		ep.sfu.stats.drops[dropMuted].Add(1)
		return
	}
	st := ep.sources.Load().bySSRC[h.SSRC]
	if st == nil {
		ep.sfu.stats.drops[dropUnknownSSRC].Add(1)
		return
	}
	if mc.tccID != 0 {
		if ext := h.GetExtension(mc.tccID); len(ext) >= 2 {
			ep.tcc.record(h.SSRC, uint16(ext[0])<<8|uint16(ext[1]))
		}
	}
	blankExtension(plain, mc.midID)
	if gap := st.rx.update(h.SequenceNumber); gap > 0 && st.cache != nil {
		ep.nackSender(st.ssrc, h.SequenceNumber-gap, gap)
	}
	if st.src.kind == Audio {
		ep.forwardAudio(st, plain, mc)
		return
	}
	ep.forwardVideo(st, plain, mc)
}

func (ep *Endpoint) forwardAudio(st *inStream, plain []byte, mc *mediaConfig) {
	if ep.muteA.Load() {
		ep.sfu.stats.drops[dropMuted].Add(1)
		return
	}
	if mc.audioLevelID != 0 {
		if ext := ep.rxHdr.GetExtension(mc.audioLevelID); len(ext) >= 1 {
			level := ext[0] & 0x7f
			ep.speech.observe(level)
			if level == 127 {
				st.silent++
			} else {
				st.silent = 0
			}
			if st.silent > 3 {
				ep.sfu.stats.drops[dropSilence].Add(1)
				return
			}
		}
	}
	for _, d := range *st.src.downs.Load() {
		if d.target.Load() >= 0 {
			d.recv.sendRTP(plain)
		}
	}
}

func (ep *Endpoint) forwardVideo(st *inStream, plain []byte, mc *mediaConfig) {
	if ep.muteV.Load() {
		ep.sfu.stats.drops[dropMuted].Add(1)
		return
	}
	if st.layer < 0 {
		ep.forwardRTX(st, plain, mc)
		return
	}
	h := &ep.rxHdr
	now := ep.sfu.coarseNow()
	st.cache.put(h.SequenceNumber, plain, now)
	kf := isKeyframe(mc.codec[h.PayloadType&0x7f], plain[h.MarshalSize():])
	for _, d := range *st.src.downs.Load() {
		seq, ts, ok := d.project(st, h.SequenceNumber, h.Timestamp, kf, now)
		if !ok {
			continue
		}
		d.packets++
		d.octets += uint32(len(plain) - h.MarshalSize())
		patchHeader(plain, st.src.primary, seq, ts)
		d.recv.sendRTP(plain)
	}
}
