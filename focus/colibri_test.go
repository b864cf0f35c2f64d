package focus

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

func TestColibriRequestsGolden(t *testing.T) {
	cfg := testConfig(t, "")
	f := NewOfferFactory(cfg.Codec, cfg.SCTP)
	client := &jingle.ICEUDPTransport{Ufrag: "Wq3L", Pwd: "v7ZzPq0y1X8nYt2kR4mB6sJd",
		Fingerprints: []jingle.Fingerprint{{Hash: "sha-256", Setup: "active", Value: "34:60:BE:31"}}}
	src := clientSources("abcd1234", 5000)
	empty := jingle.EndpointSources{Owner: "abcd1234"}
	tests := []struct {
		name string
		req  *colibri.ConferenceModify
	}{
		{"create", ModifyRequest("m-1", "room1@conference.example.com", true, f.CreateEndpoint(EndpointParams{
			ID: "abcd1234", StatsID: "Fred-x1y", Options: f.Options(WebClientFeatures)}))},
		{"create-nosctp-muted", ModifyRequest("m-1", "room1@conference.example.com", false, f.CreateEndpoint(EndpointParams{
			ID: "abcd1234", StatsID: "Fred-x1y", Options: f.Options(FeatureAudio | FeatureVideo), ForceMuteAudio: true}))},
		{"update", ModifyRequest("m-1", "", false, UpdateEndpoint("abcd1234", "Fred-x1y", client, &src,
			&jingle.InitialLastN{Value: 20}))},
		{"update-clear", ModifyRequest("m-1", "", false, UpdateEndpoint("abcd1234", "", nil, &empty, nil))},
		{"expire-endpoint", ModifyRequest("m-1", "", false, ExpireEndpoint("abcd1234"))},
		{"force-mute", ModifyRequest("m-1", "", false, ForceMuteEndpoint("abcd1234", true, false))},
		{"expire-conference", ExpireConference("m-1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.req.Validate(); err != nil {
				t.Fatalf("invalid request: %v", err)
			}
			iq := colibri.NewConferenceModifyIQ("id-1", tt.req)
			golden(t, "c2-"+tt.name+".xml", indentXML(t, marshal(t, iq)))
		})
	}
}

func TestSourcesToColibriRoundTrip(t *testing.T) {
	src := clientSources("abcd1234", 5000)
	c := SourcesToColibri(src)
	if len(c.MediaSources) != 2 || c.ByID("abcd1234-v0") == nil || c.ByID("abcd1234-a0") == nil {
		t.Fatalf("media sources %+v", c.MediaSources)
	}
	if got := len(c.ByID("abcd1234-v0").SSRCGroups); got != 4 {
		t.Fatalf("video groups %d, want 4", got)
	}
	if SourcesToColibri(jingle.EndpointSources{}) != nil {
		t.Fatal("empty sources should give nil")
	}
}

func TestParseEndpointReply(t *testing.T) {
	resp := fixtureModified(t)
	tr, port, err := ParseEndpointReply(resp, "a1b2c3d4", true)
	if err != nil || tr.Ufrag != "8a1bqpg3sn4ifr" || port != 5000 {
		t.Fatalf("got %v %d %v", tr, port, err)
	}
	if _, _, err := ParseEndpointReply(resp, "other", false); !errors.Is(err, ErrNoTransport) {
		t.Fatalf("unknown endpoint: %v", err)
	}
	resp.Endpoints[0].Transport.SCTP = nil
	if _, _, err := ParseEndpointReply(resp, "a1b2c3d4", true); !errors.Is(err, ErrNoSCTPPort) {
		t.Fatalf("missing sctp: %v", err)
	}
	fb := FeedbackSources(resp.Sources)
	if fb.Owner != jingle.OwnerJVB || len(fb.Audio) != 1 || fb.Audio[0].MSID() != feedbackAudioMSID ||
		len(fb.Video) != 1 || fb.Video[0].MSID() != feedbackVideoMSID || fb.Video[0].SSRC != 1863439907 {
		t.Fatalf("feedback %+v", fb)
	}
}

func TestClassifyError(t *testing.T) {
	tests := []struct {
		err  error
		want Failure
	}{
		{colibri.NewStanzaError(stanza.Modify, stanza.BadRequest, "x"), FailNoRetry},
		{colibri.NewError(colibri.ReasonConferenceNotFound, ""), FailSession},
		{colibri.NewUnknownEndpointError("e", ""), FailNoRetry},
		{colibri.NewStanzaError(stanza.Cancel, stanza.ItemNotFound, "muc"), FailNoRetry},
		{colibri.NewError(colibri.ReasonConferenceAlreadyExists, ""), FailSession},
		{colibri.NewError(colibri.ReasonGracefulShutdown, ""), FailGraceful},
		{colibri.NewStanzaError(stanza.Cancel, stanza.ServiceUnavailable, ""), FailBridge},
		{colibri.NewStanzaError(stanza.Wait, stanza.InternalServerError, ""), FailBridge},
		{*colibri.NewError(colibri.ReasonGracefulShutdown, ""), FailGraceful},
		{fmt.Errorf("send: %w", context.DeadlineExceeded), FailBridge},
		{fmt.Errorf("wrapped: %w", colibri.NewStanzaError(stanza.Modify, stanza.BadRequest, "")), FailNoRetry},
	}
	for i, tt := range tests {
		if got := ClassifyError(tt.err); got != tt.want {
			t.Errorf("%d (%v): got %v, want %v", i, tt.err, got, tt.want)
		}
	}
}

func TestBreweryStats(t *testing.T) {
	s := colibri.StatsFromMap(map[string]string{"stress_level": "0.3", "drain": "false", "region": "eu",
		"version": "2.3", "release": "9", "shutting_down": "true", "participants": "7"})
	got := BreweryStats(s)
	if !got.HasStress || got.StressLevel != 0.3 || got.Drain || got.Region != "eu" || got.FullVersion() != "2.3-9" ||
		!got.ShuttingDown || got.Participants != 7 || !got.Healthy {
		t.Fatalf("got %+v", got)
	}
	if d := BreweryStats(colibri.NewStats()); !d.Drain || d.HasStress {
		t.Fatalf("defaults %+v", d)
	}
}
