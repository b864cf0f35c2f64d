package mucbench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest/procstat"
)

// Params is one benchmark run: the same for every server and room size.
type Params struct {
	Sizes       []int         `json:"occupants"`
	Rate        float64       `json:"rate_msgs_per_s"`
	Duration    time.Duration `json:"duration_ns"`
	Senders     int           `json:"senders"`
	Drain       time.Duration `json:"drain_ns"`
	Parallel    int           `json:"join_parallel"`
	JoinTimeout time.Duration `json:"join_timeout_ns"`
	// XmppdQueue, when positive, overrides xmppd's limits.outgoing-queue
	// (a diagnostic: the queue is allocated per connection).
	XmppdQueue int `json:"xmppd_outgoing_queue,omitempty"`
}

// runRow measures one started server at one room size.
func runRow(ctx context.Context, srv *server, n int, p Params, progress io.Writer) (Row, error) {
	row := Row{Server: srv.name, Occupants: n, Senders: min(p.Senders, n)}
	pid := srv.proc.PID()
	idle, err := procstat.Read(pid, time.Now())
	if err != nil {
		return row, err
	}
	row.RSSIdle = idle.RSSBytes
	rec := &recorder{base: time.Now()}
	clients, joinDur, err := joinAll(ctx, srv.target(), n, p, rec)
	defer closeAll(clients)
	if err != nil {
		return row, err
	}
	row.JoinMs = ms(joinDur)
	settle(ctx, rec, int64(n)*int64(n), 5*time.Second)
	joined, err := procstat.Read(pid, time.Now())
	if err != nil {
		return row, err
	}
	row.RSSJoined = joined.RSSBytes
	row.RSSPerConnKB = (float64(joined.RSSBytes) - float64(idle.RSSBytes)) / float64(n) / 1024
	fmt.Fprintf(progress, "mucbench: %s %d occupants joined in %.0f ms; sending\n", srv.name, n, row.JoinMs)
	if err := sendAndDrain(ctx, srv, clients, p, rec, &row); err != nil {
		return row, err
	}
	closeAll(clients)
	collect(clients, rec.sendStart, &row)
	return row, nil
}

// joinAll logs n clients in and into the room, Parallel at a time, and
// starts each one's reader as soon as it has joined.
func joinAll(ctx context.Context, t target, n int, p Params, rec *recorder) ([]*client, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, p.JoinTimeout)
	defer cancel()
	clients := make([]*client, n)
	var first error
	var once sync.Once
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	start := time.Now()
	var wg sync.WaitGroup
	for range max(1, min(p.Parallel, n)) {
		wg.Go(func() {
			for i := range next {
				c, err := join(ctx, t, i)
				if err != nil {
					once.Do(func() { first = err; cancel() })
					continue
				}
				go c.readLoop(rec)
				clients[i] = c
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	live := clients[:0]
	for _, c := range clients {
		if c != nil {
			live = append(live, c)
		}
	}
	return live, took, first
}

// settle waits (bounded) until the presence broadcasts of the joins are in.
func settle(ctx context.Context, rec *recorder, want int64, limit time.Duration) {
	waitFor(ctx, limit, func() bool { return rec.presences.Load() >= want })
}

// waitFor polls cond every 10 ms until it holds, limit passes or ctx ends.
func waitFor(ctx context.Context, limit time.Duration, cond func() bool) {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return
		case <-deadline.C:
			return
		case <-tick.C:
		}
	}
}

// sendAndDrain runs the offered load, waits for the deliveries and fills
// the rates, completeness and CPU figures of row.
func sendAndDrain(ctx context.Context, srv *server, clients []*client, p Params, rec *recorder, row *Row) error {
	pid, self := srv.proc.PID(), os.Getpid()
	s := schedule{rate: p.Rate, total: int(p.Rate * p.Duration.Seconds()), senders: row.Senders}
	cpu0, err := procstat.Read(pid, time.Now())
	if err != nil {
		return err
	}
	gen0, _ := procstat.Read(self, time.Now())
	s.start = time.Now()
	rec.sendStart = s.start.Sub(rec.base).Nanoseconds()
	rec.on.Store(true)
	sent, err := sendAll(ctx, clients[:s.senders], s, rec, p.Duration+10*time.Second)
	cpu1, _ := procstat.Read(pid, time.Now())
	gen1, _ := procstat.Read(self, time.Now())
	row.Sent, row.Expected = sent, int64(sent)*int64(len(clients))
	row.OfferedPerS = float64(sent) / max(p.Duration, cpu1.At.Sub(s.start)).Seconds()
	if err != nil {
		return fmt.Errorf("mucbench: sending: %w", err)
	}
	waitFor(ctx, p.Drain, func() bool { return rec.delivered.Load() >= row.Expected })
	rec.on.Store(false)
	cpu2, err := procstat.Read(pid, time.Now())
	if err != nil {
		return err
	}
	row.Delivered = rec.delivered.Load()
	row.ServerCores = procstat.Cores(cpu0, cpu1)
	row.GenCores = procstat.Cores(gen0, gen1)
	if row.Delivered > 0 {
		row.CPUPerMsgUs = float64((cpu2.CPU - cpu0.CPU).Microseconds()) / float64(row.Delivered)
	}
	if row.Expected > 0 {
		row.Completeness = float64(row.Delivered) / float64(row.Expected)
	}
	return nil
}

// sendAll runs one sendLoop per sender and returns the messages sent.
func sendAll(ctx context.Context, senders []*client, s schedule, rec *recorder, limit time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	counts := make([]int, len(senders))
	errs := make([]error, len(senders))
	var wg sync.WaitGroup
	for k, c := range senders {
		wg.Go(func() { counts[k], errs[k] = c.sendLoop(ctx, benchRoom, k, s, rec) })
	}
	wg.Wait()
	total := 0
	for _, n := range counts {
		total += n
	}
	return total, errors.Join(errs...)
}

// closeAll closes every connection and waits for the readers to stop.
func closeAll(clients []*client) {
	for _, c := range clients {
		_ = c.conn.Close()
	}
	for _, c := range clients {
		<-c.done
	}
}

// collect merges the clients' tallies into row (after closeAll).
func collect(clients []*client, sendStart int64, row *Row) {
	var lat []int32
	var last int64
	for _, c := range clients {
		lat = append(lat, c.lat...)
		row.MessageStanzas += c.messages
		row.Late += c.late
		row.MaxPerRead = max(row.MaxPerRead, c.maxPerRead)
		last = max(last, c.lastNanos)
	}
	l := summarize(lat)
	row.LatP50Ms, row.LatP95Ms, row.LatMaxMs = l.P50, l.P95, l.Max
	if span := last - sendStart; span > 0 {
		row.DeliveredPerS = float64(row.Delivered) / (float64(span) / 1e9)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
