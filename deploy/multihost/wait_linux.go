package multihost

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// pollEvery is how often the waits below retry.
const pollEvery = 100 * time.Millisecond

// WaitTCP waits until addr accepts a TCP connection made from namespace
// ns, failing early when a started process has exited.
func (l *Lab) WaitTCP(ctx context.Context, ns, addr string) error {
	return l.poll(ctx, fmt.Sprintf("tcp %s from %s", addr, ns), func(ctx context.Context) error {
		c, err := DialIn(ctx, ns, "tcp", addr)
		if err == nil {
			c.Close()
		}
		return err
	})
}

// WaitHTTP waits until GET url, made from namespace ns, answers 200.
func (l *Lab) WaitHTTP(ctx context.Context, ns, url string) error {
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return DialIn(ctx, ns, network, addr)
		}}}
	return l.poll(ctx, fmt.Sprintf("GET %s from %s", url, ns), func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %s", resp.Status)
		}
		return nil
	})
}

func (l *Lab) poll(ctx context.Context, what string, try func(context.Context) error) error {
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		if err := l.Check(); err != nil {
			return err
		}
		actx, cancel := context.WithTimeout(ctx, time.Second)
		err := try(actx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %s: %v", ErrNotReady, what, err)
		case <-tick.C:
		}
	}
}
