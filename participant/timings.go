package participant

import "time"

// Timings are the moments of one participant's join that a load test
// reports. Zero means "not yet".
type Timings struct {
	ConferenceRequest time.Time // conference IQ sent
	SessionInitiate   time.Time // session-initiate received
	ICEConnected      time.Time
	DTLSConnected     time.Time // PeerConnection connected: DTLS done
	FirstAudio        time.Time // first remote audio packet
	FirstVideo        time.Time // first remote video packet
}

// Since returns the durations from the conference request to the
// session-initiate and from the session-initiate to each later step; steps
// not reached are negative.
func (t Timings) Since() (toInitiate, toICE, toDTLS, toAudio, toVideo time.Duration) {
	d := func(from, to time.Time) time.Duration {
		if from.IsZero() || to.IsZero() {
			return -1
		}
		return to.Sub(from)
	}
	return d(t.ConferenceRequest, t.SessionInitiate), d(t.SessionInitiate, t.ICEConnected),
		d(t.SessionInitiate, t.DTLSConnected), d(t.SessionInitiate, t.FirstAudio), d(t.SessionInitiate, t.FirstVideo)
}

// Timings returns a snapshot of the session's timings.
func (s *Session) Timings() Timings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.timings
}

// MarkConferenceRequest records when the conference IQ was sent.
func (s *Session) MarkConferenceRequest(at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timings.ConferenceRequest = at
}

func (s *Session) mark(field *time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if field.IsZero() {
		*field = s.cfg.Now()
	}
}
