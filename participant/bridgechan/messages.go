package bridgechan

import "encoding/json"

// Message classes (the "colibriClass" member).
const (
	ClassServerHello              = "ServerHello"
	ClassReceiverVideoConstraints = "ReceiverVideoConstraints"
	ClassEndpointMessage          = "EndpointMessage"
	ClassForwardedSources         = "ForwardedSources"
	ClassDominantSpeaker          = "DominantSpeakerEndpointChangeEvent"
	ClassSourceVideoType          = "SourceVideoTypeMessage"
)

// Message is one received bridge-channel message: its class and the raw JSON.
type Message struct {
	Class string
	Raw   json.RawMessage
}

// VideoConstraints is a maxHeight (and optional frame rate) constraint.
type VideoConstraints struct {
	MaxHeight    int      `json:"maxHeight"`
	MaxFrameRate *float64 `json:"maxFrameRate,omitempty"`
}

// ReceiverVideoConstraints is what a receiver asks the bridge to forward;
// every field is optional and merged by the bridge into its current state.
type ReceiverVideoConstraints struct {
	LastN              *int                        `json:"lastN,omitempty"`
	SelectedSources    []string                    `json:"selectedSources,omitempty"`
	OnStageSources     []string                    `json:"onStageSources,omitempty"`
	DefaultConstraints *VideoConstraints           `json:"defaultConstraints,omitempty"`
	Constraints        map[string]VideoConstraints `json:"constraints,omitempty"`
}

// EndpointMessage is a message to another endpoint ("" = everyone); the
// bridge adds From.
type EndpointMessage struct {
	To      string          `json:"to"`
	From    string          `json:"from,omitempty"`
	Payload json.RawMessage `json:"msgPayload"`
}

// ForwardedSources lists the sources the bridge forwards to this receiver.
type ForwardedSources struct {
	Sources []string `json:"forwardedSources"`
}

// DominantSpeaker is a DominantSpeakerEndpointChangeEvent.
type DominantSpeaker struct {
	Endpoint         string   `json:"dominantSpeakerEndpoint"`
	PreviousSpeakers []string `json:"previousSpeakers,omitempty"`
	Silence          bool     `json:"silence,omitempty"`
}

// SourceVideoType announces a source's video type.
type SourceVideoType struct {
	SourceName string `json:"sourceName"`
	VideoType  string `json:"videoType"`
}

// encode writes v with its colibriClass.
func encode(class string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	m["colibriClass"], _ = json.Marshal(class)
	return json.Marshal(m)
}
