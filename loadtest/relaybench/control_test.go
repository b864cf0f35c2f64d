package relaybench

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

func fixtureLines(t testing.TB) [][]byte {
	t.Helper()
	b, err := os.ReadFile("testdata/control.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, maxLine)
	for sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	return out
}

// TestControlRoundTrip decodes every fixture, encodes it again and checks
// that the result decodes to the same message.
func TestControlRoundTrip(t *testing.T) {
	for i, line := range fixtureLines(t) {
		m, err := decodeLine(line)
		if err != nil {
			t.Fatalf("fixture %d: %v", i+1, err)
		}
		enc, err := encodeLine(m)
		if err != nil {
			t.Fatalf("fixture %d: %v", i+1, err)
		}
		if !bytes.Equal(bytes.TrimSpace(enc), line) {
			t.Errorf("fixture %d: re-encoded as\n%s\nwant\n%s", i+1, enc, line)
		}
		back, err := decodeLine(enc)
		if err != nil || !reflect.DeepEqual(back, m) {
			t.Errorf("fixture %d: round trip %+v, %v; want %+v", i+1, back, err, m)
		}
	}
}

func TestDecodeLineErrors(t *testing.T) {
	const recv = `{"id":"r","role":"receiver","addr":"127.0.0.1:2"}`
	tests := []struct {
		name, line, want string
	}{
		{"empty", ``, "EOF"},
		{"not json", `hello`, "invalid character"},
		{"unknown type", `{"type":"reboot"}`, `unknown type "reboot"`},
		{"unknown field", `{"type":"stats","bogus":1}`, `unknown field "bogus"`},
		{"trailing", `{"type":"stats"} {"type":"stats"}`, "trailing data"},
		{"hello addr", `{"type":"hello","server":"raw","addr":"nowhere"}`, "hello addr"},
		{"hello server", `{"type":"hello","server":"jvb","addr":"127.0.0.1:1"}`, `hello server "jvb"`},
		{"setup one endpoint", `{"type":"setup","endpoints":[` + recv + `]}`, "setup with 1 endpoints"},
		{"no sender", `{"type":"setup","endpoints":[` + recv + `,{"id":"q","role":"receiver","addr":"127.0.0.1:3"}]}`, "0 senders"},
		{"duplicate id", `{"type":"setup","endpoints":[` + recv + `,` + recv + `]}`, `duplicate id "r"`},
		{"bad role", `{"type":"setup","endpoints":[` + recv + `,{"id":"s","role":"boss","addr":"127.0.0.1:3"}]}`, `role "boss"`},
		{"bad addr", `{"type":"setup","endpoints":[` + recv + `,{"id":"s","role":"sender","addr":"x"}]}`, `"s" addr`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeLine([]byte(tt.line))
			if !errors.Is(err, ErrBadControl) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrBadControl mentioning %q", err, tt.want)
			}
		})
	}
}

// FuzzDecodeLine: decoding never panics, and whatever decodes survives an
// encode/decode round trip unchanged.
func FuzzDecodeLine(f *testing.F) {
	for _, line := range fixtureLines(f) {
		f.Add(line)
	}
	f.Add([]byte(`{"type":"setup","endpoints":[{"id":"s","role":"sender","addr":"[::1]:1"},{"id":"r","role":"receiver","addr":"127.0.0.1:2"}]}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		m, err := decodeLine(line)
		if err != nil {
			return
		}
		enc, err := encodeLine(m)
		if err != nil {
			t.Fatalf("encode %+v: %v", m, err)
		}
		back, err := decodeLine(enc)
		if err != nil || !reflect.DeepEqual(back, m) {
			t.Fatalf("round trip of %q: %+v, %v; want %+v", line, back, err, m)
		}
	})
}
