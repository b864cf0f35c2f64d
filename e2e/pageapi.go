package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"
)

// State is the page's connection and conference state.
type State struct {
	Connection string `json:"connection"` // idle, connecting, established, failed, disconnected
	Conference string `json:"conference"` // idle, tracks, joining, joined, left, failed
	Error      string `json:"error"`
}

// Event is one lib-jitsi-meet event the page recorded.
type Event struct {
	At     int64  `json:"at"` // ms since the epoch, browser clock
	Source string `json:"source"`
	Name   string `json:"name"`
	Detail string `json:"detail"`
}

// Info is who the page is to the servers.
type Info struct {
	JID        string `json:"jid"`
	MachineUID string `json:"machineUid"` // the machine-uid of conference requests
	MyUserID   string `json:"myUserId"`   // endpoint ID once in the conference
}

// KindStats are getStats() inbound-rtp counters summed over one media kind.
type KindStats struct {
	Packets int64 `json:"packets"`
	Bytes   int64 `json:"bytes"`
	Streams int   `json:"streams"`
}

// InboundStats are the inbound-rtp counters per kind.
type InboundStats struct {
	Audio KindStats `json:"audio"`
	Video KindStats `json:"video"`
}

// EndpointMessage is a bridge-channel message the page received.
type EndpointMessage struct {
	From    string `json:"from"`
	Payload any    `json:"payload"`
}

// Connect connects the page's JitsiConnection over tr and waits until
// lib-jitsi-meet reports CONNECTION_ESTABLISHED; a failure is an error.
func (p *Page) Connect(ctx context.Context, tr Transport) error {
	opts := map[string]string{"serviceUrl": p.d.ServiceURL(tr), "domain": p.d.Domain,
		"muc": p.d.MUC(), "focus": p.d.Focus()}
	if err := p.Eval(ctx, "("+call("connect", opts)+", true)", nil); err != nil {
		return err
	}
	var st string
	if err := p.WaitFor(ctx, `e2e.state.connection !== "connecting" && e2e.state.connection`, &st); err != nil {
		return err
	}
	if st != "established" {
		s, _ := p.stateNow()
		return fmt.Errorf("e2e: connection over %s: %s (%s)", tr, st, s.Error)
	}
	return nil
}

// Join connects over tr, creates fake camera and microphone tracks, and asks
// lib-jitsi-meet to join room; the conference request to the focus goes out.
// It returns once the join is requested: WaitJoined waits for the MUC.
func (p *Page) Join(ctx context.Context, room string, tr Transport) error {
	if err := p.Connect(ctx, tr); err != nil {
		return err
	}
	var kinds []string
	if err := p.Eval(ctx, call("join", room, map[string]any{}), &kinds); err != nil {
		return err
	}
	if len(kinds) != 2 {
		return fmt.Errorf("e2e: local tracks %v, want audio and video", kinds)
	}
	return nil
}

// WaitJoined waits for CONFERENCE_JOINED (needs a focus that answers).
func (p *Page) WaitJoined(ctx context.Context) error {
	var st string
	err := p.WaitFor(ctx, `e2e.state.conference !== "joining" && e2e.state.conference`, &st)
	if err == nil && st != "joined" {
		err = fmt.Errorf("e2e: conference %s", st)
	}
	return err
}

// Leave leaves the conference (JitsiConference.leave), disposes of the
// local tracks and disconnects, as closing the meeting does.
func (p *Page) Leave(ctx context.Context) error {
	return p.Eval(ctx, "("+call("leave")+").then(() => true)", nil)
}

// State reads the page's state.
func (p *Page) State(ctx context.Context) (State, error) {
	var st State
	return st, p.Eval(ctx, "e2e.state", &st)
}

// Info reads the page's JID, machine-uid and endpoint ID.
func (p *Page) Info(ctx context.Context) (Info, error) {
	var in Info
	return in, p.Eval(ctx, call("info"), &in)
}

// Events returns the lib-jitsi-meet events recorded so far (the last 500).
func (p *Page) Events(ctx context.Context) ([]Event, error) {
	var evs []Event
	return evs, p.Eval(ctx, "e2e.events", &evs)
}

// InboundStats reads getStats() inbound-rtp packets and bytes per kind.
func (p *Page) InboundStats(ctx context.Context) (InboundStats, error) {
	var s InboundStats
	return s, p.Eval(ctx, call("inboundStats"), &s)
}

// SendEndpointMessage sends payload over the bridge channel to endpoint to
// ("" for everyone).
func (p *Page) SendEndpointMessage(ctx context.Context, to string, payload any) error {
	return p.Eval(ctx, "("+call("sendEndpointMessage", to, payload)+", true)", nil)
}

// EndpointMessages returns the bridge-channel messages received so far.
func (p *Page) EndpointMessages(ctx context.Context) ([]EndpointMessage, error) {
	var ms []EndpointMessage
	return ms, p.Eval(ctx, "e2e.endpointMessages", &ms)
}

// Traffic returns the WebSocket URLs and XHR/fetch URLs the page has opened,
// as the browser's network events reported them.
func (p *Page) Traffic() (websockets, requests []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.wsURLs...), append([]string(nil), p.xhrs...)
}

// Exceptions returns the uncaught JS exceptions the page has thrown.
func (p *Page) Exceptions() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.excs...)
}

// stateNow reads the state with a short deadline of its own, for reports.
func (p *Page) stateNow() (State, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return p.State(ctx)
}

// dumpState logs the page's state, events and diagnostics.
func (p *Page) dumpState() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := p.State(ctx)
	p.t.Logf("page state: %+v (err %v)", st, err)
	if evs, err := p.Events(ctx); err == nil {
		for _, e := range evs {
			p.t.Logf("page event: %s %s %s", e.Source, e.Name, e.Detail)
		}
	}
	var rep map[string]any
	if err := p.Eval(ctx, call("debugReport"), &rep); err == nil {
		for _, k := range []string{"iceState", "connectionState", "error"} {
			if v, ok := rep[k]; ok {
				p.t.Logf("page peer connection %s: %v", k, v)
			}
		}
		if st, ok := rep["stats"].([]any); ok {
			for _, s := range st {
				p.t.Logf("page stats: %v", s)
			}
		}
		if os.Getenv("E2E_SDP") != "" {
			p.t.Logf("page local SDP:\n%v\npage remote SDP:\n%v", rep["local"], rep["remote"])
		}
	}
	ws, xhr := p.Traffic()
	p.t.Logf("page traffic: websockets %v, requests %s", ws, strings.Join(xhr, " "))
	p.diag.dump(p.t, "page")
}
