package e2e

import (
	"context"
	"fmt"
	"time"
)

// ColibriSocket is one colibri websocket (the bridge channel) the page
// opened, as the page's WebSocket hook saw it.
type ColibriSocket struct {
	URL    string `json:"url"`
	Opened bool   `json:"opened"`
	Closed *struct {
		Code   int    `json:"code"`
		Reason string `json:"reason"`
	} `json:"closed"`
}

// ColibriMessage is one bridge-channel message on a colibri websocket.
type ColibriMessage struct {
	Dir     string `json:"dir"` // "in" (from the bridge) or "out"
	Class   string `json:"cls"` // colibriClass
	At      int64  `json:"at"`  // ms since the epoch, browser clock
	To      any    `json:"to"`
	From    any    `json:"from"`
	Payload any    `json:"payload"` // msgPayload of an EndpointMessage
	Raw     string `json:"raw"`     // the message text, cut at 400 bytes
}

// ColibriLog is what the page's WebSocket hook recorded of the bridge
// channel: the sockets, the last 500 messages and a count per direction and
// class ("in:ServerHello").
type ColibriLog struct {
	Sockets  []ColibriSocket  `json:"sockets"`
	Messages []ColibriMessage `json:"messages"`
	Counts   map[string]int   `json:"counts"`
}

// Colibri returns the page's bridge-channel log.
func (p *Page) Colibri(ctx context.Context) (ColibriLog, error) {
	var l ColibriLog
	return l, p.Eval(ctx, "e2e.colibri", &l)
}

// WaitColibri waits until a message of class has gone dir ("in" or "out")
// on a colibri websocket of the page.
func (p *Page) WaitColibri(ctx context.Context, dir, class string) error {
	key := dir + ":" + class
	if err := p.WaitFor(ctx, fmt.Sprintf("e2e.colibri.counts[%q] > 0", key), nil); err != nil {
		rctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		l, _ := p.Colibri(rctx)
		return fmt.Errorf("e2e: no %s on the colibri websocket (sockets %+v, counts %v): %w", key, l.Sockets, l.Counts, err)
	}
	return nil
}
