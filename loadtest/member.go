package loadtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jitsi-go/jitsi-go/participant"
	"github.com/jitsi-go/jitsi-go/participant/media"
)

// member is one simulated participant of a run.
type member struct {
	conf, idx  int
	room       string
	endpoint   string
	sender     uint32 // payload trailer sender ID
	audio      bool
	video      bool
	cuts       []Cut
	expect     []flow // what it should receive: every other sender's kinds
	started    time.Time
	cancel     context.CancelFunc // ends the participant's context
	mu         sync.Mutex
	p          *participant.Participant
	sess       *participant.Session
	joined     bool
	err        error
	joinedAt   time.Time
	cutResults []CutResult
}

// flow is one kind of media from one sender.
type flow struct {
	sender uint32
	kind   string
}

// plan lays out the members conference by conference (so each conference
// fills quickly) with their sender roles, trailer IDs and cuts.
func plan(o Options) []*member {
	ms := make([]*member, 0, o.Conferences*o.PerConference)
	for c := range o.Conferences {
		for i := range o.PerConference {
			ms = append(ms, &member{conf: c, idx: i,
				room:     fmt.Sprintf("%s%d@conference.%s", o.RoomPrefix, c, o.Domain),
				endpoint: fmt.Sprintf("c%d-p%d", c, i), sender: uint32(c*o.PerConference + i + 1),
				audio: i < o.AudioSenders, video: i < o.VideoSenders})
		}
	}
	for _, m := range ms {
		for _, other := range ms[m.conf*o.PerConference : (m.conf+1)*o.PerConference] {
			if other == m {
				continue
			}
			if other.audio {
				m.expect = append(m.expect, flow{other.sender, "audio"})
			}
			if other.video {
				m.expect = append(m.expect, flow{other.sender, "video"})
			}
		}
	}
	for _, c := range o.Cuts {
		m := ms[c.Conference*o.PerConference+c.Participant]
		m.cuts = append(m.cuts, c)
	}
	return ms
}

// dialer returns the participant transport for the options.
func dialer(o Options) participant.Dialer {
	switch o.Transport {
	case TransportBOSH:
		return participant.BOSH(o.Target)
	case TransportC2S:
		return participant.TCP(o.Target)
	default:
		return participant.WebSocket(o.Target)
	}
}

// join makes the member join within o.JoinTimeout: logged in, in the room,
// its session-accept acknowledged, then (when its conference has other
// senders) its first remote packet. The participant lives on life, which
// ends only with the member's cancel; ctx ending aborts a join in progress.
func (m *member) join(ctx, life context.Context, o Options) {
	pctx, cancel := context.WithCancel(life)
	m.mu.Lock()
	m.cancel, m.started = cancel, time.Now()
	m.mu.Unlock()
	jctx, jcancel := context.WithTimeout(ctx, o.JoinTimeout)
	defer jcancel()
	abort := context.AfterFunc(jctx, cancel) // until the session is accepted
	p, err := participant.Join(pctx, participant.JoinConfig{Dial: dialer(o), Domain: o.Domain, Room: m.room,
		FocusJID: o.FocusJID, Nick: m.endpoint, SendMedia: m.audio || m.video,
		Media: participant.Config{SenderID: m.sender, Audio: m.audio, Video: m.video, Simulcast: o.Simulcast,
			VideoBitrate: o.VideoBitrate, AllowIP: o.AllowIP, OwnSocket: len(m.cuts) > 0}})
	if err != nil {
		abort()
		if jctx.Err() != nil {
			err = fmt.Errorf("not in the room within %v: %w", o.JoinTimeout, err)
		}
		m.fail(fmt.Errorf("join: %w", err))
		return
	}
	m.mu.Lock()
	m.p = p
	m.mu.Unlock()
	var s *participant.Session
	select {
	case s = <-p.Accepted():
	case <-jctx.Done():
	}
	if !abort() || s == nil {
		m.fail(fmt.Errorf("no session accepted within %v (%w)", o.JoinTimeout, errors.Join(append(p.Errors(), jctx.Err())...)))
		return
	}
	m.mu.Lock()
	m.sess, m.joined, m.joinedAt = s, true, time.Now()
	m.mu.Unlock()
	if len(m.expect) == 0 {
		return
	}
	anything := func(st []media.Stats) bool { return len(st) > 0 }
	if err := s.Receiver().Wait(jctx, anything); err != nil && ctx.Err() == nil {
		m.setErr(fmt.Errorf("no remote media within %v of the join start", o.JoinTimeout))
	}
}

// fail records a failed join and stops the participant.
func (m *member) fail(err error) {
	m.setErr(err)
	m.mu.Lock()
	p, cancel := m.p, m.cancel
	m.mu.Unlock()
	if p != nil {
		_ = p.Close()
	}
	cancel()
}

func (m *member) setErr(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err == nil {
		m.err = err
	}
}

// state returns the member's session (nil before it joined) and error.
func (m *member) state() (*participant.Session, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sess, m.joined, m.err
}

// jingleErrors returns what went wrong in the participant's Jingle or
// bridge channel handling while it ran.
func (m *member) jingleErrors() []error {
	m.mu.Lock()
	p := m.p
	m.mu.Unlock()
	if p == nil {
		return nil
	}
	return p.Errors()
}

// leave sends unavailable presence and closes the participant.
func (m *member) leave(ctx context.Context) error {
	m.mu.Lock()
	p, joined, cancel := m.p, m.joined, m.cancel
	m.mu.Unlock()
	if cancel != nil {
		defer cancel()
	}
	if p == nil || !joined {
		return nil
	}
	return p.Leave(ctx)
}
