package focus

import (
	"fmt"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// BenchmarkOffer10 builds the session-initiate for the tenth participant of a
// conference: nine others with audio and simulcast video, the way the
// executor does it (the others' stripped sources, the feedback sources,
// build), with and without json-message, and with the XML encoding.
func BenchmarkOffer10(b *testing.B) {
	cfg := testConfig(b, "")
	f := NewOfferFactory(cfg.Codec, cfg.SCTP)
	a := testAllocation(b)
	sm := newSourceMap(20, 20, true)
	for i := 0; i < 10; i++ {
		owner := fmt.Sprintf("ep%02d", i)
		if _, err := sm.tryAdd(owner, clientSources(owner, uint32(10000*(i+1)))); err != nil {
			b.Fatal(err)
		}
	}
	opts := f.Options(WebClientFeatures)
	build := func(json, encode bool) {
		src := sm.signaled("ep09")
		src[a.Feedback.Owner] = a.Feedback
		j, err := f.Build(OfferParams{SID: "s", Initiator: "focus@auth.example.com/focus", Options: opts,
			Alloc: a, Sources: src, JSON: json})
		if err != nil {
			b.Fatal(err)
		}
		if encode {
			if _, err := j.Encode(); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, bc := range []struct {
		name         string
		json, encode bool
	}{{"json", true, false}, {"elements", false, false}, {"json+encode", true, true}, {"elements+encode", false, true}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				build(bc.json, bc.encode)
			}
		})
	}
}

// BenchmarkSignalSourcesDiff measures the per-participant source signalling
// diff when one of ten participants adds its sources.
func BenchmarkSignalSourcesDiff(b *testing.B) {
	b.ReportAllocs()
	base := jingle.ConferenceSourceMap{}
	for i := 0; i < 9; i++ {
		owner := fmt.Sprintf("ep%02d", i)
		base.Add(clientSources(owner, uint32(10000*(i+1))).StripSimulcast())
	}
	add := jingle.ConferenceSourceMap{}
	add.Add(clientSources("ep09", 100000).StripSimulcast())
	for i := 0; i < b.N; i++ {
		s := newSourceSignaling()
		s.reset(base)
		s.add(add)
		s.update()
	}
}

// BenchmarkMoveConference measures the focus's own work to move a conference
// whose bridge left the brewery: from the registry event until every
// participant has been sent session-terminate and a new session-initiate on
// the other bridge (the doubles answer at once, so this is the focus's
// overhead, not network time).
func BenchmarkMoveConference(b *testing.B) {
	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("participants=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				h := newHarness(b, "", bridge1, bridge2)
				nicks := nActive(b, h, n)
				_, changed := h.sig.rec.snapshot()
				b.StartTimer()
				h.reg.Remove(bridge1)
				<-changed
				h.settle()
				b.StopTimer()
				for _, nick := range nicks {
					if h.last(nick, jingle.ActionSessionInitiate).Transport().Ufrag != "ufrag-"+bridge2 {
						b.Fatalf("%s was not moved", nick)
					}
				}
				h.stop()
				b.StartTimer()
			}
		})
	}
}
