package focus

import (
	"strings"
	"sync/atomic"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// Totals are a focus's service-wide counters, jicofo's ConferenceMetrics
// counters and JingleStats: conferences add to them where the events happen
// (atomically, from any goroutine) and they outlive the conferences. A Hub
// hands its Totals to every conference it starts. The zero value is ready.
type Totals struct {
	participants      atomic.Int64
	participantsMoved atomic.Int64
	bridgesRemoved    atomic.Int64
	iceFailed         atomic.Int64
	restartRequested  atomic.Int64
	sent, received    [len(jingleActions)]atomic.Int64
}

// TotalsSnapshot is a copy of Totals, taken at one moment per counter.
type TotalsSnapshot struct {
	// Participants counts the occupants that joined a conference
	// (jicofo's total_participants).
	Participants int64
	// ParticipantsMoved counts the participants re-invited because their
	// bridge was removed from their conference; BridgesRemoved counts those
	// removals (jicofo's bridge_failures).
	ParticipantsMoved, BridgesRemoved int64
	// ICEFailed counts session-info reports of a failed ICE state;
	// RestartRequested counts session-terminates asking for a restart
	// (jicofo's participant_notifications).
	ICEFailed, RestartRequested int64
	// JingleSent and JingleReceived count Jingle requests by jicofo's name
	// of the action (JingleAction's constant: SESSION_INITIATE, SOURCEADD,
	// ...); like jicofo they hold only the actions seen so far.
	JingleSent, JingleReceived map[string]int64
}

// jingleActions lists the actions jicofo counts, in the order of its
// JingleAction enum; their index is their counter's.
var jingleActions = [...]jingle.Action{
	jingle.ActionContentAccept, jingle.ActionContentAdd, jingle.ActionContentModify,
	jingle.ActionContentReject, jingle.ActionContentRemove, jingle.ActionDescriptionInfo,
	jingle.ActionSecurityInfo, jingle.ActionSessionAccept, jingle.ActionSessionInfo,
	jingle.ActionSessionInitiate, jingle.ActionSessionTerminate, jingle.ActionTransportAccept,
	jingle.ActionTransportInfo, jingle.ActionTransportReject, jingle.ActionTransportReplace,
	jingle.ActionAddSource, jingle.ActionRemoveSource, jingle.ActionSourceAdd, jingle.ActionSourceRemove,
}

// jingleActionIndex maps an action to its counter; it is only read.
var jingleActionIndex = func() map[jingle.Action]int {
	m := make(map[jingle.Action]int, len(jingleActions))
	for i, a := range jingleActions {
		m[a] = i
	}
	return m
}()

// JingleActionName is jicofo's name for a Jingle action, the JingleAction
// constant that /stats shows: "session-initiate" is SESSION_INITIATE,
// "source-add" is SOURCEADD.
func JingleActionName(a jingle.Action) string {
	switch a {
	case jingle.ActionSourceAdd:
		return "SOURCEADD"
	case jingle.ActionSourceRemove:
		return "SOURCEREMOVE"
	}
	return strings.ToUpper(strings.ReplaceAll(string(a), "-", "_"))
}

// countJingle adds one to the action's counter in c; unknown actions are
// not counted (jicofo cannot parse them).
func countJingle(c *[len(jingleActions)]atomic.Int64, a jingle.Action) {
	if i, ok := jingleActionIndex[a]; ok {
		c[i].Add(1)
	}
}

// jingleSent counts a Jingle request about to be sent.
func (t *Totals) jingleSent(a jingle.Action) { countJingle(&t.sent, a) }

// jingleReceived counts a Jingle request received for a known session.
func (t *Totals) jingleReceived(a jingle.Action) { countJingle(&t.received, a) }

// Snapshot copies the counters.
func (t *Totals) Snapshot() TotalsSnapshot {
	return TotalsSnapshot{
		Participants:      t.participants.Load(),
		ParticipantsMoved: t.participantsMoved.Load(),
		BridgesRemoved:    t.bridgesRemoved.Load(),
		ICEFailed:         t.iceFailed.Load(),
		RestartRequested:  t.restartRequested.Load(),
		JingleSent:        jingleCounts(&t.sent),
		JingleReceived:    jingleCounts(&t.received),
	}
}

// jingleCounts is the non-zero counters of c by jicofo's action name.
func jingleCounts(c *[len(jingleActions)]atomic.Int64) map[string]int64 {
	out := map[string]int64{}
	for i := range c {
		if n := c[i].Load(); n > 0 {
			out[JingleActionName(jingleActions[i])] = n
		}
	}
	return out
}
