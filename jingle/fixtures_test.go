package jingle

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/stanza"
)

// fixtureTest is one whole stanza under testdata/ and what it must decode to.
type fixtureTest struct {
	file  string
	check func(t *testing.T, iq *IQ)
}

var fixtureTests = []fixtureTest{
	0:  {"session-initiate-json.xml", checkInitiateJSON},
	1:  {"session-initiate-elements.xml", checkInitiateElements},
	2:  {"session-accept.xml", checkSessionAccept},
	3:  {"transport-info.xml", checkTransportInfo},
	4:  {"transport-info-ice-restart.xml", checkTransportInfoRestart},
	5:  {"source-add-elements.xml", checkSourceAddElements},
	6:  {"source-add-json.xml", checkSourceAddJSON},
	7:  {"source-add-client.xml", checkSourceAddClient},
	8:  {"source-remove-elements.xml", checkSourceRemoveElements},
	9:  {"source-remove-json.xml", checkSourceRemoveJSON},
	10: {"session-terminate-restart.xml", checkTerminateRestart},
	11: {"session-terminate-focus.xml", checkTerminateFocus},
	12: {"session-terminate-alternative.xml", checkTerminateAlternative},
	13: {"session-info-ice-state.xml", checkICEState},
	14: {"session-info-ice-restart.xml", checkICERestart},
	15: {"error-unknown-session.xml", checkErrUnknownSession},
	16: {"error-bad-request.xml", checkErrBadRequest},
	17: {"error-ice-restart-rejected.xml", checkErrICERestart},
	18: {"result.xml", checkResult},
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFixtureRoundTrip decodes every fixture, encodes it, compares the XML
// with the fixture (modulo attribute order and sibling order across names),
// decodes the output again and requires an equal value.
func TestFixtureRoundTrip(t *testing.T) {
	for _, tc := range fixtureTests {
		t.Run(tc.file, func(t *testing.T) {
			in := readFixture(t, tc.file)
			iq, err := DecodeIQ(in)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if iq.Jingle != nil {
				if err := iq.Jingle.Validate(); err != nil {
					t.Fatalf("validate: %v", err)
				}
			}
			tc.check(t, iq)
			out, err := iq.Encode()
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			if err := xmlx.Equal(in, out); err != nil {
				t.Fatalf("re-encoded XML differs: %v\n%s", err, out)
			}
			again, err := DecodeIQ(out)
			if err != nil {
				t.Fatalf("decode re-encoded: %v", err)
			}
			if !reflect.DeepEqual(iq, again) {
				t.Fatalf("round trip changed the value:\n%+v\n%+v", iq, again)
			}
		})
	}
}

// TestFixtureDecodeJingleOnly checks that the bare <jingle/> element decodes
// to the same payload as inside the IQ.
func TestFixtureDecodeJingleOnly(t *testing.T) {
	iq, err := DecodeIQ(readFixture(t, "session-accept.xml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := iq.Jingle.Encode()
	if err != nil {
		t.Fatal(err)
	}
	j, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(j, iq.Jingle) {
		t.Fatalf("bare jingle decoded differently")
	}
}

func wantAction(t *testing.T, iq *IQ, typ stanza.IQType, a Action) *Jingle {
	t.Helper()
	if iq.Type != typ || iq.Jingle == nil || iq.Jingle.Action != a {
		t.Fatalf("got type %q payload %+v, want %s %s", iq.Type, iq.Jingle, typ, a)
	}
	return iq.Jingle
}

func checkErrUnknownSession(t *testing.T, iq *IQ) {
	if !errors.Is(iq.Err(), ErrUnknownSession) || !errors.Is(iq.Err(), stanza.Error{Condition: stanza.ItemNotFound}) {
		t.Fatalf("error %v is not unknown-session", iq.Err())
	}
	if errors.Is(iq.Err(), ErrTieBreak) {
		t.Fatal("unknown-session matched tie-break")
	}
}

func checkErrBadRequest(t *testing.T, iq *IQ) {
	e := iq.Error
	if e == nil || e.Type != stanza.Modify || e.Condition != stanza.BadRequest || e.Jingle != "" ||
		e.Text != "SSRC is already used: 3318502211." {
		t.Fatalf("error %+v", e)
	}
}

func checkErrICERestart(t *testing.T, iq *IQ) {
	if !errors.Is(iq.Err(), stanza.Error{Condition: stanza.FeatureNotImplemented}) || iq.Jingle == nil ||
		!iq.Jingle.BridgeSession.IsICERestart() {
		t.Fatalf("iq %+v", iq)
	}
}

func checkResult(t *testing.T, iq *IQ) {
	if iq.Type != stanza.ResultIQ || iq.Jingle != nil || iq.Error != nil || iq.Err() != nil || iq.ID != "Q8r2v-118" {
		t.Fatalf("iq %+v", iq)
	}
	if _, err := iq.Payload(); !errors.Is(err, ErrNotJingleIQ) {
		t.Fatalf("Payload() = %v", err)
	}
}
