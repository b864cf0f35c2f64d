package mucbench

import (
	"errors"
	"flag"
	"testing"
)

func TestParseFlags(t *testing.T) {
	for i, args := range [][]string{
		{"-sizes", "10,x", "-xmppd", "x"},
		{"-rate", "0", "-xmppd", "x"},
		{},
	} {
		if _, err := parseFlags(args, discard{}); err == nil {
			t.Errorf("%d: %v accepted", i, args)
		}
	}
	if _, err := parseFlags([]string{"-h"}, discard{}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
	o, err := parseFlags([]string{"-servers", "prosody"}, discard{})
	if err != nil || o.Rate != 40 || o.Duration.Seconds() != 10 || len(o.Sizes) != 3 {
		t.Errorf("defaults %+v, %v", o, err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
