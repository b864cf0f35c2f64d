package sfu

// isKeyframe reports whether an RTP payload starts a keyframe. Codecs the
// bridge cannot parse count as keyframes so that layer switches still happen.
func isKeyframe(c codecKind, p []byte) bool {
	switch c {
	case codecVP8:
		return vp8Keyframe(p)
	case codecVP9:
		return vp9Keyframe(p)
	case codecH264:
		return h264Keyframe(p)
	case codecAV1:
		return len(p) > 0 && p[0]&0x08 != 0 // N bit: first packet of a coded video sequence
	}
	return true
}

// vp8Keyframe parses the VP8 payload descriptor (RFC 7741 4.2).
func vp8Keyframe(p []byte) bool {
	if len(p) < 1 {
		return false
	}
	x, s, pid := p[0]&0x80 != 0, p[0]&0x10 != 0, p[0]&0x07
	if !s || pid != 0 {
		return false
	}
	i := 1
	if x {
		if len(p) < 2 {
			return false
		}
		ext := p[1]
		i = 2
		if ext&0x80 != 0 { // I: picture id
			if len(p) <= i {
				return false
			}
			if p[i]&0x80 != 0 {
				i++
			}
			i++
		}
		if ext&0x40 != 0 { // L: TL0PICIDX
			i++
		}
		if ext&0x30 != 0 { // T or K
			i++
		}
	}
	return len(p) > i && p[i]&0x01 == 0
}

// vp9Keyframe: P (inter-picture predicted) clear and B (start of frame) set.
func vp9Keyframe(p []byte) bool {
	return len(p) > 0 && p[0]&0x40 == 0 && p[0]&0x08 != 0
}

// h264Keyframe finds an IDR or SPS NAL unit (RFC 6184).
func h264Keyframe(p []byte) bool {
	if len(p) < 1 {
		return false
	}
	switch t := p[0] & 0x1f; t {
	case 5, 7:
		return true
	case 24: // STAP-A
		for i := 1; i+2 < len(p); {
			n := int(p[i])<<8 | int(p[i+1])
			if i+2 < len(p) && (p[i+2]&0x1f == 5 || p[i+2]&0x1f == 7) {
				return true
			}
			i += 2 + n
		}
	case 28: // FU-A
		return len(p) > 1 && p[1]&0x80 != 0 && (p[1]&0x1f == 5 || p[1]&0x1f == 7)
	}
	return false
}
