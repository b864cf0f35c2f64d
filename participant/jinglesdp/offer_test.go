package jinglesdp

import (
	"errors"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

func TestOfferGolden(t *testing.T) {
	cases := []struct {
		fixture string
		updates []string // source-add / source-remove fixtures applied in order
	}{
		{"session-initiate-json.xml", nil},
		{"session-initiate-elements.xml", nil},
		{"session-initiate-json.xml", []string{"source-add-json.xml", "source-remove-json.xml"}},
		{"session-initiate-elements.xml", []string{"source-add-elements.xml"}},
	}
	for _, c := range cases {
		name := strings.TrimSuffix(c.fixture, ".xml")
		for _, u := range c.updates {
			name += "+" + strings.TrimSuffix(u, ".xml")
		}
		t.Run(name, func(t *testing.T) {
			o, err := FromJingle(fixture(t, c.fixture))
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range c.updates {
				applyUpdate(t, o, fixture(t, u))
			}
			golden(t, name+".sdp", o.SDP())
		})
	}
}

func applyUpdate(t testing.TB, o *Offer, j *jingle.Jingle) []string {
	t.Helper()
	srcs, err := j.Sources()
	if err != nil {
		t.Fatal(err)
	}
	switch j.Action.Canonical() {
	case jingle.ActionSourceAdd:
		mids, err := o.AddSources(srcs)
		if err != nil {
			t.Fatal(err)
		}
		return mids
	case jingle.ActionSourceRemove:
		return o.RemoveSources(srcs)
	}
	t.Fatalf("not a source update: %s", j.Action)
	return nil
}

// TestOfferLayout checks the lib-jitsi-meet layout rules on the fixture:
// one m-line per source family, the bridge's source in the first sendrecv
// m-line, RTX partners with their primary, BUNDLE over every mid.
func TestOfferLayout(t *testing.T) {
	o, err := FromJingle(fixture(t, "session-initiate-json.xml"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		ssrc  uint32
		mid   string
		owner string
	}{
		{3191927963, "0", "jvb"},      // jvb-a0: first audio m-line
		{1410276543, "1", "7f3a9c21"}, // remote audio
		{1863439907, "2", "jvb"},      // jvb-v0: first video m-line
		{2229413651, "3", "7f3a9c21"}, // remote video ...
		{3882941506, "3", "7f3a9c21"}, // ... and its RTX in the same m-line
	}
	for _, c := range checks {
		mid, ok := o.MidOf(c.ssrc)
		owner, _ := o.OwnerOf(c.ssrc)
		if !ok || mid != c.mid || owner != c.owner {
			t.Errorf("ssrc %d: mid %q owner %q, want %q %q", c.ssrc, mid, owner, c.mid, c.owner)
		}
	}
	sdp := o.SDP()
	for _, want := range []string{"a=group:BUNDLE 0 1 2 3 4\r\n", "a=setup:actpass\r\n",
		"a=ssrc-group:FID 2229413651 3882941506\r\n", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n",
		"a=sctp-port:5000\r\n", "a=candidate:2 1 udp 1694498815 203.0.113.7 10000 typ srflx raddr 10.0.0.5 rport 10000 generation 0\r\n"} {
		if !strings.Contains(sdp, want) {
			t.Errorf("SDP lacks %q", want)
		}
	}
	if n := strings.Count(sdp, "a=sendrecv"); n != 3 {
		t.Errorf("%d sendrecv m-lines, want 3 (audio, video, data)", n)
	}
}

func TestOfferErrors(t *testing.T) {
	j := fixture(t, "session-initiate-json.xml")
	audioOnly := []jingle.Content{j.Contents[0]}
	cases := []struct {
		name     string
		t        *jingle.ICEUDPTransport
		contents []jingle.Content
		srcs     jingle.ConferenceSourceMap
		want     error
	}{
		{"no transport", nil, j.Contents, nil, ErrNoTransport},
		{"no media", j.Transport(), []jingle.Content{j.Contents[2]}, nil, ErrNoMedia},
		{"video source without video", j.Transport(), audioOnly, jingle.ConferenceSourceMap{
			"x": {Owner: "x", Video: []jingle.Source{jingle.NewSource(5, "x-v0", "a b", "")}}}, ErrUnknownMedia},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := NewOffer(c.t, c.contents, c.srcs); !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
		})
	}
	j.Contents = []jingle.Content{{Name: "audio"}}
	if _, err := FromJingle(j); !errors.Is(err, ErrNoTransport) {
		t.Fatalf("FromJingle without transport: %v", err)
	}
}

// TestOfferAddRemove checks mid stability: added families get new mids,
// removed ones become rejected m-lines, re-adding an SSRC is a no-op.
func TestOfferAddRemove(t *testing.T) {
	o, err := FromJingle(fixture(t, "session-initiate-json.xml"))
	if err != nil {
		t.Fatal(err)
	}
	v := o.Version
	mids := applyUpdate(t, o, fixture(t, "source-add-json.xml"))
	if want := []string{"5", "6", "7"}; strings.Join(mids, ",") != strings.Join(want, ",") {
		t.Fatalf("added mids %v, want %v", mids, want)
	}
	if again := applyUpdate(t, o, fixture(t, "source-add-json.xml")); len(again) != 0 {
		t.Fatalf("re-adding gave mids %v", again)
	}
	removed := applyUpdate(t, o, fixture(t, "source-remove-json.xml"))
	if strings.Join(removed, ",") != "7" {
		t.Fatalf("removed mids %v, want [7]", removed)
	}
	if _, ok := o.MidOf(734190258); ok {
		t.Fatal("removed SSRC still signalled")
	}
	if o.Version != v+2 {
		t.Fatalf("version %d, want %d", o.Version, v+2)
	}
	sdp := o.SDP()
	if !strings.Contains(sdp, "m=video 0 UDP/TLS/RTP/SAVPF") || !strings.Contains(sdp, "a=inactive\r\na=mid:7\r\n") {
		t.Fatalf("removed m-line not rejected:\n%s", sdp)
	}
}

func TestSetTransport(t *testing.T) {
	o, err := FromJingle(fixture(t, "session-initiate-json.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tr := fixture(t, "transport-info.xml").Transport()
	o.SetTransport(*tr)
	sdp := o.SDP()
	if !strings.Contains(sdp, "a=ice-ufrag:Wq3L\r\n") || strings.Contains(sdp, "7g0bt1hqtdkj5v") {
		t.Fatal("transport not replaced")
	}
	if !strings.Contains(sdp, "typ host tcptype active generation 0") {
		t.Fatal("tcp candidate lost its tcptype")
	}
}
