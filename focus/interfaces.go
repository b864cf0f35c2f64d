package focus

import (
	"context"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// Signaller sends IQs to conference occupants; the XMPP glue implements it.
// Each call must return once ctx is done. Calls for one occupant are made
// one at a time, in order; calls for different occupants run concurrently.
type Signaller interface {
	// SendJingle sends <iq type="set"> carrying j to the occupant JID
	// (room@conference/nick) and waits for the reply: nil for a result,
	// the reply's error (a jingle.Error) for an error, or ctx's error when no
	// reply came in time.
	SendJingle(ctx context.Context, to string, j *jingle.Jingle) error
	// SendMute sends the forwarded mute IQ (with actor) to the occupant JID.
	SendMute(ctx context.Context, to string, m *colibri.Mute) error
}

// BridgeClient sends Colibri2 requests to bridges; the XMPP glue implements it.
// Calls may be concurrent: for one conference on one bridge, the request that
// creates the conference is answered before any other is made, and the
// requests for one endpoint are made one at a time, in order; requests for
// different endpoints may be in flight together.
type BridgeClient interface {
	// ConferenceModify sends <iq type="set"> carrying req to the bridge's
	// brewery occupant JID and returns the conference-modified payload of the
	// result. An error reply comes back as a *colibri.Error; no reply within
	// ctx gives ctx's error.
	ConferenceModify(ctx context.Context, bridge string, req *colibri.ConferenceModify) (*colibri.ConferenceModified, error)
}

// RoomPresence lets the conference change the focus's own presence in the
// room: <bridgeNotAvailable/> and the conference-properties. Implementations
// must not block (queue the presence update and return).
type RoomPresence interface {
	SetBridgeNotAvailable(notAvailable bool)
	SetConferenceProperty(key, value string)
}

// Occupant is a conference MUC occupant as the XMPP glue reports it from
// presence and disco#info.
type Occupant struct {
	// Nick is the occupant's MUC nickname: the endpoint ID.
	Nick string
	// JID is the occupant JID (room@conference.domain/nick), where Jingle
	// and mute IQs are sent.
	JID string
	// Role is the MUC role (colibri.RoleModerator, RoleParticipant, RoleVisitor).
	Role     string
	StatsID  string
	Region   string
	Features Features
	// AudioMuted and VideoMuted come from the SourceInfo presence element
	// (missing information means muted); they count senders.
	AudioMuted, VideoMuted bool
}

// IsModerator reports whether the occupant has moderator rights.
func (o Occupant) IsModerator() bool { return o.Role == colibri.RoleModerator }

// IsVisitor reports whether the occupant is a visitor.
func (o Occupant) IsVisitor() bool { return o.Role == colibri.RoleVisitor }

// suppressForceMute reports jicofo's shouldSuppressForceMute: jibri, jigasi
// without audio-mute support, and visitors are never force-muted.
func (o Occupant) suppressForceMute() bool {
	return o.Features.Has(FeatureJibri) || o.IsVisitor() ||
		(o.Features.Has(FeatureJigasi) && !o.Features.Has(FeatureAudioMute))
}
