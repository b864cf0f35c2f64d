package bridge

import (
	"fmt"
	"log/slog"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
)

// BenchmarkColibri2CreateAndExpire measures one endpoint allocation
// (conference create, transport answer, feedback sources) plus its expiry.
func BenchmarkColibri2CreateAndExpire(b *testing.B) {
	tb := newTestBridge(b, Config{Logger: slog.New(slog.DiscardHandler)})
	b.ReportAllocs()
	for i := range b.N {
		id := fmt.Sprint("m", i)
		tb.mustModify(b, createEndpoint(id, "ep0", true))
		tb.mustModify(b, &colibri.ConferenceModify{MeetingID: id, Expire: true})
	}
}

// BenchmarkEndpointMessageRelay measures decoding an EndpointMessage and
// re-encoding it with "from" (the per-message relay cost).
func BenchmarkEndpointMessageRelay(b *testing.B) {
	data := fixtures(b)["endpoint-message.json"]
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for range b.N {
		m, err := DecodeMessage(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.WithFrom("abcd1234"); err != nil {
			b.Fatal(err)
		}
	}
}
