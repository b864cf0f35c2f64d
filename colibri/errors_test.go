package colibri

import (
	"encoding/xml"
	"errors"
	"fmt"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/xmlx"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stanza"
)

func TestErrorMatching(t *testing.T) {
	tests := []struct {
		file   string
		is     []error
		isNot  []error
		reason Reason
	}{
		0: {"c2-error-conference-not-found.xml",
			[]error{ReasonConferenceNotFound, stanza.Error{Condition: stanza.ItemNotFound}, stanza.Error{Type: stanza.Cancel}},
			[]error{ReasonUnknownEndpoint, stanza.Error{Condition: stanza.Conflict}}, ReasonConferenceNotFound},
		1: {"c2-error-conference-already-exists.xml",
			[]error{ReasonConferenceAlreadyExists, stanza.Error{Condition: stanza.Conflict}},
			[]error{ReasonGracefulShutdown}, ReasonConferenceAlreadyExists},
		2: {"c2-error-graceful-shutdown.xml",
			[]error{ReasonGracefulShutdown, stanza.Error{Type: stanza.Cancel, Condition: stanza.ServiceUnavailable}},
			[]error{stanza.Error{Condition: stanza.BadRequest}}, ReasonGracefulShutdown},
		3: {"c2-error-unknown-endpoint.xml",
			[]error{ReasonUnknownEndpoint, stanza.Error{Condition: stanza.ItemNotFound}},
			[]error{ReasonConferenceNotFound}, ReasonUnknownEndpoint},
		4: {"c2-error-feature-not-implemented.xml",
			[]error{ReasonFeatureNotImplemented, stanza.Error{Condition: stanza.FeatureNotImplemented}},
			nil, ReasonFeatureNotImplemented},
		5: {"c2-error-bad-request.xml",
			[]error{stanza.Error{Condition: stanza.BadRequest, Type: stanza.Modify}},
			[]error{ReasonUnspecified, ReasonConferenceNotFound}, ""},
	}
	for i, tc := range tests {
		iq, err := DecodeIQ[ConferenceModified](readFixture(t, tc.file))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		got := fmt.Errorf("allocate: %w", iq.Err())
		for _, target := range tc.is {
			if !errors.Is(got, target) {
				t.Errorf("%d: errors.Is(%v, %#v) = false", i, got, target)
			}
		}
		for _, target := range tc.isNot {
			if errors.Is(got, target) {
				t.Errorf("%d: errors.Is(%v, %#v) = true", i, got, target)
			}
		}
		var ce *Error
		if !errors.As(got, &ce) || ce.Reason != tc.reason {
			t.Errorf("%d: errors.As gave %v", i, ce)
		}
	}
}

// TestErrorConstructors builds each bridge error the way a Go bridge would
// and checks it encodes to the fixture.
func TestErrorConstructors(t *testing.T) {
	const meeting = "3f1c9a2e-5b7d-4e8f-a0b1-c2d3e4f5a6b7"
	enText := func(e *Error) *Error { e.Stanza.Text = map[string]string{"en": e.Text()}; return e }
	tests := []struct {
		file string
		err  *Error
	}{
		{"c2-error-conference-not-found.xml", NewError(ReasonConferenceNotFound, "Conference not found for ID: "+meeting)},
		{"c2-error-conference-already-exists.xml", NewError(ReasonConferenceAlreadyExists, "Conference already exists for ID: "+meeting)},
		{"c2-error-graceful-shutdown.xml", enText(NewError(ReasonGracefulShutdown, "In graceful shutdown"))},
		{"c2-error-unknown-endpoint.xml", NewUnknownEndpointError("e5f6a7b8", "Endpoint not found for ID: e5f6a7b8")},
		{"c2-error-feature-not-implemented.xml", NewError(ReasonFeatureNotImplemented, "Can not mix endpoints and relays in the same request.")},
		{"c2-error-bad-request.xml", NewStanzaError(stanza.Modify, stanza.BadRequest, "Attempt to create endpoint a1b2c3d4 without source-names capability")},
	}
	req := NewConferenceModifyIQ("Vq3x9-70", &ConferenceModify{MeetingID: meeting})
	req.From = jid.MustParse("focus@auth.meet.example.com/focus")
	req.To = jid.MustParse("jvbbrewery@internal.auth.meet.example.com/7f3c6a0e-1b2d-4c5e-9f80-a1b2c3d4e5f6")
	for _, tc := range tests {
		out, err := Marshal(ModifyError(req, tc.err))
		if err != nil {
			t.Fatal(err)
		}
		if err := xmlx.Equal(readFixture(t, tc.file), out); err != nil {
			t.Errorf("%s: %v\n%s", tc.file, err, out)
		}
	}
}

func TestErrorDecodeEdges(t *testing.T) {
	tests := []struct {
		in   string
		want Error
	}{
		0: {`<error type="wait"/>`, Error{Stanza: stanza.Error{Type: stanza.Wait, Condition: stanza.UndefinedCondition}}},
		1: {`<error><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><error xmlns="jitsi:colibri2"/></error>`,
			Error{Stanza: stanza.Error{Condition: stanza.Conflict}, Reason: ReasonUnspecified}},
		2: {`<error><gone xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><x xmlns="urn:other"/></error>`,
			Error{Stanza: stanza.Error{Condition: stanza.Gone}, Extra: []xmlx.Raw{{Tokens: []xml.Token{
				xml.StartElement{Name: xml.Name{Space: "urn:other", Local: "x"}}, xml.EndElement{Name: xml.Name{Space: "urn:other", Local: "x"}}}}}}},
	}
	for i, tc := range tests {
		var e Error
		if err := xml.Unmarshal([]byte(tc.in), &e); err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		want(t, fmt.Sprint(i), e, tc.want)
	}
	var e Error
	if err := xml.Unmarshal([]byte(`<error by="@@"/>`), &e); !errors.Is(err, ErrInvalidValue) {
		t.Errorf("bad by: %v", err)
	}
}

func TestReasonConditions(t *testing.T) {
	for _, r := range []Reason{ReasonConferenceNotFound, ReasonConferenceAlreadyExists, ReasonGracefulShutdown, ReasonUnknownEndpoint, ReasonFeatureNotImplemented, ReasonUnspecified} {
		typ, cond := r.Condition()
		if typ == "" || cond == "" {
			t.Errorf("%s: no condition", r)
		}
		if e := NewError(r, "x"); e.Error() == "" || !errors.Is(e, r) {
			t.Errorf("%s: %v", r, e)
		}
	}
}
