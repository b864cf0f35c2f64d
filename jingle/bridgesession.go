package jingle

// BridgeSession is <bridge-session xmlns="http://jitsi.org/protocol/focus"/>.
// Jicofo puts it in session-initiate with the colibri2 session's ID and the
// bridge's region. The client echoes the ID in session-terminate (restart
// asks for a new session on a new allocation) and in session-info (ice-restart
// asks for an in-place ICE restart; legacy clients send ice-state instead).
type BridgeSession struct {
	ID     string `xml:"id,attr,omitempty"`
	Region string `xml:"region,attr,omitempty"`
	// Restart and ICERestart are pointers so that an explicit "false" (which
	// lib-jitsi-meet always writes for restart) survives a round trip.
	Restart    *bool `xml:"restart,attr,omitempty"`
	ICERestart *bool `xml:"ice-restart,attr,omitempty"`
}

// IsRestart reports whether the client asks for a session restart.
func (b *BridgeSession) IsRestart() bool { return b != nil && b.Restart != nil && *b.Restart }

// IsICERestart reports whether the client asks for an in-place ICE restart.
func (b *BridgeSession) IsICERestart() bool {
	return b != nil && b.ICERestart != nil && *b.ICERestart
}

// Bool returns a pointer to v, for the optional boolean attributes.
func Bool(v bool) *bool { return &v }

// ICE states a client reports in session-info.
const ICEStateFailed = "failed"

// ICEState is <ice-state xmlns="http://jitsi.org/protocol/focus">failed</ice-state>,
// the legacy session-info a client sends when ICE fails on the JVB session.
type ICEState struct {
	State string `xml:",chardata"`
}

// StartMuted is <startmuted xmlns="http://jitsi.org/jitmeet/start-muted"
// audio video/>, sent by jicofo in session-initiate when the participant must
// join muted. Both attributes are always written, as jicofo does.
type StartMuted struct {
	Audio bool `xml:"audio,attr"`
	Video bool `xml:"video,attr"`
}
