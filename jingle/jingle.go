package jingle

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

// Jingle is the <jingle xmlns="urn:xmpp:jingle:1"/> payload of a Jingle IQ,
// with the session-level extensions jicofo and lib-jitsi-meet exchange.
// Children this package does not model land in Extra and are written back
// unchanged, so a relayed or re-encoded payload loses nothing.
type Jingle struct {
	XMLName   xml.Name  `xml:"urn:xmpp:jingle:1 jingle"`
	Action    Action    `xml:"action,attr"`
	Initiator string    `xml:"initiator,attr,omitempty"`
	Responder string    `xml:"responder,attr,omitempty"`
	SID       string    `xml:"sid,attr"`
	Contents  []Content `xml:"urn:xmpp:jingle:1 content"`
	Reason    *Reason   `xml:"urn:xmpp:jingle:1 reason"`
	// Groups holds <group xmlns="urn:xmpp:jingle:apps:grouping:0"/>
	// (in practice the single BUNDLE group).
	Groups        []Group        `xml:"urn:xmpp:jingle:apps:grouping:0 group"`
	StartMuted    *StartMuted    `xml:"http://jitsi.org/jitmeet/start-muted startmuted"`
	BridgeSession *BridgeSession `xml:"http://jitsi.org/protocol/focus bridge-session"`
	ICEState      *ICEState      `xml:"http://jitsi.org/protocol/focus ice-state"`
	JSONMessage   *JSONMessage   `xml:"http://jitsi.org/jitmeet json-message"`
	Extra         []xmlx.Raw     `xml:",any"`
}

// Decode parses one <jingle/> element. It checks well-formedness and the
// element's name only; call Validate for the protocol rules.
func Decode(data []byte) (*Jingle, error) {
	var j Jingle
	if err := xml.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return &j, nil
}

// Encode writes j as XML.
func (j *Jingle) Encode() ([]byte, error) {
	var buf bytes.Buffer
	if err := xml.NewEncoder(&buf).Encode(j); err != nil {
		return nil, fmt.Errorf("jingle: encode %s: %w", j.Action, err)
	}
	return buf.Bytes(), nil
}

// Validate checks what every Jingle request must carry: a known action, a
// session ID, and contents with present, unique names.
func (j *Jingle) Validate() error {
	if j.Action == "" {
		return ErrMissingAction
	}
	if !j.Action.Known() {
		return fmt.Errorf("%w: %q", ErrUnknownAction, string(j.Action))
	}
	if j.SID == "" {
		return fmt.Errorf("%w (action %s)", ErrMissingSID, j.Action)
	}
	seen := make(map[string]bool, len(j.Contents))
	for i, c := range j.Contents {
		if c.Name == "" {
			return fmt.Errorf("%w: content %d of %s", ErrMissingContentName, i, j.Action)
		}
		if seen[c.Name] {
			return fmt.Errorf("%w: %q in %s", ErrDuplicateContent, c.Name, j.Action)
		}
		seen[c.Name] = true
	}
	return nil
}

// Content returns the content with the given name, or nil.
func (j *Jingle) Content(name string) *Content {
	for i := range j.Contents {
		if j.Contents[i].Name == name {
			return &j.Contents[i]
		}
	}
	return nil
}

// Transport returns the first ICE-UDP transport of any content, or nil. With
// BUNDLE every content carries the same transport, so the first one is the
// session's transport.
func (j *Jingle) Transport() *ICEUDPTransport {
	for i := range j.Contents {
		if t := j.Contents[i].Transport; t != nil {
			return t
		}
	}
	return nil
}

// Sources returns the sources the payload signals, whichever form it uses:
// the json-message if it carries sources, otherwise the <source/> and <ssrc-group/>
// elements of the contents grouped by their <ssrc-info owner/>.
func (j *Jingle) Sources() (ConferenceSourceMap, error) {
	if j.JSONMessage != nil {
		m, err := j.JSONMessage.Sources()
		if !errors.Is(err, ErrNoSources) {
			return m, err
		}
	}
	return ConferenceSourcesFromContents(j.Contents)
}

// Action is the action attribute of a <jingle/> element (XEP-0166 §7.2 plus
// Jitsi's source-add and source-remove).
type Action string

// Actions defined by XEP-0166, XEP-0167 and Jitsi.
const (
	ActionContentAccept    Action = "content-accept"
	ActionContentAdd       Action = "content-add"
	ActionContentModify    Action = "content-modify"
	ActionContentReject    Action = "content-reject"
	ActionContentRemove    Action = "content-remove"
	ActionDescriptionInfo  Action = "description-info"
	ActionSecurityInfo     Action = "security-info"
	ActionSessionAccept    Action = "session-accept"
	ActionSessionInfo      Action = "session-info"
	ActionSessionInitiate  Action = "session-initiate"
	ActionSessionTerminate Action = "session-terminate"
	ActionTransportAccept  Action = "transport-accept"
	ActionTransportInfo    Action = "transport-info"
	ActionTransportReject  Action = "transport-reject"
	ActionTransportReplace Action = "transport-replace"

	// ActionSourceAdd and ActionSourceRemove are Jitsi's source signalling.
	ActionSourceAdd    Action = "source-add"
	ActionSourceRemove Action = "source-remove"
	// ActionAddSource and ActionRemoveSource are the legacy spellings that
	// jicofo still accepts as synonyms.
	ActionAddSource    Action = "addsource"
	ActionRemoveSource Action = "removesource"
)

var knownActions = map[Action]bool{
	ActionContentAccept: true, ActionContentAdd: true, ActionContentModify: true,
	ActionContentReject: true, ActionContentRemove: true, ActionDescriptionInfo: true,
	ActionSecurityInfo: true, ActionSessionAccept: true, ActionSessionInfo: true,
	ActionSessionInitiate: true, ActionSessionTerminate: true, ActionTransportAccept: true,
	ActionTransportInfo: true, ActionTransportReject: true, ActionTransportReplace: true,
	ActionSourceAdd: true, ActionSourceRemove: true, ActionAddSource: true, ActionRemoveSource: true,
}

// Known reports whether a is one of the actions above.
func (a Action) Known() bool { return knownActions[a] }

// Canonical maps the legacy spellings addsource/removesource to source-add and
// source-remove and returns every other action unchanged.
func (a Action) Canonical() Action {
	switch a {
	case ActionAddSource:
		return ActionSourceAdd
	case ActionRemoveSource:
		return ActionSourceRemove
	}
	return a
}
