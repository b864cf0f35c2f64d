package focus

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// testAllocation is the bridge side of an offer, from the real
// conference-modified fixture.
func testAllocation(t testing.TB) *Allocation {
	t.Helper()
	resp := fixtureModified(t)
	transport, port, err := ParseEndpointReply(resp, "a1b2c3d4", true)
	if err != nil {
		t.Fatal(err)
	}
	return &Allocation{BridgeJID: "jvbbrewery@internal.auth.meet.example.com/7f3c", SessionID: "bs-1",
		Region: "us-east-1", Transport: transport, SCTPPort: port, Feedback: FeedbackSources(resp.Sources)}
}

// offerSources are what a fourth participant is offered: two others with
// simulcast (stripped, as the conference does) and the feedback sources.
func offerSources(a *Allocation) jingle.ConferenceSourceMap {
	m := jingle.ConferenceSourceMap{}
	m.Add(clientSources("aaaa1111", 1000).StripSimulcast())
	m.Add(clientSources("bbbb2222", 2000).StripSimulcast())
	m.Add(a.Feedback)
	return m
}

func TestOfferGolden(t *testing.T) {
	tests := []struct {
		name     string
		conf     string
		features Features
		json     bool
		muted    *jingle.StartMuted
	}{
		{name: "webclient-json", features: WebClientFeatures, json: true},
		{name: "webclient-elements", features: WebClientFeatures &^ FeatureJSONSources},
		{name: "remb-red-startmuted", conf: "jicofo.codec.audio.opus.red.enabled = true",
			features: FeatureAudio | FeatureVideo | FeatureSCTP | FeatureREMB | FeatureOpusRED | FeatureRTX, json: true,
			muted: &jingle.StartMuted{Audio: true}},
		{name: "minimal-no-sctp", conf: "jicofo.sctp.enabled = false", features: FeatureAudio | FeatureVideo | FeatureSCTP},
		{name: "audio-only", features: FeatureAudio | FeatureTCC, json: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t, tt.conf)
			f := NewOfferFactory(cfg.Codec, cfg.SCTP)
			a := testAllocation(t)
			src := offerSources(a)
			j, err := f.Build(OfferParams{SID: "sid-" + tt.name, Initiator: "focus@auth.example.com/focus",
				Options: f.Options(tt.features), Alloc: a, Sources: src, JSON: tt.json, StartMuted: tt.muted})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "offer-"+tt.name+".xml", indentXML(t, marshal(t, j)))
			checkOffer(t, j, f.Options(tt.features), src)
		})
	}
}

// checkOffer decodes the encoded offer again and checks what a client relies
// on: bundle over every content, the bridge transport everywhere, a data
// content exactly when SCTP is offered, and the same sources back.
func checkOffer(t *testing.T, j *jingle.Jingle, o OfferOptions, want jingle.ConferenceSourceMap) {
	t.Helper()
	back, err := jingle.Decode(marshal(t, j))
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := back.Content(jingle.ContentData) != nil; got != o.SCTP {
		t.Errorf("data content present %v, SCTP offered %v", got, o.SCTP)
	}
	if b := back.Bundle(); b == nil || len(b.Names()) != len(back.Contents) {
		t.Errorf("bundle group %+v for %d contents", b, len(back.Contents))
	}
	for _, c := range back.Contents {
		if c.Transport == nil || c.Transport.Ufrag != "8a1bqpg3sn4ifr" || len(c.Transport.Candidates) != 2 {
			t.Errorf("content %s lacks the bridge transport", c.Name)
		}
	}
	got, err := back.Sources()
	if err != nil {
		t.Fatal(err)
	}
	for owner, e := range want {
		if ssrcList(got[owner]) != ssrcList(e) {
			t.Errorf("owner %s: got ssrcs %s, want %s", owner, ssrcList(got[owner]), ssrcList(e))
		}
	}
}

func TestOfferNeedsTransport(t *testing.T) {
	cfg := testConfig(t, "")
	f := NewOfferFactory(cfg.Codec, cfg.SCTP)
	if _, err := f.Build(OfferParams{SID: "x", Alloc: &Allocation{}}); err == nil {
		t.Fatal("offer without transport built")
	}
}

func TestOfferOptionsFor(t *testing.T) {
	tests := []struct {
		f    Features
		sctp bool
		want OfferOptions
	}{
		{WebClientFeatures, true, OfferOptions{Audio: true, Video: true, SCTP: true, TCC: true, RTX: true}},
		{WebClientFeatures, false, OfferOptions{Audio: true, Video: true, TCC: true, RTX: true}},
		{FeatureAudio | FeatureREMB, true, OfferOptions{Audio: true, REMB: true}},
		{DefaultFeatures, true, OfferOptions{Audio: true, Video: true, SCTP: true}},
		{FeatureOpusRED | FeatureAudio, true, OfferOptions{Audio: true, OpusRED: true}},
	}
	for i, tt := range tests {
		if got := OfferOptionsFor(tt.f, tt.sctp); got != tt.want {
			t.Errorf("%d: got %+v, want %+v", i, got, tt.want)
		}
	}
}

func TestParseFeatures(t *testing.T) {
	f := ParseFeatures([]string{"urn:xmpp:jingle:apps:rtp:audio", "http://jitsi.org/json-encoded-sources",
		"http://jitsi.org/tcc", "urn:unknown"})
	if f != FeatureAudio|FeatureJSONSources|FeatureTCC {
		t.Fatalf("got %b", f)
	}
}
