package colibri

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"regexp"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
)

var undeclaresDefaultNS = regexp.MustCompile(`xmlns\s*=\s*(""|'')`)

// fuzzRoundTrip seeds f with the fixtures and checks that whatever decodes
// as a T also encodes, decodes again to an equal value, and encodes again
// to the same bytes. Character data that a comment split into two tokens
// of an xmlx.Raw is merged before comparing: the encoding is the same.
func fuzzRoundTrip[T any](f *testing.F, fixtures ...string) {
	for _, name := range fixtures {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if undeclaresDefaultNS.Match(data) {
			// encoding/xml cannot write xmlns="" back, so an element that
			// undeclares the default namespace comes back in its parent's.
			t.Skip()
		}
		var v T
		if err := xml.Unmarshal(data, &v); err != nil {
			return
		}
		out1, again := reencode(t, v)
		normalizeRaw(reflect.ValueOf(&v).Elem())
		normalizeRaw(reflect.ValueOf(&again).Elem())
		if !reflect.DeepEqual(v, again) {
			t.Fatalf("round trip changed the value:\n%#v\n%#v\n%s", v, again, out1)
		}
		if out2, _ := reencode(t, again); !bytes.Equal(out1, out2) {
			t.Fatalf("second encoding differs:\n%s\n%s", out1, out2)
		}
	})
}

var rawType = reflect.TypeFor[xmlx.Raw]()

// normalizeRaw merges adjacent character data tokens in every xmlx.Raw
// reachable through exported fields of v (which must be addressable).
func normalizeRaw(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalizeRaw(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			normalizeRaw(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == rawType {
			r := v.Addr().Interface().(*xmlx.Raw)
			r.Tokens = mergeCharData(r.Tokens)
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				normalizeRaw(v.Field(i))
			}
		}
	}
}

func mergeCharData(toks []xml.Token) []xml.Token {
	var out []xml.Token
	for _, t := range toks {
		cd, ok := t.(xml.CharData)
		if prev, pok := lastCharData(out); ok && pok {
			out[len(out)-1] = append(prev.Copy(), cd...)
			continue
		}
		out = append(out, t)
	}
	return out
}

func lastCharData(toks []xml.Token) (xml.CharData, bool) {
	if len(toks) == 0 {
		return nil, false
	}
	cd, ok := toks[len(toks)-1].(xml.CharData)
	return cd, ok
}

// reencode encodes v and decodes the result.
func reencode[T any](t *testing.T, v T) ([]byte, T) {
	t.Helper()
	out, err := Marshal(v)
	if err != nil {
		t.Fatalf("decoded value does not encode: %v\n%#v", err, v)
	}
	var again T
	if err := xml.Unmarshal(out, &again); err != nil {
		t.Fatalf("encoded value does not decode: %v\n%s", err, out)
	}
	return out, again
}

func FuzzConferenceModify(f *testing.F) {
	fuzzRoundTrip[ConferenceModifyIQ](f, "c2-create.xml", "c2-endpoint-update.xml", "c2-expire-endpoint.xml",
		"c2-expire-conference.xml", "c2-force-mute.xml", "c2-ice-restart.xml", "c2-relay-create.xml", "c2-relay-transport.xml")
}

func FuzzConferenceModified(f *testing.F) {
	fuzzRoundTrip[ConferenceModifiedIQ](f, "c2-modified.xml", "c2-modified-relay.xml")
}

func FuzzColibri2Error(f *testing.F) {
	fuzzRoundTrip[ConferenceModifiedIQ](f, "c2-error-conference-not-found.xml", "c2-error-conference-already-exists.xml",
		"c2-error-graceful-shutdown.xml", "c2-error-unknown-endpoint.xml", "c2-error-feature-not-implemented.xml",
		"c2-error-bad-request.xml")
}

func FuzzStats(f *testing.F) {
	fuzzRoundTrip[Presence](f, "brewery-presence.xml")
}

func FuzzFocusPresence(f *testing.F) {
	fuzzRoundTrip[Presence](f, "focus-presence.xml", "focus-presence-nobridge.xml")
}

func FuzzConferenceIQ(f *testing.F) {
	fuzzRoundTrip[ConferenceIQ](f, "conference-request.xml", "conference-reply.xml")
}

func FuzzHealthCheck(f *testing.F) {
	fuzzRoundTrip[HealthCheckIQ](f, "healthcheck-get.xml", "healthcheck-result.xml", "healthcheck-error.xml")
}

func FuzzMute(f *testing.F) {
	fuzzRoundTrip[MuteIQ](f, "mute-request.xml", "mute-forwarded.xml", "mute-video-request.xml", "mute-desktop-forwarded.xml")
}
