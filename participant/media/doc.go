// Package media is the synthetic media of the test participants: an
// Opus-shaped audio sender (50 packets/s with the ssrc-audio-level header
// extension), a VP8-shaped video sender (chosen bitrate and frame rate,
// keyframes on request, optional three-layer simulcast), and a receiver that
// keeps per-SSRC statistics (packets, bytes, sequence gaps, RFC 3550 jitter,
// freezes, first-packet time).
//
// Every payload ends in a 16-byte trailer (magic, sender ID, per-stream
// counter, layer and keyframe flag) so a receiver can prove that what arrives
// is what a given sender sent, even after a bridge rewrote SSRCs and sequence
// numbers. Senders write to anything with WriteRTP (a pion
// TrackLocalStaticRTP) and are paced by an injectable tick channel.
package media
