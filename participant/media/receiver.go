package media

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/pion/rtp"
)

// FreezeGap is the silence on a video stream that counts as a freeze.
const FreezeGap = 500 * time.Millisecond

// Stats are one received stream's figures.
type Stats struct {
	SSRC      uint32
	Kind      string // "audio" or "video"
	Packets   uint64
	Bytes     uint64 // payload bytes
	Expected  uint64 // from the extended sequence number range
	Lost      uint64 // Expected - Packets, never negative
	Reordered uint64 // packets older than the highest sequence number
	// Jitter is the RFC 3550 interarrival jitter.
	Jitter time.Duration
	// Freezes counts gaps longer than FreezeGap between video packets;
	// FrozenFor is their total length.
	Freezes   int
	FrozenFor time.Duration
	First     time.Time
	Last      time.Time
	// Senders counts packets per trailer sender ID; BadPayloads counts
	// packets without a valid trailer; CounterGaps counts trailer counters
	// skipped (loss as the sender numbered it, per layer).
	Senders     map[uint32]uint64
	BadPayloads uint64
	CounterGaps uint64
	Keyframes   uint64
}

// LossRate is Lost/Expected, 0 when nothing was expected.
func (s Stats) LossRate() float64 {
	if s.Expected == 0 {
		return 0
	}
	return float64(s.Lost) / float64(s.Expected)
}

// Receiver keeps Stats per SSRC. It is safe for concurrent use; each
// stream is fed from one goroutine in arrival order.
type Receiver struct {
	now     func() time.Time
	mu      sync.Mutex
	streams map[uint32]*stream
	changed chan struct{} // closed and replaced on every packet
}

type stream struct {
	s         Stats
	clockRate uint32
	baseSeq   uint32
	maxSeq    uint32 // extended
	lastTS    uint32
	lastArr   float64 // arrival in timestamp units
	jitter    float64
	counters  map[uint8]uint32 // next expected trailer counter per sender/layer key
}

// NewReceiver returns a receiver stamping arrivals with now (time.Now if nil).
func NewReceiver(now func() time.Time) *Receiver {
	if now == nil {
		now = time.Now
	}
	return &Receiver{now: now, streams: map[uint32]*stream{}, changed: make(chan struct{})}
}

// Observe records one packet of kind ("audio" or "video") whose RTP clock
// runs at clockRate.
func (r *Receiver) Observe(p *rtp.Packet, kind string, clockRate uint32) {
	at := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	st, ok := r.streams[p.SSRC]
	if !ok {
		st = &stream{clockRate: max(clockRate, 1), baseSeq: uint32(p.SequenceNumber), maxSeq: uint32(p.SequenceNumber),
			counters: map[uint8]uint32{}}
		st.s = Stats{SSRC: p.SSRC, Kind: kind, First: at, Senders: map[uint32]uint64{}}
		r.streams[p.SSRC] = st
	} else {
		st.sequence(p.SequenceNumber)
		st.gap(at)
	}
	st.arrival(p.Timestamp, at)
	st.payload(p.Payload)
	st.s.Packets++
	st.s.Bytes += uint64(len(p.Payload))
	st.s.Last = at
	close(r.changed)
	r.changed = make(chan struct{})
}

// Wait blocks until cond holds for the current stats (checked after every
// packet) or ctx ends.
func (r *Receiver) Wait(ctx context.Context, cond func([]Stats) bool) error {
	for {
		r.mu.Lock()
		ch := r.changed
		r.mu.Unlock()
		if cond(r.Stats()) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// sequence extends seq against the highest seen and counts reordering.
func (st *stream) sequence(seq uint16) {
	hi := uint16(st.maxSeq)
	delta := seq - hi
	switch {
	case delta == 0:
	case delta < 0x8000:
		st.maxSeq += uint32(delta)
	default:
		st.s.Reordered++
	}
}

func (st *stream) gap(at time.Time) {
	if st.s.Kind != "video" {
		return
	}
	if d := at.Sub(st.s.Last); d > FreezeGap {
		st.s.Freezes++
		st.s.FrozenFor += d
	}
}

// arrival updates the RFC 3550 jitter estimate.
func (st *stream) arrival(ts uint32, at time.Time) {
	arr := float64(at.Sub(st.s.First)) / float64(time.Second) * float64(st.clockRate)
	if st.s.Packets > 0 {
		d := (arr - st.lastArr) - float64(int32(ts-st.lastTS))
		if d < 0 {
			d = -d
		}
		st.jitter += (d - st.jitter) / 16
	}
	st.lastArr, st.lastTS = arr, ts
}

func (st *stream) payload(p []byte) {
	t, err := ParseTrailer(p)
	if err != nil {
		st.s.BadPayloads++
		return
	}
	st.s.Senders[t.Sender]++
	if t.Keyframe && IsVP8Keyframe(p) {
		st.s.Keyframes++
	}
	if next, ok := st.counters[t.Layer]; ok && t.Counter > next {
		st.s.CounterGaps += uint64(t.Counter - next)
	}
	if next, ok := st.counters[t.Layer]; !ok || t.Counter >= next {
		st.counters[t.Layer] = t.Counter + 1
	}
}

// Stats returns a snapshot of every stream, sorted by SSRC. A video stream
// silent for more than FreezeGap at the time of the call counts one
// ongoing freeze.
func (r *Receiver) Stats() []Stats {
	now := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Stats, 0, len(r.streams))
	for _, st := range r.streams {
		s := st.s
		s.Senders = make(map[uint32]uint64, len(st.s.Senders))
		for k, v := range st.s.Senders {
			s.Senders[k] = v
		}
		s.Expected = uint64(st.maxSeq-st.baseSeq) + 1
		if s.Expected > s.Packets {
			s.Lost = s.Expected - s.Packets
		}
		s.Jitter = time.Duration(st.jitter / float64(st.clockRate) * float64(time.Second))
		if s.Kind == "video" && now.Sub(s.Last) > FreezeGap {
			s.Freezes++
			s.FrozenFor += now.Sub(s.Last)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SSRC < out[j].SSRC })
	return out
}

// Stream returns the stats of one SSRC.
func (r *Receiver) Stream(ssrc uint32) (Stats, bool) {
	for _, s := range r.Stats() {
		if s.SSRC == ssrc {
			return s, true
		}
	}
	return Stats{}, false
}
