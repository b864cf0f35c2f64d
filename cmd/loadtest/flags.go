package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jitsi-go/jitsi-go/demo"
	"github.com/jitsi-go/jitsi-go/loadtest"
)

// config is the parsed command line of a run.
type config struct {
	opts      loadtest.Options
	demo      bool   // start the demo deployment in this process and aim at it
	vendor    string // the demo's vendor directory (optional)
	out, html string // result files; "" writes none
	quiet     bool   // no progress line
	logLevel  string // the demo's log level
}

// parseFlags reads the run mode's flags into a config.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	o := &c.opts
	var cuts cutList
	var procs procList
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(fs) }
	fs.StringVar(&o.Target, "target", "", "WebSocket URL (ws://host/xmpp-websocket), BOSH URL (http://host/http-bind) or c2s host:port")
	fs.StringVar(&o.Transport, "transport", loadtest.TransportWebSocket, "websocket, bosh or c2s")
	fs.StringVar(&o.Domain, "domain", demo.DefaultDomain, "XMPP domain (anonymous login); rooms are on conference.<domain>")
	fs.StringVar(&o.FocusJID, "focus", "", "focus JID (default focus.<domain>)")
	fs.StringVar(&o.RoomPrefix, "room-prefix", "", "room name prefix (default loadtest-<random>-)")
	fs.IntVar(&o.Conferences, "conferences", 1, "number of conferences")
	fs.IntVar(&o.PerConference, "participants", 3, "participants per conference")
	fs.IntVar(&o.AudioSenders, "audio-senders", 2, "participants sending audio per conference (the first ones)")
	fs.IntVar(&o.VideoSenders, "video-senders", 2, "participants sending video per conference (the first ones)")
	fs.IntVar(&o.VideoBitrate, "video-bitrate", 500_000, "video bitrate of the top layer, bit/s")
	fs.BoolVar(&o.Simulcast, "simulcast", false, "send three VP8 simulcast layers")
	fs.Float64Var(&o.JoinRate, "join-rate", 5, "participants started per second")
	fs.DurationVar(&o.JoinTimeout, "join-timeout", 15*time.Second, "bound of one participant's join (conference IQ to first remote media)")
	fs.DurationVar(&o.Duration, "duration", 30*time.Second, "how long media is measured once every join ended")
	fs.StringVar(&o.BridgeStats, "bridge-stats", "", "the bridge's /colibri/stats URL, sampled once a second")
	fs.StringVar(&o.FocusStats, "focus-stats", "", "the focus's /stats URL, sampled once a second")
	fs.Var(&procs, "pid", "name=PID of a local server process whose CPU and RSS are sampled (repeatable)")
	fs.Var(&cuts, "cut", "conf/idx@AT[+FOR]: cut that participant's network AT after it joined, for FOR (dropped) or for good (socket closed) (repeatable)")
	fs.StringVar(&c.out, "out", "loadtest-result.json", "JSON result file (empty: none)")
	fs.StringVar(&c.html, "html", "loadtest-report.html", "HTML report file (empty: none)")
	fs.BoolVar(&c.demo, "demo", false, "start the demo deployment in this process and load it (its bridge and focus stats and this process as \"demo\")")
	fs.StringVar(&c.vendor, "vendor", "", "with -demo: the web app's vendor directory (not needed by the load test)")
	fs.StringVar(&c.logLevel, "log-level", "error", "with -demo: the deployment's log level (debug, info, warn, error)")
	fs.BoolVar(&c.quiet, "quiet", false, "no live progress line")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if c.demo && o.Target != "" {
		return c, errors.New("-demo and -target exclude each other: -demo aims at the deployment it starts")
	}
	if !c.demo && o.Target == "" {
		return c, errors.New("no -target (or -demo to start the demo deployment in this process)")
	}
	o.Cuts, o.Procs = cuts, procs
	return c, nil
}

// cutSyntax is conf/idx@AT[+FOR].
var cutSyntax = regexp.MustCompile(`^(\d+)/(\d+)@([^+]+)(?:\+(.+))?$`)

// parseCut reads one -cut value such as 0/1@5s (socket closed 5 s after
// participant 1 of conference 0 joined) or 2/0@10s+3s (dropped for 3 s).
func parseCut(s string) (loadtest.Cut, error) {
	m := cutSyntax.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return loadtest.Cut{}, fmt.Errorf("cut %q: want conf/idx@AT[+FOR], e.g. 0/1@5s or 0/1@5s+3s", s)
	}
	var c loadtest.Cut
	var err error
	if c.Conference, err = strconv.Atoi(m[1]); err != nil {
		return c, fmt.Errorf("cut %q: conference: %w", s, err)
	}
	if c.Participant, err = strconv.Atoi(m[2]); err != nil {
		return c, fmt.Errorf("cut %q: participant: %w", s, err)
	}
	if c.At, err = time.ParseDuration(m[3]); err != nil || c.At < 0 {
		return c, fmt.Errorf("cut %q: AT %q is not a duration ≥ 0 such as 5s", s, m[3])
	}
	if m[4] != "" {
		if c.For, err = time.ParseDuration(m[4]); err != nil || c.For <= 0 {
			return c, fmt.Errorf("cut %q: FOR %q is not a positive duration such as 3s", s, m[4])
		}
	}
	return c, nil
}

// cutList is the repeatable -cut flag.
type cutList []loadtest.Cut

func (l *cutList) String() string { return fmt.Sprint([]loadtest.Cut(*l)) }

func (l *cutList) Set(s string) error {
	c, err := parseCut(s)
	if err != nil {
		return err
	}
	*l = append(*l, c)
	return nil
}

// parseProc reads one -pid value, name=PID.
func parseProc(s string) (loadtest.Proc, error) {
	name, pid, ok := strings.Cut(s, "=")
	n, err := strconv.Atoi(pid)
	if !ok || name == "" || err != nil || n <= 0 {
		return loadtest.Proc{}, fmt.Errorf("pid %q: want name=PID, e.g. bridge=1234", s)
	}
	return loadtest.Proc{Name: name, PID: n}, nil
}

// procList is the repeatable -pid flag.
type procList []loadtest.Proc

func (l *procList) String() string { return fmt.Sprint([]loadtest.Proc(*l)) }

func (l *procList) Set(s string) error {
	p, err := parseProc(s)
	if err != nil {
		return err
	}
	*l = append(*l, p)
	return nil
}
