package jingle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// compactSource is one source of the compact form. Unknown members are
// ignored, as lib-jitsi-meet ignores them.
type compactSource struct {
	S json.RawMessage `json:"s"`
	N string          `json:"n"`
	M string          `json:"m"`
	V json.RawMessage `json:"v"`
}

// DecodeJSONSources parses jicofo's compact sources JSON (see
// EncodeJSONSources) into a ConferenceSourceMap. Like lib-jitsi-meet it
// accepts fewer than four arrays per owner, null arrays, SSRCs as numbers or
// numeric strings, and any truthy "v" as desktop; arrays past the fourth are
// ignored. A document without "sources" gives ErrNoSources; anything else
// that does not fit gives ErrBadJSON or ErrInvalidSemantics.
func DecodeJSONSources(data []byte) (ConferenceSourceMap, error) {
	var top struct {
		Sources map[string]json.RawMessage `json:"sources"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadJSON, err)
	}
	if top.Sources == nil {
		return nil, ErrNoSources
	}
	m := make(ConferenceSourceMap, len(top.Sources))
	for owner, raw := range top.Sources {
		e, err := decodeEndpointJSON(owner, raw)
		if err != nil {
			return nil, err
		}
		m[owner] = e
	}
	return m, nil
}

func decodeEndpointJSON(owner string, raw json.RawMessage) (EndpointSources, error) {
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return EndpointSources{}, fmt.Errorf("%w: owner %q: %v", ErrBadJSON, owner, err)
	}
	e := EndpointSources{Owner: owner}
	var err error
	for i, p := range parts {
		switch i {
		case 0:
			e.Video, err = decodeSourcesJSON(p)
		case 1:
			e.VideoGroups, err = decodeGroupsJSON(p)
		case 2:
			e.Audio, err = decodeSourcesJSON(p)
		case 3:
			e.AudioGroups, err = decodeGroupsJSON(p)
		}
		if err != nil {
			return EndpointSources{}, fmt.Errorf("owner %q: %w", owner, err)
		}
	}
	return e, nil
}

func decodeSourcesJSON(raw json.RawMessage) ([]Source, error) {
	var list []compactSource
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%w: sources: %v", ErrBadJSON, err)
	}
	var out []Source
	for _, c := range list {
		ssrc, err := parseJSONSSRC(c.S)
		if err != nil {
			return nil, err
		}
		vt := ""
		if truthy(c.V) {
			vt = VideoTypeDesktop
		}
		out = append(out, NewSource(ssrc, c.N, c.M, vt))
	}
	return out, nil
}

func decodeGroupsJSON(raw json.RawMessage) ([]SSRCGroup, error) {
	var list [][]json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%w: groups: %v", ErrBadJSON, err)
	}
	var out []SSRCGroup
	for _, g := range list {
		if len(g) == 0 {
			return nil, fmt.Errorf("%w: empty group", ErrBadJSON)
		}
		var sem string
		if err := json.Unmarshal(g[0], &sem); err != nil {
			return nil, fmt.Errorf("%w: group semantics %s", ErrBadJSON, g[0])
		}
		var group SSRCGroup
		switch sem {
		case "s":
			group.Semantics = SemanticsSIM
		case "f":
			group.Semantics = SemanticsFID
		default:
			return nil, fmt.Errorf("%w: %q", ErrInvalidSemantics, sem)
		}
		for _, r := range g[1:] {
			ssrc, err := parseJSONSSRC(r)
			if err != nil {
				return nil, err
			}
			group.Sources = append(group.Sources, SourceRef{SSRC: ssrc})
		}
		out = append(out, group)
	}
	return out, nil
}

// parseJSONSSRC reads an SSRC given as a JSON number or numeric string.
func parseJSONSSRC(raw json.RawMessage) (uint32, error) {
	text := string(bytes.TrimSpace(raw))
	if len(text) >= 2 && text[0] == '"' {
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, fmt.Errorf("%w: ssrc %s", ErrBadJSON, raw)
		}
	}
	v, err := strconv.ParseUint(text, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%w: ssrc %q", ErrBadJSON, text)
	}
	return uint32(v), nil
}

// truthy mirrors JavaScript truthiness for a JSON value (absent is false).
func truthy(raw json.RawMessage) bool {
	switch string(bytes.TrimSpace(raw)) {
	case "", "null", "false", `""`, "0":
		return false
	}
	return true
}
