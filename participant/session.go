package participant

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"github.com/jitsi-go/jitsi-go/participant/bridgechan"
	"github.com/jitsi-go/jitsi-go/participant/jinglesdp"
	"github.com/jitsi-go/jitsi-go/participant/media"
	"github.com/pion/ice/v2"
	"github.com/pion/webrtc/v3"
)

// Config describes one participant's media behaviour.
type Config struct {
	// Endpoint is the MUC nick: source names are Endpoint-a0 and Endpoint-v0.
	Endpoint string
	// SenderID goes into every payload trailer.
	SenderID uint32
	// Audio and Video choose what the participant sends.
	Audio, Video bool
	// Simulcast sends three VP8 layers (SIM group) instead of one.
	Simulcast bool
	// SignalRTX adds an RTX SSRC per video SSRC with FID groups to the
	// session-accept, as Chrome does. Retransmissions are pion's NACK
	// responder's, on the primary SSRC.
	SignalRTX bool
	// VideoBitrate (bit/s, top layer) and FPS; defaults 1 Mbit/s and 30.
	VideoBitrate, FPS int
	// InitialLastN, when set, goes into the session-accept's video content.
	InitialLastN *int
	// NoSCTP answers an offered data m-line without opening lib-jitsi-meet's
	// bridge data channel (the bridge channel then uses the websocket).
	NoSCTP bool
	// AllowIP selects the local addresses ICE may use (loopback if nil).
	AllowIP func(net.IP) bool
	// Now is the clock for timings and receive statistics (time.Now if nil).
	Now func() time.Time
	// OwnSocket makes ICE use one UDP socket the session owns (on the first
	// IPv4 address AllowIP accepts) instead of gathering its own, so that
	// CutNetwork can drop its traffic or close it.
	OwnSocket bool
}

// Session is the JVB Jingle session of one participant: the remote
// description, the PeerConnection, the senders and the receiver.
type Session struct {
	cfg  Config
	rx   *media.Receiver
	life context.Context // ends with Close; stops the senders
	stop context.CancelFunc

	mu        sync.Mutex
	sid       string
	initiator string
	bridgeID  string
	offer     *jinglesdp.Offer
	pc        *webrtc.PeerConnection
	local     *localMedia
	dc        *webrtc.DataChannel
	sock      *cutConn   // with OwnSocket
	mux       ice.UDPMux // over sock
	timings   Timings
	closed    bool
}

// NewSession returns a session waiting for session-initiate.
func NewSession(cfg Config) *Session {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.VideoBitrate == 0 {
		cfg.VideoBitrate = 1_000_000
	}
	if cfg.FPS == 0 {
		cfg.FPS = 30
	}
	life, stop := context.WithCancel(context.Background())
	return &Session{cfg: cfg, rx: media.NewReceiver(cfg.Now), life: life, stop: stop}
}

// Receiver returns the statistics of everything received.
func (s *Session) Receiver() *media.Receiver { return s.rx }

// SID returns the Jingle session ID, "" before session-initiate.
func (s *Session) SID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sid
}

// Accept handles a session-initiate: it builds the remote description,
// creates the PeerConnection with the local tracks, answers, and returns the
// session-accept payload (initiator and responder left for the caller). A
// second initiate is ErrState.
func (s *Session) Accept(ctx context.Context, init *jingle.Jingle) (*jingle.Jingle, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	if s.pc != nil {
		return nil, fmt.Errorf("%w: second session-initiate %s", ErrState, init.SID)
	}
	s.timings.SessionInitiate = s.cfg.Now()
	offer, err := jinglesdp.FromJingle(init)
	if err != nil {
		return nil, err
	}
	if err := s.startPC(offer); err != nil {
		return nil, err
	}
	s.sid, s.offer, s.initiator = init.SID, offer, init.Initiator
	if init.BridgeSession != nil {
		s.bridgeID = init.BridgeSession.ID
	}
	contents, groups, err := s.answer(ctx)
	if err != nil {
		return nil, err
	}
	return &jingle.Jingle{Action: jingle.ActionSessionAccept, SID: init.SID, Initiator: init.Initiator,
		Contents: contents, Groups: groups}, nil
}

// startPC creates the PeerConnection, sets the offer and adds the local
// tracks onto the first audio and video m-lines.
func (s *Session) startPC(offer *jinglesdp.Offer) error {
	if s.cfg.OwnSocket {
		sock, mux, err := ownSocket(s.cfg.AllowIP, s.cfg.Now)
		if err != nil {
			return err
		}
		s.sock, s.mux = sock, mux
	}
	api, err := newMuxAPI(s.cfg.AllowIP, s.mux)
	if err != nil {
		return err
	}
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNegotiation, err)
	}
	s.pc = pc
	s.watch(pc)
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer.SDP()}); err != nil {
		return fmt.Errorf("%w: remote offer: %v", ErrNegotiation, err)
	}
	local, err := addLocalMedia(pc, s.cfg)
	if err != nil {
		return err
	}
	s.local = local
	if offer.HasData() && !s.cfg.NoSCTP {
		proto := bridgechan.DataChannelProtocol
		if s.dc, err = pc.CreateDataChannel(bridgechan.DataChannelLabel, &webrtc.DataChannelInit{Protocol: &proto}); err != nil {
			return fmt.Errorf("%w: data channel: %v", ErrNegotiation, err)
		}
	}
	return nil
}

// DataChannel returns the bridge data channel, nil when the offer had no
// data content or NoSCTP is set.
func (s *Session) DataChannel() *webrtc.DataChannel {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dc
}

// answer creates and sets the local answer, waits for candidate gathering
// (lib-jitsi-meet does not trickle to the bridge) and converts it.
func (s *Session) answer(ctx context.Context) ([]jingle.Content, []jingle.Group, error) {
	ans, err := s.pc.CreateAnswer(nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: create answer: %v", ErrNegotiation, err)
	}
	gathered := webrtc.GatheringCompletePromise(s.pc)
	if err := s.pc.SetLocalDescription(ans); err != nil {
		return nil, nil, fmt.Errorf("%w: set answer: %v", ErrNegotiation, err)
	}
	select {
	case <-gathered:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	sdp, err := jinglesdp.Annotate(s.pc.LocalDescription().SDP, s.local.sources(s.cfg))
	if err != nil {
		return nil, nil, err
	}
	return jinglesdp.ToJingle(sdp, jinglesdp.AnswerOptions{Creator: jingle.CreatorResponder, InitialLastN: s.cfg.InitialLastN})
}

// renegotiate gives the PeerConnection the updated offer and answers it;
// nothing is sent back on a JVB session.
func (s *Session) renegotiate() error {
	if err := s.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: s.offer.SDP()}); err != nil {
		return fmt.Errorf("%w: re-offer: %v", ErrNegotiation, err)
	}
	ans, err := s.pc.CreateAnswer(nil)
	if err != nil {
		return fmt.Errorf("%w: re-answer: %v", ErrNegotiation, err)
	}
	if err := s.pc.SetLocalDescription(ans); err != nil {
		return fmt.Errorf("%w: set re-answer: %v", ErrNegotiation, err)
	}
	return nil
}

// terminatePayload is the session-terminate lib-jitsi-meet sends: reason
// success with a text, and bridge-session with the session's ID and the
// restart flag.
func (s *Session) terminatePayload(text string, restart bool) *jingle.Jingle {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &jingle.Jingle{Action: jingle.ActionSessionTerminate, SID: s.sid, Initiator: s.initiator,
		Reason:        &jingle.Reason{Condition: jingle.ReasonSuccess, Text: text},
		BridgeSession: &jingle.BridgeSession{ID: s.bridgeID, Restart: jingle.Bool(restart)}}
}

// Close stops the senders and the PeerConnection.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.stop()
	var err error
	if s.pc != nil {
		err = s.pc.Close()
	}
	if s.mux != nil {
		_ = s.mux.Close() // closes the own socket too
	}
	return err
}
