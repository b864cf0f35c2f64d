package focus

import (
	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// EndpointParams describe a participant's Colibri2 endpoint at creation
// (jicofo's ParticipantAllocationParameters).
type EndpointParams struct {
	ID      string // endpoint ID: the MUC nick
	StatsID string
	Options OfferOptions // which media and whether SCTP is requested
	// Sources are the participant's current sources (usually none yet).
	Sources        jingle.EndpointSources
	SSRCRewriting  bool
	ForceMuteAudio bool
	ForceMuteVideo bool
	Visitor        bool
}

// Media returns the Colibri2 <media> of an endpoint: the same payload types
// and header extensions as the offer (jicofo converts the offer's contents).
func (f *OfferFactory) Media(o OfferOptions) []colibri.Media {
	d := f.descriptions(o)
	var out []colibri.Media
	for _, m := range []struct {
		on bool
		d  *jingle.Description
	}{{o.Audio, d.audio}, {o.Video, d.video}} {
		if m.on {
			out = append(out, colibri.Media{Type: m.d.Media, PayloadTypes: m.d.PayloadTypes,
				HdrExts: m.d.HdrExts, ExtmapAllowMixed: m.d.ExtmapAllowMixed})
		}
	}
	return out
}

// CreateEndpoint returns the <endpoint create="true"> that allocates a
// participant: media, an ice-controlling transport (with <sctp/> only when
// the data channel is offered), its sources, the mandatory source-names
// capability, stats-id and force-mute.
func (f *OfferFactory) CreateEndpoint(p EndpointParams) colibri.Endpoint {
	ep := colibri.Endpoint{ID: p.ID, Create: true, StatsID: p.StatsID, Media: f.Media(p.Options),
		Transport: &colibri.Transport{ICEControlling: true}, Sources: SourcesToColibri(p.Sources)}
	if p.Options.SCTP {
		ep.Transport.SCTP = &colibri.SCTP{}
	}
	if p.Visitor {
		ep.MUCRole = colibri.RoleVisitor
	}
	ep.AddCapability(colibri.CapSourceNames)
	if p.SSRCRewriting {
		ep.AddCapability(colibri.CapSSRCRewriting)
	}
	if p.ForceMuteAudio || p.ForceMuteVideo {
		ep.ForceMute = &colibri.ForceMute{Audio: p.ForceMuteAudio, Video: p.ForceMuteVideo}
	}
	return ep
}

// UpdateEndpoint returns an endpoint update without create: the client's
// transport (nil: unchanged), its complete sources (nil: unchanged; empty
// clears them) and the initial last-n the client asked for.
func UpdateEndpoint(id, statsID string, t *jingle.ICEUDPTransport, src *jingle.EndpointSources,
	lastN *jingle.InitialLastN) colibri.Endpoint {
	ep := colibri.Endpoint{ID: id, StatsID: statsID}
	if t != nil {
		ep.Transport = &colibri.Transport{ICEUDP: t}
	}
	if src != nil {
		ep.Sources = SourcesToColibri(*src)
		if ep.Sources == nil {
			ep.Sources = &colibri.Sources{}
		}
	}
	if lastN != nil {
		ep.InitialLastN = &colibri.InitialLastN{Value: lastN.Value}
	}
	return ep
}

// ExpireEndpoint returns <endpoint id expire="true"/>.
func ExpireEndpoint(id string) colibri.Endpoint { return colibri.Endpoint{ID: id, Expire: true} }

// ForceMuteEndpoint returns <endpoint id><force-mute audio video/></endpoint>.
func ForceMuteEndpoint(id string, audio, video bool) colibri.Endpoint {
	return colibri.Endpoint{ID: id, ForceMute: &colibri.ForceMute{Audio: audio, Video: video}}
}

// ModifyRequest wraps endpoints in a conference-modify for the meeting;
// create is set on the first request to a bridge.
func ModifyRequest(meetingID, room string, create bool, eps ...colibri.Endpoint) *colibri.ConferenceModify {
	req := &colibri.ConferenceModify{MeetingID: meetingID, Create: create, Endpoints: eps}
	if create {
		req.Name = room
	}
	return req
}

// ExpireConference returns <conference-modify meeting-id expire="true"/>.
func ExpireConference(meetingID string) *colibri.ConferenceModify {
	return &colibri.ConferenceModify{MeetingID: meetingID, Expire: true}
}

// SourcesToColibri groups an endpoint's sources per source name into
// <media-source> elements, each with its SSRCs and the groups whose first
// member it holds. It returns nil for no sources.
func SourcesToColibri(e jingle.EndpointSources) *colibri.Sources {
	if e.IsEmpty() {
		return nil
	}
	out := &colibri.Sources{}
	add := func(media string, srcs []jingle.Source, groups []jingle.SSRCGroup) {
		index := map[string]int{}
		byName := map[uint32]int{}
		names := sourceNames(e.Owner, media, srcs, groups)
		for _, s := range srcs {
			name := names[s.SSRC]
			k, ok := index[name]
			if !ok {
				k = len(out.MediaSources)
				index[name] = k
				out.MediaSources = append(out.MediaSources, colibri.MediaSource{Type: media, ID: name})
			}
			src := jingle.NewSource(s.SSRC, name, s.MSID(), s.VideoType)
			out.MediaSources[k].Sources = append(out.MediaSources[k].Sources, src)
			byName[s.SSRC] = k
		}
		for _, g := range groups {
			if len(g.Sources) == 0 {
				continue
			}
			if k, ok := byName[g.Sources[0].SSRC]; ok {
				out.MediaSources[k].SSRCGroups = append(out.MediaSources[k].SSRCGroups, g)
			}
		}
	}
	add(colibri.MediaAudio, e.Audio, e.AudioGroups)
	add(colibri.MediaVideo, e.Video, e.VideoGroups)
	return out
}
