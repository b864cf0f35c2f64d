package focus

import (
	"context"
	"sync"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// jingleCall is one Jingle request an occupant received.
type jingleCall struct {
	To string
	J  *jingle.Jingle
}

// muteCall is one forwarded mute IQ.
type muteCall struct {
	To string
	M  colibri.Mute
}

// fakeSignaller records what the focus sends to occupants and answers every
// request with a result unless told otherwise.
type fakeSignaller struct {
	rec   *recorder[jingleCall]
	mutes *recorder[muteCall]

	mu     sync.Mutex
	refuse map[string]error // occupant JID → error reply to session-initiate
}

func newFakeSignaller() *fakeSignaller {
	return &fakeSignaller{rec: newRecorder[jingleCall](), mutes: newRecorder[muteCall](), refuse: map[string]error{}}
}

// SendJingle implements Signaller.
func (s *fakeSignaller) SendJingle(ctx context.Context, to string, j *jingle.Jingle) error {
	s.rec.add(jingleCall{To: to, J: j})
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refuse[to]; err != nil && j.Action == jingle.ActionSessionInitiate {
		return err
	}
	return nil
}

// SendMute implements Signaller.
func (s *fakeSignaller) SendMute(ctx context.Context, to string, m *colibri.Mute) error {
	s.mutes.add(muteCall{To: to, M: *m})
	return nil
}

// fakePresence records the focus's presence changes.
type fakePresence struct {
	mu         sync.Mutex
	noBridge   []bool
	properties map[string]string
}

func (p *fakePresence) SetBridgeNotAvailable(v bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.noBridge = append(p.noBridge, v)
}

func (p *fakePresence) SetConferenceProperty(k, v string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.properties == nil {
		p.properties = map[string]string{}
	}
	p.properties[k] = v
}
