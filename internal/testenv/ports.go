package testenv

import (
	"context"
	"fmt"
	"net"
	"time"
)

// pollEvery is how often launchers poll an external program for readiness.
const pollEvery = 25 * time.Millisecond

// FreePorts returns n distinct TCP ports that were free on 127.0.0.1.
func FreePorts(n int) ([]int, error) {
	ls := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("testenv: free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// WaitListening polls addr until it accepts a TCP connection, alive reports an
// error, or ctx ends.
func WaitListening(ctx context.Context, addr string, alive func() error) error {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	var d net.Dialer
	for {
		c, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			return c.Close()
		}
		if aerr := alive(); aerr != nil {
			return aerr
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: nothing listens on %s: %v", ErrNotReady, addr, ctx.Err())
		case <-t.C:
		}
	}
}

// Loopback formats a 127.0.0.1 host:port address.
func Loopback(port int) string { return fmt.Sprintf("127.0.0.1:%d", port) }
