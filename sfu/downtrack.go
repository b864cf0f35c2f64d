package sfu

import (
	"encoding/binary"
	"sync/atomic"
)

// histSize covers as many forwarded packets as a full packet cache holds.
const histSize = cacheMaxSlots

// downTrack is one source as forwarded to one receiver: the layer the
// allocator chose and the projection onto the source's primary SSRC with
// continuous sequence numbers and timestamps. Everything but target is owned
// by the reader goroutine.
type downTrack struct {
	src    *mediaSource
	recv   *Endpoint
	target atomic.Int32 // layer index to forward, -1 = not forwarded

	cur     int
	started bool
	seqOff  uint16
	tsOff   uint32
	lastSeq uint16
	lastTs  uint32
	lastAt  int64 // coarse ns
	packets uint32
	octets  uint32
	rtxSeq  uint16
	hist    *[histSize]histEntry // video only, from the first forwarded packet
}

// histEntry maps a forwarded sequence number back to the cached original.
type histEntry struct {
	outTs  uint32
	outSeq uint16
	inSeq  uint16
	layer  int8
	valid  bool
}

func newDownTrack(src *mediaSource, recv *Endpoint, on bool) *downTrack {
	d := &downTrack{src: src, recv: recv, cur: -1}
	if on {
		d.target.Store(0)
	} else {
		d.target.Store(-1)
	}
	return d
}

// project decides whether a packet of stream st goes to this receiver and
// computes its outgoing sequence number and timestamp.
func (d *downTrack) project(st *inStream, seq uint16, ts uint32, keyframe bool, now int64) (uint16, uint32, bool) {
	t := int(d.target.Load())
	if t < 0 {
		d.cur = -1
		return 0, 0, false
	}
	if t >= len(d.src.layers) {
		t = len(d.src.layers) - 1
	}
	if st.layer != d.cur {
		single := len(d.src.layers) == 1
		if st.layer != t || !(keyframe || single) {
			if t != d.cur {
				d.src.owner.requestKeyframe(d.src.layers[t], now)
			}
			return 0, 0, false
		}
		d.switchTo(st.layer, seq, ts, now)
	}
	outSeq, outTs := seq+d.seqOff, ts+d.tsOff
	if !d.started || int16(outSeq-d.lastSeq) > 0 {
		d.lastSeq, d.lastTs = outSeq, outTs
	}
	d.started, d.lastAt = true, now
	if d.hist == nil { // once per track: receivers that never get video pay nothing
		d.hist = new([histSize]histEntry)
	}
	d.hist[int(outSeq)%histSize] = histEntry{outTs: outTs, outSeq: outSeq, inSeq: seq, layer: int8(st.layer), valid: true}
	return outSeq, outTs, true
}

// switchTo starts forwarding layer l so that the receiver sees one
// continuous stream.
func (d *downTrack) switchTo(l int, seq uint16, ts uint32, now int64) {
	if d.started {
		d.seqOff = d.lastSeq + 1 - seq
		gap := uint32((now - d.lastAt) * 9 / 100000) // 90 kHz
		if gap == 0 {
			gap = 1
		}
		d.tsOff = d.lastTs + gap - ts
	}
	d.cur = l
}

// lookup maps a forwarded sequence number back to (layer, original seq).
func (d *downTrack) lookup(outSeq uint16) (histEntry, bool) {
	if d.hist == nil {
		return histEntry{}, false
	}
	h := d.hist[int(outSeq)%histSize]
	return h, h.valid && h.outSeq == outSeq
}

// patchHeader writes ssrc, seq and ts into a plaintext RTP header.
func patchHeader(pkt []byte, ssrc uint32, seq uint16, ts uint32) {
	binary.BigEndian.PutUint16(pkt[2:4], seq)
	binary.BigEndian.PutUint32(pkt[4:8], ts)
	binary.BigEndian.PutUint32(pkt[8:12], ssrc)
}
