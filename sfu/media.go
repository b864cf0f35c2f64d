package sfu

import "strings"

// mediaConfig is what was negotiated with an endpoint, indexed for the hot path.
type mediaConfig struct {
	audioLevelID uint8
	tccID        uint8
	midID        uint8 // blanked on every forwarded packet (see ExtMID)
	codec        [128]codecKind
	rtxFor       [128]uint8 // media PT -> RTX PT (0 = none)
	aptOf        [128]uint8 // RTX PT -> media PT
	visitor      bool
}

type codecKind uint8

const (
	codecUnknown codecKind = iota
	codecOpus
	codecVP8
	codecVP9
	codecH264
	codecAV1
	codecRTX
)

func codecKindOf(name string) codecKind {
	switch strings.ToLower(name) {
	case "opus":
		return codecOpus
	case "vp8":
		return codecVP8
	case "vp9":
		return codecVP9
	case "h264":
		return codecH264
	case "av1":
		return codecAV1
	case "rtx":
		return codecRTX
	}
	return codecUnknown
}

func (ep *Endpoint) applyOptions(o EndpointOptions) {
	mc := &mediaConfig{audioLevelID: o.HeaderExtensions[ExtAudioLevel], tccID: o.HeaderExtensions[ExtTCC],
		midID: o.HeaderExtensions[ExtMID], visitor: o.Visitor}
	for _, c := range o.Codecs {
		if c.PayloadType >= 128 {
			continue
		}
		mc.codec[c.PayloadType] = codecKindOf(c.Name)
		if c.RTXPayloadType != 0 && c.RTXPayloadType < 128 {
			mc.rtxFor[c.PayloadType] = c.RTXPayloadType
			mc.codec[c.RTXPayloadType] = codecRTX
			mc.aptOf[c.RTXPayloadType] = c.PayloadType
		}
	}
	ep.opts = o
	ep.media.Store(mc)
	ep.muteA.Store(o.ForceMuteAudio)
	ep.muteV.Store(o.ForceMuteVideo)
}
