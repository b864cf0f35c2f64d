package xmpp

import (
	"errors"
	"strings"
	"testing"
)

// TestBOSHOrder completes requests in the order their HTTP responses
// arrive and checks what the reader sees: payloads in rid order, each once,
// nothing after an error.
func TestBOSHOrder(t *testing.T) {
	errTerm := errors.New("terminated")
	el := func(local string) []*Element { return []*Element{NewElement(NSClient, local)} }
	type done struct {
		rid uint64
		r   boshResult
	}
	tests := []struct {
		name string
		done []done
		want string
	}{
		{"in order", []done{{10, boshResult{kids: el("success")}}, {11, boshResult{kids: el("features")}}},
			"success features"},
		// prosody: the features on the empty request 11 arrive before the
		// <success/> on the auth request 10.
		{"features overtake success", []done{{11, boshResult{kids: el("features")}}, {10, boshResult{kids: el("success")}}},
			"success features"},
		{"empty bodies keep their place", []done{{12, boshResult{kids: el("c")}}, {10, boshResult{}},
			{11, boshResult{kids: el("b")}}}, "b c"},
		{"replayed rid is dropped", []done{{10, boshResult{kids: el("a")}}, {10, boshResult{kids: el("a")}},
			{11, boshResult{kids: el("b")}}, {11, boshResult{kids: el("b")}}}, "a b"},
		{"replay before delivery is dropped", []done{{11, boshResult{kids: el("b")}}, {11, boshResult{kids: el("b")}},
			{10, boshResult{kids: el("a")}}}, "a b"},
		{"error in order, then nothing", []done{{11, boshResult{err: errTerm}}, {12, boshResult{kids: el("late")}},
			{10, boshResult{kids: el("a")}}}, "a error"},
		{"gap holds back later bodies", []done{{11, boshResult{kids: el("b")}}, {12, boshResult{kids: el("c")}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newBOSHOrder(10)
			in := make(chan boshItem, 16)
			closed := make(chan struct{})
			for _, d := range tt.done {
				o.complete(d.rid, d.r, in, closed)
			}
			close(in)
			var got []string
			for it := range in {
				if it.err != nil {
					got = append(got, "error")
					continue
				}
				got = append(got, it.e.Local)
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("reader saw %q, want %q", s, tt.want)
			}
		})
	}
}

// TestBOSHOrderClosed: a delivery blocked on a full reader queue gives up
// when the transport closes.
func TestBOSHOrderClosed(t *testing.T) {
	o := newBOSHOrder(1)
	in := make(chan boshItem)
	closed := make(chan struct{})
	close(closed)
	o.complete(1, boshResult{kids: []*Element{NewElement(NSClient, "a")}}, in, closed)
	o.complete(2, boshResult{kids: []*Element{NewElement(NSClient, "b")}}, in, closed)
}
