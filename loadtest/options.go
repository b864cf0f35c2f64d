package loadtest

import (
	"io"
	"net"
	"time"
)

// Transport names how simulated participants reach the XMPP server.
const (
	TransportWebSocket = "websocket"
	TransportBOSH      = "bosh"
	TransportC2S       = "c2s"
)

// Options describe one run. Every loop a run starts is bounded by
// Conferences×PerConference joins and by JoinTimeout+Duration.
type Options struct {
	// Target is the WebSocket URL (ws://127.0.0.1:5280/xmpp-websocket),
	// the BOSH URL (http://127.0.0.1:5280/http-bind) or the c2s host:port.
	Target    string
	Transport string // TransportWebSocket, TransportBOSH or TransportC2S
	// Domain is the anonymous login domain; rooms are
	// <RoomPrefix><n>@conference.<Domain>, the focus focus.<Domain>
	// unless FocusJID is set.
	Domain, FocusJID, RoomPrefix string

	Conferences   int
	PerConference int
	// AudioSenders and VideoSenders per conference (the first ones of
	// each conference send; the others only receive).
	AudioSenders, VideoSenders int
	VideoBitrate               int // top layer, bit/s
	Simulcast                  bool

	// JoinRate is participants started per second over the whole run.
	JoinRate float64
	// JoinTimeout bounds one participant's join (conference IQ to first
	// remote media); Duration is how long media is measured after the
	// last participant started.
	JoinTimeout, Duration time.Duration

	// BridgeStats and FocusStats are the /colibri/stats and focus /stats
	// URLs sampled once a second (skipped when empty); Procs are local
	// server processes whose CPU and RSS are sampled.
	BridgeStats, FocusStats string
	Procs                   []Proc

	// Cuts inject network faults into chosen participants.
	Cuts []Cut

	// Progress receives the live progress line (nil for none).
	Progress io.Writer
	// AllowIP selects the local addresses ICE may use (loopback if nil).
	AllowIP func(net.IP) bool
}

// Cut cuts one participant's media network At after it joined: for For
// when For > 0 (packets dropped both ways, then restored), else for good
// (its UDP socket is closed).
type Cut struct {
	Conference, Participant int // indexes from 0
	At, For                 time.Duration
}
