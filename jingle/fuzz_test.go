package jingle

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

// FuzzDecodeJingle feeds arbitrary bytes to the IQ and payload decoders.
// Whatever decodes must validate, yield sources and encode without panicking,
// and its encoding must be stable: decoding and encoding it again gives the
// same bytes and an equal value.
func FuzzDecodeJingle(f *testing.F) {
	for _, tc := range fixtureTests {
		f.Add(readFixture(f, tc.file))
	}
	f.Add([]byte(unknownChildren))
	f.Fuzz(func(t *testing.T, data []byte) {
		if iq, err := DecodeIQ(data); err == nil {
			if iq.Jingle != nil {
				exercise(iq.Jingle)
			}
			_ = iq.Err()
			checkStable(t, iq, func(b []byte) (any, error) { return DecodeIQ(b) }, func(v any) ([]byte, error) { return v.(*IQ).Encode() })
		}
		if j, err := Decode(data); err == nil {
			exercise(j)
			checkStable(t, j, func(b []byte) (any, error) { return Decode(b) }, func(v any) ([]byte, error) { return v.(*Jingle).Encode() })
		}
	})
}

// exercise calls the read-side helpers a handler would call.
func exercise(j *Jingle) {
	_ = j.Validate()
	_ = j.Transport()
	_ = j.Bundle()
	if m, err := j.Sources(); err == nil {
		_ = m.Validate()
	}
	for owner := range map[string]bool{"x": true} {
		if e, err := EndpointSourcesFromContents(owner, j.Contents); err == nil {
			_ = e.Validate()
			_ = e.StripSimulcast()
		}
	}
}

func checkStable(t *testing.T, v any, decode func([]byte) (any, error), encode func(any) ([]byte, error)) {
	t.Helper()
	first, err := encode(v)
	if err != nil {
		return // e.g. a name that cannot be written back; not a crash
	}
	back, err := decode(first)
	if err != nil {
		t.Fatalf("own encoding does not decode: %v\n%s", err, first)
	}
	second, err := encode(back)
	if err != nil {
		t.Fatalf("re-encode: %v", err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("encoding not stable:\n%s\n%s", first, second)
	}
	again, err := decode(second)
	if err != nil || !reflect.DeepEqual(back, again) {
		t.Fatalf("value not stable: %v", err)
	}
}

// FuzzJSONSources feeds arbitrary text to the json-message codec. Whatever
// decodes must encode, decode back to an equal map, and (when valid) survive
// the conversion to Jingle contents and back.
func FuzzJSONSources(f *testing.F) {
	for _, name := range []string{"sources-initiate.json", "sources-add.json", "sources-remove.json"} {
		f.Add(bytes.TrimSpace(readFixture(f, name)))
	}
	f.Add([]byte(`{"sources":{"x":[[{"s":"7","v":true}],[["s",7]],null,[["f",1,2]]]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeJSONSources(data)
		if err != nil {
			if !errors.Is(err, ErrBadJSON) && !errors.Is(err, ErrNoSources) && !errors.Is(err, ErrInvalidSemantics) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		out, err := EncodeJSONSources(m)
		if err != nil {
			t.Fatalf("encode decoded map: %v", err)
		}
		back, err := DecodeJSONSources(out)
		if err != nil || !reflect.DeepEqual(back, m) {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		if m.Validate() != nil {
			return
		}
		viaXML, err := ConferenceSourcesFromContents(m.Contents())
		if err != nil {
			if _, empty := m[""]; empty && errors.Is(err, ErrMissingOwner) {
				return
			}
			t.Fatalf("contents of a valid map: %v", err)
		}
		for o, e := range m {
			if e.IsEmpty() {
				delete(m, o)
			}
		}
		if !reflect.DeepEqual(viaXML, m) {
			t.Fatalf("contents round trip:\n%+v\n%+v", viaXML, m)
		}
	})
}
