package web

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stream"
)

// OpenStream records the stream id and queues the features.
func (bs *boshSession) OpenStream(id, _ string, features *xmpp.Element) {
	bs.mu.Lock()
	bs.streamID = id
	bs.mu.Unlock()
	bs.Send(features)
}

// Send queues one element for the next response.
func (bs *boshSession) Send(e *xmpp.Element) bool {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.closed || len(bs.pending) >= bs.h.env.Limits.QueueLen {
		return false
	}
	bs.pending = append(bs.pending, e)
	bs.releaseLocked()
	return true
}

// Close marks the session terminated; the held or next request carries the
// stream error and the terminate condition.
func (bs *boshSession) Close(err error) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.closed {
		return
	}
	var se stream.Error
	if errors.As(err, &se) {
		if el, e := xmpp.FromTokens(se.TokenReader()); e == nil {
			bs.pending = append(bs.pending, el)
		}
	}
	bs.closed, bs.closeErr = true, err
	close(bs.done)
	bs.releaseLocked()
	// The held or next request delivers the terminate body and removes the
	// session; the armed inactivity timer removes it if the client is gone.
}

// touch ends a request and re-arms the inactivity timer.
func (bs *boshSession) touch() {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.inflight > 0 {
		bs.inflight--
	}
	if bs.closed {
		return
	}
	if bs.idle != nil {
		bs.idle.Stop()
	}
	bs.idle = bs.h.env.Clock.AfterFunc(boshInactivity*time.Second+bs.wait, bs.inactive)
}

func (bs *boshSession) inactive() {
	bs.mu.Lock()
	busy := bs.inflight > 0
	bs.mu.Unlock()
	if !busy {
		bs.sess.Fail(stream.ConnectionTimeout)
		bs.h.bosh.remove(bs)
		return
	}
	bs.mu.Lock()
	bs.idle = bs.h.env.Clock.AfterFunc(boshInactivity*time.Second+bs.wait, bs.inactive)
	bs.mu.Unlock()
}

// CanStartTLS is false for BOSH.
func (bs *boshSession) CanStartTLS() bool { return false }

// Secure reports https or a trusted TLS proxy.
func (bs *boshSession) Secure() bool { return bs.secure }

// TLSState is not tracked per BOSH session.
func (bs *boshSession) TLSState() *tls.ConnectionState { return nil }

func newSID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func attrNS(space, local, value string) xml.Attr {
	return xml.Attr{Name: xml.Name{Space: space, Local: local}, Value: value}
}

func attrValue(e *xmpp.Element, space, local string) string {
	for _, a := range e.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
