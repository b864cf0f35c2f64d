package sfu

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/dtls/v2"
	"github.com/pion/rtp"
)

// Endpoint is one participant's transport and media state in a conference.
type Endpoint struct {
	id    string
	conf  *Conference
	sfu   *SFU
	local LocalTransport
	ctx   context.Context
	stop  context.CancelFunc

	mu          sync.Mutex // control state below
	ice         iceAgent
	remote      RemoteTransport
	dtlsStarted bool
	dtlsConn    *dtls.Conn
	opts        EndpointOptions
	constraints ReceiverConstraints
	hasConstr   bool
	forwarded   []string // last announced forwarded sources (Conference.mu)

	dtlsPipe *dtlsPipe
	selected atomic.Pointer[netip.AddrPort]
	tr       atomic.Pointer[srtpTransport]
	sources  atomic.Pointer[sourceTable]
	downs    atomic.Pointer[map[*mediaSource]*downTrack] // as a receiver
	media    atomic.Pointer[mediaConfig]
	state    atomic.Int32
	expired  atomic.Bool
	muteA    atomic.Bool
	muteV    atomic.Bool
	speech   speechMeter
	tcc      tccRecorder
	q        qualityState

	lastActive  atomic.Int64 // Unix ns of the last tick that saw traffic
	lastPackets uint64       // control goroutine only

	// reader goroutine only
	rxHdr  rtp.Header
	rtcpIn []byte
	rtxBuf []byte

	sendMu sync.Mutex // guards the encrypt contexts and the fields below
	txHdr  rtp.Header
	outBuf []byte // SRTP and SRTCP output

	stats counters
}

func newEndpoint(c *Conference, id string, opts EndpointOptions) (*Endpoint, error) {
	s := c.sfu
	ufrag, err := randomString(s.cfg.UfragPrefix, 8)
	if err != nil {
		return nil, err
	}
	pwd, err := randomString("", 24)
	if err != nil {
		return nil, err
	}
	chpwd, err := randomString("", 24)
	if err != nil {
		return nil, err
	}
	var tb [8]byte
	if _, err := rand.Read(tb[:]); err != nil {
		return nil, err
	}
	ep := &Endpoint{
		id: id, conf: c, sfu: s,
		local: LocalTransport{
			Ufrag: ufrag, Pwd: pwd, ChannelPassword: chpwd,
			Fingerprint: Fingerprint{Hash: "sha-256", Value: s.fingerprint, Setup: "actpass"},
			Candidates:  s.localCandidates(),
		},
		ice:    iceAgent{tiebreaker: binary.BigEndian.Uint64(tb[:])},
		rtcpIn: make([]byte, maxDatagram+64),
		rtxBuf: make([]byte, maxDatagram+64),
		outBuf: make([]byte, maxDatagram+64),
	}
	ep.ctx, ep.stop = context.WithCancel(s.ctx)
	ep.lastActive.Store(s.cfg.Clock.Now().UnixNano())
	ep.dtlsPipe = newDTLSPipe(ep)
	ep.rxHdr.CSRC = make([]uint32, 0, 15)
	ep.rxHdr.Extensions = make([]rtp.Extension, 0, 16)
	ep.txHdr.CSRC = make([]uint32, 0, 15)
	ep.txHdr.Extensions = make([]rtp.Extension, 0, 16)
	ep.sources.Store(&sourceTable{bySSRC: map[uint32]*inStream{}})
	ep.downs.Store(&map[*mediaSource]*downTrack{})
	ep.applyOptions(opts)
	ep.tcc.init(c.feedbackVideo, opts.HeaderExtensions[ExtTCC])
	return ep, nil
}

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

func randomString(prefix string, n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("sfu: random: %w", err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b), nil
}

// ID is the endpoint id.
func (ep *Endpoint) ID() string { return ep.id }

// Local returns the bridge side of the transport for the Colibri2 answer.
func (ep *Endpoint) Local() LocalTransport {
	l := ep.local
	l.Candidates = append([]Candidate(nil), l.Candidates...)
	return l
}

// LastActivity is when the endpoint last sent a packet (or was created):
// the daemon expires endpoints idle longer than entity-expiration.timeout.
func (ep *Endpoint) LastActivity() time.Time { return time.Unix(0, ep.lastActive.Load()) }

// State returns the transport state.
func (ep *Endpoint) State() TransportState { return TransportState(ep.state.Load()) }

// Stats returns the endpoint's packet counters.
func (ep *Endpoint) Stats() Stats { return ep.stats.snapshot() }

// SetRemote applies the client's transport (ufrag, pwd, fingerprints and
// optional candidates) and starts connectivity checks.
func (ep *Endpoint) SetRemote(r RemoteTransport) error {
	if r.Ufrag == "" || r.Pwd == "" {
		return fmt.Errorf("%w: ufrag and pwd required", ErrInvalidRemote)
	}
	if len(r.Fingerprints) == 0 {
		return fmt.Errorf("%w: no fingerprint", ErrInvalidRemote)
	}
	for _, f := range r.Fingerprints {
		if f.Setup != "" && f.Setup != "active" && f.Setup != "passive" && f.Setup != "actpass" {
			return fmt.Errorf("%w: setup %q", ErrInvalidRemote, f.Setup)
		}
	}
	ep.mu.Lock()
	defer ep.mu.Unlock()
	if ep.expired.Load() {
		return ErrExpired
	}
	if ep.ice.remoteUfrag != "" && ep.ice.remoteUfrag != r.Ufrag {
		return fmt.Errorf("%w: ICE restart is not supported", ErrInvalidRemote)
	}
	ep.remote = r
	ep.remote.Fingerprints = append([]Fingerprint(nil), r.Fingerprints...)
	ep.ice.remoteUfrag, ep.ice.remotePwd = r.Ufrag, r.Pwd
	for _, c := range r.Candidates {
		if c.Addr.IsValid() && c.Addr.Addr().Unmap().Is4() == ep.sfu.local.Addr().Is4() {
			ep.ice.addPair(netip.AddrPortFrom(c.Addr.Addr().Unmap(), c.Addr.Port()), c.Priority, c.Type)
		}
	}
	return nil
}

func (ep *Endpoint) remoteFingerprints() []Fingerprint {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	return ep.remote.Fingerprints
}

// remoteSetup is the client's DTLS role ("active" unless signalled).
func (ep *Endpoint) remoteSetup() string {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	for _, f := range ep.remote.Fingerprints {
		if f.Setup != "" {
			return f.Setup
		}
	}
	return "active"
}

// ForceMute sets the force-mute flags: media of a muted kind from this
// endpoint is dropped.
func (ep *Endpoint) ForceMute(audio, video bool) {
	ep.muteA.Store(audio)
	ep.muteV.Store(video)
}

// Muted reports the force-mute flags.
func (ep *Endpoint) Muted() (audio, video bool) { return ep.muteA.Load(), ep.muteV.Load() }

func (ep *Endpoint) setState(s TransportState, err error) {
	if TransportState(ep.state.Swap(int32(s))) == s && err == nil {
		return
	}
	ep.sfu.events.emit(TransportStateChanged{Conference: ep.conf.id, Endpoint: ep.id, State: s, Err: err})
}

// Expire removes the endpoint from its conference: it stops receiving and
// its transport is closed.
func (ep *Endpoint) Expire() { ep.conf.removeEndpoint(ep) }

func (ep *Endpoint) close() {
	ep.sendMu.Lock()
	already := ep.expired.Swap(true)
	ep.sendMu.Unlock()
	if already {
		return
	}
	ep.mu.Lock()
	conn := ep.dtlsConn
	if ep.ice.connected && ep.tr.Load() == nil { // jvb: ICE connected, DTLS not
		ep.stats.dtlsFailed.Add(1)
		ep.sfu.stats.dtlsFailed.Add(1)
	}
	ep.mu.Unlock()
	if conn != nil {
		_ = conn.Close()
	}
	ep.stop()
	_ = ep.dtlsPipe.Close()
	ep.tr.Store(nil)
	ep.selected.Store(nil)
	ep.sfu.unbindEndpoint(ep)
	ep.setState(TransportClosed, nil)
}
