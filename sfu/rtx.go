package sfu

// forwardRTX unwraps an RTX packet from a sender (RFC 4588) and, unless the
// original is already cached, processes it as the original packet.
func (ep *Endpoint) forwardRTX(st *inStream, plain []byte, mc *mediaConfig) {
	media := ep.sources.Load().bySSRC[st.rtxOf]
	hl := rtpHeaderLen(plain)
	if media == nil || media.cache == nil || hl < 0 || len(plain) < hl+2 {
		ep.sfu.stats.drops[dropUnknownSSRC].Add(1)
		return
	}
	osn := uint16(plain[hl])<<8 | uint16(plain[hl+1])
	if _, dup := media.cache.get(osn); dup {
		return
	}
	apt := mc.aptOf[plain[1]&0x7f]
	buf := append(ep.rtxBuf[:0], plain[:hl]...)
	buf = append(buf, plain[hl+2:]...)
	buf[1] = buf[1]&0x80 | apt
	patchHeader(buf, st.rtxOf, osn, ep.rxHdr.Timestamp)
	if _, err := ep.rxHdr.Unmarshal(buf); err != nil {
		return
	}
	ep.forwardVideo(media, buf, mc)
}
