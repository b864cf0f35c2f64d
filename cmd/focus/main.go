// Command focus is a drop-in replacement for jicofo, the Jitsi conference
// focus: it reads jicofo.conf, logs in as focus@auth.<domain>, answers the
// conference request (behind mod_client_proxy, or itself as the external
// component focus.<domain>), runs the conferences on the bridges of the
// brewery and serves jicofo's REST API. See packages focus and
// focus/xmppapi.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/focus/xmppapi"
)

// version is set at link time (-ldflags "-X main.version=…").
var version = "1.0.0-go"

// openBSDConf is where the OpenBSD package (and the guide) keep jicofo.conf.
const openBSDConf = "/etc/jicofo/jicofo.conf"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "focus:", err)
		os.Exit(1)
	}
}

// flags are the command line options; the rest comes from jicofo.conf.
type flags struct {
	host, conf, caFile, level      string
	componentHost, componentSecret string
	componentPort                  int
	showVersion                    bool
}

func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (flags, error) {
	var f flags
	fs := flag.NewFlagSet("focus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.host, "host", "", "the XMPP domain, an FQDN (jicofo_flags=\"-host=meet.example.org\")")
	fs.StringVar(&f.conf, "config", "", "jicofo.conf path (default $JICOFO_CONF, else "+openBSDConf+" if present, else "+config.DefaultJicofoConf+")")
	fs.StringVar(&f.caFile, "ca-file", getenv("JICOFO_CA_FILE"), "PEM file of CAs trusted for the XMPP server (default $JICOFO_CA_FILE; system roots are always trusted)")
	fs.StringVar(&f.componentHost, "component-host", "", "XEP-0114 component host (default jicofo.xmpp.client.hostname)")
	fs.IntVar(&f.componentPort, "component-port", 5347, "XEP-0114 component port")
	fs.StringVar(&f.componentSecret, "component-secret", getenv("JICOFO_COMPONENT_SECRET"),
		"secret of the external component focus.<domain>; empty: no component, rely on mod_client_proxy (default $JICOFO_COMPONENT_SECRET)")
	fs.StringVar(&f.level, "log-level", "info", "debug, info, warn or error")
	fs.BoolVar(&f.showVersion, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if _, err := netip.ParseAddr(f.host); err == nil {
		return f, fmt.Errorf("-host=%s is an IP address: pass the FQDN of the XMPP virtual host (the guide's jicofo_flags)", f.host)
	}
	if f.componentPort < 1 || f.componentPort > 65535 {
		return f, fmt.Errorf("-component-port=%d out of range", f.componentPort)
	}
	return f, nil
}

// confPath resolves jicofo.conf: -config, $JICOFO_CONF, the OpenBSD path
// when it exists, the Debian path.
func confPath(flagConf string, getenv func(string) string) string {
	if flagConf == "" && getenv("JICOFO_CONF") == "" {
		if _, err := os.Stat(openBSDConf); err == nil {
			return openBSDConf
		}
	}
	return config.JicofoPath(flagConf, getenv)
}

// run loads the configuration and runs the focus until ctx ends. ready,
// if not nil, receives the service and the REST address ("" when REST is
// off) once it is started (tests).
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer, ready readyFunc) error {
	f, err := parseFlags(args, getenv, stderr)
	if err != nil || f.showVersion {
		if f.showVersion {
			fmt.Fprintln(stderr, version)
		}
		return err
	}
	log, err := newLogger(stderr, f.level)
	if err != nil {
		return err
	}
	cfg, err := config.LoadJicofo(confPath(f.conf, getenv), f.host)
	if err != nil {
		return err
	}
	for _, w := range cfg.Warnings {
		log.Warn("config: " + w.String())
	}
	if ts := getenv("JICOFO_TRUSTSTORE"); ts != "" && f.caFile == "" {
		log.Warn("JICOFO_TRUSTSTORE (a Java keystore) is not read: export the CA as PEM and pass -ca-file", "truststore", ts)
	}
	opts := xmppapi.Options{Config: cfg, Version: version, Logger: log, CAFile: f.caFile, ComponentSecret: f.componentSecret}
	if f.componentSecret != "" {
		opts.ComponentAddr = net.JoinHostPort(first(f.componentHost, cfg.Client.Hostname), strconv.Itoa(f.componentPort))
	}
	svc, err := xmppapi.New(opts)
	if err != nil {
		return err
	}
	return serve(ctx, svc, cfg, log, ready)
}

// readyFunc is told the service and the REST address once both started.
type readyFunc func(svc *xmppapi.Service, restAddr string)

// serve runs the REST server (if enabled) next to the service and stops
// both when ctx ends.
func serve(ctx context.Context, svc *xmppapi.Service, cfg *config.Jicofo, log *slog.Logger, ready readyFunc) error {
	var srv *http.Server
	restAddr := ""
	if cfg.REST.Enabled {
		ln, err := net.Listen("tcp", net.JoinHostPort(cfg.REST.Host, strconv.Itoa(cfg.REST.Port)))
		if err != nil {
			return fmt.Errorf("rest: %w", err)
		}
		srv = &http.Server{Handler: svc.Handler(), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("rest server", "err", err)
			}
		}()
		restAddr = ln.Addr().String()
		log.Info("rest listening", "addr", restAddr)
	}
	if ready != nil {
		ready(svc, restAddr)
	}
	log.Info("focus starting", "version", version, "domain", cfg.XMPPDomain)
	err := svc.Run(ctx)
	if srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}
	log.Info("focus stopped")
	return err
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, errors.New("bad -log-level " + level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
