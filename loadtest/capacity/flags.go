package capacity

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

// DefaultSteps are the conference counts tried when neither -steps nor
// -start/-step is given.
const DefaultSteps = "2,4,8,12,16,20,24,32,40,48,64,80,100,120,140,160,200,240,300"

// maxConferences bounds any step (2 participants each).
const maxConferences = 1000

// Config is what the command line asks for.
type Config struct {
	BinDir   string // xmppd, focus and bridge binaries
	OutDir   string // step-<C>.json and step-<C>.html, "" for none
	JSONPath string // the table's rows as JSON, "" for none
	WorkDir  string // parent of the deployments' directories ("" = system temp)
	Keep     bool   // keep the deployments' directories (configs, logs)
	// Fresh restarts the deployment for every step.
	Fresh bool

	Steps []int // conferences per step, increasing

	Transport   string
	BitrateBps  int
	Simulcast   bool
	JoinRate    float64 // participants per second
	Duration    time.Duration
	JoinTimeout time.Duration
	Criteria    Criteria
}

// flagValues are the raw flags before validation.
type flagValues struct {
	steps             string
	start, step, max  int
	bitrateKbps       int
	maxLoss, maxP95Ms float64
	minBitrate        float64
}

// ParseFlags parses args with a FlagSet named "capacity" (its usage and
// errors go to stderr). -h returns flag.ErrHelp.
func ParseFlags(args []string, stderr io.Writer) (Config, error) {
	c := Config{}
	var v flagValues
	fs := flag.NewFlagSet("capacity", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.BinDir, "bin", "", "directory with the xmppd, focus and bridge binaries (required)")
	fs.StringVar(&c.OutDir, "out", "", "write each step's result as DIR/step-<C>.json and .html")
	fs.StringVar(&c.JSONPath, "json", "", "write the table's rows as JSON to FILE")
	fs.StringVar(&c.WorkDir, "work", "", "parent directory of the deployments' config and log directories (default: system temp)")
	fs.BoolVar(&c.Keep, "keep", false, "keep the deployments' directories (configs, logs)")
	fs.BoolVar(&c.Fresh, "fresh", true, "start a fresh deployment for every step")
	fs.StringVar(&v.steps, "steps", "", "comma-separated conference counts, increasing (default "+DefaultSteps+")")
	fs.IntVar(&v.start, "start", 0, "first step's conferences (with -step; instead of -steps)")
	fs.IntVar(&v.step, "step", 0, "conferences added per step (with -start)")
	fs.IntVar(&v.max, "max", maxConferences, "largest step tried")
	fs.StringVar(&c.Transport, "transport", loadtest.TransportWebSocket, "websocket, bosh or c2s")
	fs.IntVar(&v.bitrateKbps, "bitrate", 500, "video bitrate of each sender, kbit/s")
	fs.BoolVar(&c.Simulcast, "simulcast", false, "send three simulcast layers")
	fs.Float64Var(&c.JoinRate, "join-rate", 10, "participants started per second")
	fs.DurationVar(&c.Duration, "duration", 20*time.Second, "media measured per step after the last join started")
	fs.DurationVar(&c.JoinTimeout, "join-timeout", 15*time.Second, "bound of one participant's join")
	fs.Float64Var(&v.maxLoss, "max-loss", 0.01, "a step fails at this loss rate or above")
	fs.Float64Var(&v.maxP95Ms, "max-join-p95", 1000, "a step fails at this p95 join time (ms) or above")
	fs.Float64Var(&v.minBitrate, "min-bitrate", 0.9, "a step fails when participants receive on average less than this share of the video sent to them (0 = no check; not checked with -simulcast)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("%w: unexpected arguments %q", ErrUsage, fs.Args())
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	c.BitrateBps = v.bitrateKbps * 1000
	c.Criteria = Criteria{MaxLoss: v.maxLoss, MaxJoinP95Ms: v.maxP95Ms, MinBitrate: v.minBitrate}
	var err error
	if c.Steps, err = chooseSteps(v, set); err != nil {
		return c, err
	}
	return c, c.validate()
}

// chooseSteps applies -steps or -start/-step, capped by -max.
func chooseSteps(v flagValues, set map[string]bool) ([]int, error) {
	ramp := set["start"] || set["step"]
	if ramp && set["steps"] {
		return nil, fmt.Errorf("%w: -steps and -start/-step exclude each other", ErrUsage)
	}
	if v.max < 1 || v.max > maxConferences {
		return nil, fmt.Errorf("%w: -max %d out of [1,%d]", ErrUsage, v.max, maxConferences)
	}
	if ramp {
		return Progression(v.start, v.step, v.max)
	}
	list := v.steps
	if list == "" {
		list = DefaultSteps
	}
	steps, err := ParseSteps(list)
	if err != nil {
		return nil, err
	}
	i := 0
	for i < len(steps) && steps[i] <= v.max {
		i++
	}
	if i == 0 {
		return nil, fmt.Errorf("%w: every step of %q is above -max %d", ErrUsage, list, v.max)
	}
	return steps[:i], nil
}

// ParseSteps parses "2,4,8": positive, strictly increasing, at most
// maxConferences.
func ParseSteps(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("%w: -steps %q: %q is not a number", ErrUsage, s, f)
		}
		if n < 1 || n > maxConferences {
			return nil, fmt.Errorf("%w: -steps %q: %d out of [1,%d]", ErrUsage, s, n, maxConferences)
		}
		if len(out) > 0 && n <= out[len(out)-1] {
			return nil, fmt.Errorf("%w: -steps %q: not increasing at %d", ErrUsage, s, n)
		}
		out = append(out, n)
	}
	return out, nil
}

// Progression is start, start+step, … up to max.
func Progression(start, step, max int) ([]int, error) {
	if start < 1 || step < 1 || start > max {
		return nil, fmt.Errorf("%w: -start %d -step %d -max %d: want 1 <= start <= max, step >= 1", ErrUsage, start, step, max)
	}
	var out []int
	for n := start; n <= max; n += step {
		out = append(out, n)
	}
	return out, nil
}

func (c Config) validate() error {
	switch {
	case c.BinDir == "":
		return fmt.Errorf("%w: -bin DIR is required (CGO_ENABLED=0 go build -o DIR ./cmd/xmppd ./cmd/focus ./cmd/bridge)", ErrUsage)
	case !slices.Contains([]string{loadtest.TransportWebSocket, loadtest.TransportBOSH, loadtest.TransportC2S}, c.Transport):
		return fmt.Errorf("%w: -transport %q: want websocket, bosh or c2s", ErrUsage, c.Transport)
	case c.BitrateBps <= 0:
		return fmt.Errorf("%w: -bitrate must be positive", ErrUsage)
	case c.JoinRate <= 0:
		return fmt.Errorf("%w: -join-rate must be positive", ErrUsage)
	case c.Duration <= 0 || c.JoinTimeout <= 0:
		return fmt.Errorf("%w: -duration and -join-timeout must be positive", ErrUsage)
	case c.Criteria.MaxLoss <= 0 || c.Criteria.MaxLoss > 1 || c.Criteria.MaxJoinP95Ms <= 0:
		return fmt.Errorf("%w: -max-loss in (0,1] and -max-join-p95 > 0", ErrUsage)
	case c.Criteria.MinBitrate < 0 || c.Criteria.MinBitrate > 1:
		return fmt.Errorf("%w: -min-bitrate in [0,1]", ErrUsage)
	}
	return nil
}
