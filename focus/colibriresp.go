package focus

import (
	"errors"
	"fmt"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

// Msids jicofo gives the bridge's feedback sources.
const (
	feedbackAudioMSID = "mixedmslabel mixedlabelaudio0"
	feedbackVideoMSID = "mixedmslabel mixedlabelvideo0"
)

// Allocation is a participant's endpoint on a bridge: what session-initiate
// needs from the conference-modified reply.
type Allocation struct {
	BridgeJID string
	// SessionID is the bridge session's ID, sent as <bridge-session id>.
	SessionID string
	Region    string
	Transport *jingle.ICEUDPTransport
	// SCTPPort is the bridge's SCTP port, 0 when no data channel.
	SCTPPort int
	// Feedback holds the bridge's feedback sources (owner "jvb").
	Feedback jingle.EndpointSources
}

// ParseEndpointReply reads the endpoint's transport from a conference-modified
// reply and, when SCTP was requested, its SCTP port (which must be present).
func ParseEndpointReply(resp *colibri.ConferenceModified, endpointID string, wantSCTP bool) (*jingle.ICEUDPTransport, int, error) {
	if resp == nil {
		return nil, 0, fmt.Errorf("%w: empty reply for endpoint %s", ErrNoTransport, endpointID)
	}
	ep := resp.Endpoint(endpointID)
	if ep == nil || ep.Transport == nil || ep.Transport.ICEUDP == nil {
		return nil, 0, fmt.Errorf("%w: endpoint %s", ErrNoTransport, endpointID)
	}
	port := 0
	if wantSCTP {
		if ep.Transport.SCTP == nil || ep.Transport.SCTP.Port == 0 {
			return nil, 0, fmt.Errorf("%w: endpoint %s", ErrNoSCTPPort, endpointID)
		}
		port = ep.Transport.SCTP.Port
	}
	return ep.Transport.ICEUDP, port, nil
}

// FeedbackSources reads the bridge's conference-level sources (jvb-a0,
// jvb-v0) as sources owned by "jvb" with jicofo's mixedmslabel msids.
func FeedbackSources(s *colibri.Sources) jingle.EndpointSources {
	out := jingle.EndpointSources{Owner: jingle.OwnerJVB}
	if s == nil {
		return out
	}
	for _, ms := range s.MediaSources {
		for _, src := range ms.Sources {
			name := src.Name
			if name == "" {
				name = ms.ID
			}
			switch ms.Type {
			case colibri.MediaAudio:
				out.Audio = append(out.Audio, jingle.NewSource(src.SSRC, name, feedbackAudioMSID, ""))
			case colibri.MediaVideo:
				out.Video = append(out.Video, jingle.NewSource(src.SSRC, name, feedbackVideoMSID, ""))
			}
		}
	}
	return out
}

// Failure says what a failed Colibri2 request means for the bridge and the
// participants on it (jicofo's ColibriV2SessionManager.handleResponse).
type Failure int

// Failure kinds.
const (
	// FailNoRetry: we probably sent something wrong (bad-request), or the
	// error did not come from the bridge; nothing is re-invited.
	FailNoRetry Failure = iota + 1
	// FailSession: the bridge lost our conference (conference_not_found) or
	// disagrees about it; drop the session and re-invite its participants.
	FailSession
	// FailGraceful: the bridge refuses in graceful shutdown; mark it so and
	// re-invite elsewhere.
	FailGraceful
	// FailBridge: any other error or a timeout; mark the bridge
	// non-operational and re-invite elsewhere.
	FailBridge
)

func (f Failure) String() string {
	switch f {
	case FailNoRetry:
		return "no-retry"
	case FailSession:
		return "session"
	case FailGraceful:
		return "graceful-shutdown"
	case FailBridge:
		return "bridge-failed"
	}
	return "unknown"
}

// ClassifyError maps the error of a Colibri2 request to a Failure. An error
// that is not a *colibri.Error (a timeout, a lost connection) is FailBridge.
func ClassifyError(err error) Failure {
	ce, ok := colibriError(err)
	if !ok {
		return FailBridge
	}
	switch ce.Stanza.Condition {
	case stanza.BadRequest:
		return FailNoRetry
	case stanza.ItemNotFound:
		if ce.Reason == colibri.ReasonConferenceNotFound {
			return FailSession
		}
		return FailNoRetry
	case stanza.Conflict:
		return FailSession
	case stanza.ServiceUnavailable:
		if ce.Reason == colibri.ReasonGracefulShutdown {
			return FailGraceful
		}
	}
	return FailBridge
}

// colibriError extracts a Colibri2 error reply, whether the BridgeClient
// returned it as a pointer or as a value.
func colibriError(err error) (colibri.Error, bool) {
	var p *colibri.Error
	if errors.As(err, &p) && p != nil {
		return *p, true
	}
	var v colibri.Error
	if errors.As(err, &v) {
		return v, true
	}
	return colibri.Error{}, false
}
