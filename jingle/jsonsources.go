package jingle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// JSONMessage is <json-message xmlns="http://jitsi.org/jitmeet">: jicofo's
// compact JSON encoding of sources, used in session-initiate, source-add and
// source-remove instead of <source/> elements when the client advertises
// http://jitsi.org/json-encoded-sources.
type JSONMessage struct {
	JSON string `xml:",chardata"`
}

// NewJSONMessage encodes m as a json-message.
func NewJSONMessage(m ConferenceSourceMap) (*JSONMessage, error) {
	b, err := EncodeJSONSources(m)
	if err != nil {
		return nil, err
	}
	return &JSONMessage{JSON: string(b)}, nil
}

// Sources decodes the message's sources; ErrNoSources means the message is
// of another kind.
func (j *JSONMessage) Sources() (ConferenceSourceMap, error) {
	return DecodeJSONSources([]byte(j.JSON))
}

// EncodeJSONSources writes m in jicofo's compact form:
//
//	{"sources":{"<owner>":[videoSources,videoGroups,audioSources,audioGroups]}}
//
// A source is {"s":ssrc,"n":name,"m":msid,"v":"d"} with n and m only when
// set and v only for desktop; a group is ["s"|"f",ssrc,…]. As jicofo does, the
// first three arrays are always written and the audio groups only when there
// are some. Owners come in sorted order.
func EncodeJSONSources(m ConferenceSourceMap) ([]byte, error) {
	b := make([]byte, 0, 64+128*len(m))
	b = append(b, `{"sources":{`...)
	for i, owner := range m.Owners() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, owner)
		b = append(b, ':')
		var err error
		if b, err = appendEndpointJSON(b, m[owner]); err != nil {
			return nil, err
		}
	}
	return append(b, "}}"...), nil
}

func appendEndpointJSON(b []byte, e EndpointSources) ([]byte, error) {
	var err error
	b = appendSourcesJSON(append(b, '['), e.Video)
	if b, err = appendGroupsJSON(append(b, ','), e.VideoGroups); err != nil {
		return nil, err
	}
	b = appendSourcesJSON(append(b, ','), e.Audio)
	if len(e.AudioGroups) > 0 {
		if b, err = appendGroupsJSON(append(b, ','), e.AudioGroups); err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

func appendSourcesJSON(b []byte, srcs []Source) []byte {
	b = append(b, '[')
	for i, s := range srcs {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"s":%d`, s.SSRC)
		if s.Name != "" {
			b = appendJSONString(append(b, `,"n":`...), s.Name)
		}
		if msid := s.MSID(); msid != "" {
			b = appendJSONString(append(b, `,"m":`...), msid)
		}
		if strings.EqualFold(s.VideoType, VideoTypeDesktop) {
			b = append(b, `,"v":"d"`...)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

func appendGroupsJSON(b []byte, groups []SSRCGroup) ([]byte, error) {
	b = append(b, '[')
	for i, g := range groups {
		if i > 0 {
			b = append(b, ',')
		}
		switch canonicalSemantics(g.Semantics) {
		case SemanticsSIM:
			b = append(b, `["s"`...)
		case SemanticsFID:
			b = append(b, `["f"`...)
		default:
			return nil, fmt.Errorf("%w: %q", ErrInvalidSemantics, g.Semantics)
		}
		for _, r := range g.Sources {
			b = fmt.Appendf(b, ",%d", r.SSRC)
		}
		b = append(b, ']')
	}
	return append(b, ']'), nil
}

// appendJSONString appends s as a JSON string, quoting plain ASCII directly.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s) // a string always encodes
			return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
