package jinglesdp

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// TestToJingleGolden converts a Chrome-shaped answer (simulcast with RTX, a
// recvonly and a rejected m-line, data) into a session-accept.
func TestToJingleGolden(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "chrome-answer.sdp"))
	if err != nil {
		t.Fatal(err)
	}
	lastN := 20
	contents, groups, err := ToJingle(string(data), AnswerOptions{Creator: jingle.CreatorResponder, InitialLastN: &lastN})
	if err != nil {
		t.Fatal(err)
	}
	j := &jingle.Jingle{Action: jingle.ActionSessionAccept, SID: "2bcrb8gcoqf44", Contents: contents, Groups: groups}
	out, err := j.Encode()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "chrome-answer.accept.xml", strings.ReplaceAll(string(out), "><", ">\n<")+"\n")
	// What the focus reads back must be the 1 audio + 6 video sources, SIM and 3 FID.
	own, err := jingle.EndpointSourcesFromContents("abcd1234", contents)
	if err != nil {
		t.Fatal(err)
	}
	if err := own.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(own.Audio) != 1 || len(own.Video) != 6 || len(own.VideoGroups) != 4 {
		t.Fatalf("sources %d audio %d video %d groups", len(own.Audio), len(own.Video), len(own.VideoGroups))
	}
	want := fixture(t, "session-accept.xml")
	wantOwn, err := jingle.EndpointSourcesFromContents("abcd1234", want.Contents)
	if err != nil {
		t.Fatal(err)
	}
	if len(wantOwn.Video) != len(own.Video) || wantOwn.Video[0].Name != own.Video[0].Name ||
		wantOwn.Video[0].MSID() != own.Video[0].MSID() {
		t.Fatalf("sources differ from the session-accept fixture: %+v", own.Video[0])
	}
}

func TestToJingleErrors(t *testing.T) {
	base := "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
	cases := []struct{ name, sdp string }{
		{"not sdp", "hello"},
		{"bad rtpmap", base + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus\r\n"},
		{"bad clockrate", base + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/x\r\n"},
		{"bad ssrc", base + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ssrc:x msid:a b\r\n"},
		{"bad extmap", base + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=extmap:x urn:a\r\n"},
		{"bad candidate", base + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=candidate:1 1 udp\r\n"},
		{"bad fingerprint", base + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:sha-256\r\n"},
		{"bad group", base + "m=video 9 UDP/TLS/RTP/SAVPF 100\r\na=ssrc-group:FID 1 y\r\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, _, err := ToJingle(c.sdp, AnswerOptions{}); !errors.Is(err, ErrBadSDP) && !errors.Is(err, ErrBadCandidate) {
				t.Fatalf("err %v", err)
			}
		})
	}
}

func TestCandidateRoundTrip(t *testing.T) {
	j := fixture(t, "transport-info.xml")
	for _, c := range j.Transport().Candidates {
		got, err := CandidateFromSDP("a=" + CandidateToSDP(c))
		if err != nil {
			t.Fatal(err)
		}
		got.ID, got.Network = c.ID, c.Network
		if got != c {
			t.Errorf("round trip\n got %+v\nwant %+v", got, c)
		}
	}
}

func TestParseFmtp(t *testing.T) {
	cases := []struct {
		in   string
		want []jingle.Parameter
	}{
		{"minptime=10;useinbandfec=1", []jingle.Parameter{{Name: "minptime", Value: "10"}, {Name: "useinbandfec", Value: "1"}}},
		{"111/111", []jingle.Parameter{{Value: "111/111"}}},
		{" apt=100 ; ", []jingle.Parameter{{Name: "apt", Value: "100"}}},
		{"", nil},
	}
	for _, c := range cases {
		got := ParseFmtp(c.in)
		if len(got) != len(c.want) {
			t.Fatalf("%q: %+v", c.in, got)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: %+v, want %+v", c.in, got, c.want)
			}
		}
	}
}

func TestAnnotateUnknownSSRC(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "chrome-answer.sdp"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Annotate(string(data), []LocalSource{{SSRCs: []uint32{42}, Name: "x"}}); !errors.Is(err, ErrUnknownSSRC) {
		t.Fatalf("err %v", err)
	}
}
