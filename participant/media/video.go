package media

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"
)

// VideoConfig configures a VideoSender.
type VideoConfig struct {
	// Sender goes into every trailer.
	Sender uint32
	// PayloadType is VP8's negotiated type (jicofo: 100).
	PayloadType uint8
	// Bitrate of the top layer in bit/s (default 1 Mbit/s); with simulcast
	// each lower layer has a quarter of the one above, as Chrome's 3 layers.
	Bitrate int
	// FPS is the frame rate (default 30); Run must tick at this rate.
	FPS int
	// Width and Height of the top layer (default 1280x720), halved per layer.
	Width, Height uint16
	// MaxPayload bounds a packet's payload (default 1100 bytes).
	MaxPayload int
}

// VideoSender writes VP8-shaped frames on one or more layers (simulcast,
// lowest first), a keyframe first and whenever one is requested.
type VideoSender struct {
	cfg    VideoConfig
	layers []*videoLayer
}

type videoLayer struct {
	w         RTPWriter
	idx       uint8
	frameSize int
	width     uint16
	height    uint16
	seq       uint16
	ts        uint32
	pictureID uint16
	tl0       uint8
	counter   uint32
	keyReq    atomic.Bool
	frames    atomic.Uint64
	keyframes atomic.Uint64
}

// NewVideoSender returns a sender with one layer per writer (three for
// simulcast), lowest layer first.
func NewVideoSender(cfg VideoConfig, writers ...RTPWriter) (*VideoSender, error) {
	cfg = videoDefaults(cfg)
	if len(writers) == 0 || len(writers) > 3 || cfg.FPS <= 0 || cfg.Bitrate <= 0 || cfg.MaxPayload < 64 {
		return nil, fmt.Errorf("%w: video %d layers, %d fps, %d bit/s, %d bytes", ErrConfig, len(writers), cfg.FPS, cfg.Bitrate, cfg.MaxPayload)
	}
	v := &VideoSender{cfg: cfg}
	n := len(writers)
	for i, w := range writers {
		shift := n - 1 - i
		l := &videoLayer{w: w, idx: uint8(i), width: cfg.Width >> shift, height: cfg.Height >> shift}
		l.frameSize = max(cfg.Bitrate>>(2*shift)/8/cfg.FPS, 64)
		l.keyReq.Store(true)
		v.layers = append(v.layers, l)
	}
	return v, nil
}

func videoDefaults(cfg VideoConfig) VideoConfig {
	if cfg.Bitrate == 0 {
		cfg.Bitrate = 1_000_000
	}
	if cfg.FPS == 0 {
		cfg.FPS = 30
	}
	if cfg.Width == 0 || cfg.Height == 0 {
		cfg.Width, cfg.Height = 1280, 720
	}
	if cfg.MaxPayload == 0 {
		cfg.MaxPayload = 1100
	}
	return cfg
}

// Layers is the number of simulcast layers.
func (v *VideoSender) Layers() int { return len(v.layers) }

// RequestKeyframe makes the next frame of a layer (or of all, with -1) a
// keyframe: what a PLI or FIR asks for.
func (v *VideoSender) RequestKeyframe(layer int) {
	for _, l := range v.layers {
		if layer < 0 || int(l.idx) == layer {
			l.keyReq.Store(true)
		}
	}
}

// Frames and Keyframes report how many frames a layer has sent.
func (v *VideoSender) Frames(layer int) (frames, keyframes uint64) {
	if layer < 0 || layer >= len(v.layers) {
		return 0, 0
	}
	return v.layers[layer].frames.Load(), v.layers[layer].keyframes.Load()
}

// Tick writes one frame on every layer. It is not safe to call concurrently.
func (v *VideoSender) Tick() error {
	for _, l := range v.layers {
		if err := v.frame(l); err != nil {
			return err
		}
	}
	return nil
}

// Run calls Tick on every tick until ctx ends or ticks closes.
func (v *VideoSender) Run(ctx context.Context, ticks <-chan time.Time) error {
	return run(ctx, ticks, v.Tick)
}

func (v *VideoSender) frame(l *videoLayer) error {
	key := l.keyReq.Swap(false)
	size := l.frameSize
	if key {
		size *= 3
		l.tl0++
		l.keyframes.Add(1)
	}
	l.frames.Add(1)
	for sent, first := 0, true; sent < size || first; first = false {
		p := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: v.cfg.PayloadType, SequenceNumber: l.seq, Timestamp: l.ts}}
		payload := make([]byte, 0, v.cfg.MaxPayload)
		payload = vp8Descriptor(payload, first, l.pictureID, l.tl0)
		if first {
			payload = vp8Header(payload, key, size, l.width, l.height)
		}
		room := v.cfg.MaxPayload - len(payload) - TrailerSize
		chunk := min(room, max(size-sent, 0))
		for range chunk {
			payload = append(payload, byte(sent))
			sent++
		}
		p.Marker = sent >= size
		p.Payload = AppendTrailer(payload, Trailer{Sender: v.cfg.Sender, Counter: l.counter, Layer: l.idx, Keyframe: key})
		l.seq++
		l.counter++
		if err := l.w.WriteRTP(p); err != nil {
			return fmt.Errorf("media: write video layer %d: %w", l.idx, err)
		}
	}
	l.ts += uint32(90000 / v.cfg.FPS)
	l.pictureID = (l.pictureID + 1) & 0x7FFF
	return nil
}
