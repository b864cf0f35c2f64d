package relaybench

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
)

// Server kinds.
const (
	serverBridge = "bridge"
	serverRaw    = "raw"
)

// server is what a child runs: the bridge or the raw relay.
type server interface {
	addr() netip.AddrPort
	setup(eps []ctlEndpoint) ([]ctlEndpoint, error)
	stats() ctlStats
	close() error
}

// Serve is the child mode ("loadtest bench relay-serve"): it runs one
// server on 127.0.0.1 and answers control lines on stdin until stdin
// closes or ctx ends. Flags: -server bridge|raw, -listen addr (loopback).
func Serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return serve(ctx, args, os.Stdin, stdout, stderr)
}

// serveFlags are the child's flags.
type serveFlags struct {
	kind   string
	listen netip.AddrPort
}

func parseServeFlags(args []string, stderr io.Writer) (serveFlags, error) {
	fs := flag.NewFlagSet("relay-serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("server", serverBridge, "server to run: bridge or raw")
	listen := fs.String("listen", "127.0.0.1:0", "UDP address to bind (loopback only)")
	if err := fs.Parse(args); err != nil {
		return serveFlags{}, err
	}
	if fs.NArg() > 0 {
		return serveFlags{}, fmt.Errorf("%w: unexpected argument %q", ErrBadFlag, fs.Arg(0))
	}
	if *kind != serverBridge && *kind != serverRaw {
		return serveFlags{}, fmt.Errorf("%w: -server %q (want bridge or raw)", ErrBadFlag, *kind)
	}
	ap, err := netip.ParseAddrPort(*listen)
	if err != nil || !ap.Addr().IsLoopback() {
		return serveFlags{}, fmt.Errorf("%w: -listen %q must be a loopback address:port", ErrBadFlag, *listen)
	}
	return serveFlags{kind: *kind, listen: ap}, nil
}

func newServer(f serveFlags, stderr io.Writer) (server, error) {
	if f.kind == serverRaw {
		return newRawRelay(f.listen)
	}
	return newBridgeServer(f.listen, stderr)
}

func serve(ctx context.Context, args []string, in io.Reader, out, stderr io.Writer) error {
	f, err := parseServeFlags(args, stderr)
	if err != nil {
		return err
	}
	srv, err := newServer(f, stderr)
	if err != nil {
		return err
	}
	defer srv.close()
	return serveLoop(ctx, srv, f.kind, in, out)
}

// serveLoop announces srv as kind and answers requests until in closes.
func serveLoop(ctx context.Context, srv server, kind string, in io.Reader, out io.Writer) error {
	hello := ctlMsg{Type: msgHello, Server: kind, Addr: srv.addr().String(), PID: os.Getpid()}
	if err := writeMsg(out, hello); err != nil {
		return fmt.Errorf("relaybench: serve: %w", err)
	}
	lines := make(chan []byte)
	go readLines(in, lines)
	for {
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				return nil // stdin closed: the parent is done
			}
			if err := writeMsg(out, handleLine(srv, line)); err != nil {
				return fmt.Errorf("relaybench: serve: %w", err)
			}
		}
	}
}

// readLines sends each line of r to lines and closes it at EOF or error.
func readLines(r io.Reader, lines chan<- []byte) {
	defer close(lines)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxLine)
	for sc.Scan() {
		lines <- append([]byte(nil), sc.Bytes()...)
	}
}

// handleLine answers one request; failures become an error message.
func handleLine(srv server, line []byte) ctlMsg {
	m, err := decodeLine(line)
	if err != nil {
		return ctlMsg{Type: msgError, Error: err.Error()}
	}
	switch m.Type {
	case msgSetup:
		eps, err := srv.setup(m.Endpoints)
		if err != nil {
			return ctlMsg{Type: msgError, Error: err.Error()}
		}
		return ctlMsg{Type: msgEndpoints, Endpoints: eps}
	case msgStats:
		st := srv.stats()
		return ctlMsg{Type: msgStats, Stats: &st}
	}
	return ctlMsg{Type: msgError, Error: errors.New("relaybench: unexpected " + m.Type).Error()}
}
