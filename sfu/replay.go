package sfu

import "github.com/pion/transport/v2/replaydetector"

// replayWindow is a 128-packet sliding replay window over the 48-bit SRTP
// (or 31-bit SRTCP) index. Unlike pion's detector it allocates nothing per
// packet: Check returns a method value bound once at construction. It is
// used by one goroutine (the socket reader), as SRTP contexts are.
type replayWindow struct {
	latest  uint64
	mask    [2]uint64 // bit i: latest-i seen
	pending uint64
	started bool
	accept  func()
}

func newReplayWindow() replaydetector.ReplayDetector {
	w := &replayWindow{}
	w.accept = w.commit
	return w
}

func nop() {}

// Check reports whether idx is new; call the returned func once the packet
// authenticated.
func (w *replayWindow) Check(idx uint64) (func(), bool) {
	if !w.fresh(idx) {
		return nop, false
	}
	w.pending = idx
	return w.accept, true
}

func (w *replayWindow) commit() { w.mark(w.pending) }

// fresh reports whether idx was neither seen nor is too old.
func (w *replayWindow) fresh(idx uint64) bool {
	if w.started && idx <= w.latest {
		d := w.latest - idx
		if d >= 128 || w.mask[d/64]&(1<<(d%64)) != 0 {
			return false
		}
	}
	return true
}

// mark records idx as received.
func (w *replayWindow) mark(idx uint64) {
	if !w.started || idx > w.latest {
		shift := idx - w.latest
		if !w.started {
			shift = 128
		}
		w.shift(shift)
		w.latest, w.started = idx, true
	}
	d := w.latest - idx
	w.mask[d/64] |= 1 << (d % 64)
}

func (w *replayWindow) shift(n uint64) {
	switch {
	case n >= 128:
		w.mask = [2]uint64{}
	case n >= 64:
		w.mask[1] = w.mask[0] << (n - 64)
		w.mask[0] = 0
	case n > 0:
		w.mask[1] = w.mask[1]<<n | w.mask[0]>>(64-n)
		w.mask[0] <<= n
	}
}
