package sfu

import (
	"testing"
	"time"

	"github.com/pion/rtcp"
)

func TestReportDelta(t *testing.T) {
	type blk struct{ ext, lost uint32 }
	tests := []struct {
		name           string
		blocks         []blk
		received, lost uint64
	}{
		{"first block is a baseline", []blk{{100, 5}}, 0, 0},
		{"no loss", []blk{{100, 0}, {150, 0}}, 50, 0},
		{"loss", []blk{{100, 2}, {200, 12}}, 90, 10},
		{"duplicates lower the total", []blk{{100, 5}, {110, 3}}, 10, 0},
		{"loss capped at expected", []blk{{100, 0}, {104, 9}}, 0, 4},
		{"wrap in extended seq", []blk{{0xfff0, 0}, {0x1_0010, 4}}, 28, 4},
		{"restart ignored", []blk{{100, 0}, {90, 0}, {100000, 0}}, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ep := &Endpoint{}
			var recv, lost uint64
			for _, b := range tc.blocks {
				r, l := ep.reportDelta(&rtcp.ReceptionReport{SSRC: 7, LastSequenceNumber: b.ext, TotalLost: b.lost})
				recv, lost = recv+r, lost+l
			}
			if recv != tc.received || lost != tc.lost {
				t.Fatalf("received %d lost %d, want %d %d", recv, lost, tc.received, tc.lost)
			}
		})
	}
}

func TestSRLogRTT(t *testing.T) {
	var l srLog
	t0 := time.Unix(2000, 0).UnixNano()
	for i := range srHistory + 2 { // the oldest two are forgotten
		l.record(uint32(100+i), t0+int64(i)*int64(time.Second))
	}
	tests := []struct {
		name      string
		lsr, dlsr uint32
		at        int64
		want      time.Duration
		ok        bool
	}{
		{"rtt = arrival - sent - dlsr", 105, 65536 / 2, t0 + 5*int64(time.Second) + int64(600*time.Millisecond), 100 * time.Millisecond, true},
		{"no lsr", 0, 0, t0, 0, false},
		{"unknown lsr", 100, 0, t0 + int64(time.Second), 0, false},
		{"negative", 109, 65536, t0 + 9*int64(time.Second), 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := l.rtt(tc.lsr, tc.dlsr, tc.at)
			if ok != tc.ok || (ok && got != tc.want) {
				t.Fatalf("rtt %v %v, want %v %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestRxRoundActivity(t *testing.T) {
	tests := []struct {
		name         string
		audio, video rxInterval
		dt           time.Duration
		sendA, sendV bool
		recv, lost   uint64
	}{
		{"both at 50 pps", rxInterval{25, 25}, rxInterval{30, 25}, 500 * time.Millisecond, true, true, 50, 5},
		{"audio below 5 pps", rxInterval{2, 2}, rxInterval{10, 10}, time.Second, false, true, 12, 0},
		{"receive only", rxInterval{}, rxInterval{}, time.Second, false, false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r rxRound
			r.add(Audio, tc.audio)
			r.add(Video, tc.video)
			if isActive(r.audio, tc.dt) != tc.sendA || isActive(r.video, tc.dt) != tc.sendV || r.received != tc.recv || r.lost != tc.lost {
				t.Fatalf("round %+v", r)
			}
		})
	}
}

// TestReceptionReportsFeedStats: hand-built report blocks from a receiver
// about a forwarded SSRC give its RTT (from the forwarded SR's send time)
// and outgoing loss; blocks about unknown or own SSRCs are ignored.
func TestReceptionReportsFeedStats(t *testing.T) {
	clk := &fakeClock{now: time.Unix(3000, 0)}
	s := newTestSFU(t, Config{Clock: clk, TickInterval: time.Hour})
	conf, _ := s.CreateConference("c")
	sender, _ := conf.AddEndpoint("sender", EndpointOptions{})
	recv, _ := conf.AddEndpoint("recv", EndpointOptions{})
	must(t, sender.SetSources([]Source{{Name: "sender-a0", Kind: Audio, SSRCs: []uint32{7}}}))
	must(t, recv.SetSources([]Source{{Name: "recv-a0", Kind: Audio, SSRCs: []uint32{8}}}))
	recv.q.srs.record(0xabcd, clk.now.UnixNano())
	clk.now = clk.now.Add(400 * time.Millisecond)
	recv.onReceptionReports([]rtcp.ReceptionReport{
		{SSRC: 7, LastSequenceNumber: 1000, TotalLost: 0, LastSenderReport: 0xabcd, Delay: 65536 / 4},
		{SSRC: 8, LastSequenceNumber: 1000}, // its own stream
		{SSRC: 99, LastSequenceNumber: 1000},
	})
	if rtt := recv.Quality().RTT; rtt != 150*time.Millisecond {
		t.Fatalf("rtt %v, want 150ms", rtt)
	}
	recv.onReceptionReports([]rtcp.ReceptionReport{
		{SSRC: 7, LastSequenceNumber: 1100, TotalLost: 4},
		{SSRC: 8, LastSequenceNumber: 5000, TotalLost: 100},
		{SSRC: 99, LastSequenceNumber: 5000, TotalLost: 100},
	})
	want := Loss{Received: 96, Lost: 4}
	if got := s.Stats().OutgoingLoss; got != want {
		t.Fatalf("sfu outgoing loss %+v, want %+v", got, want)
	}
	if got := recv.Stats().OutgoingLoss; got != want {
		t.Fatalf("endpoint outgoing loss %+v, want %+v", got, want)
	}
	if sender.Quality().RTT != 0 {
		t.Fatal("sender got an rtt")
	}
}
