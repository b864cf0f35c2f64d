package xmpp

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// BOSHTransport is XEP-0124/0206 XMPP over BOSH. Sends go out at once in
// their own request while an empty request is kept waiting for pushes
// (see ensurePoll). Whatever request a response arrives on, its payload
// reaches Recv in rid order and only once (see boshOrder).
type BOSHTransport struct {
	URL    string
	Domain string
	hc     *http.Client

	mu      sync.Mutex // guards rid, sid, polls, maxDone
	rid     uint64     // last rid handed out
	sid     string
	polls   map[uint64]struct{} // rids of empty requests in flight
	maxDone uint64              // highest rid answered so far

	order  *boshOrder
	in     chan boshItem
	closed chan struct{}
	once   sync.Once
	ended  chan struct{} // closed once a response says the session ended
	endOne sync.Once
	ctx    context.Context // ends the empty requests after Close
	cancel context.CancelFunc
}

// NewBOSHTransport returns a transport for url; hc nil uses http.DefaultClient.
func NewBOSHTransport(url, domain string, hc *http.Client) *BOSHTransport {
	if hc == nil {
		hc = http.DefaultClient
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	rid := binary.BigEndian.Uint64(b[:]) >> 12
	ctx, cancel := context.WithCancel(context.Background())
	return &BOSHTransport{URL: url, Domain: domain, hc: hc, rid: rid, polls: map[uint64]struct{}{},
		order: newBOSHOrder(rid + 1), in: make(chan boshItem, 256), closed: make(chan struct{}), ended: make(chan struct{}),
		ctx: ctx, cancel: cancel}
}

// Open creates the session (first call) or restarts the stream (later calls)
// and returns the features. The features of a restart may arrive on the
// restart request or on the empty request held before it; either way they
// are read once, after everything the server sent earlier.
func (t *BOSHTransport) Open(ctx context.Context) (*Element, error) {
	t.mu.Lock()
	sid := t.sid
	t.mu.Unlock()
	rid := t.nextRID()
	body := NewElement(NSBOSH, "body", "rid", strconv.FormatUint(rid, 10), "to", t.Domain)
	if sid == "" {
		body.SetAttr("wait", "60").SetAttr("hold", "1").SetAttr("ver", "1.6").
			SetAttr("content", "text/xml; charset=utf-8")
		body.Attr = append(body.Attr, xmlAttr(NSXBOSH, "version", "1.0"))
	} else {
		body.SetAttr("sid", sid)
		body.Attr = append(body.Attr, xmlAttr(NSXBOSH, "restart", "true"))
	}
	resp, err := t.post(ctx, rid, body)
	if err != nil {
		return nil, err
	}
	if sid == "" {
		if sid = resp.Get("sid"); sid == "" {
			return nil, fmt.Errorf("%w: no sid in session creation response", ErrBOSH)
		}
		t.mu.Lock()
		t.sid = sid
		t.mu.Unlock()
	}
	t.ensurePoll()
	return expectFeatures(t.recv(ctx))
}

// StartTLS is not available on BOSH (use https://).
func (t *BOSHTransport) StartTLS(context.Context, *tls.Config) error {
	return fmt.Errorf("%w: STARTTLS over BOSH", ErrUnexpected)
}

// Send posts e in its own request; the payload of the reply is queued for
// Recv behind the replies to all older requests.
func (t *BOSHTransport) Send(ctx context.Context, e *Element) error {
	rid, b := t.body()
	_, err := t.post(ctx, rid, b.Add(e))
	return err
}

// Recv returns the next element pushed by the server.
func (t *BOSHTransport) Recv() (*Element, error) { return t.recv(context.Background()) }

func (t *BOSHTransport) recv(ctx context.Context) (*Element, error) {
	select {
	case it := <-t.in:
		if it.err != nil {
			return nil, it.err
		}
		return checkStreamError(it.e, nil)
	case <-t.closed:
		return nil, ErrStreamClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Close terminates the BOSH session. It returns once the server confirmed
// the end on any request: prosody answers the held requests but may leave
// the terminate request itself unanswered when it arrived before an older
// empty request.
func (t *BOSHTransport) Close() error {
	t.once.Do(func() { close(t.closed) })
	defer t.cancel()
	rid, b := t.body()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go func() {
		select {
		case <-t.ended:
			cancel()
		case <-ctx.Done():
		}
	}()
	_, err := t.post(ctx, rid, b.SetAttr("type", "terminate"))
	select {
	case <-t.ended:
		return nil
	default:
		return err
	}
}

// post sends the request rid and hands its result, payload or error, to
// the rid-ordered delivery before returning it.
func (t *BOSHTransport) post(ctx context.Context, rid uint64, b *Element) (*Element, error) {
	body, err := t.roundTrip(ctx, b)
	t.answered(rid, err == nil)
	r := boshResult{err: err}
	if err == nil {
		r.kids = body.Children()
	}
	t.order.complete(rid, r, t.in, t.closed)
	return body, err
}

// roundTrip performs one HTTP request and parses the response body.
func (t *BOSHTransport) roundTrip(ctx context.Context, b *Element) (*Element, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, bytes.NewReader(b.Marshal("")))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	resp, err := t.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, DefaultMaxStanza*4))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: HTTP %d", ErrBOSH, resp.StatusCode)
	}
	body, err := ParseElement(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBOSH, err)
	}
	if body.Get("type") == "terminate" {
		t.endOne.Do(func() { close(t.ended) })
		if body.Get("condition") != "" {
			return nil, fmt.Errorf("%w: terminated: %s", ErrBOSH, body.Get("condition"))
		}
	}
	return body, nil
}

func xmlAttr(space, local, value string) xmlAttrT {
	return xmlAttrT{Name: xmlName{Space: space, Local: local}, Value: value}
}
