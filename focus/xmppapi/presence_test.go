package xmppapi

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

func loadPresence(t testing.TB, name string) *xmpp.Element {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	e, err := xmpp.ParseElement(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return e
}

func TestParsePresence(t *testing.T) {
	tests := []struct {
		file string
		want presenceInfo
	}{
		{"presence-web.xml", presenceInfo{StatsID: "Fred-x1y", Region: "us-east-1", AudioMuted: false, VideoMuted: true,
			Codecs: []string{"av1", "vp9", "vp8", "h264"}, CapsNode: "https://jitsi.org/jitsi-meet", CapsVer: "cvjWXufsg4xT62Ec2mlATkFZ9lk="}},
		{"presence-legacy.xml", presenceInfo{StatsID: "Old-abc", AudioMuted: false, VideoMuted: false,
			Codecs: []string{"h264", "vp8"}}},
		{"presence-bare.xml", presenceInfo{AudioMuted: true, VideoMuted: true, Codecs: []string{"vp8"}}},
		// A broken SourceInfo means nothing is known: muted, and the
		// legacy element is not consulted since SourceInfo is present.
		{"presence-badsourceinfo.xml", presenceInfo{AudioMuted: true, VideoMuted: true, Codecs: []string{"vp8"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := parsePresence(loadPresence(t, tt.file))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestSourceInfoMuted(t *testing.T) {
	tests := []struct {
		json         string
		audio, video bool
	}{
		{`{}`, true, true},
		{`{"e-a0":{"muted":false}}`, false, true},
		{`{"e-v0":{"muted":false},"e-v1":{"muted":true}}`, true, false},
		{`{"e-a0":{}}`, true, true},
		{`{"noDash":{"muted":false}}`, true, true},
		{`{"e-":{"muted":false}}`, true, true},
		{`[1,2]`, true, true},
	}
	for i, tt := range tests {
		a, v := sourceInfoMuted(tt.json)
		if a != tt.audio || v != tt.video {
			t.Errorf("%d: %s: got audio %v video %v, want %v %v", i, tt.json, a, v, tt.audio, tt.video)
		}
	}
}

func FuzzParsePresence(f *testing.F) {
	for _, name := range []string{"presence-web.xml", "presence-legacy.xml", "presence-bare.xml", "presence-badsourceinfo.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := xmpp.ParseElement(data)
		if err != nil {
			return
		}
		info := parsePresence(e)
		if len(info.Codecs) == 0 {
			t.Fatal("vp8 is always in the codec list")
		}
	})
}
