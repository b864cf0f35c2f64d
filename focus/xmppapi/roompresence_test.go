package xmppapi

import (
	"context"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/internal/clock"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

type presenceRecorder chan []*xmpp.Element

func (p presenceRecorder) SetPresence(_ context.Context, ext ...*xmpp.Element) error {
	p <- ext
	return nil
}

func joinXML(ext []*xmpp.Element) string {
	var b strings.Builder
	for _, e := range ext {
		b.WriteString(e.String())
	}
	return b.String()
}

func TestFocusPresence(t *testing.T) {
	p := newFocusPresence("1.0-test")
	initial := joinXML(p.extensions())
	for _, want := range []string{`<versions xmlns="http://jitsi.org/jitmeet"><component name="focus">1.0-test</component></versions>`,
		`<property key="support-terminate-restart" value="true"/>`} {
		if !strings.Contains(initial, want) {
			t.Errorf("initial presence %s lacks %s", initial, want)
		}
	}
	if strings.Contains(initial, "bridgeNotAvailable") {
		t.Error("bridgeNotAvailable in the initial presence")
	}
	ctx, cancel := context.WithCancel(testCtx(t, 10e9))
	rec := make(presenceRecorder, 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.run(ctx, clock.Real{}, rec, 5e9, func(err error) { t.Error(err) })
	}()
	p.SetConferenceProperty(colibri.KeyBridgeCount, "1")
	p.SetBridgeNotAvailable(true)
	var last string
	for !strings.Contains(last, "bridgeNotAvailable") || !strings.Contains(last, `key="bridge-count" value="1"`) {
		select {
		case ext := <-rec:
			last = joinXML(ext)
		case <-ctx.Done():
			t.Fatalf("presence never carried both changes; last %s", last)
		}
	}
	p.SetBridgeNotAvailable(false)
	// A presence already queued before the change (the run loop coalesces
	// kicks, so one more send with the old state may be in flight) can
	// still carry the element; a later one must not.
	for strings.Contains(last, "bridgeNotAvailable") {
		select {
		case ext := <-rec:
			last = joinXML(ext)
		case <-ctx.Done():
			t.Fatalf("bridgeNotAvailable never removed; last %s", last)
		}
	}
	cancel()
	<-done
}
