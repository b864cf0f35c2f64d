package c2s

import (
	"bytes"
	"sync"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// maxPooledStanza bounds the buffers kept for reuse: a rare huge stanza's
// buffer is left to the GC instead of being held by the pool.
const maxPooledStanza = 64 << 10

var stanzaPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// MarshalPooled serialises e (its parent namespace ns) into a buffer from
// a pool shared by every connection. The framing queues the buffer and its
// writer returns it with ReleaseStanza once written, so a fan-out to many
// sessions reuses serialisation buffers instead of leaving one garbage
// slice per delivery.
func MarshalPooled(e *xmpp.Element, ns string) *bytes.Buffer {
	b := stanzaPool.Get().(*bytes.Buffer)
	b.Reset()
	e.AppendTo(b, ns)
	return b
}

// ReleaseStanza hands a written MarshalPooled buffer back (nil is ignored).
func ReleaseStanza(b *bytes.Buffer) {
	if b == nil || b.Cap() > maxPooledStanza {
		return
	}
	stanzaPool.Put(b)
}
