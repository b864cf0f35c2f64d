package relaybench

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Limits on what one run may ask for (every loop is bounded).
const (
	maxFanout   = 256
	maxRate     = 1_000_000
	maxDuration = 10 * time.Minute
	minPayload  = 64
	maxPayload  = 1400
)

// config is what one run of Main does.
type config struct {
	fanouts   []int
	servers   []string
	rate      float64 // sender pps; 0: out/fanout
	out       float64 // target forwarded pps when rate is 0
	duration  time.Duration
	warmup    time.Duration
	payload   int
	sample    uint64
	handshake time.Duration
	jsonPath  string
	child     []string // arguments before "-server kind"
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("relay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fanout := fs.String("fanout", "1,4,10", "comma-separated receiver counts (1→N fan-out)")
	servers := fs.String("servers", "bridge,raw", "servers to measure: bridge, raw or both")
	rate := fs.Float64("rate", 0, "sender packets/s; 0 = -out divided by the fan-out")
	out := fs.Float64("out", 30000, "forwarded packets/s to aim for when -rate is 0")
	duration := fs.Duration("duration", 10*time.Second, "measuring window per server and fan-out")
	warmup := fs.Duration("warmup", 2*time.Second, "sending before the window opens")
	payload := fs.Int("payload", 1100, "RTP payload bytes per packet")
	sample := fs.Uint64("sample", 64, "receivers decrypt and check every n-th packet")
	handshake := fs.Duration("handshake-timeout", 15*time.Second, "bound on child start, ICE and DTLS")
	jsonPath := fs.String("json", "", "write the rows and ratios as JSON to this file")
	child := fs.String("child", "bench relay-serve", "arguments that make os.Executable() run Serve")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("%w: unexpected argument %q", ErrBadFlag, fs.Arg(0))
	}
	c := config{rate: *rate, out: *out, duration: *duration, warmup: *warmup, payload: *payload,
		sample: *sample, handshake: *handshake, jsonPath: *jsonPath, child: strings.Fields(*child)}
	var err error
	if c.fanouts, err = parseFanouts(*fanout); err != nil {
		return config{}, err
	}
	if c.servers, err = parseServers(*servers); err != nil {
		return config{}, err
	}
	return c, c.validate()
}

func parseFanouts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > maxFanout {
			return nil, fmt.Errorf("%w: -fanout %q: each entry must be 1..%d", ErrBadFlag, s, maxFanout)
		}
		out = append(out, n)
	}
	return out, nil
}

func parseServers(s string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if (f != serverBridge && f != serverRaw) || seen[f] {
			return nil, fmt.Errorf("%w: -servers %q: want bridge and/or raw, once each", ErrBadFlag, s)
		}
		seen[f] = true
		out = append(out, f)
	}
	return out, nil
}

func (c config) validate() error {
	switch {
	case c.rate < 0 || c.rate > maxRate:
		return fmt.Errorf("%w: -rate %v: want 0..%d", ErrBadFlag, c.rate, maxRate)
	case c.rate == 0 && (c.out <= 0 || c.out > maxRate):
		return fmt.Errorf("%w: -out %v: want 1..%d", ErrBadFlag, c.out, maxRate)
	case c.duration <= 0 || c.duration > maxDuration:
		return fmt.Errorf("%w: -duration %v: want (0, %v]", ErrBadFlag, c.duration, maxDuration)
	case c.warmup < 0 || c.warmup > maxDuration:
		return fmt.Errorf("%w: -warmup %v: want [0, %v]", ErrBadFlag, c.warmup, maxDuration)
	case c.payload < minPayload || c.payload > maxPayload:
		return fmt.Errorf("%w: -payload %d: want %d..%d", ErrBadFlag, c.payload, minPayload, maxPayload)
	case c.sample < 1:
		return fmt.Errorf("%w: -sample must be ≥ 1", ErrBadFlag)
	case c.handshake <= 0 || c.handshake > maxDuration:
		return fmt.Errorf("%w: -handshake-timeout %v", ErrBadFlag, c.handshake)
	}
	return nil
}

// senderRate is the sender's packets per second for a fan-out.
func (c config) senderRate(fanout int) float64 {
	if c.rate > 0 {
		return c.rate
	}
	return c.out / float64(fanout)
}
