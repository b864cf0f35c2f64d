package focus

import (
	"strconv"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// Header extension URIs jicofo can offer besides those package jingle names.
const (
	extVideoLayersAllocation = "http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00"
	extTOffset               = "urn:ietf:params:rtp-hdrext:toffset"
	extFrameMarking          = "http://tools.ietf.org/html/draft-ietf-avtext-framemarking-07"
	extRID                   = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"
	h264ProfileLevelID       = "42e01f;level-asymmetry-allowed=1;packetization-mode=1;"
)

// videoCodecOrder is the order jicofo offers primary video codecs in
// (CodecUtil.createVideoPayloadTypeExtensions): note H264 before VP9.
var videoCodecOrder = []struct{ key, name string }{
	{"av1", "AV1"}, {"vp8", "VP8"}, {"h264", "H264"}, {"vp9", "VP9"},
}

// rtxOrder is the order of the RTX payload types.
var rtxOrder = []string{"av1", "vp8", "vp9", "h264"}

// audioExtOrder and videoExtOrder list jicofo.codec.rtp-extensions keys in
// offer order with their URIs; TCC is added last, only when offered.
var (
	audioExtOrder = []struct{ key, uri string }{
		{"audio-level", jingle.ExtAudioLevel}, {"mid", jingle.ExtMID},
	}
	videoExtOrder = []struct{ key, uri string }{
		{"video-layers-allocation", extVideoLayersAllocation},
		{"av1-dependency-descriptor", jingle.ExtAV1Dependency},
		{"tof", extTOffset}, {"mid", jingle.ExtMID}, {"abs-send-time", jingle.ExtAbsSendTime},
		{"framemarking", extFrameMarking}, {"video-content-type", jingle.ExtVideoContent},
		{"rid", extRID},
	}
)

var (
	fbFIR  = jingle.RTCPFeedback{Type: "ccm", Subtype: "fir"}
	fbNACK = jingle.RTCPFeedback{Type: "nack"}
	fbPLI  = jingle.RTCPFeedback{Type: "nack", Subtype: "pli"}
	fbREMB = jingle.RTCPFeedback{Type: "goog-remb"}
	fbTCC  = jingle.RTCPFeedback{Type: "transport-cc"}
)

// AudioPayloadTypes returns the audio payload types jicofo offers for o:
// RED (before opus, so it is selected) when enabled and supported, opus with
// minptime, useinbandfec unless RED is enabled, transport-cc feedback with
// TCC, then telephone-event.
func AudioPayloadTypes(c config.Codec, o OfferOptions) []jingle.PayloadType {
	var out []jingle.PayloadType
	if c.Opus.Enabled {
		if c.Opus.RED.Enabled && o.OpusRED {
			opus := strconv.Itoa(c.Opus.PT)
			out = append(out, jingle.PayloadType{ID: uint8(c.Opus.RED.PT), Name: "red", Clockrate: 48000, Channels: 2,
				Parameters: []jingle.Parameter{{Value: opus + "/" + opus}}})
		}
		opus := jingle.PayloadType{ID: uint8(c.Opus.PT), Name: "opus", Clockrate: 48000, Channels: 2,
			Parameters: []jingle.Parameter{{Name: "minptime", Value: strconv.Itoa(c.Opus.MinPTime)}}}
		if c.Opus.UseInbandFEC && !c.Opus.RED.Enabled {
			opus.Parameters = append(opus.Parameters, jingle.Parameter{Name: "useinbandfec", Value: "1"})
		}
		if tccOn(c, o) {
			opus.RTCPFB = []jingle.RTCPFeedback{fbTCC}
		}
		out = append(out, opus)
	}
	if c.TelephoneEvent.Enabled {
		out = append(out, jingle.PayloadType{ID: uint8(c.TelephoneEvent.PT), Name: "telephone-event", Clockrate: 8000})
	}
	return out
}

// VideoPayloadTypes returns the video payload types jicofo offers for o: the
// enabled codecs with ccm fir, nack, nack pli, goog-remb (per codec, with
// REMB) and transport-cc (with TCC), then their RTX payload types with RTX.
func VideoPayloadTypes(c config.Codec, o OfferOptions) []jingle.PayloadType {
	var out []jingle.PayloadType
	for _, v := range videoCodecOrder {
		vc, ok := c.Video[v.key]
		if !ok || !vc.Enabled {
			continue
		}
		pt := jingle.PayloadType{ID: uint8(vc.PT), Name: v.name, Clockrate: 90000,
			RTCPFB: []jingle.RTCPFeedback{fbFIR, fbNACK, fbPLI}}
		if vc.EnableREMB && o.REMB {
			pt.RTCPFB = append(pt.RTCPFB, fbREMB)
		}
		if tccOn(c, o) {
			pt.RTCPFB = append(pt.RTCPFB, fbTCC)
		}
		if v.key == "h264" {
			pt.Parameters = []jingle.Parameter{{Name: "profile-level-id", Value: h264ProfileLevelID}}
		}
		out = append(out, pt)
	}
	if !o.RTX {
		return out
	}
	for _, key := range rtxOrder {
		vc, ok := c.Video[key]
		if !ok || !vc.Enabled || vc.RTXPT < 0 {
			continue
		}
		rtx := jingle.PayloadType{ID: uint8(vc.RTXPT), Name: "rtx", Clockrate: 90000,
			Parameters: []jingle.Parameter{{Name: "apt", Value: strconv.Itoa(vc.PT)}}}
		if key != "h264" {
			rtx.RTCPFB = []jingle.RTCPFeedback{fbFIR, fbNACK, fbPLI}
		}
		out = append(out, rtx)
	}
	return out
}

// AudioHdrExts returns the audio header extensions: audio-level, mid, and
// transport-cc with TCC.
func AudioHdrExts(c config.Codec, o OfferOptions) []jingle.HdrExt {
	return hdrExts(c, o, audioExtOrder)
}

// VideoHdrExts returns the video header extensions in jicofo's order, with
// transport-cc last when TCC is offered.
func VideoHdrExts(c config.Codec, o OfferOptions) []jingle.HdrExt {
	return hdrExts(c, o, videoExtOrder)
}

func hdrExts(c config.Codec, o OfferOptions, order []struct{ key, uri string }) []jingle.HdrExt {
	var out []jingle.HdrExt
	for _, e := range order {
		if x, ok := c.RTPExtensions[e.key]; ok && x.Enabled {
			out = append(out, jingle.HdrExt{ID: uint16(x.ID), URI: e.uri})
		}
	}
	if tccOn(c, o) {
		out = append(out, jingle.HdrExt{ID: uint16(c.RTPExtensions["tcc"].ID), URI: jingle.ExtTransportCC})
	}
	return out
}

func tccOn(c config.Codec, o OfferOptions) bool {
	return o.TCC && c.RTPExtensions["tcc"].Enabled
}
