package media

import "encoding/binary"

// vp8Descriptor appends the RFC 7741 payload descriptor with the extensions a
// simulcast-aware bridge reads: 15-bit picture ID, TL0PICIDX and TID.
func vp8Descriptor(b []byte, start bool, pictureID uint16, tl0 uint8) []byte {
	first := byte(0x80) // X
	if start {
		first |= 0x10 // S, partition 0
	}
	b = append(b, first, 0xE0) // I, L, T
	b = binary.BigEndian.AppendUint16(b, 0x8000|pictureID&0x7FFF)
	return append(b, tl0, 0x20) // TID 0, Y
}

// vp8Header appends the VP8 payload header of a frame's first packet: the
// 3-byte frame tag and, for a keyframe, the start code and dimensions.
func vp8Header(b []byte, key bool, size int, width, height uint16) []byte {
	tag := uint32(size&0x7FFFF)<<5 | 1<<4 // show_frame
	if !key {
		tag |= 1 // P: interframe
	}
	b = append(b, byte(tag), byte(tag>>8), byte(tag>>16))
	if key {
		b = append(b, 0x9d, 0x01, 0x2a)
		b = binary.LittleEndian.AppendUint16(b, width)
		b = binary.LittleEndian.AppendUint16(b, height)
	}
	return b
}

// IsVP8Keyframe reports whether a VP8 RTP payload starts a keyframe (S set,
// partition 0, P clear), reading the descriptor's optional fields.
func IsVP8Keyframe(p []byte) bool {
	if len(p) < 1 || p[0]&0x10 == 0 || p[0]&0x07 != 0 {
		return false
	}
	n := 1
	if p[0]&0x80 != 0 {
		if len(p) < 2 {
			return false
		}
		ext := p[1]
		n++
		if ext&0x80 != 0 { // I
			if len(p) <= n {
				return false
			}
			if p[n]&0x80 != 0 {
				n++
			}
			n++
		}
		if ext&0x40 != 0 { // L
			n++
		}
		if ext&0x30 != 0 { // T or K
			n++
		}
	}
	return len(p) > n && p[n]&1 == 0
}
