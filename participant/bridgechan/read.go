package bridgechan

import (
	"context"
	"encoding/json"
	"fmt"
)

func (c *Client) readLoop(ctx context.Context) {
	defer close(c.done)
	defer close(c.msgs)
	for {
		data, err := c.conn.Read(ctx)
		if err != nil {
			c.finish(err)
			return
		}
		m, err := parse(data)
		if err != nil {
			continue // lib-jitsi-meet logs and ignores unparsable messages
		}
		c.apply(m)
		c.deliver(m)
	}
}

func parse(data []byte) (Message, error) {
	var head struct {
		Class string `json:"colibriClass"`
	}
	if err := json.Unmarshal(data, &head); err != nil || head.Class == "" {
		return Message{}, fmt.Errorf("%w: %.80s", ErrBadMessage, data)
	}
	return Message{Class: head.Class, Raw: append(json.RawMessage(nil), data...)}, nil
}

func (c *Client) apply(m Message) {
	switch m.Class {
	case ClassServerHello:
		select {
		case <-c.hello:
		default:
			close(c.hello)
		}
	case ClassForwardedSources:
		var f ForwardedSources
		if json.Unmarshal(m.Raw, &f) == nil {
			c.mu.Lock()
			c.forwarded = f.Sources
			c.mu.Unlock()
		}
	case ClassDominantSpeaker:
		var d DominantSpeaker
		if json.Unmarshal(m.Raw, &d) == nil {
			c.mu.Lock()
			c.speaker = d
			c.mu.Unlock()
		}
	}
}

// deliver queues m, dropping the oldest message when the queue is full.
func (c *Client) deliver(m Message) {
	for {
		select {
		case c.msgs <- m:
			return
		default:
		}
		select {
		case <-c.msgs:
			c.mu.Lock()
			c.dropped++
			c.mu.Unlock()
		default:
		}
	}
}

func (c *Client) finish(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = fmt.Errorf("%w: %v", ErrClosed, err)
	}
}
