package participant

import (
	"fmt"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// ready checks that a post-initiate action belongs to this session.
func (s *Session) ready(j *jingle.Jingle) error {
	if s.closed {
		return ErrClosed
	}
	if s.pc == nil || j.SID != s.sid {
		return fmt.Errorf("%w: %s for session %q", ErrState, j.Action, j.SID)
	}
	return nil
}

// SourceAdd adds an m-line per new remote source family and renegotiates.
func (s *Session) SourceAdd(j *jingle.Jingle) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(j); err != nil {
		return err
	}
	srcs, err := j.Sources()
	if err != nil {
		return fmt.Errorf("participant: source-add: %w", err)
	}
	mids, err := s.offer.AddSources(srcs)
	if err != nil || len(mids) == 0 {
		return err
	}
	return s.renegotiate()
}

// SourceRemove rejects the m-lines of the removed sources and renegotiates.
func (s *Session) SourceRemove(j *jingle.Jingle) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(j); err != nil {
		return err
	}
	srcs, err := j.Sources()
	if err != nil {
		return fmt.Errorf("participant: source-remove: %w", err)
	}
	if mids := s.offer.RemoveSources(srcs); len(mids) == 0 {
		return nil
	}
	return s.renegotiate()
}

// TransportInfo applies a new bridge transport (ICE restart) and
// renegotiates; one without ufrag only adds candidates.
func (s *Session) TransportInfo(j *jingle.Jingle) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ready(j); err != nil {
		return err
	}
	t := j.Transport()
	if t == nil {
		return fmt.Errorf("participant: transport-info without transport")
	}
	if t.Ufrag == "" || t.Ufrag == s.offer.Transport.Ufrag {
		merged := s.offer.Transport
		merged.Candidates = append(merged.Candidates, t.Candidates...)
		s.offer.SetTransport(merged)
	} else {
		s.offer.SetTransport(*t)
	}
	return s.renegotiate()
}
