package participant

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

func fixtureIQ(t testing.TB, name string) *jingle.IQ {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "jingle", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	iq, err := jingle.DecodeIQ(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range iq.Jingle.Contents { // keep ICE on loopback
		if tr := iq.Jingle.Contents[i].Transport; tr != nil {
			for k := range tr.Candidates {
				tr.Candidates[k].IP, tr.Candidates[k].Port, tr.Candidates[k].Type = "127.0.0.1", 9, "host"
				tr.Candidates[k].RelAddr, tr.Candidates[k].RelPort = "", 0
			}
		}
	}
	return iq
}

// TestHandler drives the fixtures through Ack and Process as
// strophe.jingle.js would see them from the focus.
func TestHandler(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var accepted *jingle.Jingle
	var terminated bool
	var sessions []*Session
	h := &Handler{NewSession: func() *Session {
		s := NewSession(Config{Endpoint: "abcd1234", Audio: true, Video: true})
		sessions = append(sessions, s)
		return s
	},
		Accept:     func(_ context.Context, _ *Session, a *jingle.Jingle) error { accepted = a; return nil },
		Terminated: func(*Session, *jingle.Jingle) { terminated = true }}
	steps := []struct {
		fixture string
		mutate  func(*jingle.IQ)
		want    error // nil: result
	}{
		{"source-add-json.xml", nil, jingle.ErrUnknownSession},
		{"session-initiate-json.xml", nil, nil},
		{"session-initiate-json.xml", nil, jingle.Error{Condition: stanza.ServiceUnavailable}},
		{"source-add-json.xml", nil, nil},
		{"source-add-elements.xml", nil, nil},
		{"source-remove-json.xml", nil, nil},
		{"source-add-json.xml", func(iq *jingle.IQ) { iq.Jingle.SID = "other" }, jingle.ErrUnknownSession},
		{"source-add-json.xml", func(iq *jingle.IQ) { iq.Jingle.Action = "bogus" }, jingle.Error{Condition: stanza.BadRequest}},
		{"transport-info-ice-restart.xml", nil, nil},
		{"session-terminate-focus.xml", nil, nil},
		{"source-add-json.xml", nil, jingle.ErrUnknownSession},
		{"session-initiate-json.xml", func(iq *jingle.IQ) { iq.Jingle.SID = "second" }, nil}, // re-invite
		{"session-initiate-json.xml", nil, jingle.Error{Condition: stanza.ServiceUnavailable}},
	}
	for i, st := range steps {
		iq := fixtureIQ(t, st.fixture)
		if st.mutate != nil {
			st.mutate(iq)
		}
		reply, sess := h.Ack(iq)
		err := reply.Err()
		if st.want == nil && err != nil || st.want != nil && !errors.Is(err, st.want) {
			t.Fatalf("step %d %s: reply %v, want %v", i, st.fixture, err, st.want)
		}
		if err != nil {
			continue
		}
		if err := h.Process(ctx, sess, iq); err != nil {
			t.Fatalf("step %d %s: %v", i, st.fixture, err)
		}
	}
	if accepted == nil || accepted.Responder != "room1@conference.example.com/abcd1234" || len(accepted.Contents) != 3 {
		t.Fatalf("session-accept %+v", accepted)
	}
	if !terminated {
		t.Fatal("terminate not reported")
	}
	if len(sessions) != 2 || h.Current() != sessions[1] || sessions[1].SID() != "second" {
		t.Fatalf("re-invite: %d sessions, current %p", len(sessions), h.Current())
	}
	h.Forget("second")
	if h.Current() != nil {
		t.Fatal("Forget kept the session")
	}
	for _, s := range sessions {
		_ = s.Close()
	}
}
