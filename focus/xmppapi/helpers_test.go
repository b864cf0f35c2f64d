package xmppapi

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
)

const testDomain = "meet.example"

// testConfig parses a jicofo.conf body for testDomain.
func testConfig(t testing.TB, body string) *config.Jicofo {
	t.Helper()
	cfg, err := config.ParseJicofo("jicofo.conf", []byte(body), testDomain)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// testService returns a Service that is not connected to anything.
func testService(t testing.TB) *Service {
	t.Helper()
	s, err := New(Options{Config: testConfig(t, `jicofo.xmpp.client.password = "pw"`), Version: "1.2.3-test",
		Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// testCtx is a context bounded by d and by the test.
func testCtx(t testing.TB, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// ParseConfigForTest parses jicofo.conf text for the test environment's domain.
func ParseConfigForTest(text string) (*config.Jicofo, error) {
	return config.ParseJicofo("jicofo.conf", []byte(text), envDomain)
}

// lockedBuffer collects log output from any goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// testLogger logs at debug level into a buffer shown when the test fails.
func testLogger(t testing.TB) *slog.Logger {
	buf := &lockedBuffer{}
	t.Cleanup(func() {
		if t.Failed() || os.Getenv("FOCUS_TEST_LOG") != "" {
			t.Logf("focus log:\n%s", buf.String())
		}
	})
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
