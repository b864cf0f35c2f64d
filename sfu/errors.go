package sfu

import "errors"

// Sentinel errors returned (wrapped with %w) by this package.
var (
	ErrClosed             = errors.New("sfu: closed")
	ErrConferenceExists   = errors.New("sfu: conference already exists")
	ErrConferenceNotFound = errors.New("sfu: conference not found")
	ErrEndpointExists     = errors.New("sfu: endpoint already exists")
	ErrEndpointNotFound   = errors.New("sfu: endpoint not found")
	ErrExpired            = errors.New("sfu: endpoint expired")
	ErrInvalidConfig      = errors.New("sfu: invalid config")
	ErrInvalidRemote      = errors.New("sfu: invalid remote transport")
	ErrInvalidSource      = errors.New("sfu: invalid source")
	ErrFingerprint        = errors.New("sfu: DTLS fingerprint mismatch")
	ErrUnsupportedProfile = errors.New("sfu: unsupported SRTP protection profile")
	ErrConsentExpired     = errors.New("sfu: ICE consent expired")
	ErrNotConnected       = errors.New("sfu: endpoint transport not connected")
)
