package bridgechan

import (
	"context"
	"fmt"
	"sync"

	"github.com/pion/webrtc/v3"
)

// Label and Protocol of lib-jitsi-meet's bridge data channel.
const (
	DataChannelLabel    = "JVB data channel"
	DataChannelProtocol = "http://jitsi.org/protocols/colibri"
)

// NewDataChannel runs the bridge channel over an SCTP data channel (what
// lib-jitsi-meet prefers when the offer has a data content). Sends wait
// until the channel is open; the client ends when the channel closes or ctx
// ends.
func NewDataChannel(ctx context.Context, dc *webrtc.DataChannel, opt Options) *Client {
	d := &dcConn{dc: dc, in: make(chan []byte, 64), open: make(chan struct{}), closed: make(chan struct{})}
	dc.OnOpen(func() { d.openOnce.Do(func() { close(d.open) }) })
	dc.OnClose(d.shut)
	dc.OnMessage(func(m webrtc.DataChannelMessage) {
		select {
		case d.in <- m.Data:
		case <-d.closed:
		}
	})
	if dc.ReadyState() == webrtc.DataChannelStateOpen {
		d.openOnce.Do(func() { close(d.open) })
	}
	return start(ctx, d, opt)
}

// dcConn adapts a pion data channel to conn.
type dcConn struct {
	dc        *webrtc.DataChannel
	in        chan []byte
	open      chan struct{}
	closed    chan struct{}
	openOnce  sync.Once
	closeOnce sync.Once
}

func (d *dcConn) shut() { d.closeOnce.Do(func() { close(d.closed) }) }

func (d *dcConn) Read(ctx context.Context) ([]byte, error) {
	select {
	case b := <-d.in:
		return b, nil
	case <-d.closed:
		return nil, fmt.Errorf("data channel %q closed", d.dc.Label())
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (d *dcConn) Write(ctx context.Context, b []byte) error {
	select {
	case <-d.open:
	case <-d.closed:
		return fmt.Errorf("data channel %q closed", d.dc.Label())
	case <-ctx.Done():
		return ctx.Err()
	}
	return d.dc.SendText(string(b))
}

func (d *dcConn) Close() error {
	d.shut()
	return d.dc.Close()
}
