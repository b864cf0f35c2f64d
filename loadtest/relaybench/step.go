package relaybench

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/pion/dtls/v2"
	"github.com/pion/srtp/v2"
)

// benchSSRC is the SSRC the sender declares (SetSources) and sends with.
const benchSSRC = 0x5a17b00c

// step is one server at one fan-out.
type step struct {
	cfg    config
	spec   childSpec
	kind   string
	fanout int
	stderr io.Writer
}

// link is a step's connected generator side.
type link struct {
	child   *child
	sender  *peer
	recvs   []*peer
	sendKey *srtp.Context // nil for the raw relay
	profile srtp.ProtectionProfile
	conns   []*dtls.Conn
}

func (l *link) all() []*peer { return append([]*peer{l.sender}, l.recvs...) }

func (l *link) close() {
	for _, c := range l.conns {
		_ = c.Close()
	}
	closeAll(l.all())
}

// run starts the child, connects the endpoints and measures.
func (s step) run(ctx context.Context) (Row, error) {
	ch, err := startChild(ctx, s.spec, s.kind, s.stderr, s.cfg.handshake)
	if err != nil {
		return Row{}, err
	}
	defer ch.stop()
	l, err := s.newLink(ch)
	if err != nil {
		return Row{}, err
	}
	defer l.close()
	t0 := time.Now()
	if err := s.connect(ctx, l); err != nil {
		return Row{}, err
	}
	hs := float64(time.Since(t0).Microseconds()) / 1000
	row, err := s.measure(ctx, l)
	row.HandshakeMs = hs
	if l.sendKey != nil {
		row.SRTPProfile = profileName(l.profile)
	}
	return row, err
}

func (s step) newLink(ch *child) (*link, error) {
	pc := peerConfig{server: ch.addr, secure: s.kind == serverBridge, ssrc: benchSSRC, sampleEvery: s.cfg.sample}
	l := &link{child: ch}
	var err error
	if l.sender, err = newPeer("sender", roleSender, pc); err != nil {
		return nil, err
	}
	for i := range s.fanout {
		r, err := newPeer(fmt.Sprintf("recv%d", i), roleReceiver, pc)
		if err != nil {
			l.close()
			return nil, err
		}
		l.recvs = append(l.recvs, r)
	}
	return l, nil
}

// connect sends the setup and, for the bridge, runs ICE and DTLS on every
// endpoint and waits until the bridge reports them all connected.
func (s step) connect(ctx context.Context, l *link) error {
	id, err := newIdentity()
	if err != nil {
		return err
	}
	if err := s.setup(ctx, l, id); err != nil || s.kind != serverBridge {
		return err
	}
	hctx, cancel := context.WithTimeout(ctx, s.cfg.handshake)
	defer cancel()
	if err := s.handshakeAll(hctx, l, id); err != nil {
		return err
	}
	return s.waitConnected(hctx, l)
}

func (s step) setup(ctx context.Context, l *link, id identity) error {
	m := ctlMsg{Type: msgSetup}
	for _, p := range l.all() {
		e := ctlEndpoint{ID: p.id, Role: p.role, Addr: p.local.String(), Ufrag: p.ufrag, Pwd: p.pwd, Fingerprint: id.fingerprint}
		if p.role == roleSender {
			e.SSRC = benchSSRC
		}
		m.Endpoints = append(m.Endpoints, e)
	}
	r, err := l.child.request(ctx, m, s.cfg.handshake)
	if err != nil {
		return err
	}
	byID := map[string]ctlEndpoint{}
	for _, e := range r.Endpoints {
		byID[e.ID] = e
	}
	for _, p := range l.all() {
		e, ok := byID[p.id]
		if !ok {
			return fmt.Errorf("%w: %s child did not return endpoint %q", ErrBadControl, s.kind, p.id)
		}
		p.creds.Store(&iceCreds{ufrag: e.Ufrag, pwd: e.Pwd, fingerprint: e.Fingerprint})
	}
	return nil
}

// handshakeAll runs ICE then DTLS on every endpoint concurrently.
func (s step) handshakeAll(ctx context.Context, l *link, id identity) error {
	ps := l.all()
	keys := make([]*srtpKeys, len(ps))
	errs := make([]error, len(ps))
	var wg sync.WaitGroup
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[i] = p.connectICE(ctx); errs[i] == nil {
				keys[i], errs[i] = p.handshakeDTLS(ctx, id)
			}
		}()
	}
	wg.Wait()
	for i, k := range keys {
		if k != nil {
			l.conns = append(l.conns, k.conn)
			ps[i].rx.Store(k.recv)
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	l.sendKey, l.profile = keys[0].send, keys[0].profile
	return nil
}

// waitConnected polls the child until every endpoint is connected.
func (s step) waitConnected(ctx context.Context, l *link) error {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	want := 1 + len(l.recvs)
	for {
		r, err := l.child.request(ctx, ctlMsg{Type: msgStats}, s.cfg.handshake)
		if err != nil {
			return err
		}
		if r.Stats != nil && r.Stats.Connected >= want {
			return nil
		}
		select {
		case <-ctx.Done():
			got := 0
			if r.Stats != nil {
				got = r.Stats.Connected
			}
			return fmt.Errorf("%w: bridge reports %d of %d endpoints connected", ErrHandshakeTimeout, got, want)
		case <-t.C:
		}
	}
}

// profileName names an SRTP protection profile as RFC 5764/7714 do.
func profileName(p srtp.ProtectionProfile) string {
	switch p {
	case srtp.ProtectionProfileAeadAes128Gcm:
		return "SRTP_AEAD_AES_128_GCM"
	case srtp.ProtectionProfileAes128CmHmacSha1_80:
		return "SRTP_AES128_CM_HMAC_SHA1_80"
	}
	return fmt.Sprintf("profile %#04x", uint16(p))
}
