package colibri

import (
	"fmt"
	"strings"
)

// Validate checks what the Jitsi parsers require of a request before a
// bridge acts on it: a meeting-id; an id on every endpoint and relay; a
// known media type on every <media> and <media-source>, which also needs an
// id; a known muc-role and SCTP role. It does not apply bridge policy
// (endpoints and relays mixed, one created endpoint per request …); the
// bridge does. The error names the element at fault.
func (c *ConferenceModify) Validate() error {
	if c.MeetingID == "" {
		return fmt.Errorf("%w: conference-modify meeting-id", ErrMissingAttribute)
	}
	for i := range c.Endpoints {
		if err := c.Endpoints[i].validate(); err != nil {
			return fmt.Errorf("conference-modify endpoint[%d]: %w", i, err)
		}
	}
	for i := range c.Relays {
		if err := c.Relays[i].validate(); err != nil {
			return fmt.Errorf("conference-modify relay[%d]: %w", i, err)
		}
	}
	return nil
}

// Validate checks a bridge's reply the way jicofo's parser does: ids on
// endpoints and relays, types and ids on media sources.
func (c *ConferenceModified) Validate() error {
	for i := range c.Endpoints {
		if err := c.Endpoints[i].validate(); err != nil {
			return fmt.Errorf("conference-modified endpoint[%d]: %w", i, err)
		}
	}
	for i := range c.Relays {
		if err := c.Relays[i].validate(); err != nil {
			return fmt.Errorf("conference-modified relay[%d]: %w", i, err)
		}
	}
	if err := c.Sources.validate(); err != nil {
		return fmt.Errorf("conference-modified: %w", err)
	}
	return nil
}

func (e *Endpoint) validate() error {
	if e.ID == "" {
		return fmt.Errorf("%w: endpoint id", ErrMissingAttribute)
	}
	switch e.MUCRole {
	case "", RoleModerator, RoleParticipant, RoleVisitor, RoleNone:
	default:
		return fmt.Errorf("%w: endpoint %q muc-role=%q", ErrInvalidValue, e.ID, e.MUCRole)
	}
	return validateParts(e.Media, e.Transport, e.Sources)
}

func (r *Relay) validate() error {
	if r.ID == "" {
		return fmt.Errorf("%w: relay id", ErrMissingAttribute)
	}
	if err := validateParts(r.Media, r.Transport, r.Sources); err != nil {
		return fmt.Errorf("relay %q: %w", r.ID, err)
	}
	if r.Endpoints == nil {
		return nil
	}
	for i := range r.Endpoints.Endpoints {
		if err := r.Endpoints.Endpoints[i].validate(); err != nil {
			return fmt.Errorf("relay %q endpoint[%d]: %w", r.ID, i, err)
		}
	}
	return nil
}

func validateParts(media []Media, t *Transport, s *Sources) error {
	for i, m := range media {
		if !knownMediaType(m.Type) {
			return fmt.Errorf("%w: media[%d] type=%q", ErrInvalidValue, i, m.Type)
		}
	}
	if t != nil && t.SCTP != nil {
		switch strings.ToLower(t.SCTP.Role) {
		case "", SCTPRoleClient, SCTPRoleServer:
		default:
			return fmt.Errorf("%w: sctp role=%q", ErrInvalidValue, t.SCTP.Role)
		}
	}
	return s.validate()
}

func (s *Sources) validate() error {
	if s == nil {
		return nil
	}
	for i, ms := range s.MediaSources {
		if !knownMediaType(ms.Type) {
			return fmt.Errorf("%w: media-source[%d] type=%q", ErrInvalidValue, i, ms.Type)
		}
		if ms.ID == "" {
			return fmt.Errorf("%w: media-source[%d] id", ErrMissingAttribute, i)
		}
	}
	return nil
}

// knownMediaType accepts the types jitsi-utils' MediaType.parseString does
// (case-sensitive, as there).
func knownMediaType(t string) bool {
	switch t {
	case MediaAudio, MediaVideo, "data", "message":
		return true
	}
	return false
}
