package focus

// Features is the set of disco#info features of an occupant that the focus
// acts on (jicofo's Features.kt), as a bit set.
type Features uint32

// The features the focus maps. Their URIs are in featureURIs.
const (
	FeatureAudio Features = 1 << iota
	FeatureVideo
	FeatureSCTP
	FeatureRTX
	FeatureREMB
	FeatureTCC
	FeatureSourceNames
	FeatureSSRCRewriting
	FeatureRTPMidDemux
	FeatureJSONSources
	FeatureOpusRED
	FeatureAudioMute
	FeatureJibri
	FeatureJigasi
	FeatureVisitors
	FeatureReceiveMultipleStreams
)

// DefaultFeatures are assumed when the disco#info query fails, as jicofo does.
const DefaultFeatures = FeatureAudio | FeatureVideo | FeatureSCTP

// WebClientFeatures is what the stock jitsi-meet web client advertises
// (jitsi-protocol.md §2), without ssrc-rewriting and rtp-mid-demux.
const WebClientFeatures = FeatureAudio | FeatureVideo | FeatureSCTP | FeatureRTX | FeatureREMB |
	FeatureTCC | FeatureSourceNames | FeatureJSONSources | FeatureVisitors | FeatureReceiveMultipleStreams

var featureURIs = map[string]Features{
	"urn:xmpp:jingle:apps:rtp:audio":                  FeatureAudio,
	"urn:xmpp:jingle:apps:rtp:video":                  FeatureVideo,
	"urn:xmpp:jingle:transports:dtls-sctp:1":          FeatureSCTP,
	"urn:ietf:rfc:4588":                               FeatureRTX,
	"http://jitsi.org/remb":                           FeatureREMB,
	"http://jitsi.org/tcc":                            FeatureTCC,
	"http://jitsi.org/source-name":                    FeatureSourceNames,
	"http://jitsi.org/ssrc-rewriting-1":               FeatureSSRCRewriting,
	"http://jitsi.org/rtp-mid-demux":                  FeatureRTPMidDemux,
	"http://jitsi.org/json-encoded-sources":           FeatureJSONSources,
	"http://jitsi.org/opus-red":                       FeatureOpusRED,
	"http://jitsi.org/protocol/audio-mute":            FeatureAudioMute,
	"http://jitsi.org/protocol/jibri":                 FeatureJibri,
	"http://jitsi.org/protocol/jigasi":                FeatureJigasi,
	"http://jitsi.org/visitors-1":                     FeatureVisitors,
	"http://jitsi.org/receive-multiple-video-streams": FeatureReceiveMultipleStreams,
}

// ParseFeatures maps disco#info feature vars to Features; unknown vars are
// ignored.
func ParseFeatures(vars []string) Features {
	var f Features
	for _, v := range vars {
		f |= featureURIs[v]
	}
	return f
}

// Has reports whether every feature of want is in f.
func (f Features) Has(want Features) bool { return f&want == want }

// OfferOptions say what an offer for one participant contains (jicofo's
// OfferOptions after applyConstraints).
type OfferOptions struct {
	Audio, Video, SCTP bool
	TCC, REMB, RTX     bool
	OpusRED            bool
}

// OfferOptionsFor derives the offer options from a participant's features:
// each option needs the matching feature, SCTP needs jicofo.sctp.enabled too,
// and REMB is offered only when TCC is not (ParticipantInviteRunnable).
func OfferOptionsFor(f Features, sctpEnabled bool) OfferOptions {
	o := OfferOptions{
		Audio:   f.Has(FeatureAudio),
		Video:   f.Has(FeatureVideo),
		SCTP:    sctpEnabled && f.Has(FeatureSCTP),
		TCC:     f.Has(FeatureTCC),
		RTX:     f.Has(FeatureRTX),
		OpusRED: f.Has(FeatureOpusRED),
	}
	o.REMB = !o.TCC && f.Has(FeatureREMB)
	return o
}
