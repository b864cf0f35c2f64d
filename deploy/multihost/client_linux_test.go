package multihost

import (
	"context"
	"encoding/json"
	"net"
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/participant"
	"github.com/jitsi-go/jitsi-go/participant/media"
)

// TestMultiHostClient is the client side of TestMultiHostCall, run by it
// inside the client namespace: two participants log in over
// wss://D/xmpp-websocket (the web guest's nginx stand-in, proxying to the
// XMPP guest), get a Jingle session from the focus guest, open the bridge
// channel over the colibri websocket (web guest → bridge guest), and each
// must receive the other's audio and video from the bridge guest, every
// payload carrying the sender's intact trailer.
func TestMultiHostClient(t *testing.T) {
	raw := os.Getenv(clientEnv)
	if raw == "" {
		t.Skip("SKIP: runs only as the client child of TestMultiHostCall, inside its client namespace")
	}
	var spec callSpec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		t.Fatal(err)
	}
	prefix, err := netip.ParsePrefix(spec.Client)
	if err != nil {
		t.Fatal(err)
	}
	allow := func(ip net.IP) bool {
		a, ok := netip.AddrFromSlice(ip)
		return ok && prefix.Contains(a.Unmap())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var ps [2]*participant.Participant
	for i := range ps {
		p, err := participant.Join(ctx, participant.JoinConfig{Dial: participant.WebSocket(spec.WebSocket),
			Domain: spec.Domain, Room: spec.Room, SendMedia: true,
			Media: participant.Config{Audio: true, Video: true, SenderID: uint32(i + 1), VideoBitrate: 300_000, AllowIP: allow}})
		if err != nil {
			t.Fatalf("participant %d: %v", i+1, err)
		}
		defer p.Close()
		ps[i] = p
	}
	for i, p := range ps {
		var s *participant.Session
		select {
		case s = <-p.Accepted():
		case <-ctx.Done():
			t.Fatalf("participant %d (%s): no Jingle session accepted; errors %v", i+1, p.Nick(), p.Errors())
		}
		other := uint32(2 - i)
		if err := s.Receiver().Wait(ctx, gotMedia(other, 50)); err != nil {
			t.Fatalf("participant %d: media from participant %d: %v; received %+v; errors %v", i+1, other, err, s.Receiver().Stats(), p.Errors())
		}
		checkBridgeChannel(ctx, t, i+1, p)
		if errs := p.Errors(); len(errs) > 0 {
			t.Errorf("participant %d: %v", i+1, errs)
		}
		for _, st := range s.Receiver().Stats() {
			t.Logf("participant %d got %s ssrc %d: %d packets (%d from sender %d), lost %d, bad payloads %d",
				i+1, st.Kind, st.SSRC, st.Packets, st.Senders[other], other, st.Lost, st.BadPayloads)
		}
	}
}

// gotMedia holds once audio and video streams each brought n packets with
// intact trailers from sender and none without.
func gotMedia(sender uint32, n uint64) func([]media.Stats) bool {
	return func(ss []media.Stats) bool {
		ok := map[string]bool{}
		for _, s := range ss {
			if s.Senders[sender] >= n && s.BadPayloads == 0 {
				ok[s.Kind] = true
			}
		}
		return ok["audio"] && ok["video"]
	}
}

// checkBridgeChannel requires the bridge channel to be open and the
// bridge's ServerHello to have arrived over it.
func checkBridgeChannel(ctx context.Context, t *testing.T, n int, p *participant.Participant) {
	t.Helper()
	b := p.Bridge()
	if b == nil {
		t.Errorf("participant %d: no bridge channel", n)
		return
	}
	select {
	case <-b.Hello():
	case <-ctx.Done():
		t.Errorf("participant %d: no ServerHello on the bridge channel: %v", n, b.Err())
	}
}
