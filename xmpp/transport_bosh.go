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
// their own request while one empty request is kept waiting for pushes.
type BOSHTransport struct {
	URL    string
	Domain string
	hc     *http.Client

	mu      sync.Mutex
	rid     uint64
	sid     string
	polling bool
	in      chan *Element
	errc    chan error
	closed  chan struct{}
	once    sync.Once
}

// NewBOSHTransport returns a transport for url; hc nil uses http.DefaultClient.
func NewBOSHTransport(url, domain string, hc *http.Client) *BOSHTransport {
	if hc == nil {
		hc = http.DefaultClient
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &BOSHTransport{URL: url, Domain: domain, hc: hc, rid: binary.BigEndian.Uint64(b[:]) >> 12,
		in: make(chan *Element, 256), errc: make(chan error, 1), closed: make(chan struct{})}
}

// Open creates the session (first call) or restarts the stream (later calls)
// and returns the features.
func (t *BOSHTransport) Open(ctx context.Context) (*Element, error) {
	t.mu.Lock()
	first := t.sid == ""
	t.mu.Unlock()
	body := NewElement(NSBOSH, "body", "rid", strconv.FormatUint(t.nextRID(), 10), "to", t.Domain)
	if first {
		body.SetAttr("wait", "60").SetAttr("hold", "1").SetAttr("ver", "1.6").
			SetAttr("content", "text/xml; charset=utf-8")
		body.Attr = append(body.Attr, xmlAttr(NSXBOSH, "version", "1.0"))
	} else {
		body.SetAttr("sid", t.sid)
		body.Attr = append(body.Attr, xmlAttr(NSXBOSH, "restart", "true"))
	}
	resp, err := t.post(ctx, body)
	if err != nil {
		return nil, err
	}
	if first {
		t.mu.Lock()
		t.sid = resp.Get("sid")
		t.mu.Unlock()
		if t.sid == "" {
			return nil, fmt.Errorf("%w: no sid in session creation response", ErrBOSH)
		}
	}
	t.startPoll()
	return expectFeatures(t.Recv())
}

// StartTLS is not available on BOSH (use https://).
func (t *BOSHTransport) StartTLS(context.Context, *tls.Config) error {
	return fmt.Errorf("%w: STARTTLS over BOSH", ErrUnexpected)
}

// Send posts e in its own request; any pushed stanzas in the reply are queued.
func (t *BOSHTransport) Send(ctx context.Context, e *Element) error {
	b := t.body().Add(e)
	_, err := t.post(ctx, b)
	if err == nil {
		t.startPoll()
	}
	return err
}

// Recv returns the next element pushed by the server.
func (t *BOSHTransport) Recv() (*Element, error) {
	select {
	case e := <-t.in:
		return checkStreamError(e, nil)
	case err := <-t.errc:
		return nil, err
	case <-t.closed:
		return nil, ErrStreamClosed
	}
}

// Close terminates the BOSH session.
func (t *BOSHTransport) Close() error {
	t.once.Do(func() { close(t.closed) })
	b := t.body().SetAttr("type", "terminate")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := t.post(ctx, b)
	return err
}

func (t *BOSHTransport) body() *Element {
	return NewElement(NSBOSH, "body", "rid", strconv.FormatUint(t.nextRID(), 10), "sid", t.sid)
}

func (t *BOSHTransport) nextRID() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rid++
	return t.rid
}

func (t *BOSHTransport) startPoll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.polling || t.sid == "" {
		return
	}
	t.polling = true
	go t.pollLoop()
}

func (t *BOSHTransport) pollLoop() {
	for {
		select {
		case <-t.closed:
			return
		default:
		}
		if _, err := t.post(context.Background(), t.body()); err != nil {
			select {
			case t.errc <- err:
			default:
			}
			return
		}
	}
}

func (t *BOSHTransport) post(ctx context.Context, b *Element) (*Element, error) {
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
	if body.Get("type") == "terminate" && body.Get("condition") != "" {
		return nil, fmt.Errorf("%w: terminated: %s", ErrBOSH, body.Get("condition"))
	}
	for _, c := range body.Children() {
		select {
		case t.in <- c:
		case <-t.closed:
			return body, nil
		}
	}
	return body, nil
}

func xmlAttr(space, local, value string) xmlAttrT {
	return xmlAttrT{Name: xmlName{Space: space, Local: local}, Value: value}
}
