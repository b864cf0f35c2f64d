package e2e

import (
	"context"
	"encoding/xml"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"mellium.im/xmpp/component"
	"mellium.im/xmpp/jid"
)

// FocusObserver is a plain XEP-0114 component connected as focus.<domain>
// that only RECORDS the conference requests routed to it. It never answers,
// so it is no focus: the client keeps waiting for ready="true". Once cmd/focus
// exists, the real focus takes this place in the scenarios.
type FocusObserver struct {
	conn net.Conn
	reqs chan ConferenceRequest
	done chan struct{}

	mu      sync.Mutex
	err     error    // why the reader stopped
	seen    []string // the last maxSeen stanzas as XML, for reports
	dropped int      // requests beyond the queue's capacity
}

// ObserveFocus connects the observer to x's component port with the
// deployment's FocusSecret; it disconnects at cleanup.
func ObserveFocus(t testing.TB, x *XMPPServer) *FocusObserver {
	t.Helper()
	d := x.Deployment
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", d.ComponentAddr())
	if err != nil {
		t.Fatalf("e2e: focus observer: %v", err)
	}
	_ = conn.SetDeadline(time.Now().Add(startTimeout))
	sess, err := component.NewSession(ctx, jid.MustParse(d.Focus()), []byte(d.FocusSecret), conn)
	if err != nil {
		conn.Close()
		t.Fatalf("e2e: focus observer handshake as %s: %v", d.Focus(), err)
	}
	_ = conn.SetDeadline(time.Time{})
	o := &FocusObserver{conn: conn, reqs: make(chan ConferenceRequest, 64), done: make(chan struct{})}
	go o.read(xml.NewTokenDecoder(sess.TokenReader()))
	t.Cleanup(func() {
		conn.Close()
		<-o.done
		if t.Failed() {
			o.mu.Lock()
			dropped := o.dropped
			o.mu.Unlock()
			t.Logf("focus observer saw: %v (stopped: %v; %d requests dropped, queue full)", o.Seen(), o.stopErr(), dropped)
		}
	})
	return o
}

// read records every top-level stanza until the stream ends.
func (o *FocusObserver) read(d *xml.Decoder) {
	defer close(o.done)
	for {
		tok, err := d.Token()
		if err != nil {
			o.stop(err)
			return
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var n node
		if err := d.DecodeElement(&n, &start); err != nil {
			o.stop(err)
			return
		}
		raw, err := xml.Marshal(n.withoutNSAttrs())
		if err != nil {
			o.stop(err)
			return
		}
		o.record(raw)
	}
}

// maxSeen bounds the stanzas kept for reports.
const maxSeen = 256

// record keeps the stanza's XML and queues it if it is a conference request.
func (o *FocusObserver) record(raw []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.seen) == maxSeen {
		o.seen = o.seen[1:]
	}
	o.seen = append(o.seen, string(raw))
	req, err := ParseConferenceRequest(raw)
	if err != nil {
		return
	}
	select {
	case o.reqs <- req:
	default:
		o.dropped++
	}
}

func (o *FocusObserver) stop(err error) {
	o.mu.Lock()
	o.err = err
	o.mu.Unlock()
}

func (o *FocusObserver) stopErr() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}

// Seen lists the stanzas that reached the observer (the last maxSeen), in order.
func (o *FocusObserver) Seen() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.seen...)
}

// NextConferenceRequest returns the next recorded conference request, waiting
// until one arrives, the stream ends or ctx ends.
func (o *FocusObserver) NextConferenceRequest(ctx context.Context) (ConferenceRequest, error) {
	select {
	case r := <-o.reqs:
		return r, nil
	case <-o.done:
		select {
		case r := <-o.reqs:
			return r, nil
		default:
		}
		return ConferenceRequest{}, fmt.Errorf("e2e: focus observer stream ended: %w", o.stopErr())
	case <-ctx.Done():
		return ConferenceRequest{}, fmt.Errorf("e2e: no conference request reached the focus observer: %w (saw %v)",
			ctx.Err(), o.Seen())
	}
}
