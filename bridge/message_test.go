package bridge

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func fixtures(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("testdata/channel/*.json")
	must(t, err)
	out := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		must(t, err)
		out[filepath.Base(f)] = []byte(strings.TrimSpace(string(data)))
	}
	return out
}

func TestDecodeFixtures(t *testing.T) {
	want := map[string]string{
		"rvc.json": ClassReceiverVideoConstraints, "rvc-legacy.json": ClassReceiverVideoConstraints,
		"endpoint-message.json": ClassEndpointMessage, "endpoint-message-unicast.json": ClassEndpointMessage,
		"endpoint-stats.json": ClassEndpointStats, "lastn.json": ClassLastNChanged,
		"source-video-type.json": ClassSourceVideoType, "video-type.json": ClassVideoType,
		"client-hello.json": ClassClientHello, "audio-subscription.json": "ReceiverAudioSubscription",
	}
	for name, data := range fixtures(t) {
		m, err := DecodeMessage(data)
		if err != nil || m.Class != want[name] {
			t.Errorf("%s: %v, class %q", name, err, m)
			continue
		}
		out, err := m.WithFrom("ep9")
		must(t, err)
		var a, b map[string]any
		must(t, json.Unmarshal(data, &a))
		must(t, json.Unmarshal(out, &b))
		if b["from"] != "ep9" {
			t.Errorf("%s: from %v", name, b["from"])
		}
		delete(b, "from")
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: relayed message changed:\n%v\n%v", name, a, b)
		}
	}
}

func TestReceiverVideoConstraintsMerge(t *testing.T) {
	f := fixtures(t)
	s := newConstraintsState()
	for _, name := range []string{"rvc.json", "rvc-legacy.json"} {
		m, err := DecodeMessage(f[name])
		must(t, err)
		var rvc ReceiverVideoConstraints
		must(t, m.Decode(&rvc))
		s.merge(&rvc)
	}
	c := s.sfu()
	// lastN and per-source constraints survive the second message, which
	// carries neither; the endpoint lists map onto camera sources.
	if c.LastN != 25 || c.DefaultMaxHeight != 360 || c.MaxHeight["abcd1234-v0"] != 720 || c.MaxHeight["ef567890-v1"] != 360 ||
		!reflect.DeepEqual(c.SelectedSources, []string{"abcd1234-v0"}) || !reflect.DeepEqual(c.OnStageSources, []string{"abcd1234-v0"}) {
		t.Errorf("merged %+v", c)
	}
}

func TestDecodeRejects(t *testing.T) {
	for i, in := range []string{``, `null`, `[]`, `"x"`, `{}`, `{"colibriClass":5}`, `{"colibriClass":""}`, `{"colibriClass":"X"`,
		`{"colibriClass":"X"}` + strings.Repeat(" ", MaxMessageSize)} {
		if _, err := DecodeMessage([]byte(in)); err == nil {
			t.Errorf("%d: %.40q accepted", i, in)
		}
	}
}

func TestEmittedMessagesGolden(t *testing.T) {
	msgs := map[string]any{
		"server-hello":     ServerHello{Class: ClassServerHello},
		"dominant-speaker": DominantSpeakerChange{Class: ClassDominantSpeaker, Endpoint: "abcd1234", PreviousSpeakers: []string{"ef567890"}},
		"forwarded":        ForwardedSources{Class: ClassForwardedSources, Sources: []string{"abcd1234-v0", "ef567890-v0"}},
		"lastn-endpoints":  LastNEndpointsChange{Class: ClassLastNEndpoints, Endpoints: []string{"abcd1234", "ef567890"}},
	}
	for name, v := range msgs {
		got := append(mustJSON(v), '\n')
		path := filepath.Join("testdata", "golden", name+".json")
		if *update {
			must(t, os.MkdirAll(filepath.Dir(path), 0o755))
			must(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		must(t, err)
		if string(got) != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

func FuzzDecodeMessage(f *testing.F) {
	for _, data := range fixtures(f) {
		f.Add(data)
	}
	f.Add([]byte(`{"colibriClass":"ReceiverVideoConstraints","constraints":{"a":{"maxHeight":-5}},"lastN":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeMessage(data)
		if err != nil {
			return
		}
		var rvc ReceiverVideoConstraints
		if m.Decode(&rvc) == nil {
			s := newConstraintsState()
			s.merge(&rvc)
			for _, h := range s.sfu().MaxHeight {
				if h < 0 {
					t.Fatalf("negative max height from %q", data)
				}
			}
		}
		var l LastNChanged
		_ = m.Decode(&l)
		out, err := m.WithFrom("ep0")
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		again, err := DecodeMessage(out)
		if err != nil || again.Class != m.Class || again.String("from") != "ep0" {
			t.Fatalf("round trip of %q: %v", data, err)
		}
	})
}
