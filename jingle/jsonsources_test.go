package jingle

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// jsonEqual compares two JSON documents as values (object member order
// ignored, array order kept).
func jsonEqual(t *testing.T, a, b []byte) {
	t.Helper()
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		t.Fatalf("first: %v", err)
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		t.Fatalf("second: %v", err)
	}
	if !reflect.DeepEqual(va, vb) {
		t.Fatalf("JSON differs:\n%s\n%s", a, b)
	}
}

// TestJSONSourcesFixtures decodes each json fixture, checks the model,
// encodes it back (equal JSON, jicofo's layout) and decodes again (equal value).
func TestJSONSourcesFixtures(t *testing.T) {
	tests := []struct {
		file string
		want ConferenceSourceMap
	}{
		0: {"sources-initiate.json", initiateSources()},
		1: {"sources-add.json", addedSources("")},
		2: {"sources-remove.json", ConferenceSourceMap{"e91b4f02": {Owner: "e91b4f02", Video: addedSources("")["e91b4f02"].Video[2:]}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := []byte(strings.TrimSpace(string(readFixture(t, tc.file))))
			m, err := DecodeJSONSources(in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m, tc.want) {
				t.Fatalf("decoded\n %+v\nwant %+v", m, tc.want)
			}
			out, err := EncodeJSONSources(m)
			if err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, in, out)
			again, err := DecodeJSONSources(out)
			if err != nil || !reflect.DeepEqual(again, m) {
				t.Fatalf("round trip: %v\n%+v", err, again)
			}
		})
	}
}

// TestEncodeJSONSourcesLayout pins the exact bytes jicofo would write.
func TestEncodeJSONSourcesLayout(t *testing.T) {
	m := ConferenceSourceMap{}
	m.Add(EndpointSources{Owner: "b", Audio: []Source{NewSource(3, "b-a0", "", "")}})
	m.Add(EndpointSources{
		Owner:       "a",
		Video:       []Source{NewSource(1, "a-v0", "s t", VideoTypeDesktop), NewSource(2, "", "", "")},
		VideoGroups: []SSRCGroup{NewGroup(SemanticsFID, 1, 2)},
		Audio:       []Source{NewSource(4, `a"\<`, "", "")},
		AudioGroups: []SSRCGroup{NewGroup("sim", 4)},
	})
	m.Add(EndpointSources{Owner: "c"})
	got, err := EncodeJSONSources(m)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"sources":{"a":[[{"s":1,"n":"a-v0","m":"s t","v":"d"},{"s":2}],[["f",1,2]],[{"s":4,"n":"a\"\\<"}],[["s",4]]],` +
		`"b":[[],[],[{"s":3,"n":"b-a0"}]],"c":[[],[],[]]}}`
	if string(got) != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	msg, err := NewJSONMessage(m)
	if err != nil || msg.JSON != want {
		t.Fatalf("NewJSONMessage = %v, %v", msg, err)
	}
	if _, err := EncodeJSONSources(ConferenceSourceMap{"x": {Owner: "x", VideoGroups: []SSRCGroup{NewGroup("FEC", 1)}}}); !errors.Is(err, ErrInvalidSemantics) {
		t.Fatalf("unknown semantics encoded: %v", err)
	}
}

// TestDecodeJSONSourcesLenient covers the shapes lib-jitsi-meet accepts.
func TestDecodeJSONSourcesLenient(t *testing.T) {
	tests := []struct {
		in   string
		want EndpointSources
	}{
		0: {`{"sources":{"x":[]}}`, EndpointSources{Owner: "x"}},
		1: {`{"sources":{"x":[[{"s":"7","n":"x-v0","v":true}]]}}`, EndpointSources{Owner: "x", Video: []Source{NewSource(7, "x-v0", "", VideoTypeDesktop)}}},
		2: {`{"sources":{"x":[null,null,[{"s":4294967295,"v":""}],null,["ignored"]]}}`, EndpointSources{Owner: "x", Audio: []Source{NewSource(4294967295, "", "", "")}}},
		3: {`{"sources":{"x":[[],[],[],[["s",1,"2"]]]},"other":1}`, EndpointSources{Owner: "x", AudioGroups: []SSRCGroup{NewGroup(SemanticsSIM, 1, 2)}}},
		4: {`{"sources":{"x":[[{"s":5,"extra":{"deep":[1]}}]]}}`, EndpointSources{Owner: "x", Video: []Source{NewSource(5, "", "", "")}}},
	}
	for i, tc := range tests {
		m, err := DecodeJSONSources([]byte(tc.in))
		if err != nil {
			t.Errorf("%d: %v", i, err)
			continue
		}
		if !reflect.DeepEqual(m["x"], tc.want) {
			t.Errorf("%d: got %+v, want %+v", i, m["x"], tc.want)
		}
	}
}

// TestDecodeJSONSourcesMalformed requires an error (never a panic) for
// inputs that do not fit.
func TestDecodeJSONSourcesMalformed(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		0:  {``, ErrBadJSON},
		1:  {`{"sources":`, ErrBadJSON},
		2:  {`[]`, ErrBadJSON},
		3:  {`{"type":"other"}`, ErrNoSources},
		4:  {`{"sources":null}`, ErrNoSources},
		5:  {`{"sources":[1]}`, ErrBadJSON},
		6:  {`{"sources":{"x":{"a":1}}}`, ErrBadJSON},
		7:  {`{"sources":{"x":[[{"n":"no-ssrc"}]]}}`, ErrBadJSON},
		8:  {`{"sources":{"x":[[{"s":-1}]]}}`, ErrBadJSON},
		9:  {`{"sources":{"x":[[{"s":4294967296}]]}}`, ErrBadJSON},
		10: {`{"sources":{"x":[[{"s":1.5}]]}}`, ErrBadJSON},
		11: {`{"sources":{"x":[[],[["x",1,2]]]}}`, ErrInvalidSemantics},
		12: {`{"sources":{"x":[[],[[]]]}}`, ErrBadJSON},
		13: {`{"sources":{"x":[[],[[1,2]]]}}`, ErrBadJSON},
		14: {`{"sources":{"x":[[],[["f",{}]]]}}`, ErrBadJSON},
		15: {`{"sources":{"x":[[{"s":"abc"}]]}}`, ErrBadJSON},
		16: {`{"sources":{"x":[[{"s":1,"n":5}]]}}`, ErrBadJSON},
	}
	for i, tc := range tests {
		if _, err := DecodeJSONSources([]byte(tc.in)); !errors.Is(err, tc.want) {
			t.Errorf("%d: %s: got %v, want %v", i, tc.in, err, tc.want)
		}
	}
}

// TestJSONMessageInJingle checks that a json-message of another kind makes
// Jingle.Sources fall back to the contents.
func TestJSONMessageInJingle(t *testing.T) {
	j := &Jingle{Action: ActionSourceAdd, SID: "s", JSONMessage: &JSONMessage{JSON: `{"type":"x"}`},
		Contents: addedSources("").Contents()}
	m, err := j.Sources()
	if err != nil || !reflect.DeepEqual(m, addedSources("")) {
		t.Fatalf("Sources() = %+v, %v", m, err)
	}
	j.JSONMessage.JSON = `{"sources":{"x":[[{"s":0}]]`
	if _, err := j.Sources(); !errors.Is(err, ErrBadJSON) {
		t.Fatalf("bad json: %v", err)
	}
}
