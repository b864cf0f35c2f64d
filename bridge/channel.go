package bridge

import (
	"encoding/json"
	"fmt"
)

// Bridge channel message classes (jvb message/BridgeChannelMessage.kt,
// lib-jitsi-meet BridgeChannel).
const (
	ClassClientHello              = "ClientHello"
	ClassServerHello              = "ServerHello"
	ClassEndpointMessage          = "EndpointMessage"
	ClassEndpointStats            = "EndpointStats"
	ClassReceiverVideoConstraints = "ReceiverVideoConstraints"
	ClassLastNChanged             = "LastNChangedEvent"
	ClassSourceVideoType          = "SourceVideoTypeMessage"
	ClassVideoType                = "VideoTypeMessage"
	ClassDominantSpeaker          = "DominantSpeakerEndpointChangeEvent"
	ClassForwardedSources         = "ForwardedSources"
	ClassLastNEndpoints           = "LastNEndpointsChangeEvent"
)

// MaxMessageSize bounds one bridge channel message (jvb's Jetty default
// text message size is 64 KiB).
const MaxMessageSize = 64 << 10

// Message is one decoded bridge channel message: its colibriClass and
// every field, kept verbatim so relayed messages lose nothing.
type Message struct {
	Class  string
	Fields map[string]json.RawMessage
	raw    []byte
}

// DecodeMessage parses a bridge channel message: a JSON object with a
// string colibriClass.
func DecodeMessage(data []byte) (*Message, error) {
	if len(data) > MaxMessageSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrBadMessage, len(data), MaxMessageSize)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadMessage, err)
	}
	if fields == nil {
		return nil, fmt.Errorf("%w: not a JSON object", ErrBadMessage)
	}
	var class string
	if err := json.Unmarshal(fields["colibriClass"], &class); err != nil || class == "" {
		return nil, fmt.Errorf("%w: no colibriClass string", ErrBadMessage)
	}
	return &Message{Class: class, Fields: fields, raw: data}, nil
}

// Decode unmarshals the whole message into v (a typed message struct).
func (m *Message) Decode(v any) error {
	if err := json.Unmarshal(m.raw, v); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadMessage, m.Class, err)
	}
	return nil
}

// String returns a field's string value, or "".
func (m *Message) String(name string) string {
	var s string
	_ = json.Unmarshal(m.Fields[name], &s)
	return s
}

// WithFrom returns the message encoded with "from" set to id, overwriting
// any value the sender put there (jvb does this against spoofing).
func (m *Message) WithFrom(id string) ([]byte, error) {
	f := make(map[string]json.RawMessage, len(m.Fields)+1)
	for k, v := range m.Fields {
		f[k] = v
	}
	from, _ := json.Marshal(id)
	f["from"] = from
	return json.Marshal(f)
}

// VideoConstraints is {maxHeight, maxFrameRate}.
type VideoConstraints struct {
	MaxHeight    *int     `json:"maxHeight,omitempty"`
	MaxFrameRate *float64 `json:"maxFrameRate,omitempty"`
}

// ReceiverVideoConstraints is the client's video request. Absent fields
// leave the current value unchanged.
type ReceiverVideoConstraints struct {
	LastN               *int                         `json:"lastN,omitempty"`
	SelectedSources     *[]string                    `json:"selectedSources,omitempty"`
	OnStageSources      *[]string                    `json:"onStageSources,omitempty"`
	SelectedEndpoints   *[]string                    `json:"selectedEndpoints,omitempty"`
	OnStageEndpoints    *[]string                    `json:"onStageEndpoints,omitempty"`
	DefaultConstraints  *VideoConstraints            `json:"defaultConstraints,omitempty"`
	Constraints         *map[string]VideoConstraints `json:"constraints,omitempty"`
	AssumedBandwidthBps *int64                       `json:"assumedBandwidthBps,omitempty"`
}

// LastNChanged is LastNChangedEvent.
type LastNChanged struct {
	LastN int `json:"lastN"`
}

// SourceVideoType is SourceVideoTypeMessage.
type SourceVideoType struct {
	SourceName string `json:"sourceName"`
	VideoType  string `json:"videoType"`
	EndpointID string `json:"endpointId,omitempty"`
}

// ServerHello is the bridge's greeting.
type ServerHello struct {
	Class   string `json:"colibriClass"`
	Version string `json:"version,omitempty"`
}

// DominantSpeakerChange is DominantSpeakerEndpointChangeEvent.
type DominantSpeakerChange struct {
	Class            string   `json:"colibriClass"`
	Endpoint         string   `json:"dominantSpeakerEndpoint"`
	PreviousSpeakers []string `json:"previousSpeakers"`
	Silence          bool     `json:"silence"`
}

// ForwardedSources lists the video sources the bridge forwards to the
// receiver.
type ForwardedSources struct {
	Class   string   `json:"colibriClass"`
	Sources []string `json:"forwardedSources"`
}

// LastNEndpointsChange is the legacy endpoint list older clients read.
type LastNEndpointsChange struct {
	Class     string   `json:"colibriClass"`
	Endpoints []string `json:"lastNEndpoints"`
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil { // only plain structs of strings and slices are passed
		return nil
	}
	return b
}
