package bridge

import (
	"crypto/rand"
	"encoding/binary"
	"log/slog"
	"strconv"
	"time"

	"github.com/jitsi-go/jitsi-go/sfu"
)

// conference is the bridge's view of one Colibri2 conference: the
// meeting-id jicofo uses, the bridge's own id (in the web socket URL and
// as the SFU conference id) and the endpoints. Guarded by Bridge.mu.
type conference struct {
	id        string
	meetingID string
	name      string
	sc        *sfu.Conference
	log       *slog.Logger
	created   time.Time
	eps       map[string]*endpoint
}

// newConferenceID returns a random hex id as jvb generates them.
func newConferenceID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return strconv.FormatUint(binary.BigEndian.Uint64(b[:]), 16)
}

// createConferenceLocked creates a conference with a fresh id.
func (b *Bridge) createConferenceLocked(meetingID, name string) (*conference, error) {
	id := newConferenceID()
	for b.byID[id] != nil {
		id = newConferenceID()
	}
	sc, err := b.sfu.CreateConference(id)
	if err != nil {
		return nil, err
	}
	c := &conference{
		id: id, meetingID: meetingID, name: name, sc: sc, created: b.cfg.Clock.Now(),
		eps: map[string]*endpoint{},
		log: b.log.With("conf", id, "meeting_id", meetingID),
	}
	b.byID[id] = c
	b.byMeeting[meetingID] = c
	b.totals.conferencesCreated.Add(1)
	c.log.Info("conference created", "name", name)
	b.notify()
	return c, nil
}

// expireConferenceLocked expires every endpoint and removes the conference.
func (b *Bridge) expireConferenceLocked(c *conference, why string) {
	if b.byID[c.id] != c {
		return
	}
	for _, ep := range c.eps {
		ep.closeChannel(1001, "endpoint closed")
	}
	c.eps = map[string]*endpoint{}
	c.sc.Expire()
	delete(b.byID, c.id)
	if b.byMeeting[c.meetingID] == c {
		delete(b.byMeeting, c.meetingID)
	}
	b.totals.conferencesCompleted.Add(1)
	secs := b.cfg.Clock.Now().Sub(c.created).Round(time.Second) / time.Second
	b.totals.conferenceSeconds.Add(uint64(max(0, secs)))
	c.log.Info("conference expired", "reason", why, "duration_s", int64(secs))
	b.notify()
	if b.graceful.Load() && len(b.byID) == 0 {
		b.finish()
	}
}

// expireEndpointLocked removes one endpoint from its conference.
func (b *Bridge) expireEndpointLocked(ep *endpoint, why string) {
	c := ep.conf
	if c.eps[ep.id] != ep {
		return
	}
	delete(c.eps, ep.id)
	ep.closeChannel(1001, "endpoint closed")
	ep.sep.Expire()
	ep.log.Info("endpoint expired", "reason", why)
	b.notify()
}

// lookup returns the endpoint of a conference (by the bridge's id).
func (b *Bridge) lookup(confID, epID string) (*conference, *endpoint) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.byID[confID]
	if c == nil {
		return nil, nil
	}
	return c, c.eps[epID]
}

// peers returns the conference's endpoints other than except (nil = all).
func (b *Bridge) peers(c *conference, except *endpoint) []*endpoint {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]*endpoint, 0, len(c.eps))
	for _, ep := range c.eps {
		if ep != except {
			out = append(out, ep)
		}
	}
	return out
}

// ConferenceID returns the bridge's conference id for a meeting-id (the id
// in the web socket URL).
func (b *Bridge) ConferenceID(meetingID string) (string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.byMeeting[meetingID]
	if c == nil {
		return "", false
	}
	return c.id, true
}

// Endpoint returns the SFU endpoint of a conference's endpoint by meeting-id.
func (b *Bridge) Endpoint(meetingID, endpointID string) (*sfu.Endpoint, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.byMeeting[meetingID]
	if c == nil || c.eps[endpointID] == nil {
		return nil, false
	}
	return c.eps[endpointID].sep, true
}
