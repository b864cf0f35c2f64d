package media

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"
)

// RTPWriter is where a sender writes packets: a pion TrackLocalStaticRTP
// (which sets SSRC and payload type) or anything else with WriteRTP.
type RTPWriter interface {
	WriteRTP(p *rtp.Packet) error
}

// AudioInterval is the packet interval of the audio sender (50 packets/s).
const AudioInterval = 20 * time.Millisecond

// AudioConfig configures an AudioSender.
type AudioConfig struct {
	// Sender goes into every trailer.
	Sender uint32
	// PayloadType is Opus's negotiated type (jicofo: 111).
	PayloadType uint8
	// LevelExtID is the negotiated ID of ssrc-audio-level; 0 sends none.
	LevelExtID uint8
	// PayloadSize is the payload length including TOC and trailer
	// (default 80 bytes, about 32 kbit/s).
	PayloadSize int
}

// AudioSender writes Opus-shaped packets: 20 ms of 48 kHz per packet, a
// TOC byte, filler and the trailer, with the audio level extension.
type AudioSender struct {
	cfg     AudioConfig
	w       RTPWriter
	seq     uint16
	ts      uint32
	counter uint32
	level   atomic.Uint32 // bits 0-6 level (-dBov), bit 7 voice activity
}

// NewAudioSender returns a sender writing to w, silent (127 dBov) until
// SetLevel.
func NewAudioSender(w RTPWriter, cfg AudioConfig) (*AudioSender, error) {
	if cfg.PayloadSize == 0 {
		cfg.PayloadSize = 80
	}
	if cfg.PayloadSize < TrailerSize+1 {
		return nil, fmt.Errorf("%w: audio payload of %d bytes", ErrConfig, cfg.PayloadSize)
	}
	a := &AudioSender{cfg: cfg, w: w}
	a.level.Store(127)
	return a, nil
}

// SetLevel sets the level the extension carries, in -dBov (0 loudest,
// 127 silence), and the voice-activity flag.
func (a *AudioSender) SetLevel(dBov uint8, voice bool) {
	v := uint32(min(dBov, 127))
	if voice {
		v |= 0x80
	}
	a.level.Store(v)
}

// Tick writes one packet. It is not safe to call concurrently.
func (a *AudioSender) Tick() error {
	p := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: a.cfg.PayloadType, SequenceNumber: a.seq, Timestamp: a.ts}}
	if a.cfg.LevelExtID != 0 {
		if err := p.Header.SetExtension(a.cfg.LevelExtID, []byte{byte(a.level.Load())}); err != nil {
			return fmt.Errorf("media: audio level extension: %w", err)
		}
	}
	payload := make([]byte, 0, a.cfg.PayloadSize)
	payload = append(payload, 0x78) // TOC: config 15 (hybrid FB, 20 ms), mono, 1 frame
	for len(payload) < a.cfg.PayloadSize-TrailerSize {
		payload = append(payload, byte(a.counter+uint32(len(payload))))
	}
	p.Payload = AppendTrailer(payload, Trailer{Sender: a.cfg.Sender, Counter: a.counter})
	a.seq++
	a.ts += 960
	a.counter++
	if err := a.w.WriteRTP(p); err != nil {
		return fmt.Errorf("media: write audio: %w", err)
	}
	return nil
}

// Run calls Tick on every tick until ctx ends or ticks closes; a write
// error ends it.
func (a *AudioSender) Run(ctx context.Context, ticks <-chan time.Time) error {
	return run(ctx, ticks, a.Tick)
}

func run(ctx context.Context, ticks <-chan time.Time, tick func() error) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case _, ok := <-ticks:
			if !ok {
				return nil
			}
			if err := tick(); err != nil {
				return err
			}
		}
	}
}
