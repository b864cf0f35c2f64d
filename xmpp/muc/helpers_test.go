package muc

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

const domain = "meet.muc.test"

// brewery is the Jitsi brewery MUC of the test prosody.
const brewery = "internal.auth." + domain

var shared struct {
	once sync.Once
	p    *testenv.Prosody
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := testenv.NetNSMain(m)
	if shared.p != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = shared.p.Stop(ctx)
		cancel()
		if code == 0 {
			_ = os.RemoveAll(shared.dir)
		}
	}
	os.Exit(code)
}

// prosody returns the package's stock prosody, started on first use.
func prosody(t *testing.T) *testenv.Prosody {
	t.Helper()
	if _, err := os.Stat("/usr/bin/prosody"); err != nil {
		t.Skip("prosody not installed: apt-get install -y prosody lua-unbound")
	}
	testenv.RequireNetNS(t)
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "muc-prosody-")
		if shared.err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		shared.p, shared.err = testenv.StartProsody(ctx, testenv.ProsodyConfig{Dir: shared.dir, Domain: domain,
			// prosody opens its component port only when a component is
			// configured, and StartProsody waits for that port.
			Components: []testenv.Component{{Name: "focus." + domain, Secret: "unused"}}})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.p
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// dial logs in anonymously over c2s with STARTTLS verified against the
// host's self-signed certificate; the client's stanzas go to m.
func dial(t *testing.T, ctx context.Context, p *testenv.Prosody, m *Mux) *xmpp.Client {
	t.Helper()
	pem, err := os.ReadFile(filepath.Join(p.Config.CertDir(), domain+".crt"))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	c, err := xmpp.DialTCP(ctx, testenv.Loopback(p.Config.C2SPort), xmpp.Config{
		Domain: domain, TLS: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
		OnStanza: func(e *xmpp.Element) { m.Handle(e) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// recorder collects occupant events in order.
type recorder struct {
	mu     sync.Mutex
	events []Event
	more   chan struct{}
}

func newRecorder() *recorder { return &recorder{more: make(chan struct{})} }

func (r *recorder) add(ev Event) {
	r.mu.Lock()
	r.events = append(r.events, ev)
	close(r.more)
	r.more = make(chan struct{})
	r.mu.Unlock()
}

func (r *recorder) snapshot() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// wait returns the first event (from index from on) matching ok.
func (r *recorder) wait(t *testing.T, ctx context.Context, from int, ok func(Event) bool) (Event, int) {
	t.Helper()
	for {
		r.mu.Lock()
		for i := from; i < len(r.events); i++ {
			if ok(r.events[i]) {
				ev := r.events[i]
				r.mu.Unlock()
				return ev, i + 1
			}
		}
		more := r.more
		r.mu.Unlock()
		select {
		case <-more:
		case <-ctx.Done():
			t.Fatalf("event not seen: %v; have %+v", ctx.Err(), r.snapshot())
		}
	}
}

func is(kind EventKind, nick string) func(Event) bool {
	return func(ev Event) bool { return ev.Kind == kind && ev.Occupant.Nick == nick }
}

// uniqueRoom returns a fresh room name on the brewery MUC for one test.
func uniqueRoom(t *testing.T) string {
	return "room-" + sanitize(t.Name()) + "@" + brewery
}

func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '-'
		}
	}
	return string(b)
}
