package jinglesdp

import (
	"fmt"
	"strings"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/pion/sdp/v3"
)

// descriptionOf reads payload types (in m-line order, those with an rtpmap),
// their fmtp parameters and rtcp-fb, rtcp-mux, wildcard rtcp-fb, header
// extensions and extmap-allow-mixed.
func descriptionOf(sd *sdp.SessionDescription, md *sdp.MediaDescription, media string) (*jingle.Description, error) {
	d := &jingle.Description{Media: media}
	for _, f := range md.MediaName.Formats {
		pt, ok, err := payloadTypeOf(md, f)
		if err != nil {
			return nil, err
		}
		if ok {
			d.PayloadTypes = append(d.PayloadTypes, pt)
		}
	}
	if hasAttr(md, "rtcp-mux") {
		d.RTCPMux = &jingle.Empty{}
	}
	d.RTCPFB = feedbackOf(md, "*")
	for _, v := range attrs(sd, md, "extmap") {
		h, err := hdrExtOf(v)
		if err != nil {
			return nil, err
		}
		d.HdrExts = append(d.HdrExts, h)
	}
	if _, ok := firstAttr(sd, md, "extmap-allow-mixed"); ok {
		d.ExtmapAllowMixed = &jingle.Empty{}
	}
	return d, nil
}

func payloadTypeOf(md *sdp.MediaDescription, format string) (jingle.PayloadType, bool, error) {
	var pt jingle.PayloadType
	rtpmap, ok := attrWithPrefix(md, "rtpmap", format+" ")
	if !ok {
		return pt, false, nil
	}
	id, err := parseUint(format, 8)
	if err != nil {
		return pt, false, err
	}
	pt.ID = uint8(id)
	parts := strings.Split(rtpmap, "/")
	if len(parts) < 2 {
		return pt, false, fmt.Errorf("%w: rtpmap %q", ErrBadSDP, rtpmap)
	}
	pt.Name = parts[0]
	rate, err := parseUint(parts[1], 32)
	if err != nil {
		return pt, false, err
	}
	pt.Clockrate, pt.Channels = uint32(rate), 1
	if len(parts) > 2 {
		ch, err := parseUint(parts[2], 8)
		if err != nil {
			return pt, false, err
		}
		pt.Channels = uint8(ch)
	}
	if fmtp, ok := attrWithPrefix(md, "fmtp", format+" "); ok {
		pt.Parameters = ParseFmtp(fmtp)
	}
	pt.RTCPFB = feedbackOf(md, format)
	return pt, true, nil
}

// attrWithPrefix returns the rest of the first key attribute whose value
// starts with prefix.
func attrWithPrefix(md *sdp.MediaDescription, key, prefix string) (string, bool) {
	for _, a := range md.Attributes {
		if a.Key == key && strings.HasPrefix(a.Value, prefix) {
			return strings.TrimSpace(a.Value[len(prefix):]), true
		}
	}
	return "", false
}

// ParseFmtp splits an fmtp parameter string ("a=1;b=2", or a bare value such
// as RED's "111/111") into Jingle parameters.
func ParseFmtp(s string) []jingle.Parameter {
	var out []jingle.Parameter
	for _, kv := range strings.Split(s, ";") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			name, value = "", kv
		}
		out = append(out, jingle.Parameter{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	return out
}

func feedbackOf(md *sdp.MediaDescription, pt string) []jingle.RTCPFeedback {
	var out []jingle.RTCPFeedback
	for _, a := range md.Attributes {
		if a.Key != "rtcp-fb" {
			continue
		}
		f := strings.Fields(a.Value)
		if len(f) < 2 || f[0] != pt || f[1] == "trr-int" {
			continue
		}
		fb := jingle.RTCPFeedback{Type: f[1]}
		if len(f) > 2 {
			fb.Subtype = f[2]
		}
		out = append(out, fb)
	}
	return out
}

// hdrExtOf parses "id[/direction] uri"; the direction becomes senders.
func hdrExtOf(v string) (jingle.HdrExt, error) {
	f := strings.Fields(v)
	if len(f) < 2 {
		return jingle.HdrExt{}, fmt.Errorf("%w: extmap %q", ErrBadSDP, v)
	}
	idStr, dir, _ := strings.Cut(f[0], "/")
	id, err := parseUint(idStr, 16)
	if err != nil {
		return jingle.HdrExt{}, err
	}
	h := jingle.HdrExt{ID: uint16(id), URI: f[1]}
	switch dir {
	case "sendonly":
		h.Senders = string(jingle.SendersResponder)
	case "recvonly":
		h.Senders = string(jingle.SendersInitiator)
	case "sendrecv":
		h.Senders = string(jingle.SendersBoth)
	case "inactive":
		h.Senders = string(jingle.SendersNone)
	}
	return h, nil
}
