package sfu

import "encoding/binary"

// ExtMID is the RTP header extension that carries the sender's MID (RFC
// 8843). The bridge never forwards the sender's value: each receiver has its
// own m-lines, and a foreign MID makes the receiving browser bind the SSRC
// to its own transceiver of that MID, so that the later source-add for the
// SSRC fails ("Failed to apply demuxer criteria"). jvb strips it too.
const ExtMID = "urn:ietf:params:rtp-hdrext:sdes:mid"

// Header extension profiles (RFC 8285).
const (
	extProfileOneByte = 0xBEDE
	extProfileTwoByte = 0x1000 // the low 4 bits are application bits
)

// blankExtension overwrites every element with the given id in the RTP
// header extension of pkt with padding bytes (0), in place: the packet keeps
// its length and the other elements stay valid. It reports whether an
// element was blanked; a malformed header is left untouched.
func blankExtension(pkt []byte, id uint8) bool {
	if id == 0 || len(pkt) < 12 || pkt[0]&0x10 == 0 {
		return false
	}
	off := 12 + 4*int(pkt[0]&0x0f)
	if len(pkt) < off+4 {
		return false
	}
	profile := binary.BigEndian.Uint16(pkt[off:])
	end := off + 4 + 4*int(binary.BigEndian.Uint16(pkt[off+2:]))
	if end > len(pkt) {
		return false
	}
	ext := pkt[off+4 : end]
	switch {
	case profile == extProfileOneByte:
		return blankOneByte(ext, id)
	case profile&0xfff0 == extProfileTwoByte:
		return blankTwoByte(ext, id)
	}
	return false
}

func blankOneByte(ext []byte, id uint8) bool {
	blanked := false
	for i := 0; i < len(ext); {
		if ext[i] == 0 { // padding
			i++
			continue
		}
		eid, n := ext[i]>>4, int(ext[i]&0x0f)+1
		if eid == 15 || i+1+n > len(ext) {
			return blanked
		}
		if eid == id {
			clear(ext[i : i+1+n])
			blanked = true
		}
		i += 1 + n
	}
	return blanked
}

func blankTwoByte(ext []byte, id uint8) bool {
	blanked := false
	for i := 0; i < len(ext); {
		if ext[i] == 0 { // padding
			i++
			continue
		}
		if i+2 > len(ext) {
			return blanked
		}
		eid, n := ext[i], int(ext[i+1])
		if i+2+n > len(ext) {
			return blanked
		}
		if eid == id {
			clear(ext[i : i+2+n])
			blanked = true
		}
		i += 2 + n
	}
	return blanked
}
