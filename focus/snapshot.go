package focus

import (
	"context"
	"sort"
)

// Snapshot is a read-only view of a conference, for /stats, debugging and
// tests.
type Snapshot struct {
	MeetingID    string
	Started      bool
	NoBridge     bool
	Participants []ParticipantSnapshot // sorted by nick
	Bridges      []string              // bridge JIDs with a session, sorted
	// DroppedIQs counts requests refused because a send queue was full.
	DroppedIQs int
	// SourceAddsSent and SourceRemovesSent count the source-add and
	// source-remove IQs sent to the participants so far (jicofo's
	// jingle_sourceadd_sent and jingle_sourceremove_sent, per conference).
	SourceAddsSent, SourceRemovesSent int64
}

// ParticipantSnapshot is one participant's state.
type ParticipantSnapshot struct {
	Nick, State, Bridge, SID, BridgeSessionID string
	SSRCs                                     int
}

// Snapshot returns the conference's current state.
func (c *Conference) Snapshot(ctx context.Context) (Snapshot, error) {
	return call(ctx, c, (*conference).snapshot)
}

func (c *conference) snapshot() Snapshot {
	out := Snapshot{MeetingID: c.p.MeetingID, Started: c.started, NoBridge: c.noBridge,
		SourceAddsSent: c.sourceAdds.Load(), SourceRemovesSent: c.sourceRemoves.Load()}
	for _, p := range c.sortedParticipants() {
		ps := ParticipantSnapshot{Nick: p.occ.Nick, State: p.state.String(), SID: p.sid,
			SSRCs: len(c.sources.get(p.occ.Nick).SSRCs())}
		if p.bridge != nil {
			ps.Bridge, ps.BridgeSessionID = p.bridge.jid, p.bridge.id
		}
		out.DroppedIQs += p.out.dropped
		out.Participants = append(out.Participants, ps)
	}
	for jid, b := range c.bridges {
		out.Bridges = append(out.Bridges, jid)
		out.DroppedIQs += b.queues.dropped
	}
	sort.Strings(out.Bridges)
	return out
}
