package loadtest

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func validOptions() Options {
	return Options{Target: "ws://127.0.0.1:5280/xmpp-websocket", Transport: TransportWebSocket, Domain: "meet.localhost",
		Conferences: 2, PerConference: 3, AudioSenders: 2, VideoSenders: 1, JoinRate: 5,
		JoinTimeout: 10 * time.Second, Duration: 20 * time.Second}
}

// TestValidate: each bad option is refused with ErrOptions and a message
// naming it; good ones pass.
func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		mod  func(*Options)
		want string // substring of the error; "" for valid
	}{
		{"valid", func(*Options) {}, ""},
		{"bosh", func(o *Options) { o.Transport, o.Target = TransportBOSH, "http://127.0.0.1:5280/http-bind" }, ""},
		{"c2s", func(o *Options) { o.Transport, o.Target = TransportC2S, "127.0.0.1:5222" }, ""},
		{"stats and procs", func(o *Options) {
			o.BridgeStats, o.FocusStats, o.Procs = "http://127.0.0.1:8080/colibri/stats", "http://127.0.0.1:8888/stats", []Proc{{"bridge", 42}}
		}, ""},
		{"cuts", func(o *Options) { o.Cuts = []Cut{{1, 2, time.Second, 0}, {0, 0, 0, time.Second}} }, ""},
		{"no target", func(o *Options) { o.Target = "" }, "no target"},
		{"websocket with http url", func(o *Options) { o.Target = "http://127.0.0.1/xmpp-websocket" }, "ws://"},
		{"bosh with ws url", func(o *Options) { o.Transport = TransportBOSH }, "http://"},
		{"c2s without port", func(o *Options) { o.Transport, o.Target = TransportC2S, "127.0.0.1" }, "host:port"},
		{"unknown transport", func(o *Options) { o.Transport = "smtp" }, "transport"},
		{"no domain", func(o *Options) { o.Domain = "" }, "domain"},
		{"zero conferences", func(o *Options) { o.Conferences = 0 }, "conferences"},
		{"too many", func(o *Options) { o.Conferences, o.PerConference = 100, 100 }, "at most"},
		{"overflowing product", func(o *Options) { o.Conferences, o.PerConference = 1<<40, 1<<40 }, "at most"},
		{"too many senders", func(o *Options) { o.VideoSenders = 4 }, "senders"},
		{"negative senders", func(o *Options) { o.AudioSenders = -1 }, "senders"},
		{"negative bitrate", func(o *Options) { o.VideoBitrate = -5 }, "bitrate"},
		{"zero join rate", func(o *Options) { o.JoinRate = 0 }, "join rate"},
		{"zero duration", func(o *Options) { o.Duration = 0 }, "duration"},
		{"zero join timeout", func(o *Options) { o.JoinTimeout = 0 }, "join timeout"},
		{"bad stats url", func(o *Options) { o.BridgeStats = "127.0.0.1:8080/colibri/stats" }, "bridge stats"},
		{"bad pid", func(o *Options) { o.Procs = []Proc{{"bridge", 0}} }, "PID"},
		{"cut out of range", func(o *Options) { o.Cuts = []Cut{{Conference: 2}} }, "no such participant"},
		{"cut negative", func(o *Options) { o.Cuts = []Cut{{At: -time.Second}} }, "negative"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := validOptions()
			tc.mod(&o)
			err := o.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrOptions) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want ErrOptions mentioning %q", err, tc.want)
			}
		})
	}
}

// TestDefaults: the transport defaults to WebSocket and every run gets its
// own room prefix.
func TestDefaults(t *testing.T) {
	a, b := Options{}.withDefaults(), Options{}.withDefaults()
	if a.Transport != TransportWebSocket || a.RoomPrefix == "" || a.RoomPrefix == b.RoomPrefix {
		t.Fatalf("defaults %q %q / %q", a.Transport, a.RoomPrefix, b.RoomPrefix)
	}
	if o := (Options{RoomPrefix: "x-"}).withDefaults(); o.RoomPrefix != "x-" {
		t.Fatalf("prefix overridden: %q", o.RoomPrefix)
	}
}

// TestPlan: members are laid out conference by conference with the first
// senders sending, unique trailer IDs, the flows each should receive and
// the cuts assigned.
func TestPlan(t *testing.T) {
	o := validOptions()
	o.RoomPrefix = "r"
	o.Cuts = []Cut{{Conference: 1, Participant: 2, At: time.Second}}
	ms := plan(o)
	if len(ms) != 6 {
		t.Fatalf("%d members", len(ms))
	}
	ids := map[uint32]bool{}
	for _, m := range ms {
		ids[m.sender] = true
	}
	if len(ids) != 6 {
		t.Errorf("sender IDs not unique: %v", ids)
	}
	m := ms[5] // conference 1, participant 2: receives only
	if m.room != "r1@conference.meet.localhost" || m.endpoint != "c1-p2" || m.audio || m.video || len(m.cuts) != 1 {
		t.Errorf("member 5: %+v", m)
	}
	// From participants 0 (audio+video) and 1 (audio) of conference 1.
	want := []flow{{ms[3].sender, "audio"}, {ms[3].sender, "video"}, {ms[4].sender, "audio"}}
	if len(m.expect) != len(want) {
		t.Fatalf("expect %v, want %v", m.expect, want)
	}
	for i := range want {
		if m.expect[i] != want[i] {
			t.Errorf("expect %v, want %v", m.expect, want)
		}
	}
	if len(ms[3].expect) != 1 || ms[3].expect[0] != (flow{ms[4].sender, "audio"}) {
		t.Errorf("participant 0 expects %v", ms[3].expect)
	}
}
