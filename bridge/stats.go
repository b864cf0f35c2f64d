package bridge

import (
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/sfu"
)

// rateSampler turns the SFU's packet counters into rates, sampled every
// stats interval.
type rateSampler struct {
	mu              sync.Mutex
	at              time.Time
	last            sfu.Stats
	pktIn, pktOut   float64 // packets per second
	bitsIn, bitsOut float64 // bits per second
	loss            lossFractions
}

func (r *rateSampler) init(now time.Time, s sfu.Stats) {
	r.mu.Lock()
	r.at, r.last = now, s
	r.mu.Unlock()
}

func (r *rateSampler) sample(now time.Time, s sfu.Stats) {
	r.mu.Lock()
	defer r.mu.Unlock()
	dt := now.Sub(r.at).Seconds()
	if dt <= 0 {
		return
	}
	r.pktIn = float64(s.PacketsReceived-r.last.PacketsReceived) / dt
	r.pktOut = float64(s.PacketsSent-r.last.PacketsSent) / dt
	r.bitsIn = 8 * float64(s.BytesReceived-r.last.BytesReceived) / dt
	r.bitsOut = 8 * float64(s.BytesSent-r.last.BytesSent) / dt
	r.loss = lossOver(r.last, s)
	r.at, r.last = now, s
}

func (r *rateSampler) get() (pktIn, pktOut, bitsIn, bitsOut float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pktIn, r.pktOut, r.bitsIn, r.bitsOut
}

func (r *rateSampler) getLoss() lossFractions {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.loss
}

// StressLevel is the measured packet rate (in + out) against the
// configured capacity.
func (b *Bridge) StressLevel() float64 {
	in, out, _, _ := b.rates.get()
	return (in + out) / b.cfg.PacketRateCapacity
}

// StatsMap returns the bridge statistics with typed values, the keys of
// jvb's /colibri/stats and brewery presence.
func (b *Bridge) StatsMap() map[string]any {
	in, out, bitsIn, bitsOut := b.rates.get()
	st := b.sfu.Stats()
	b.mu.Lock()
	confs, parts, largest := len(b.byID), 0, 0
	for _, c := range b.byID {
		parts += len(c.eps)
		largest = max(largest, len(c.eps))
	}
	load := aggregate(b.samplesLocked())
	b.mu.Unlock()
	m := map[string]any{
		colibri.StatStressLevel:                      b.StressLevel(),
		colibri.StatAverageParticipantStress:         b.cfg.AverageParticipantStress,
		colibri.StatDrain:                            b.drain.Load(),
		colibri.StatGracefulShutdown:                 b.graceful.Load(),
		colibri.StatShuttingDown:                     b.shuttingDown.Load(),
		colibri.StatHealthy:                          b.Check() == nil,
		colibri.StatVersion:                          b.cfg.Version,
		colibri.StatParticipants:                     parts,
		colibri.StatConferences:                      confs,
		colibri.StatColibri2:                         true,
		colibri.StatTimestamp:                        b.cfg.Clock.Now().UTC().Format("2006-01-02 15:04:05.000"),
		"endpoints":                                  parts,
		"local_endpoints":                            parts,
		"largest_conference":                         largest,
		"bit_rate_download":                          int64(bitsIn / 1000),
		"bit_rate_upload":                            int64(bitsOut / 1000),
		"packet_rate_download":                       int64(in),
		"packet_rate_upload":                         int64(out),
		"total_conferences_created":                  b.totals.conferencesCreated.Load(),
		"total_conferences_completed":                b.totals.conferencesCompleted.Load(),
		"total_participants":                         b.totals.participants.Load(),
		"total_bytes_received":                       st.BytesReceived,
		"total_bytes_sent":                           st.BytesSent,
		"total_packets_received":                     st.PacketsReceived,
		"total_packets_sent":                         st.PacketsSent,
		"total_colibri_web_socket_messages_received": b.totals.wsReceived.Load(),
		"total_colibri_web_socket_messages_sent":     b.totals.wsSent.Load(),
		"threads":                                    runtime.NumGoroutine(),
	}
	b.addLoadStats(m, load, st)
	b.addMUCStats(m)
	if b.cfg.Release != "" {
		m[colibri.StatRelease] = b.cfg.Release
	}
	if b.cfg.Region != "" {
		m[colibri.StatRegion] = b.cfg.Region
	}
	if b.cfg.RelayEnabled && b.cfg.RelayID != "" {
		m[colibri.StatRelayID] = b.cfg.RelayID
	}
	return m
}

// Stats returns the statistics for the brewery presence: the StatsMap
// values as strings, sorted by name.
func (b *Bridge) Stats() *colibri.Stats {
	m := b.StatsMap()
	s := make(map[string]string, len(m))
	for k, v := range m {
		s[k] = statString(v)
	}
	return colibri.StatsFromMap(s)
}

func statString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// HandleHealthCheck answers a health-check IQ: an empty result when
// Check passes, otherwise internal-server-error with the reason.
func (b *Bridge) HandleHealthCheck(req colibri.HealthCheckIQ) colibri.HealthCheckIQ {
	return colibri.HealthCheckResult(req, b.Check())
}
