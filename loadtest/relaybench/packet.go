package relaybench

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/pion/rtp"
	"github.com/pion/srtp/v2"
)

// Shape of the generated video stream: a frame of packetsPerFrame packets
// every 1/30 s (90 kHz clock), a keyframe every keyframeEvery frames.
const (
	packetsPerFrame = 10
	frameTicks      = 3000
	keyframeEvery   = 100
	rtpHeaderLen    = 12
	markerLen       = 16 // VP8 descriptor + frame tag + magic + counter
)

// payloadMagic marks the generator's packets; receivers check it.
var payloadMagic = [4]byte{'R', 'L', 'Y', 'B'}

// packetizer builds the sender's packets in one reused buffer and, for the
// bridge, encrypts each into a second reused buffer.
type packetizer struct {
	hdr   rtp.Header
	plain []byte
	out   []byte
	ctx   *srtp.Context // nil: plain RTP (raw relay)
	n     uint64
}

func newPacketizer(ssrc uint32, payload int, ctx *srtp.Context) *packetizer {
	pz := &packetizer{
		hdr:   rtp.Header{Version: 2, PayloadType: ptVP8, SSRC: ssrc, SequenceNumber: 1000},
		plain: make([]byte, rtpHeaderLen+payload),
		out:   make([]byte, 0, rtpHeaderLen+payload+64),
		ctx:   ctx,
	}
	for i := rtpHeaderLen + markerLen; i < len(pz.plain); i++ {
		pz.plain[i] = byte(i)
	}
	copy(pz.plain[rtpHeaderLen+4:], payloadMagic[:])
	return pz
}

// next returns the next packet; valid until the following call.
func (pz *packetizer) next() ([]byte, error) {
	pz.n++
	inFrame := (pz.n - 1) % packetsPerFrame
	frame := (pz.n - 1) / packetsPerFrame
	pz.hdr.SequenceNumber++
	pz.hdr.Timestamp = uint32(frame * frameTicks)
	pz.hdr.Marker = inFrame == packetsPerFrame-1
	if _, err := pz.hdr.MarshalTo(pz.plain); err != nil {
		return nil, err
	}
	pl := pz.plain[rtpHeaderLen:]
	pl[0], pl[1] = 0, 0x01 // continuation, interframe
	if inFrame == 0 {
		pl[0] = 0x10 // S: start of partition 0
		if frame%keyframeEvery == 0 {
			pl[1] = 0x00 // keyframe
		}
	}
	binary.BigEndian.PutUint64(pl[8:16], pz.n)
	if pz.ctx == nil {
		return pz.plain, nil
	}
	out, err := pz.ctx.EncryptRTP(pz.out[:0], pz.plain, &pz.hdr)
	if err != nil {
		return nil, fmt.Errorf("relaybench: encrypt: %w", err)
	}
	pz.out = out
	return out, nil
}

// checkPayload verifies that a forwarded (decrypted) packet is the
// generator's: RTP version 2, VP8 payload type, the sender's SSRC and the
// payload marker.
func checkPayload(b []byte, ssrc uint32) error {
	var h rtp.Header
	n, err := h.Unmarshal(b)
	if err != nil {
		return fmt.Errorf("%w: rtp header: %v", ErrBadPacket, err)
	}
	if h.PayloadType != ptVP8 || h.SSRC != ssrc {
		return fmt.Errorf("%w: pt %d ssrc %#x, want pt %d ssrc %#x", ErrBadPacket, h.PayloadType, h.SSRC, ptVP8, ssrc)
	}
	pl := b[n:]
	if len(pl) < markerLen || !bytes.Equal(pl[4:8], payloadMagic[:]) {
		return fmt.Errorf("%w: payload marker missing (%d bytes)", ErrBadPacket, len(pl))
	}
	return nil
}
