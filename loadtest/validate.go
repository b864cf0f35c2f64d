package loadtest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// MaxParticipants bounds Conferences×PerConference: every participant is
// a PeerConnection with its goroutines and sockets in this process.
const MaxParticipants = 2000

// withDefaults fills the options that have an obvious default: the
// WebSocket transport and a fresh room prefix, so that two runs against
// one deployment never share a room.
func (o Options) withDefaults() Options {
	if o.Transport == "" {
		o.Transport = TransportWebSocket
	}
	if o.RoomPrefix == "" {
		var b [3]byte
		_, _ = rand.Read(b[:])
		o.RoomPrefix = "loadtest-" + hex.EncodeToString(b[:]) + "-"
	}
	return o
}

// Validate reports the first option that makes the run impossible, naming
// it, wrapped in ErrOptions.
func (o Options) Validate() error {
	if err := validateTarget(o.Transport, o.Target); err != nil {
		return err
	}
	if o.Domain == "" || strings.ContainsAny(o.Domain, "/@ :") {
		return fmt.Errorf("%w: domain %q is not a host name", ErrOptions, o.Domain)
	}
	if err := o.validateCounts(); err != nil {
		return err
	}
	if !(o.JoinRate > 0) || o.JoinRate > 1000 {
		return fmt.Errorf("%w: join rate %v per second: want more than 0 and at most 1000", ErrOptions, o.JoinRate)
	}
	if o.JoinTimeout <= 0 || o.Duration <= 0 {
		return fmt.Errorf("%w: join timeout %v and duration %v must be positive", ErrOptions, o.JoinTimeout, o.Duration)
	}
	for name, u := range map[string]string{"bridge stats": o.BridgeStats, "focus stats": o.FocusStats} {
		if u == "" {
			continue
		}
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("%w: %s URL %q: want http://host:port/path", ErrOptions, name, u)
		}
	}
	for _, p := range o.Procs {
		if p.Name == "" || p.PID <= 0 {
			return fmt.Errorf("%w: process %q PID %d: want a name and a positive PID", ErrOptions, p.Name, p.PID)
		}
	}
	return o.validateCuts()
}

// validateTarget checks that the target fits the transport.
func validateTarget(transport, target string) error {
	if target == "" {
		return fmt.Errorf("%w: no target", ErrOptions)
	}
	schemes := map[string][]string{TransportWebSocket: {"ws", "wss"}, TransportBOSH: {"http", "https"}}
	switch transport {
	case TransportWebSocket, TransportBOSH:
		u, err := url.Parse(target)
		if err != nil || u.Host == "" || (u.Scheme != schemes[transport][0] && u.Scheme != schemes[transport][1]) {
			return fmt.Errorf("%w: %s target %q: want a %s:// URL", ErrOptions, transport, target, schemes[transport][0])
		}
	case TransportC2S:
		if _, _, err := net.SplitHostPort(target); err != nil {
			return fmt.Errorf("%w: c2s target %q: want host:port: %v", ErrOptions, target, err)
		}
	default:
		return fmt.Errorf("%w: transport %q: want %s, %s or %s", ErrOptions, transport, TransportWebSocket, TransportBOSH, TransportC2S)
	}
	return nil
}

func (o Options) validateCounts() error {
	if o.Conferences < 1 || o.PerConference < 1 {
		return fmt.Errorf("%w: %d conferences of %d participants: want at least 1 of each", ErrOptions, o.Conferences, o.PerConference)
	}
	if o.Conferences*o.PerConference > MaxParticipants || o.Conferences > MaxParticipants || o.PerConference > MaxParticipants {
		return fmt.Errorf("%w: %d×%d participants: at most %d in one run", ErrOptions, o.Conferences, o.PerConference, MaxParticipants)
	}
	if o.AudioSenders < 0 || o.AudioSenders > o.PerConference || o.VideoSenders < 0 || o.VideoSenders > o.PerConference {
		return fmt.Errorf("%w: %d audio and %d video senders per conference of %d", ErrOptions, o.AudioSenders, o.VideoSenders, o.PerConference)
	}
	if o.VideoBitrate < 0 || o.VideoBitrate > 50_000_000 {
		return fmt.Errorf("%w: video bitrate %d bit/s: want 0 (default 1 Mbit/s) to 50 Mbit/s", ErrOptions, o.VideoBitrate)
	}
	return nil
}

func (o Options) validateCuts() error {
	for _, c := range o.Cuts {
		if c.Conference < 0 || c.Conference >= o.Conferences || c.Participant < 0 || c.Participant >= o.PerConference {
			return fmt.Errorf("%w: cut %d/%d: no such participant in %d×%d", ErrOptions, c.Conference, c.Participant, o.Conferences, o.PerConference)
		}
		if c.At < 0 || c.For < 0 {
			return fmt.Errorf("%w: cut %d/%d at %v for %v: negative time", ErrOptions, c.Conference, c.Participant, c.At, c.For)
		}
	}
	return nil
}
