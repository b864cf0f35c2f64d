package report

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// TestWriteHTMLLarge checks that a run of more than 200 participants
// shows the 200 worst by join time, never-joined first, and says so.
func TestWriteHTMLLarge(t *testing.T) {
	r := synthResult(1000, 30)
	doc := parse(t, render(t, r))
	rows := tableRows(t, doc)
	if len(rows) != maxRows {
		t.Fatalf("%d rows, want %d", len(rows), maxRows)
	}
	if !strings.Contains(text(doc), "Showing the 200 worst of 1000 participants") {
		t.Error("the cut to 200 rows is not said")
	}
	failed := 1000 / 50
	prev := math.Inf(1)
	for i, tr := range rows {
		cells := elements(tr, "td")
		joined, join := text(cells[3]), text(cells[9])
		if i < failed {
			if joined != "no" {
				t.Fatalf("row %d joined=%s, want the %d failed participants first", i, joined, failed)
			}
			continue
		}
		v, err := strconv.ParseFloat(join, 64)
		if err != nil || v > prev {
			t.Fatalf("row %d join %q after %v: not in descending order", i, join, prev)
		}
		prev = v
	}
}

// TestWriteHTMLOddValues feeds values a run should not produce but a
// hand-edited or truncated file may hold.
func TestWriteHTMLOddValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := map[string]*loadtest.Result{
		"one sample": {Samples: []loadtest.Sample{{T: 1, Joined: 1, RecvBitrateBps: 5e5,
			Procs: []loadtest.ProcSample{{Name: "bridge", PID: 1, CPU: 0.1, RSSBytes: 1 << 20}}}}},
		"all zero": {Samples: make([]loadtest.Sample, 5)},
		"not finite": {Samples: []loadtest.Sample{{T: nan, LossRate: inf}, {T: 2, LossRate: nan, RecvBitrateBps: -inf}},
			Participants: []loadtest.ParticipantResult{{Joined: true, JoinMs: inf, ToICEMs: nan,
				Streams: []loadtest.StreamResult{{LossRate: nan, JitterMs: -1}}}},
			Summary: loadtest.Summary{JoinP50Ms: nan, LossRate: inf}},
		"negative": {Participants: []loadtest.ParticipantResult{{Joined: true, JoinMs: -5}},
			Samples: []loadtest.Sample{{T: -1, Joined: -3}}},
	}
	for name, r := range tests {
		t.Run(name, func(t *testing.T) {
			page := render(t, r)
			parse(t, page)
			if strings.Contains(string(page), "NaN") || strings.Contains(string(page), "Inf") {
				t.Error("page shows NaN or Inf")
			}
		})
	}
}

func TestParticipantRow(t *testing.T) {
	p := loadtest.ParticipantResult{Conference: "c", Endpoint: "e", Joined: true, SendsAudio: true,
		ToSessionInitiateMs: 4.25, ToICEMs: 120.4, ToDTLSMs: -1, ToFirstAudioMs: -1, ToFirstVideoMs: -1,
		JoinMs: 300, Streams: []loadtest.StreamResult{
			{LossRate: 0.001, JitterMs: 2, Freezes: 1, FrozenMs: 600},
			{LossRate: 0.05, JitterMs: 9.5, Freezes: 2, FrozenMs: 1200},
		}}
	got := participantRow(p)
	want := partRow{Conference: "c", Endpoint: "e", Joined: "yes", Sends: "A", ToSI: "4.2", ToICE: "120",
		ToDTLS: "—", ToAudio: "—", ToVideo: "—", Join: "300", Streams: "2", WorstLoss: "5.00 %",
		Jitter: "9.5", Freezes: "3 (1800 ms)", Status: "warn"}
	if got != want {
		t.Errorf("participantRow =\n%+v, want\n%+v", got, want)
	}
}
