package capacity

import (
	"errors"
	"flag"
	"io"
	"slices"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	def, _ := ParseSteps(DefaultSteps)
	tests := []struct {
		name  string
		args  []string
		steps []int
		err   error
		check func(Config) bool
	}{
		{name: "defaults", args: []string{"-bin", "b"}, steps: def, check: func(c Config) bool {
			return c.BitrateBps == 500_000 && !c.Simulcast && c.JoinRate == 10 && c.Duration == 20*time.Second &&
				c.Criteria == Criteria{MaxLoss: 0.01, MaxJoinP95Ms: 1000, MinBitrate: 0.9} && c.Fresh && c.Transport == "websocket"
		}},
		{name: "steps list", args: []string{"-bin", "b", "-steps", "1, 2,5"}, steps: []int{1, 2, 5}},
		{name: "steps capped by max", args: []string{"-bin", "b", "-steps", "2,4,8", "-max", "5"}, steps: []int{2, 4}},
		{name: "default steps capped", args: []string{"-bin", "b", "-max", "10"}, steps: []int{2, 4, 8}},
		{name: "progression", args: []string{"-bin", "b", "-start", "4", "-step", "4", "-max", "14"}, steps: []int{4, 8, 12}},
		{name: "start only", args: []string{"-bin", "b", "-start", "3", "-max", "5"}, err: ErrUsage},
		{name: "options", args: []string{"-bin", "b", "-steps", "2", "-bitrate", "1500", "-simulcast",
			"-join-rate", "2.5", "-duration", "5s", "-transport", "bosh", "-max-loss", "0.05", "-max-join-p95", "2000", "-min-bitrate", "0"},
			steps: []int{2}, check: func(c Config) bool {
				return c.BitrateBps == 1_500_000 && c.Simulcast && c.JoinRate == 2.5 && c.Duration == 5*time.Second &&
					c.Transport == "bosh" && c.Criteria == Criteria{MaxLoss: 0.05, MaxJoinP95Ms: 2000}
			}},
		{name: "help", args: []string{"-h"}, err: flag.ErrHelp},
		{name: "no bin", args: []string{"-steps", "2"}, err: ErrUsage},
		{name: "both forms", args: []string{"-bin", "b", "-steps", "2", "-start", "2", "-step", "2"}, err: ErrUsage},
		{name: "not increasing", args: []string{"-bin", "b", "-steps", "4,2"}, err: ErrUsage},
		{name: "not a number", args: []string{"-bin", "b", "-steps", "2,x"}, err: ErrUsage},
		{name: "zero step", args: []string{"-bin", "b", "-steps", "0,2"}, err: ErrUsage},
		{name: "above max", args: []string{"-bin", "b", "-steps", "8", "-max", "4"}, err: ErrUsage},
		{name: "max too large", args: []string{"-bin", "b", "-max", "100000"}, err: ErrUsage},
		{name: "bad transport", args: []string{"-bin", "b", "-transport", "smtp"}, err: ErrUsage},
		{name: "bad loss", args: []string{"-bin", "b", "-max-loss", "0"}, err: ErrUsage},
		{name: "bad bitrate share", args: []string{"-bin", "b", "-min-bitrate", "1.5"}, err: ErrUsage},
		{name: "bad join rate", args: []string{"-bin", "b", "-join-rate", "0"}, err: ErrUsage},
		{name: "extra args", args: []string{"-bin", "b", "now"}, err: ErrUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseFlags(tc.args, io.Discard)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.Steps, tc.steps) {
				t.Errorf("steps = %v, want %v", c.Steps, tc.steps)
			}
			if tc.check != nil && !tc.check(c) {
				t.Errorf("config = %+v", c)
			}
		})
	}
}

func TestProgression(t *testing.T) {
	tests := []struct {
		start, step, max int
		want             []int
		ok               bool
	}{
		{1, 1, 3, []int{1, 2, 3}, true},
		{2, 3, 10, []int{2, 5, 8}, true},
		{5, 1, 5, []int{5}, true},
		{6, 1, 5, nil, false},
		{0, 1, 5, nil, false},
		{1, 0, 5, nil, false},
	}
	for _, tc := range tests {
		got, err := Progression(tc.start, tc.step, tc.max)
		if (err == nil) != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("Progression(%d,%d,%d) = %v, %v; want %v", tc.start, tc.step, tc.max, got, err, tc.want)
		}
	}
}
