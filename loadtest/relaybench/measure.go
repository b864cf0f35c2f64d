package relaybench

import (
	"context"
	"fmt"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest/procstat"
)

// Row is one server at one fan-out.
type Row struct {
	Server       string  `json:"server"` // "bridge" or "raw"
	Fanout       int     `json:"fanout"`
	OfferedPPS   float64 `json:"offered_pps"`   // sent by the sender in the window
	ForwardedPPS float64 `json:"forwarded_pps"` // received by all receivers in the window
	Loss         float64 `json:"loss"`          // over the whole send, [0,1]
	ServerCores  float64 `json:"server_cores"`  // child CPU in the window, in cores
	PPSPerCore   float64 `json:"pps_per_core"`  // forwarded pps / server cores
	// CPUusPer1000 is server CPU µs per 1000 forwarded packets.
	CPUusPer1000 float64           `json:"cpu_us_per_1000_pkts"`
	ServerRSS    uint64            `json:"server_rss_bytes"`
	Verified     uint64            `json:"verified_samples"` // sampled packets decrypted and checked
	Bad          uint64            `json:"bad_samples"`
	SendErrors   uint64            `json:"send_errors"`
	HandshakeMs  float64           `json:"handshake_ms"` // setup + ICE + DTLS, until all connected
	ServerDrops  map[string]uint64 `json:"server_drops,omitempty"`
	// SRTPProfile is the negotiated protection profile (bridge only).
	SRTPProfile string `json:"srtp_profile,omitempty"`

	firstBad string // the first sample's failure, for the error
}

// snapshot is one look at the counters.
type snapshot struct {
	proc procstat.Reading
	sent uint64
	recv uint64
}

func (s step) snap(l *link, pc *pacer) (snapshot, error) {
	r, err := procstat.Read(l.child.pid, time.Now())
	if err != nil {
		return snapshot{}, fmt.Errorf("relaybench: %s child CPU: %w", s.kind, err)
	}
	return snapshot{proc: r, sent: pc.sent.Load(), recv: received(l)}, nil
}

func received(l *link) uint64 {
	var n uint64
	for _, r := range l.recvs {
		n += r.rtp.Load()
	}
	return n
}

// measure sends for warmup + duration and reads the window's counters.
func (s step) measure(ctx context.Context, l *link) (Row, error) {
	pc := &pacer{p: l.sender, pz: newPacketizer(benchSSRC, s.cfg.payload, l.sendKey), rate: s.cfg.senderRate(s.fanout)}
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); pc.run(sctx) }()
	defer func() { stop(); <-done }()
	if err := sleepCtx(ctx, s.cfg.warmup); err != nil {
		return Row{}, err
	}
	a, err := s.snap(l, pc)
	if err != nil {
		return Row{}, err
	}
	if err := sleepCtx(ctx, s.cfg.duration); err != nil {
		return Row{}, err
	}
	b, err := s.snap(l, pc)
	if err != nil {
		return Row{}, err
	}
	stop()
	<-done
	drain(ctx, l)
	st, err := l.child.request(ctx, ctlMsg{Type: msgStats}, s.cfg.handshake)
	if err != nil {
		return Row{}, err
	}
	row := s.row(l, pc, a, b)
	if st.Stats != nil {
		row.ServerDrops = st.Stats.Drops
	}
	return row, s.check(row)
}

func (s step) row(l *link, pc *pacer, a, b snapshot) Row {
	win := b.proc.At.Sub(a.proc.At).Seconds()
	row := Row{Server: s.kind, Fanout: s.fanout, ServerRSS: b.proc.RSSBytes, SendErrors: pc.errs.Load(),
		OfferedPPS: float64(b.sent-a.sent) / win, ForwardedPPS: float64(b.recv-a.recv) / win,
		ServerCores: procstat.Cores(a.proc, b.proc)}
	if want := float64(pc.sent.Load()) * float64(s.fanout); want > 0 {
		row.Loss = min(max(1-float64(received(l))/want, 0), 1)
	}
	if row.ServerCores > 0 {
		row.PPSPerCore = row.ForwardedPPS / row.ServerCores
	}
	if row.ForwardedPPS > 0 {
		row.CPUusPer1000 = row.ServerCores * 1e9 / row.ForwardedPPS
	}
	for _, r := range l.recvs {
		row.Verified += r.verified.Load()
		row.Bad += r.bad.Load()
		if e := r.badErr.Load(); e != nil && row.firstBad == "" {
			row.firstBad = *e
		}
	}
	return row
}

// check turns a step that forwarded nothing or forwarded garbage into an error.
func (s step) check(row Row) error {
	if row.ForwardedPPS == 0 {
		return fmt.Errorf("%w: %s fan-out %d (server drops %v)", ErrNoTraffic, s.kind, s.fanout, row.ServerDrops)
	}
	if row.Bad > 0 {
		return fmt.Errorf("%w: %s fan-out %d: %d of %d sampled packets bad, first: %s", ErrBadPacket,
			s.kind, s.fanout, row.Bad, row.Bad+row.Verified, row.firstBad)
	}
	if row.Verified == 0 {
		return fmt.Errorf("%w: %s fan-out %d: no sampled packet verified", ErrBadPacket, s.kind, s.fanout)
	}
	return nil
}

// drain waits (at most 1 s) until the receivers stop counting.
func drain(ctx context.Context, l *link) {
	last := received(l)
	for range 10 {
		if sleepCtx(ctx, 100*time.Millisecond) != nil {
			return
		}
		n := received(l)
		if n == last {
			return
		}
		last = n
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
