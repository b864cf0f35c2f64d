package sfu

import (
	"sync"
	"time"

	"github.com/pion/interceptor/pkg/twcc"
	"github.com/pion/rtcp"
)

// tccRecorder records transport-wide sequence numbers of received packets
// and builds transport-cc feedback (pion/interceptor's twcc recorder).
type tccRecorder struct {
	mu    sync.Mutex
	rec   *twcc.Recorder
	start time.Time
}

func (t *tccRecorder) init(senderSSRC uint32, extID uint8) {
	if extID == 0 {
		return
	}
	t.rec, t.start = twcc.NewRecorder(senderSSRC), time.Now()
}

func (t *tccRecorder) record(ssrc uint32, seq uint16) {
	t.mu.Lock()
	if t.rec != nil {
		t.rec.Record(ssrc, seq, time.Since(t.start).Microseconds())
	}
	t.mu.Unlock()
}

func (t *tccRecorder) build() []rtcp.Packet {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.rec == nil || t.rec.PacketsHeld() == 0 {
		return nil
	}
	return t.rec.BuildFeedbackPacket()
}

// sendTCCFeedback sends pending transport-cc feedback to this sender.
func (ep *Endpoint) sendTCCFeedback() {
	if ep.tr.Load() == nil {
		return
	}
	if pkts := ep.tcc.build(); len(pkts) > 0 {
		_ = ep.sendRTCP(pkts)
	}
}
