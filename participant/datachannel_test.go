package participant

import (
	"context"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/participant/bridgechan"
	"github.com/pion/webrtc/v3"
)

// TestSessionDataChannel offers a data m-line: the participant answers it,
// opens lib-jitsi-meet's "JVB data channel" over SCTP, and the bridge
// channel runs over it both ways.
func TestSessionDataChannel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p := newPeer(t)
	if _, err := p.pc.CreateDataChannel("probe", nil); err != nil { // makes the offer carry m=application
		t.Fatal(err)
	}
	got := make(chan string, 1)
	p.pc.OnDataChannel(func(dc *webrtc.DataChannel) {
		if dc.Label() != bridgechan.DataChannelLabel || dc.Protocol() != bridgechan.DataChannelProtocol {
			return
		}
		dc.OnOpen(func() { _ = dc.SendText(`{"colibriClass":"ServerHello"}`) })
		dc.OnMessage(func(m webrtc.DataChannelMessage) { got <- string(m.Data) })
	})
	s := NewSession(Config{Endpoint: "ep1", Audio: true})
	defer s.Close()
	init := p.initiate(t)
	acc, err := s.Accept(ctx, init)
	if err != nil {
		t.Fatal(err)
	}
	if d := acc.Content("data"); d == nil || d.Transport.SCTPMap == nil {
		t.Fatalf("no data content in %+v", acc.Contents)
	}
	p.accept(t, acc, "ep1")
	c := bridgechan.NewDataChannel(ctx, s.DataChannel(), bridgechan.Options{})
	defer c.Close()
	select {
	case <-c.Hello():
	case <-ctx.Done():
		t.Fatal("no ServerHello over SCTP")
	}
	lastN := 3
	if err := c.SendConstraints(ctx, bridgechan.ReceiverVideoConstraints{LastN: &lastN}); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-got:
		if m != `{"colibriClass":"ReceiverVideoConstraints","lastN":3}` {
			t.Fatalf("peer got %s", m)
		}
	case <-ctx.Done():
		t.Fatal("constraints not received")
	}
}
