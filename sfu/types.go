package sfu

import "net/netip"

// Fingerprint is a DTLS certificate fingerprint as carried in SDP/Jingle.
type Fingerprint struct {
	Hash  string // "sha-256"
	Value string // upper-case hex pairs separated by colons
	Setup string // "actpass", "active" or "passive"
}

// CandidateType is an ICE candidate type.
type CandidateType string

// ICE candidate types.
const (
	CandidateHost  CandidateType = "host"
	CandidateSrflx CandidateType = "srflx"
	CandidatePrflx CandidateType = "prflx"
	CandidateRelay CandidateType = "relay"
)

// Candidate is an ICE candidate (UDP only, component 1: rtcp-mux and BUNDLE
// are always used).
type Candidate struct {
	Foundation string
	Component  int
	Priority   uint32
	Addr       netip.AddrPort
	Type       CandidateType
	RelAddr    netip.AddrPort // srflx only
	Generation int
}

// LocalTransport is the bridge side of an endpoint's transport: what goes
// into the Colibri2 answer.
type LocalTransport struct {
	Ufrag       string
	Pwd         string
	Fingerprint Fingerprint // sha-256, setup actpass
	Candidates  []Candidate
	// ChannelPassword is the bridge-channel (colibri web socket) password.
	ChannelPassword string
}

// RemoteTransport is the client side of an endpoint's transport, from the
// focus (Jingle session-accept / transport-info relayed in Colibri2).
type RemoteTransport struct {
	Ufrag        string
	Pwd          string
	Fingerprints []Fingerprint
	Candidates   []Candidate // optional: peer-reflexive remotes are learned
}

// MediaKind is audio or video.
type MediaKind uint8

// Media kinds.
const (
	Audio MediaKind = iota + 1
	Video
)

// String returns "audio" or "video".
func (k MediaKind) String() string {
	switch k {
	case Audio:
		return "audio"
	case Video:
		return "video"
	}
	return "unknown"
}

// SSRC group semantics.
const (
	GroupSIM = "SIM"
	GroupFID = "FID"
)

// SSRCGroup is an ssrc-group (SIM: simulcast layers lowest first; FID:
// primary then its RTX SSRC).
type SSRCGroup struct {
	Semantics string
	SSRCs     []uint32
}

// Source is one media source of an endpoint (a Colibri2 media-source).
type Source struct {
	Name      string // e.g. "abcd1234-v0"
	Kind      MediaKind
	SSRCs     []uint32
	Groups    []SSRCGroup
	VideoType string // camera, desktop, ...
}

// Codec is a negotiated RTP payload type.
type Codec struct {
	PayloadType uint8
	Name        string // opus, VP8, VP9, H264, AV1, ...
	ClockRate   uint32
	// RTXPayloadType is the rtx payload type whose apt is this codec, 0 if none.
	RTXPayloadType uint8
}

// Header extension URIs the bridge reads.
const (
	ExtAudioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"
	ExtTCC        = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
)

// EndpointOptions describe what was negotiated for an endpoint.
type EndpointOptions struct {
	// Codecs negotiated with the endpoint; RTX is only sent to receivers
	// whose codec lists an RTX payload type.
	Codecs []Codec
	// HeaderExtensions maps extension URI to its id (e.g. ExtAudioLevel: 1).
	HeaderExtensions map[string]uint8
	// ForceMuteAudio/ForceMuteVideo are the initial force-mute flags.
	ForceMuteAudio, ForceMuteVideo bool
	// LastN is the initial last-N (-1 or 0 = unlimited).
	LastN int
	// Visitor endpoints (muc-role=visitor) send nothing that is forwarded;
	// only their keyframe requests reach senders.
	Visitor bool
}

// ReceiverConstraints are a receiver's ReceiverVideoConstraints, already
// merged by the caller.
type ReceiverConstraints struct {
	// LastN limits how many video sources are forwarded; -1 = unlimited.
	LastN int
	// SelectedSources and OnStageSources are forwarded first.
	SelectedSources []string
	OnStageSources  []string
	// DefaultMaxHeight applies to sources without an entry in MaxHeight;
	// -1 means "not given" (the SFU's default applies).
	DefaultMaxHeight int
	// MaxHeight is the per-source max height.
	MaxHeight map[string]int
}
