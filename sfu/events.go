package sfu

import "sync/atomic"

// Event is something the daemon relays to clients or logs. Concrete types:
// DominantSpeakerChanged, ForwardedSourcesChanged, TransportStateChanged.
type Event interface{ conference() string }

// DominantSpeakerChanged is pushed as DominantSpeakerEndpointChangeEvent.
type DominantSpeakerChanged struct {
	Conference string
	Endpoint   string
	Previous   []string
}

// ForwardedSourcesChanged is pushed to Endpoint as ForwardedSources.
type ForwardedSourcesChanged struct {
	Conference string
	Endpoint   string
	Sources    []string
}

// TransportState is the state of an endpoint's ICE/DTLS transport.
type TransportState int

// Transport states.
const (
	TransportNew TransportState = iota
	TransportConnecting
	TransportConnected
	TransportFailed
	TransportClosed
)

// String returns the state name.
func (s TransportState) String() string {
	return [...]string{"new", "connecting", "connected", "failed", "closed"}[s]
}

// TransportStateChanged reports ICE/DTLS progress of an endpoint. Err says
// why a transport failed.
type TransportStateChanged struct {
	Conference string
	Endpoint   string
	State      TransportState
	Err        error
}

func (e DominantSpeakerChanged) conference() string  { return e.Conference }
func (e ForwardedSourcesChanged) conference() string { return e.Conference }
func (e TransportStateChanged) conference() string   { return e.Conference }

// eventQueue is a bounded, never-blocking event channel.
type eventQueue struct {
	ch      chan Event
	dropped atomic.Uint64
}

func newEventQueue(n int) *eventQueue { return &eventQueue{ch: make(chan Event, n)} }

func (q *eventQueue) emit(e Event) {
	select {
	case q.ch <- e:
	default:
		q.dropped.Add(1)
	}
}
