package sfu

import (
	"fmt"
	"testing"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v3"
)

// addLayers adds n simulcast layers (separate tracks; the bridge sees one
// SIM group) before the offer is built.
func (c *testClient) addLayers(t *testing.T, n int) {
	t.Helper()
	for i := range n {
		tr, err := webrtc.NewTrackLocalStaticRTP(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000}, fmt.Sprintf("%s-l%d", c.id, i+1), c.id)
		must(t, err)
		snd, err := c.pc.AddTrack(tr)
		must(t, err)
		go c.readRTCP(snd)
		c.layers = append(c.layers, tr)
		c.layerSSRC = append(c.layerSSRC, uint32(snd.GetParameters().Encodings[0].SSRC))
		c.layerSeq = append(c.layerSeq, 1000*uint16(i+1))
	}
}

// sendLayer writes a VP8 packet on simulcast layer l (0 = primary track).
func (c *testClient) sendLayer(t *testing.T, l int, key bool, tag string) {
	t.Helper()
	vp8 := []byte{0x10, 0x01}
	if key {
		vp8[1] = 0x00
	}
	if l == 0 {
		c.sendVideo(t, string(vp8)+tag)
		return
	}
	c.layerSeq[l-1]++
	seq := c.layerSeq[l-1]
	p := &rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: seq, Timestamp: uint32(seq) * 7, Marker: true}, Payload: append(vp8, tag...)}
	must(t, c.layers[l-1].WriteRTP(p))
}

// sendAudio writes one audio packet with an audio-level extension.
func (c *testClient) sendAudio(t *testing.T, payload string, level uint8) {
	t.Helper()
	c.seqA++
	p := &rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: c.seqA, Timestamp: uint32(c.seqA) * 960}, Payload: []byte(payload)}
	must(t, p.Header.SetExtension(extAL, []byte{level}))
	must(t, c.audio.WriteRTP(p))
}

// sendVideo writes one video packet (a VP8 keyframe descriptor + payload).
func (c *testClient) sendVideo(t *testing.T, payload string) {
	t.Helper()
	c.seqV++
	p := &rtp.Packet{Header: rtp.Header{Version: 2, SequenceNumber: c.seqV, Timestamp: uint32(c.seqV) * 3000, Marker: true}, Payload: []byte(payload)}
	c.tccSeq++
	must(t, p.Header.SetExtension(extTCC, []byte{byte(c.tccSeq >> 8), byte(c.tccSeq)}))
	must(t, c.video.WriteRTP(p))
}
