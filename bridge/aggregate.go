package bridge

import (
	"time"

	"github.com/jitsi-go/jitsi-go/sfu"
)

// epSample is one endpoint's state for the load aggregates.
type epSample struct {
	sendingAudio, sendingVideo bool
	rtt                        time.Duration // 0 = not measured
	visitor                    bool
}

// loadStats are jvb's per-conference aggregates (VideobridgePeriodicMetrics):
// every endpoint here is local (no relays).
type loadStats struct {
	sendingAudio, sendingVideo int
	receiveOnly                int // active conferences: endpoints sending nothing
	inactiveEndpoints          int // endpoints of inactive conferences
	inactiveConferences        int // no endpoint sends audio or video
	p2pConferences             int // inactive with exactly 2 endpoints
	localActive                int // endpoints of active conferences
	visitors                   int
	rttMs                      float64 // mean over endpoints with a measured RTT
}

// aggregate computes loadStats over the conferences' endpoint samples.
func aggregate(confs [][]epSample) loadStats {
	var l loadStats
	var rttSum float64
	var rttN int
	for _, eps := range confs {
		inactive := true
		for _, e := range eps {
			if e.sendingAudio || e.sendingVideo {
				inactive = false
			}
		}
		switch {
		case inactive:
			l.inactiveConferences++
			l.inactiveEndpoints += len(eps)
			if len(eps) == 2 {
				l.p2pConferences++
			}
		default:
			l.localActive += len(eps)
		}
		for _, e := range eps {
			l.sendingAudio += b2i(e.sendingAudio)
			l.sendingVideo += b2i(e.sendingVideo)
			l.visitors += b2i(e.visitor)
			if !inactive && !e.sendingAudio && !e.sendingVideo {
				l.receiveOnly++
			}
			if e.rtt > 0 {
				rttSum += float64(e.rtt) / float64(time.Millisecond)
				rttN++
			}
		}
	}
	if rttN > 0 {
		l.rttMs = rttSum / float64(rttN)
	}
	return l
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lossFractions are jvb's incoming_loss, outgoing_loss and overall_loss:
// lost / (received + lost) over the last stats interval, 0 without data.
type lossFractions struct{ incoming, outgoing, overall float64 }

func lossOver(prev, cur sfu.Stats) lossFractions {
	inR, inL := cur.IncomingLoss.Received-prev.IncomingLoss.Received, cur.IncomingLoss.Lost-prev.IncomingLoss.Lost
	outR, outL := cur.OutgoingLoss.Received-prev.OutgoingLoss.Received, cur.OutgoingLoss.Lost-prev.OutgoingLoss.Lost
	return lossFractions{
		incoming: fraction(inL, inR+inL),
		outgoing: fraction(outL, outR+outL),
		overall:  fraction(inL+outL, inR+inL+outR+outL),
	}
}

func fraction(part, whole uint64) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// samplesLocked returns the endpoint samples of every conference. Called with
// b.mu held.
func (b *Bridge) samplesLocked() [][]epSample {
	out := make([][]epSample, 0, len(b.byID))
	for _, c := range b.byID {
		eps := make([]epSample, 0, len(c.eps))
		for _, ep := range c.eps {
			q := ep.sep.Quality()
			eps = append(eps, epSample{sendingAudio: q.SendingAudio, sendingVideo: q.SendingVideo, rtt: q.RTT, visitor: ep.visitor})
		}
		out = append(out, eps)
	}
	return out
}
