package sfu

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// mediaSource is one source of a sender: its SIM layers and RTX pairs.
type mediaSource struct {
	name      string
	kind      MediaKind
	owner     *Endpoint
	primary   uint32            // first SIM SSRC, or the only SSRC
	layers    []uint32          // SIM layers lowest first; one entry without simulcast
	rtx       map[uint32]uint32 // media SSRC -> RTX SSRC (FID)
	videoType string
	downs     atomic.Pointer[[]*downTrack]
}

// inStream is the receive state of one SSRC.
type inStream struct {
	src   *mediaSource
	ssrc  uint32
	layer int    // index in src.layers; -1 for an RTX stream
	rtxOf uint32 // RTX streams: the media SSRC repaired
	cache *packetCache
	rx    rxStats
	// reader goroutine only
	silent int
	// keyframe request rate limit (coarse clock, ns)
	lastKF atomic.Int64
}

// sourceTable is an endpoint's immutable set of sources.
type sourceTable struct {
	sources []*mediaSource
	bySSRC  map[uint32]*inStream
}

type rxStats struct {
	mu        sync.Mutex
	started   bool
	baseSeq   uint32
	maxSeq    uint16
	cycles    uint32
	received  uint32
	expPrior  uint32
	recvPrior uint32
	lastSR    uint32 // middle 32 bits of the last SR NTP time
	lastSRAt  int64  // coarse ns
}

// update records a received sequence number and returns how many packets
// were skipped just before it (0 when in order, late or a restart).
func (r *rxStats) update(seq uint16) (gap uint16) {
	r.mu.Lock()
	if !r.started {
		r.started, r.baseSeq, r.maxSeq = true, uint32(seq), seq
	} else if d := seq - r.maxSeq; d != 0 && d < 0x8000 {
		if seq < r.maxSeq {
			r.cycles += 1 << 16
		}
		r.maxSeq = seq
		gap = d - 1
	}
	r.received++
	r.mu.Unlock()
	return gap
}

// SetSources replaces the endpoint's sources. SIM groups list the layers
// lowest first; FID groups pair a media SSRC with its RTX SSRC.
func (ep *Endpoint) SetSources(srcs []Source) error {
	tbl, err := buildSourceTable(ep, srcs)
	if err != nil {
		return err
	}
	if ep.expired.Load() {
		return ErrExpired
	}
	ep.conf.mu.Lock()
	defer ep.conf.mu.Unlock()
	for ssrc, st := range tbl.bySSRC {
		if other, ok := ep.conf.ssrcOwner(ssrc); ok && other != ep {
			return fmt.Errorf("%w: %s: ssrc %d already used by %s", ErrInvalidSource, st.src.name, ssrc, other.id)
		}
	}
	ep.sources.Store(tbl)
	ep.conf.rebuildLocked()
	return nil
}

func buildSourceTable(ep *Endpoint, srcs []Source) (*sourceTable, error) {
	tbl := &sourceTable{bySSRC: map[uint32]*inStream{}}
	for i := range srcs {
		ms, err := buildSource(ep, &srcs[i])
		if err != nil {
			return nil, err
		}
		for li, ssrc := range ms.layers {
			if err := tbl.add(&inStream{src: ms, ssrc: ssrc, layer: li}); err != nil {
				return nil, err
			}
		}
		for media, r := range ms.rtx {
			if err := tbl.add(&inStream{src: ms, ssrc: r, layer: -1, rtxOf: media}); err != nil {
				return nil, err
			}
		}
		tbl.sources = append(tbl.sources, ms)
	}
	for _, st := range tbl.bySSRC {
		if st.src.kind == Video && st.layer >= 0 {
			st.cache = newPacketCache()
		}
	}
	return tbl, nil
}

func (t *sourceTable) add(st *inStream) error {
	if st.ssrc == 0 {
		return fmt.Errorf("%w: %s: ssrc 0", ErrInvalidSource, st.src.name)
	}
	if _, dup := t.bySSRC[st.ssrc]; dup {
		return fmt.Errorf("%w: %s: duplicate ssrc %d", ErrInvalidSource, st.src.name, st.ssrc)
	}
	t.bySSRC[st.ssrc] = st
	return nil
}

func buildSource(ep *Endpoint, s *Source) (*mediaSource, error) {
	if s.Kind != Audio && s.Kind != Video {
		return nil, fmt.Errorf("%w: %q: unknown kind", ErrInvalidSource, s.Name)
	}
	if len(s.SSRCs) == 0 {
		return nil, fmt.Errorf("%w: %q: no ssrc", ErrInvalidSource, s.Name)
	}
	ms := &mediaSource{name: s.Name, kind: s.Kind, owner: ep, videoType: s.VideoType, rtx: map[uint32]uint32{}}
	ms.downs.Store(&[]*downTrack{}) // the reader may see the source before the rebuild
	member := map[uint32]bool{}
	for _, x := range s.SSRCs {
		member[x] = true
	}
	for _, g := range s.Groups {
		for _, x := range g.SSRCs {
			if !member[x] {
				return nil, fmt.Errorf("%w: %q: %s group ssrc %d not in source", ErrInvalidSource, s.Name, g.Semantics, x)
			}
		}
		switch g.Semantics {
		case GroupSIM:
			if ms.layers != nil || len(g.SSRCs) == 0 {
				return nil, fmt.Errorf("%w: %q: bad SIM group", ErrInvalidSource, s.Name)
			}
			ms.layers = append([]uint32(nil), g.SSRCs...)
		case GroupFID:
			if len(g.SSRCs) != 2 {
				return nil, fmt.Errorf("%w: %q: FID group needs 2 ssrcs", ErrInvalidSource, s.Name)
			}
			ms.rtx[g.SSRCs[0]] = g.SSRCs[1]
		}
	}
	if ms.layers == nil {
		ms.layers = []uint32{firstNonRTX(s.SSRCs, ms.rtx)}
	}
	ms.primary = ms.layers[0]
	return ms, nil
}

func firstNonRTX(ssrcs []uint32, rtx map[uint32]uint32) uint32 {
	isRTX := map[uint32]bool{}
	for _, r := range rtx {
		isRTX[r] = true
	}
	for _, x := range ssrcs {
		if !isRTX[x] {
			return x
		}
	}
	return ssrcs[0]
}
