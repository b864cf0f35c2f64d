package media

import (
	"errors"
	"testing"
	"time"

	"github.com/pion/rtp"
)

// capture is an RTPWriter that keeps copies of what it is given.
type capture struct{ pkts []*rtp.Packet }

func (c *capture) WriteRTP(p *rtp.Packet) error {
	q := p.Clone()
	q.SSRC = 1234
	c.pkts = append(c.pkts, q)
	return nil
}

// fakeNow is a settable clock for the receiver.
type fakeNow struct{ t time.Time }

func (f *fakeNow) now() time.Time { return f.t }

func TestAudioSender(t *testing.T) {
	var c capture
	a, err := NewAudioSender(&c, AudioConfig{Sender: 7, PayloadType: 111, LevelExtID: 1})
	if err != nil {
		t.Fatal(err)
	}
	a.SetLevel(30, true)
	for range 50 {
		if err := a.Tick(); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.pkts) != 50 {
		t.Fatalf("%d packets", len(c.pkts))
	}
	p := c.pkts[49]
	if p.SequenceNumber != 49 || p.Timestamp != 49*960 || p.PayloadType != 111 || len(p.Payload) != 80 {
		t.Fatalf("packet %+v", p.Header)
	}
	if ext := p.GetExtension(1); len(ext) != 1 || ext[0] != 0x80|30 {
		t.Fatalf("audio level %x", ext)
	}
	tr, err := ParseTrailer(p.Payload)
	if err != nil || tr.Sender != 7 || tr.Counter != 49 {
		t.Fatalf("trailer %+v %v", tr, err)
	}
	if _, err := NewAudioSender(&c, AudioConfig{PayloadSize: 4}); !errors.Is(err, ErrConfig) {
		t.Fatalf("tiny payload: %v", err)
	}
}

func TestVideoSender(t *testing.T) {
	layers := []*capture{{}, {}, {}}
	v, err := NewVideoSender(VideoConfig{Sender: 9, PayloadType: 100, Bitrate: 1_200_000, FPS: 30},
		layers[0], layers[1], layers[2])
	if err != nil {
		t.Fatal(err)
	}
	for range 30 {
		if err := v.Tick(); err != nil {
			t.Fatal(err)
		}
	}
	v.RequestKeyframe(2)
	if err := v.Tick(); err != nil {
		t.Fatal(err)
	}
	wantBytes := []int{1_200_000 / 16 / 8, 1_200_000 / 4 / 8, 1_200_000 / 8} // one second, plus keyframes
	for i, c := range layers {
		frames, keys := v.Frames(i)
		wantKeys := uint64(1)
		if i == 2 {
			wantKeys = 2
		}
		if frames != 31 || keys != wantKeys {
			t.Errorf("layer %d: %d frames %d keyframes", i, frames, keys)
		}
		var bytes, markers int
		for _, p := range c.pkts {
			bytes += len(p.Payload)
			if p.Marker {
				markers++
			}
		}
		if markers != 31 || bytes < wantBytes[i] || bytes > wantBytes[i]*2 {
			t.Errorf("layer %d: %d bytes (want about %d), %d markers", i, bytes, wantBytes[i], markers)
		}
		if !IsVP8Keyframe(c.pkts[0].Payload) {
			t.Errorf("layer %d does not start with a keyframe", i)
		}
	}
	last := layers[2].pkts[len(layers[2].pkts)-1]
	if tr, _ := ParseTrailer(last.Payload); !tr.Keyframe || tr.Layer != 2 {
		t.Errorf("requested keyframe not sent: %+v", tr)
	}
	if _, err := NewVideoSender(VideoConfig{}); !errors.Is(err, ErrConfig) {
		t.Fatalf("no writer: %v", err)
	}
}

func TestReceiverLossAndIntegrity(t *testing.T) {
	var c capture
	a, _ := NewAudioSender(&c, AudioConfig{Sender: 3, PayloadType: 111})
	for range 10 {
		_ = a.Tick()
	}
	clk := &fakeNow{t: time.Unix(100, 0)}
	r := NewReceiver(clk.now)
	for i, p := range c.pkts {
		clk.t = clk.t.Add(AudioInterval)
		if i == 3 || i == 4 {
			continue // lost
		}
		r.Observe(p, "audio", 48000)
	}
	garbage := &rtp.Packet{Header: rtp.Header{SSRC: 1234, SequenceNumber: 10, Timestamp: 9600}, Payload: []byte("nope")}
	clk.t = clk.t.Add(AudioInterval)
	r.Observe(garbage, "audio", 48000)
	s, ok := r.Stream(1234)
	if !ok {
		t.Fatal("no stream")
	}
	if s.Packets != 9 || s.Expected != 11 || s.Lost != 2 || s.CounterGaps != 2 || s.BadPayloads != 1 || s.Senders[3] != 8 {
		t.Fatalf("stats %+v", s)
	}
	if s.Jitter != 0 {
		t.Fatalf("jitter %v on a perfectly paced stream", s.Jitter)
	}
	if s.LossRate() < 0.18 || s.LossRate() > 0.19 {
		t.Fatalf("loss rate %v", s.LossRate())
	}
}

func TestReceiverJitterAndFreeze(t *testing.T) {
	cases := []struct {
		name        string
		arrivals    []time.Duration // arrival offsets of frames sent every 33 ms (90 kHz ts += 3000)
		wantFreezes int
		wantJitter  bool
	}{
		{"paced", []time.Duration{0, 33333 * time.Microsecond, 66666 * time.Microsecond}, 0, false},
		{"jittery", []time.Duration{0, 50 * time.Millisecond, 60 * time.Millisecond, 100 * time.Millisecond}, 0, true},
		{"frozen", []time.Duration{0, 33 * time.Millisecond, 700 * time.Millisecond, 733 * time.Millisecond}, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clk := &fakeNow{}
			start := time.Unix(100, 0)
			r := NewReceiver(clk.now)
			for i, at := range c.arrivals {
				clk.t = start.Add(at)
				r.Observe(&rtp.Packet{Header: rtp.Header{SSRC: 5, SequenceNumber: uint16(65534 + i), Timestamp: uint32(i * 3000)},
					Payload: AppendTrailer(nil, Trailer{Counter: uint32(i)})}, "video", 90000)
			}
			s, _ := r.Stream(5)
			if s.Freezes != c.wantFreezes || (s.Jitter > time.Millisecond) != c.wantJitter || s.Lost != 0 {
				t.Fatalf("freezes %d jitter %v lost %d", s.Freezes, s.Jitter, s.Lost)
			}
			clk.t = clk.t.Add(time.Second)
			if s, _ := r.Stream(5); s.Freezes != c.wantFreezes+1 {
				t.Fatalf("ongoing freeze not counted: %d", s.Freezes)
			}
		})
	}
}

func FuzzParseTrailer(f *testing.F) {
	f.Add(AppendTrailer([]byte{1, 2, 3}, Trailer{Sender: 1, Counter: 2, Layer: 1, Keyframe: true}))
	f.Add([]byte("JGO1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tr, err := ParseTrailer(b)
		if err != nil {
			return
		}
		again, err := ParseTrailer(AppendTrailer(nil, tr))
		if err != nil || again != tr {
			t.Fatalf("round trip %+v -> %+v %v", tr, again, err)
		}
		_ = IsVP8Keyframe(b)
	})
}

func BenchmarkVideoFrame(b *testing.B) {
	v, _ := NewVideoSender(VideoConfig{Bitrate: 2_000_000, FPS: 30}, discard{})
	b.ReportAllocs()
	for b.Loop() {
		_ = v.Tick()
	}
}

func BenchmarkReceiverObserve(b *testing.B) {
	r := NewReceiver(nil)
	p := &rtp.Packet{Header: rtp.Header{SSRC: 1}, Payload: AppendTrailer(make([]byte, 1000), Trailer{})}
	b.ReportAllocs()
	for b.Loop() {
		p.SequenceNumber++
		p.Timestamp += 3000
		r.Observe(p, "video", 90000)
	}
}

type discard struct{}

func (discard) WriteRTP(*rtp.Packet) error { return nil }
