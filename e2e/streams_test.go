package e2e

import "testing"

func TestGrowth(t *testing.T) {
	a := func(ssrc uint32, who string, packets int64) Stream {
		return Stream{SSRC: ssrc, Kind: "audio", Participant: who, Packets: packets, Bytes: packets * 50}
	}
	tests := []struct {
		name        string
		first, last Streams
		want        int64
	}{
		{"grows", Streams{a(1, "p", 10)}, Streams{a(1, "p", 40)}, 30},
		{"new stream counts in full", Streams{a(1, "p", 10)}, Streams{a(1, "p", 10), a(2, "p", 25)}, 25},
		{"frozen stream gains nothing", Streams{a(1, "p", 10)}, Streams{a(1, "p", 10)}, 0},
		{"restarted counters count from zero", Streams{a(1, "p", 90)}, Streams{a(1, "p", 5)}, 5},
		{"other participant ignored", Streams{a(1, "p", 10)}, Streams{a(1, "p", 10), a(3, "q", 99)}, 0},
		{"attribution read from last only", Streams{a(1, "", 10)}, Streams{a(1, "p", 30)}, 20},
		{"video ignored", nil, Streams{{SSRC: 4, Kind: "video", Participant: "p", Packets: 7}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := Growth(tc.first, tc.last, "p", "audio")
			if g.Packets != tc.want || g.Bytes != tc.want*50 {
				t.Errorf("Growth = %+v, want %d packets", g, tc.want)
			}
		})
	}
}

func TestStreamsKeys(t *testing.T) {
	ss := Streams{
		{SSRC: 1, Kind: "audio", Participant: "p", Packets: 3},
		{SSRC: 2, Kind: "video", Participant: "p", Packets: 4},
		{SSRC: 3, Kind: "audio", Participant: "q", Packets: 5},
	}
	keys := ss.Keys("p")
	if len(keys) != 2 || !keys["audio/1"] || !keys["video/2"] {
		t.Fatalf("Keys(p) = %v", keys)
	}
	// Once p's tracks are gone the streams are unattributed but still counted by key.
	gone := Streams{{SSRC: 1, Kind: "audio", Packets: 9}, {SSRC: 3, Kind: "audio", Participant: "q", Packets: 6}}
	if got := gone.OfKeys(keys, "audio"); got.Packets != 9 || got.Streams != 1 {
		t.Errorf("OfKeys = %+v, want 9 packets in 1 stream", got)
	}
	if got := ss.Of("q", "audio"); got.Packets != 5 {
		t.Errorf("Of(q, audio) = %+v", got)
	}
}
