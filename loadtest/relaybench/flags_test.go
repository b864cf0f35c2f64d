package relaybench

import (
	"errors"
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	def, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := config{fanouts: []int{1, 4, 10}, servers: []string{"bridge", "raw"}, out: 30000,
		duration: 10 * time.Second, warmup: 2 * time.Second, payload: 1100, sample: 64,
		handshake: 15 * time.Second, child: []string{"bench", "relay-serve"}}
	if !reflect.DeepEqual(def, want) {
		t.Fatalf("defaults = %+v\nwant %+v", def, want)
	}
	if r := def.senderRate(4); r != 7500 {
		t.Errorf("sender rate at fan-out 4 = %v, want 7500", r)
	}
	c, err := parseFlags([]string{"-fanout", "2, 3", "-servers", "raw", "-rate", "500", "-child", "relay-serve -x"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.fanouts, []int{2, 3}) || c.servers[0] != "raw" || c.senderRate(3) != 500 ||
		!reflect.DeepEqual(c.child, []string{"relay-serve", "-x"}) {
		t.Errorf("parsed %+v", c)
	}
}

func TestParseFlagsErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-fanout", "0"}, "-fanout"},
		{[]string{"-fanout", "1,x"}, "-fanout"},
		{[]string{"-fanout", "1000"}, "-fanout"},
		{[]string{"-servers", "bridge,bridge"}, "-servers"},
		{[]string{"-servers", "jvb"}, "-servers"},
		{[]string{"-rate", "-1"}, "-rate"},
		{[]string{"-out", "0"}, "-out"},
		{[]string{"-duration", "0s"}, "-duration"},
		{[]string{"-payload", "9000"}, "-payload"},
		{[]string{"-sample", "0"}, "-sample"},
		{[]string{"extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		_, err := parseFlags(tt.args, io.Discard)
		if !errors.Is(err, ErrBadFlag) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want ErrBadFlag mentioning %q", tt.args, err, tt.want)
		}
	}
	if _, err := parseFlags([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: err = %v, want flag.ErrHelp", err)
	}
}

func TestParseServeFlags(t *testing.T) {
	f, err := parseServeFlags([]string{"-server", "raw"}, io.Discard)
	if err != nil || f.kind != serverRaw || f.listen.String() != "127.0.0.1:0" {
		t.Fatalf("got %+v, %v", f, err)
	}
	for _, args := range [][]string{
		{"-server", "jvb"}, {"-listen", "0.0.0.0:10000"}, {"-listen", "10.0.0.1:1"}, {"-listen", "x"}, {"more"},
	} {
		if _, err := parseServeFlags(args, io.Discard); !errors.Is(err, ErrBadFlag) {
			t.Errorf("%v: err = %v, want ErrBadFlag", args, err)
		}
	}
}
