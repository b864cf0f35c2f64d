package mucbench

import (
	"context"
	"math"
	"strconv"
	"sync/atomic"
	"time"
)

// recorder is shared by all clients of one row.
type recorder struct {
	base      time.Time    // send times are nanoseconds since base
	on        atomic.Bool  // benchmark messages count only while on
	delivered atomic.Int64 // benchmark messages counted so far, all clients
	presences atomic.Int64 // presence stanzas received, all clients
	sendStart int64        // first send, nanoseconds since base (set before on)
}

// tally is what one client saw. Its reader goroutine owns it; others read
// it only after the client's done channel is closed.
type tally struct {
	messages   int64   // every <message> stanza, benchmark or not
	presences  int64   // every <presence> stanza
	bench      int64   // benchmark messages counted while recording
	late       int64   // benchmark messages that came while not recording
	maxPerRead int     // most <message> stanzas completed by one read
	lat        []int32 // fan-out latencies, µs
	lastNanos  int64   // receive time of the last counted message, since base
	readErr    error   // why the reader stopped
	curRead    int64
	inRead     int
}

// count tallies a message or presence and reports whether it was a message.
func (t *tally) count(el Element) bool {
	switch string(el.Name) {
	case "message":
		t.messages++
		return true
	case "presence":
		t.presences++
	}
	return false
}

// readLoop counts every stanza the client receives until the connection
// closes; every element of every read goes through count.
func (c *client) readLoop(rec *recorder) {
	defer close(c.done)
	rec.presences.Add(c.presences)
	for {
		el, err := c.st.Next()
		if err != nil {
			c.readErr = err
			return
		}
		if !c.count(el) {
			if string(el.Name) == "presence" {
				rec.presences.Add(1)
			}
			continue
		}
		c.message(el, rec)
	}
}

// message records one <message> stanza: per-read batching, and for a
// benchmark body its fan-out latency.
func (c *client) message(el Element, rec *recorder) {
	if c.st.Reads != c.curRead {
		c.curRead, c.inRead = c.st.Reads, 0
	}
	c.inRead++
	c.maxPerRead = max(c.maxPerRead, c.inRead)
	_, _, sent, ok := parseBody(el.Body)
	if !ok {
		return
	}
	if !rec.on.Load() {
		c.late++
		return
	}
	at := c.st.ReadAt.Sub(rec.base).Nanoseconds()
	c.lat = append(c.lat, int32(min((at-sent)/1000, math.MaxInt32)))
	c.lastNanos = max(c.lastNanos, at)
	c.bench++
	rec.delivered.Add(1)
}

// schedule is the offered load: message j of total goes out at
// start + j/rate, sent by sender j mod senders.
type schedule struct {
	start   time.Time
	rate    float64
	total   int
	senders int
}

func (s schedule) at(j int) time.Time {
	return s.start.Add(time.Duration(float64(j) / s.rate * float64(time.Second)))
}

// sendLoop sends this client's share (sender k) of the schedule as
// groupchat messages to room and returns how many it wrote.
func (c *client) sendLoop(ctx context.Context, room string, k int, s schedule, rec *recorder) (int, error) {
	prefix := "<message type='groupchat' to='" + room + "' id='b" + strconv.Itoa(c.id) + "'><body>"
	const suffix = "</body></message>"
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	sent := 0
	for j := k; j < s.total; j += s.senders {
		if d := time.Until(s.at(j)); d > 0 {
			t.Reset(d)
			select {
			case <-ctx.Done():
				return sent, ctx.Err()
			case <-t.C:
			}
		}
		c.out = append(c.out[:0], prefix...)
		c.out = appendBody(c.out, c.id, j, time.Since(rec.base).Nanoseconds())
		c.out = append(c.out, suffix...)
		if _, err := c.conn.Write(c.out); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}
