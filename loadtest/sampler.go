package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest/procstat"
)

// SampleInterval is how often the runner samples.
const SampleInterval = time.Second

// statsTimeout bounds one GET of a stats endpoint.
const statsTimeout = 800 * time.Millisecond

// sampler takes the once-a-second Samples: counts, receive deltas, server
// processes and stats endpoints. Only its own goroutine touches it.
type sampler struct {
	o        Options
	members  []*member
	started  time.Time
	client   *http.Client
	trackers []*procstat.Tracker
	prev     []snapshot        // per member, at the previous sample
	prevRx   []map[flow]uint64 // per member, packets per flow
	last     time.Time
	samples  []Sample
	errs     []string
}

func newSampler(o Options, members []*member, started time.Time) *sampler {
	s := &sampler{o: o, members: members, started: started, client: &http.Client{Timeout: statsTimeout},
		prev: make([]snapshot, len(members)), prevRx: make([]map[flow]uint64, len(members)), last: started}
	for _, p := range o.Procs {
		t := &procstat.Tracker{PID: p.PID}
		_, _, _ = t.Sample(started) // the baseline of the first CPU figure
		s.trackers = append(s.trackers, t)
	}
	return s
}

// run samples every SampleInterval until ctx ends.
func (s *sampler) run(ctx context.Context) {
	tick := time.NewTicker(SampleInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			sm := s.sample(ctx, now)
			s.samples = append(s.samples, sm)
			if s.o.Progress != nil {
				fmt.Fprint(s.o.Progress, "\r"+progressLine(sm, len(s.members)))
			}
		}
	}
}

// sample is the state at now.
func (s *sampler) sample(ctx context.Context, now time.Time) Sample {
	sm := Sample{T: now.Sub(s.started).Seconds()}
	var bytes, lost, expected uint64
	for i, m := range s.members {
		_, joined, err := m.state()
		if joined {
			sm.Joined++
		}
		if err != nil {
			sm.Errors++
		}
		cur := take(m)
		for ssrc, st := range cur {
			b := s.prev[i][ssrc]
			bytes += sub(st.Bytes, b.Bytes)
			lost += sub(st.Lost, b.Lost)
			expected += sub(st.Expected, b.Expected)
		}
		rx := received(cur)
		if receivesAll(m.expect, s.prevRx[i], rx) {
			sm.MediaFlowing++
		}
		s.prev[i], s.prevRx[i] = cur, rx
	}
	if dt := now.Sub(s.last).Seconds(); dt > 0 {
		sm.RecvBitrateBps = float64(bytes) * 8 / dt
	}
	if expected > 0 {
		sm.LossRate = min(float64(lost)/float64(expected), 1)
	}
	s.last = now
	s.sampleProcs(now, &sm)
	s.sampleStats(ctx, &sm)
	return sm
}

// sub is a-b for counters, 0 when a went backwards (a new session).
func sub(a, b uint64) uint64 {
	if a < b {
		return 0
	}
	return a - b
}

func (s *sampler) sampleProcs(now time.Time, sm *Sample) {
	for i, t := range s.trackers {
		cores, rss, err := t.Sample(now)
		if err != nil {
			sm.StatsErrors++
			s.note(fmt.Sprintf("process %s (PID %d): %v", s.o.Procs[i].Name, t.PID, err))
			continue
		}
		sm.Procs = append(sm.Procs, ProcSample{Name: s.o.Procs[i].Name, PID: t.PID, CPU: cores, RSSBytes: rss})
	}
}

// sampleStats GETs both stats endpoints at once.
func (s *sampler) sampleStats(ctx context.Context, sm *Sample) {
	var wg sync.WaitGroup
	var bridgeErr, focusErr error
	if s.o.BridgeStats != "" {
		wg.Go(func() { sm.Bridge, bridgeErr = s.getJSON(ctx, s.o.BridgeStats) })
	}
	if s.o.FocusStats != "" {
		wg.Go(func() { sm.Focus, focusErr = s.getJSON(ctx, s.o.FocusStats) })
	}
	wg.Wait()
	for _, err := range []error{bridgeErr, focusErr} {
		if err != nil {
			sm.StatsErrors++
			s.note(err.Error())
		}
	}
}

// getJSON fetches a JSON object.
func (s *sampler) getJSON(ctx context.Context, url string) (map[string]any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("stats %s: %w", url, err)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("stats %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("stats %s: HTTP %s", url, resp.Status)
	}
	var out map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, 4<<20)).Decode(&out); err != nil {
		return nil, fmt.Errorf("stats %s: %w", url, err)
	}
	return out, nil
}

// maxNotes bounds the distinct sampling errors kept for Result.Errors.
const maxNotes = 20

func (s *sampler) note(msg string) {
	for _, e := range s.errs {
		if e == msg {
			return
		}
	}
	if len(s.errs) < maxNotes {
		s.errs = append(s.errs, msg)
	}
}
