package relaybench

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"
)

// serveConn runs serve in-process on pipes and returns a request function.
func serveConn(t *testing.T, args ...string) (ask func(string) ctlMsg, hello ctlMsg, stop func() error) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- serve(context.Background(), args, inR, outW, io.Discard); outW.Close() }()
	sc := bufio.NewScanner(outR)
	next := func() ctlMsg {
		t.Helper()
		if !sc.Scan() {
			t.Fatalf("serve stopped: %v", sc.Err())
		}
		m, err := decodeLine(sc.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	hello = next()
	ask = func(line string) ctlMsg {
		t.Helper()
		if _, err := io.WriteString(inW, line+"\n"); err != nil {
			t.Fatal(err)
		}
		return next()
	}
	stop = func() error {
		inW.Close()
		go func() { _, _ = io.Copy(io.Discard, outR) }()
		return <-done
	}
	return ask, hello, stop
}

const testSetup = `{"type":"setup","endpoints":[` +
	`{"id":"s","role":"sender","addr":"127.0.0.1:9","ufrag":"uuuuuuuu","pwd":"pppppppppppppppppppppppp","fingerprint":"AA:BB","ssrc":7},` +
	`{"id":"r","role":"receiver","addr":"127.0.0.1:9","ufrag":"vvvvvvvv","pwd":"qqqqqqqqqqqqqqqqqqqqqqqq","fingerprint":"AA:BB"}]}`

func TestServeControl(t *testing.T) {
	for _, kind := range []string{serverBridge, serverRaw} {
		t.Run(kind, func(t *testing.T) {
			ask, hello, stop := serveConn(t, "-server", kind)
			if hello.Type != msgHello || hello.Server != kind || hello.PID == 0 {
				t.Fatalf("hello = %+v", hello)
			}
			if r := ask(`{"type":"nonsense"}`); r.Type != msgError || !strings.Contains(r.Error, "nonsense") {
				t.Errorf("bad line answered %+v", r)
			}
			r := ask(testSetup)
			if r.Type != msgEndpoints || len(r.Endpoints) != 2 || r.Endpoints[0].ID != "s" {
				t.Fatalf("setup answered %+v", r)
			}
			secure := r.Endpoints[0].Ufrag != "" && r.Endpoints[0].Pwd != "" && strings.Count(r.Endpoints[0].Fingerprint, ":") == 31
			if secure != (kind == serverBridge) {
				t.Errorf("%s endpoints %+v", kind, r.Endpoints)
			}
			if r := ask(`{"type":"stats"}`); r.Type != msgStats || r.Stats == nil {
				t.Errorf("stats answered %+v", r)
			}
			if err := stop(); err != nil {
				t.Errorf("serve after stdin closed: %v", err)
			}
		})
	}
}

func TestServeRejectsSecondSetup(t *testing.T) {
	ask, _, stop := serveConn(t, "-server", serverBridge)
	defer stop()
	ask(testSetup)
	if r := ask(testSetup); r.Type != msgError || !strings.Contains(r.Error, "twice") {
		t.Errorf("second setup answered %+v", r)
	}
}
