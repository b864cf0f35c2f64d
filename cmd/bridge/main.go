// Command bridge is a drop-in replacement for jitsi-videobridge: it reads
// jvb.conf and sip-communicator.properties, forwards media for every
// endpoint on one UDP port, and serves the colibri web socket and the
// private REST API. See package bridge.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/jitsi-go/jitsi-go/bridge"
	"github.com/jitsi-go/jitsi-go/config"
)

// version is set at link time (-ldflags "-X main.version=…").
var version = "2.3.0-go"

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bridge:", err)
		os.Exit(1)
	}
}

// run parses the flags, loads the configuration and runs the daemon until
// SIGTERM/SIGINT or a completed REST shutdown.
func run(args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("bridge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	confFlag := fs.String("config", "", "jvb.conf path (default $JVB_CONF or "+config.DefaultJVBConf+")")
	scFlag := fs.String("sc-properties", "", "sip-communicator.properties path (default $JVB_SC_HOME_LOCATION/$JVB_SC_HOME_NAME/…)")
	trusted := fs.String("trusted-jids", "", "comma-separated full or bare JIDs allowed to send Colibri2, e.g. the focus's brewery occupant jvbbrewery@internal.auth.<domain>/focus (default: any sender, as jvb)")
	level := fs.String("log-level", "info", "debug, info, warn or error")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintln(stderr, version)
		return nil
	}
	log, err := newLogger(stderr, *level)
	if err != nil {
		return err
	}
	confPath, scPath := config.JVBPaths(*confFlag, *scFlag, getenv)
	j, err := config.LoadJVB(confPath, scPath)
	if err != nil {
		return err
	}
	for _, w := range j.Warnings {
		log.Warn("config: " + w.String())
	}
	if len(j.XMPPClients) == 0 {
		log.Warn("no videobridge.apis.xmpp-client configs: the bridge joins no brewery and gets no Colibri2 over XMPP")
	}
	d, err := bridge.NewDaemon(j, bridge.DaemonOptions{Version: version, TrustedJIDs: splitList(*trusted), Logger: log, XMPP: true})
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	return d.Run(ctx)
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, errors.New("bad -log-level " + level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
