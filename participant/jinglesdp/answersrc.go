package jinglesdp

import (
	"fmt"
	"strings"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/pion/sdp/v3"
)

// sourcesOf reads the a=ssrc lines of an m-line (grouped by SSRC in order
// of appearance, with msid, name and videoType) and its a=ssrc-group lines.
func sourcesOf(md *sdp.MediaDescription) ([]jingle.Source, []jingle.SSRCGroup, error) {
	var order []uint32
	params := map[uint32]map[string]string{}
	for _, a := range md.Attributes {
		if a.Key != "ssrc" {
			continue
		}
		id, rest, _ := strings.Cut(a.Value, " ")
		ssrc, err := parseUint(id, 32)
		if err != nil {
			return nil, nil, err
		}
		s := uint32(ssrc)
		if _, ok := params[s]; !ok {
			params[s] = map[string]string{}
			order = append(order, s)
		}
		name, value, _ := strings.Cut(rest, ":")
		if _, dup := params[s][name]; !dup {
			params[s][name] = value
		}
	}
	srcs := make([]jingle.Source, len(order))
	for i, s := range order {
		p := params[s]
		srcs[i] = jingle.NewSource(s, p["name"], p["msid"], p["videoType"])
	}
	groups, err := groupsOf(md)
	return srcs, groups, err
}

func groupsOf(md *sdp.MediaDescription) ([]jingle.SSRCGroup, error) {
	var out []jingle.SSRCGroup
	for _, a := range md.Attributes {
		if a.Key != "ssrc-group" {
			continue
		}
		f := strings.Fields(a.Value)
		if len(f) < 2 {
			continue
		}
		ssrcs := make([]uint32, 0, len(f)-1)
		for _, v := range f[1:] {
			s, err := parseUint(v, 32)
			if err != nil {
				return nil, err
			}
			ssrcs = append(ssrcs, uint32(s))
		}
		out = append(out, jingle.NewGroup(f[0], ssrcs...))
	}
	return out, nil
}

// transportOf reads ice-ufrag/pwd, fingerprints with setup, candidates and
// the SCTP port, from the m-line or else from the session.
func transportOf(sd *sdp.SessionDescription, md *sdp.MediaDescription) (*jingle.ICEUDPTransport, error) {
	t := &jingle.ICEUDPTransport{}
	if v, ok := firstAttr(sd, md, "sctp-port"); ok {
		n, err := parseUint(v, 16)
		if err != nil {
			return nil, err
		}
		t.SCTPMap = &jingle.SCTPMap{Number: uint16(n), Protocol: "webrtc-datachannel"}
	}
	setup, _ := firstAttr(sd, md, "setup")
	for _, v := range attrs(sd, md, "fingerprint") {
		hash, value, ok := strings.Cut(v, " ")
		if !ok {
			return nil, fmt.Errorf("%w: fingerprint %q", ErrBadSDP, v)
		}
		t.Fingerprints = append(t.Fingerprints, jingle.Fingerprint{Hash: hash, Setup: setup, Value: strings.TrimSpace(value)})
	}
	t.Ufrag, _ = firstAttr(sd, md, "ice-ufrag")
	t.Pwd, _ = firstAttr(sd, md, "ice-pwd")
	for _, v := range attrs(sd, md, "candidate") {
		c, err := CandidateFromSDP(v)
		if err != nil {
			return nil, err
		}
		t.Candidates = append(t.Candidates, c)
	}
	return t, nil
}
