package e2e

import (
	"encoding/xml"
	"errors"
	"os"
	"reflect"
	"testing"
)

// fixture is a conference request as prosody routed it to focus.<domain>,
// recorded from lib-jitsi-meet 2.6726.2 by TestLibJitsiMeetReachesFocus.
func fixture(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/conference-iq.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseConferenceRequest(t *testing.T) {
	want := ConferenceRequest{ID: "d29efef9-e817-4545-a6ad-ef8980b93c71:sendIQ", Type: "set",
		From: "u7y848htf05hkj3cdriiyrba@meet.e2e.test/qQlTm4hmpsQB", To: "focus.meet.e2e.test",
		Room: "e2e-room@conference.meet.e2e.test", MachineUID: "abe27e2e4ae3547909b5cd3771c888a0",
		Properties: map[string]string{"disableRtx": "false", "rtcstatsEnabled": "false", "callstatsEnabled": "false"}}
	tests := []struct {
		name    string
		in      string
		want    ConferenceRequest
		wantErr error
	}{
		{"recorded request", string(fixture(t)), want, nil},
		{"no conference", `<iq type="get" id="1"><ping xmlns="urn:xmpp:ping"/></iq>`, ConferenceRequest{}, errNoConference},
		{"other namespace", `<iq type="set"><conference xmlns="urn:x" room="r"/></iq>`, ConferenceRequest{}, errNoConference},
		{"truncated", `<iq type="set"><conference xmlns="` + NSFocus + `"`, ConferenceRequest{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseConferenceRequest([]byte(tc.in))
			switch {
			case tc.name == "truncated":
				if err == nil {
					t.Fatal("no error for truncated XML")
				}
			case tc.wantErr != nil:
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case !reflect.DeepEqual(got, tc.want):
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestObserverRendering checks the observer's path: decode any stanza into a
// node, marshal it back, parse it; the request must survive unchanged.
func TestObserverRendering(t *testing.T) {
	var n node
	if err := xml.Unmarshal(fixture(t), &n); err != nil {
		t.Fatal(err)
	}
	raw, err := xml.Marshal(n.withoutNSAttrs())
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(raw, new(node)); err != nil {
		t.Fatalf("rendered stanza is not XML: %v\n%s", err, raw)
	}
	got, err := ParseConferenceRequest(raw)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ParseConferenceRequest(fixture(t))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after rendering %+v\nwant %+v", got, want)
	}
}

func FuzzParseConferenceRequest(f *testing.F) {
	f.Add(fixture(f))
	f.Add([]byte(`<iq><conference xmlns="` + NSFocus + `"><property/></conference></iq>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseConferenceRequest(b)
		if err == nil && r.Properties == nil {
			t.Fatal("parsed request without a properties map")
		}
	})
}
