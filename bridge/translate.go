package bridge

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/sfu"
)

// endpointOptions turns the Colibri2 media, force-mute and initial-last-n
// of a create into SFU endpoint options.
func endpointOptions(e *colibri.Endpoint, visitor bool) sfu.EndpointOptions {
	o := sfu.EndpointOptions{HeaderExtensions: map[string]uint8{}, LastN: -1, Visitor: visitor}
	for _, m := range e.Media {
		rtx := map[uint8]uint8{} // apt -> rtx pt
		for _, pt := range m.PayloadTypes {
			if strings.EqualFold(pt.Name, "rtx") {
				if apt, ok := pt.Param("apt"); ok {
					if n, err := strconv.ParseUint(apt, 10, 8); err == nil {
						rtx[uint8(n)] = pt.ID
					}
				}
			}
		}
		for _, pt := range m.PayloadTypes {
			if strings.EqualFold(pt.Name, "rtx") {
				continue
			}
			o.Codecs = append(o.Codecs, sfu.Codec{PayloadType: pt.ID, Name: pt.Name, ClockRate: pt.Clockrate, RTXPayloadType: rtx[pt.ID]})
		}
		for _, h := range m.HdrExts {
			if h.ID > 0 && h.ID < 256 {
				o.HeaderExtensions[h.URI] = uint8(h.ID)
			}
		}
	}
	if f := e.ForceMute; f != nil {
		o.ForceMuteAudio, o.ForceMuteVideo = f.Audio, f.Video
	}
	if e.InitialLastN != nil {
		o.LastN = e.InitialLastN.Value
	}
	return o
}

// sourcesFromColibri converts an endpoint's <sources>; an empty element
// gives no sources (which clears them). Media types other than audio and
// video are skipped.
func sourcesFromColibri(s *colibri.Sources) ([]sfu.Source, error) {
	out := make([]sfu.Source, 0, len(s.MediaSources))
	for _, ms := range s.MediaSources {
		var kind sfu.MediaKind
		switch ms.Type {
		case colibri.MediaAudio:
			kind = sfu.Audio
		case colibri.MediaVideo:
			kind = sfu.Video
		default:
			continue
		}
		src := sfu.Source{Name: ms.ID, Kind: kind, SSRCs: ms.SSRCs()}
		if len(src.SSRCs) == 0 {
			return nil, fmt.Errorf("media-source %q has no SSRC", ms.ID)
		}
		for _, x := range ms.Sources {
			if x.VideoType != "" && src.VideoType == "" {
				src.VideoType = x.VideoType
			}
		}
		for _, g := range ms.SSRCGroups {
			sem := strings.ToUpper(g.Semantics)
			if sem != sfu.GroupSIM && sem != sfu.GroupFID {
				continue
			}
			src.Groups = append(src.Groups, sfu.SSRCGroup{Semantics: sem, SSRCs: g.SSRCs()})
		}
		out = append(out, src)
	}
	return out, nil
}

// remoteFromColibri converts the client's ICE-UDP transport. Candidates
// that are not IP literals (mDNS names) are skipped: the bridge learns the
// client's address as a peer-reflexive candidate.
func remoteFromColibri(t *jingle.ICEUDPTransport) (sfu.RemoteTransport, error) {
	r := sfu.RemoteTransport{Ufrag: t.Ufrag, Pwd: t.Pwd}
	if r.Pwd == "" {
		return r, fmt.Errorf("transport without pwd")
	}
	for _, f := range t.Fingerprints {
		r.Fingerprints = append(r.Fingerprints, sfu.Fingerprint{Hash: strings.ToLower(f.Hash), Value: strings.TrimSpace(f.Value), Setup: f.Setup})
	}
	if len(r.Fingerprints) == 0 {
		return r, fmt.Errorf("transport without fingerprint")
	}
	for _, c := range t.Candidates {
		if !strings.EqualFold(c.Protocol, "udp") || c.Port <= 0 || c.Port > 65535 {
			continue
		}
		ip, err := netip.ParseAddr(c.IP)
		if err != nil {
			continue
		}
		r.Candidates = append(r.Candidates, sfu.Candidate{
			Foundation: c.Foundation, Component: c.Component, Priority: c.Priority,
			Addr: netip.AddrPortFrom(ip.Unmap(), uint16(c.Port)), Type: sfu.CandidateType(c.Type), Generation: c.Generation,
		})
	}
	return r, nil
}

// transportAnswer is the bridge side of an endpoint's transport: ICE
// credentials, the DTLS fingerprint (actpass), the candidates, rtcp-mux
// and the colibri web socket URLs.
func (b *Bridge) transportAnswer(c *conference, ep *endpoint) *colibri.Transport {
	l := ep.sep.Local()
	ice := &jingle.ICEUDPTransport{
		Ufrag: l.Ufrag, Pwd: l.Pwd, RTCPMux: &jingle.Empty{},
		Fingerprints: []jingle.Fingerprint{{Hash: l.Fingerprint.Hash, Setup: "actpass", Value: l.Fingerprint.Value}},
	}
	for i, cd := range l.Candidates {
		jc := jingle.Candidate{
			Component: 1, Foundation: cd.Foundation, Generation: cd.Generation,
			ID: l.Ufrag + strconv.Itoa(i), IP: cd.Addr.Addr().String(), Port: int(cd.Addr.Port()),
			Priority: cd.Priority, Protocol: "udp", Type: string(cd.Type),
		}
		if cd.RelAddr.IsValid() {
			jc.RelAddr, jc.RelPort = cd.RelAddr.Addr().String(), int(cd.RelAddr.Port())
		}
		ice.Candidates = append(ice.Candidates, jc)
	}
	for _, u := range b.webSocketURLs(c.id, ep.id, ep.pwd) {
		ice.WebSockets = append(ice.WebSockets, jingle.WebSocket{URL: u})
	}
	return &colibri.Transport{ICEUDP: ice}
}

// webSocketURLs are the endpoint's bridge channel URLs, one per
// websockets.domains entry; none when web sockets are disabled.
func (b *Bridge) webSocketURLs(confID, epID, pwd string) []string {
	if !b.cfg.WebSockets {
		return nil
	}
	scheme := "ws"
	if b.cfg.TLS {
		scheme = "wss"
	}
	out := make([]string, 0, len(b.cfg.Domains))
	for _, d := range b.cfg.Domains {
		out = append(out, fmt.Sprintf("%s://%s/%s/%s/%s/%s?pwd=%s", scheme, d, wsPathRoot, b.cfg.ServerID, confID, epID, pwd))
	}
	return out
}
