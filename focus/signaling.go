package focus

import "github.com/jitsi-go/jitsi-go/jingle"

// sourceSignaling tracks, for one participant, the remote sources its client
// has been told about and those it should know about (jicofo's
// SourceSignaling). Changes accumulate while the Jingle session is pending
// and are sent as one source-remove and one source-add when it is active.
type sourceSignaling struct {
	signaled jingle.ConferenceSourceMap
	desired  jingle.ConferenceSourceMap
}

func newSourceSignaling() *sourceSignaling {
	return &sourceSignaling{signaled: jingle.ConferenceSourceMap{}, desired: jingle.ConferenceSourceMap{}}
}

// reset records that an offer signalled m: both sides become m.
func (s *sourceSignaling) reset(m jingle.ConferenceSourceMap) {
	s.signaled = m.Copy()
	s.desired = m.Copy()
}

// add queues sources to be signalled.
func (s *sourceSignaling) add(m jingle.ConferenceSourceMap) {
	for _, e := range m.Copy() {
		s.desired.Add(e)
	}
}

// remove queues sources to be removed.
func (s *sourceSignaling) remove(m jingle.ConferenceSourceMap) {
	for _, e := range m {
		s.desired.Remove(e)
	}
}

// update returns what must be removed and added so the client's view equals
// the desired one, and records it as signalled. Empty maps mean nothing to send.
func (s *sourceSignaling) update() (remove, add jingle.ConferenceSourceMap) {
	remove, add = jingle.ConferenceSourceMap{}, jingle.ConferenceSourceMap{}
	owners := map[string]bool{}
	for o := range s.signaled {
		owners[o] = true
	}
	for o := range s.desired {
		owners[o] = true
	}
	for o := range owners {
		have, want := s.signaled[o], s.desired[o]
		have.Owner, want.Owner = o, o
		if r := have.Subtract(want); !r.IsEmpty() {
			remove[o] = r
		}
		if a := want.Subtract(have); !a.IsEmpty() {
			add[o] = a
		}
	}
	s.signaled = s.desired.Copy()
	return remove, add
}
