package xmppapi

import (
	"io"
	"log/slog"
	"strconv"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// statsBridge publishes a realistic number of statistics.
type statsBridge struct{ stubBridge }

func (statsBridge) Stats() *colibri.Stats {
	m := map[string]string{"drain": "false", "stress_level": "0.12", "version": "2.3.0", "healthy": "true"}
	for i := range 40 {
		m["counter_"+strconv.Itoa(i)] = strconv.Itoa(i * 1000)
	}
	return colibri.StatsFromMap(m)
}

// BenchmarkStatsPresence builds the <stats/> extension sent every
// presence interval, and its presence stanza bytes.
func BenchmarkStatsPresence(b *testing.B) {
	cfg := Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}.withDefaults()
	s := &session{c: newConnector(cfg, goodClient(), statsBridge{}, func() {})}
	b.ReportAllocs()
	for b.Loop() {
		st, err := s.statsElement(false)
		if err != nil {
			b.Fatal(err)
		}
		p := xmpp.NewElement(xmpp.NSClient, "presence", "to", "jvbbrewery@internal.auth.meet.example/jvb").Add(st)
		b.SetBytes(int64(len(p.Marshal(xmpp.NSClient))))
	}
}
