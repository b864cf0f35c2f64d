// Package cli is the xmppd command line: run the server, or manage accounts
// like prosodyctl (register, deluser) against the same data directory, which
// works while the server runs.
package cli

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
	"time"

	"github.com/jitsi-go/jitsi-go/xmppd/server"
	"github.com/jitsi-go/jitsi-go/xmppd/store"
	"github.com/jitsi-go/jitsi-go/xmppd/xconfig"
)

const usage = `usage:
  xmppd [-config FILE] [-domain D] [-data DIR]        serve
  xmppd [-config FILE | -data DIR] register USER HOST PASSWORD
  xmppd [-config FILE | -data DIR] deluser USER@HOST`

// Run executes the command line and returns the exit status.
func Run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("xmppd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "HOCON configuration file")
	domain := fs.String("domain", "", "serve the standard Jitsi layout for this domain")
	data := fs.String("data", "", "data directory (overrides the configuration)")
	fs.Usage = func() { fmt.Fprintln(stderr, usage) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	cfg, err := loadConfig(*cfgPath, *domain, *data, log)
	if err != nil {
		fmt.Fprintln(stderr, "xmppd:", err)
		return 1
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return serve(cfg, log, stderr)
	}
	if err := account(cfg, rest); err != nil {
		fmt.Fprintln(stderr, "xmppd:", err)
		if errors.Is(err, errUsage) {
			fmt.Fprintln(stderr, usage)
			return 2
		}
		return 1
	}
	return 0
}

var errUsage = errors.New("bad arguments")

func loadConfig(path, domain, data string, log *slog.Logger) (xconfig.Config, error) {
	var cfg xconfig.Config
	switch {
	case path != "":
		c, warns, err := xconfig.Load(path)
		if err != nil {
			return cfg, err
		}
		for _, w := range warns {
			log.Warn(w.String())
		}
		cfg = c
	case domain != "":
		cfg = xconfig.Default(domain)
	default:
		cfg = xconfig.Default("localhost")
	}
	if data != "" {
		cfg.DataDir = data
	}
	return cfg, nil
}

func account(cfg xconfig.Config, args []string) error {
	st, err := store.Open(cfg.DataDir)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "register" && len(args) == 4:
		return st.Register(args[1], args[2], args[3])
	case args[0] == "deluser" && len(args) == 2:
		user, host, ok := strings.Cut(args[1], "@")
		if !ok {
			return fmt.Errorf("%w: deluser wants USER@HOST", errUsage)
		}
		return st.Delete(user, host)
	case args[0] == "deluser" && len(args) == 3:
		return st.Delete(args[1], args[2])
	}
	return fmt.Errorf("%w: %q", errUsage, strings.Join(args, " "))
}

// serve runs until SIGTERM or SIGINT; SIGHUP reloads the TLS files.
func serve(cfg xconfig.Config, log *slog.Logger, stderr io.Writer) int {
	srv, err := server.New(cfg, log, nil)
	if err != nil {
		fmt.Fprintln(stderr, "xmppd:", err)
		return 1
	}
	if err := srv.Start(); err != nil {
		fmt.Fprintln(stderr, "xmppd:", err)
		return 1
	}
	a := srv.Addrs()
	log.Info("xmppd started", "c2s", a.C2S, "components", a.Components, "http", a.HTTP, "admin", a.Admin)
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer signal.Stop(sig)
	for s := range sig {
		if s == syscall.SIGHUP {
			if err := srv.ReloadTLS(); err != nil {
				log.Error("TLS reload failed; keeping the old certificates", "err", err)
			}
			continue
		}
		log.Info("shutting down", "signal", s.String())
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := srv.Shutdown(ctx)
		cancel()
		if err != nil {
			log.Error("shutdown", "err", err)
			return 1
		}
		return 0
	}
	return 0
}
