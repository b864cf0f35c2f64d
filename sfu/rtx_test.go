package sfu

import (
	"bytes"
	"encoding/binary"
	"net"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
)

// TestNACKAnsweredWithRTX: a receiver that negotiated RTX gets NACKed
// packets as RTX (RFC 4588) on the source's FID SSRC, with the original
// sequence number in front of the payload.
func TestNACKAnsweredWithRTX(t *testing.T) {
	s := newTestSFU(t, Config{TickInterval: time.Hour})
	conf, _ := s.CreateConference("rtx")
	opts := testEndpointOptions()
	opts.Codecs[1].RTXPayloadType = 96
	snd, err := conf.AddEndpoint("snd", opts)
	must(t, err)
	rcv, err := conf.AddEndpoint("rcv", opts)
	must(t, err)
	lo := &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}
	sndSock, err := net.ListenUDP("udp4", lo)
	must(t, err)
	rcvSock, err := net.ListenUDP("udp4", lo)
	must(t, err)
	t.Cleanup(func() { sndSock.Close(); rcvSock.Close() })
	sk, rk := wireEndpoint(t, snd, addrOf(sndSock)), wireEndpoint(t, rcv, addrOf(rcvSock))
	must(t, snd.SetSources([]Source{{Name: "snd-v0", Kind: Video, SSRCs: []uint32{10, 11},
		Groups: []SSRCGroup{{Semantics: GroupFID, SSRCs: []uint32{10, 11}}}}}))
	rcv.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})

	payload := []byte("\x10\x00keyframe-bytes")
	for seq := uint16(100); seq < 103; seq++ {
		h := rtp.Header{Version: 2, PayloadType: ptVP8, SequenceNumber: seq, Timestamp: 9000, SSRC: 10}
		raw, _ := h.Marshal()
		enc, err := sk.send.EncryptRTP(nil, append(raw, payload...), nil)
		must(t, err)
		s.handleDatagram(enc, addrOf(sndSock))
	}
	nack, _ := rtcp.Marshal([]rtcp.Packet{&rtcp.TransportLayerNack{SenderSSRC: 1, MediaSSRC: 10, Nacks: []rtcp.NackPair{{PacketID: 101}}}})
	enc, err := rk.send.EncryptRTCP(nil, nack, nil)
	must(t, err)
	s.handleDatagram(enc, addrOf(rcvSock))

	readRTP(t, rcvSock, rk, func(h *rtp.Header, p []byte) bool {
		if h.SSRC != 11 {
			return false // the three forwarded originals
		}
		if h.PayloadType != 96 || binary.BigEndian.Uint16(p) != 101 || !bytes.Equal(p[2:], payload) {
			t.Fatalf("RTX pt %d payload %q", h.PayloadType, p)
		}
		return true
	})
	if rcv.Stats().Retransmitted != 1 {
		t.Fatalf("retransmitted = %d", rcv.Stats().Retransmitted)
	}

	// The sender repairs a loss with RTX: the bridge unwraps it and
	// forwards the original packet.
	h := rtp.Header{Version: 2, PayloadType: 96, SequenceNumber: 7, Timestamp: 9000, SSRC: 11}
	raw, _ := h.Marshal()
	raw = binary.BigEndian.AppendUint16(raw, 103)
	enc, err = sk.send.EncryptRTP(nil, append(raw, payload...), nil)
	must(t, err)
	s.handleDatagram(enc, addrOf(sndSock))
	readRTP(t, rcvSock, rk, func(h *rtp.Header, p []byte) bool {
		if h.SSRC != 10 || h.SequenceNumber != 103 {
			return false
		}
		if h.PayloadType != ptVP8 || !bytes.Equal(p, payload) {
			t.Fatalf("unwrapped pt %d payload %q", h.PayloadType, p)
		}
		return true
	})
}

// readRTP decrypts packets from a wired client's socket until match.
func readRTP(t *testing.T, c *net.UDPConn, k peerKeys, match func(*rtp.Header, []byte) bool) {
	t.Helper()
	buf := make([]byte, 1500)
	must(t, c.SetReadDeadline(time.Now().Add(10*time.Second)))
	for {
		n, _, err := c.ReadFromUDPAddrPort(buf)
		must(t, err)
		if isRTCP(buf[:n]) {
			continue
		}
		var h rtp.Header
		plain, err := k.recv.DecryptRTP(nil, buf[:n], &h)
		must(t, err)
		if match(&h, plain[h.MarshalSize():]) {
			return
		}
	}
}
