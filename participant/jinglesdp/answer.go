package jinglesdp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/pion/sdp/v3"
)

// AnswerOptions tune ToJingle.
type AnswerOptions struct {
	// Creator of the contents; lib-jitsi-meet writes "responder" in a
	// session-accept.
	Creator jingle.Creator
	// InitialLastN, when set, goes into the video content as
	// <initial-last-n xmlns="jitsi:colibri2"/> (channelLastN).
	InitialLastN *int
}

// ToJingle converts a local SDP into the contents and groups of a
// session-accept as lib-jitsi-meet's SDP.toJingle does for a JVB session:
// one content per media type (the first m-line of that type gives the
// description and transport, later ones only add their sources), data as a
// content without description, and the BUNDLE group naming audio, video and
// data.
func ToJingle(text string, opt AnswerOptions) ([]jingle.Content, []jingle.Group, error) {
	var sd sdp.SessionDescription
	if err := sd.UnmarshalString(text); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrBadSDP, err)
	}
	var contents []jingle.Content
	for i, md := range sd.MediaDescriptions {
		name := md.MediaName.Media
		if name == jingle.MediaApplication {
			name = jingle.ContentData
		}
		srcs, groups, err := sourcesOf(md)
		if err != nil {
			return nil, nil, fmt.Errorf("m-line %d: %w", i, err)
		}
		if k := slices.IndexFunc(contents, func(c jingle.Content) bool { return c.Name == name }); k >= 0 {
			if d := contents[k].Description; d != nil {
				d.Sources = append(d.Sources, srcs...)
				d.SSRCGroups = append(d.SSRCGroups, groups...)
			}
			continue
		}
		c, err := contentOf(&sd, md, name, opt)
		if err != nil {
			return nil, nil, fmt.Errorf("m-line %d: %w", i, err)
		}
		if c.Description != nil {
			c.Description.Sources, c.Description.SSRCGroups = srcs, groups
		}
		contents = append(contents, c)
	}
	return contents, sessionGroups(&sd), nil
}

func sessionGroups(sd *sdp.SessionDescription) []jingle.Group {
	var out []jingle.Group
	for _, a := range sd.Attributes {
		if a.Key != "group" {
			continue
		}
		sem, _, _ := strings.Cut(a.Value, " ")
		g := jingle.Group{Semantics: sem}
		for _, n := range []string{jingle.ContentAudio, jingle.ContentVideo, jingle.ContentData} {
			g.Contents = append(g.Contents, jingle.GroupContent{Name: n})
		}
		out = append(out, g)
	}
	return out
}

func contentOf(sd *sdp.SessionDescription, md *sdp.MediaDescription, name string, opt AnswerOptions) (jingle.Content, error) {
	c := jingle.Content{Creator: opt.Creator, Name: name}
	if name == jingle.ContentVideo && opt.InitialLastN != nil {
		c.InitialLastN = &jingle.InitialLastN{Value: *opt.InitialLastN}
	}
	if name == jingle.MediaAudio || name == jingle.MediaVideo {
		d, err := descriptionOf(sd, md, name)
		if err != nil {
			return c, err
		}
		c.Description = d
	}
	t, err := transportOf(sd, md)
	if err != nil {
		return c, err
	}
	c.Transport = t
	c.Senders = sendersOf(md)
	if md.MediaName.Port.Value == 0 && !hasAttr(md, "bundle-only") {
		c.Senders = jingle.SendersRejected
	}
	return c, nil
}

func sendersOf(md *sdp.MediaDescription) jingle.Senders {
	switch {
	case hasAttr(md, "sendrecv"):
		return jingle.SendersBoth
	case hasAttr(md, "sendonly"):
		return jingle.SendersInitiator
	case hasAttr(md, "recvonly"):
		return jingle.SendersResponder
	case hasAttr(md, "inactive"):
		return jingle.SendersNone
	}
	return ""
}

func hasAttr(md *sdp.MediaDescription, key string) bool {
	_, ok := md.Attribute(key)
	return ok
}

// attrs returns the values of key in the media section, or else in the
// session (lib-jitsi-meet's findLines(media, key, session)).
func attrs(sd *sdp.SessionDescription, md *sdp.MediaDescription, key string) []string {
	var out []string
	for _, a := range md.Attributes {
		if a.Key == key {
			out = append(out, a.Value)
		}
	}
	if len(out) > 0 || sd == nil {
		return out
	}
	for _, a := range sd.Attributes {
		if a.Key == key {
			out = append(out, a.Value)
		}
	}
	return out
}

func firstAttr(sd *sdp.SessionDescription, md *sdp.MediaDescription, key string) (string, bool) {
	v := attrs(sd, md, key)
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

func parseUint(s string, bits int) (uint64, error) {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, bits)
	if err != nil {
		return 0, fmt.Errorf("%w: number %q", ErrBadSDP, s)
	}
	return v, nil
}
